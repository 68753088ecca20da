//! The pages in a real browser: headless Chromium driven over WebDriver (chromedriver) against a real HTTP server
//! on 127.0.0.1 over a test database (SQLite, or PostgreSQL under TEST_DATABASE_URL). A coordinator fills in the
//! grid with an error, corrects it, explains a missed target and submits; an analyst returns the report with a
//! comment; the coordinator reads it. Out-of-scope pages and forged forms are refused. Screenshots of the main
//! pages are written to `$CARGO_TARGET_DIR/browser-screenshots/` (else `target/browser-screenshots/`).
//!
//! These tests need Debian's `chromium` and `chromium-driver` (`bash .ci/test` installs them): without them they
//! fail, saying so.

use crate::common::{clean_grid_json, TestApp};
use actix_web::{App, HttpServer};
use fantoccini::{Client, ClientBuilder, Locator};
use pilotage_domain::{FieldKind, ReportStatus, GRID_FIELDS};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const PASSWORD: &str = "un mot de passe de test";

/// A chromedriver started for one test, stopped with it.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromedriver_path() -> PathBuf {
    PathBuf::from(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()))
}

fn chromium_path() -> PathBuf {
    PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
}

/// Starts chromedriver on a free port and waits for the line saying it is ready.
fn start_driver() -> Driver {
    let path = chromedriver_path();
    assert!(
        path.exists() && chromium_path().exists(),
        "browser tests need Chromium and its WebDriver: {} or {} is missing. Install them with \
         `apt-get install -y chromium chromium-driver` (bash .ci/test does it), or set CHROMEDRIVER and CHROMIUM.",
        path.display(),
        chromium_path().display()
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(&path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", path.display()));
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let ready = lines.any(|line| line.is_ok_and(|l| l.contains("started successfully")));
    assert!(ready, "chromedriver stopped before saying it was ready");
    // Keep reading its output so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Driver { child, port }
}

/// The pages' server on a port of its own, over the test application's database and clock.
fn start_server(app: &TestApp) -> (String, actix_web::dev::ServerHandle) {
    let data = app.data();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .configure(pilotage_api::configure)
            .configure(pilotage_web::configure)
    })
    .workers(2)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let port = server.addrs()[0].port();
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (format!("http://127.0.0.1:{port}"), handle)
}

async fn browser(driver: &Driver) -> Client {
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": chromium_path(),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,2400", "--lang=fr-FR"]
        }
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    let dir = target.join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

async fn text(client: &Client, css: &str) -> String {
    client
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

async fn click_button(client: &Client, label: &str) {
    client
        .find(Locator::XPath(&format!(
            "//button[normalize-space()=\"{label}\"]"
        )))
        .await
        .unwrap_or_else(|e| panic!("button « {label} »: {e}"))
        .click()
        .await
        .unwrap();
}

/// Clicks the button and waits for the page it leads to: the old page's root goes stale once the new one is shown.
async fn submit_with(client: &Client, label: &str) {
    let old = client.find(Locator::Css("html")).await.unwrap();
    click_button(client, label).await;
    let mut polls = 0;
    while old.tag_name().await.is_ok() {
        polls += 1;
        assert!(polls < 10_000, "« {label} » led nowhere");
    }
}

async fn fill(client: &Client, id: &str, value: &str) {
    let input = client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"));
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
}

async fn sign_in(client: &Client, base: &str, email: &str) {
    client.goto(&format!("{base}/connexion")).await.unwrap();
    fill(client, "email", email).await;
    fill(client, "password", PASSWORD).await;
    submit_with(client, "Se connecter").await;
    client
        .wait()
        .for_element(Locator::Css("form.sign-out"))
        .await
        .unwrap();
}

async fn sign_out(client: &Client) {
    submit_with(client, "Se déconnecter").await;
    client
        .wait()
        .for_element(Locator::Id("email"))
        .await
        .unwrap();
}

/// The grid of `crate::common::clean_grid_json` as a person types it: euros with a decimal comma, themes with semicolons.
fn typed_grid() -> Vec<(&'static str, String)> {
    let grid = clean_grid_json();
    GRID_FIELDS
        .iter()
        .map(|spec| {
            let value = &grid[spec.name];
            let text = match spec.kind {
                FieldKind::Money => format!("{}", value.as_i64().unwrap() / 100),
                FieldKind::Decimal => value.to_string().replace('.', ","),
                FieldKind::Texts => value
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join("; "),
                FieldKind::Count => value.to_string(),
            };
            (spec.name, text)
        })
        .collect()
}

#[actix_web::test]
async fn a_report_goes_from_the_coordinator_to_the_analyst_and_back_in_a_browser() {
    let driver = start_driver();
    // 1 June 2026: the 2025-2026 report is open, its deadline three months ahead; last year's are in.
    let app = TestApp::new("2026-06-01T10:00:00Z");
    for campus in ["nevers", "autun", "privas"] {
        app.put_report(
            campus,
            "2024-2025",
            ReportStatus::Accepted,
            Some("2025-08-20T10:00:00Z"),
        );
    }
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;

    // The coordinator signs in and lands on the campus's page.
    client.goto(&format!("{base}/connexion")).await.unwrap();
    screenshot(&client, "01-connexion").await;
    sign_in(&client, &base, "coord.nevers@test.example").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/campus/nevers");
    assert!(text(&client, "main").await.contains("dans 92 jours"));
    screenshot(&client, "02-campus-coordination").await;

    // The grid, with a count typed in words: refused, the message beside the field, nothing saved.
    client
        .find(Locator::LinkText("Remplir le rapport 2025-2026"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Id("grille"))
        .await
        .unwrap();
    for (name, value) in typed_grid() {
        let value = match name {
            "students_new" => "huit".to_owned(),
            // 15 successes out of 20: 75 %, below the 80 % target.
            "outcome_success" => "15".to_owned(),
            "outcome_failure" => "3".to_owned(),
            _ => value,
        };
        fill(&client, &format!("champ-{name}"), &value).await;
    }
    // While the coordinator types, the page's script has the server recompute the indicators (nothing saved).
    client
        .wait()
        .for_element(Locator::XPath(
            "//table[@id='table-indicateurs']//tr[th='Taux de réussite']/td[1][starts-with(normalize-space(), '75,0')]",
        ))
        .await
        .expect("the success rate recomputed from the values typed");
    assert!(text(&client, "#source-indicateurs")
        .await
        .contains("valeurs saisies"));
    submit_with(&client, "Enregistrer le brouillon").await;
    let message = text(&client, "#erreur-champ-students_new").await;
    assert_eq!(
        message,
        "Erreur : Dont nouveaux étudiants : « huit » n'est pas un nombre entier"
    );
    assert!(text(&client, ".notice-error")
        .await
        .contains("1 point(s) à corriger"));
    // What was typed is still there, to be corrected.
    let typed = client
        .find(Locator::Id("champ-students_new"))
        .await
        .unwrap();
    assert_eq!(typed.prop("value").await.unwrap().as_deref(), Some("huit"));
    screenshot(&client, "03-grille-erreur-par-champ").await;

    // Corrected and saved: the missed target now asks for its explanation.
    fill(&client, "champ-students_new", "8").await;
    submit_with(&client, "Enregistrer le brouillon").await;
    assert!(text(&client, ".notice-success")
        .await
        .contains("Brouillon enregistré"));
    let label = text(&client, "label[for='champ-gap_explanations-success_rate']").await;
    assert_eq!(label, "Écart : Taux de réussite");
    client
        .execute(
            "document.getElementById('ecarts').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    screenshot(&client, "04-grille-ecart-a-expliquer").await;

    // Submitting without the explanation is refused, the reason beside the explanation's field.
    client
        .find(Locator::Id("champ-confirmation"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    submit_with(&client, "Transmettre le rapport").await;
    let refusal = text(&client, "#erreur-champ-gap_explanations-success_rate").await;
    assert!(refusal.contains("n'atteint pas sa cible"), "{refusal}");

    // Explained, saved, confirmed and submitted.
    fill(
        &client,
        "champ-gap_explanations-success_rate",
        "Trois étudiants ont échoué aux examens de seconde session.",
    )
    .await;
    submit_with(&client, "Enregistrer le brouillon").await;
    text(&client, ".notice-success").await;
    client
        .find(Locator::Id("champ-confirmation"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    submit_with(&client, "Transmettre le rapport").await;
    assert!(text(&client, ".notice-success")
        .await
        .contains("Rapport transmis"));
    assert!(text(&client, "dl.summary")
        .await
        .contains("transmis, en attente de relecture"));
    screenshot(&client, "05-rapport-transmis").await;
    sign_out(&client).await;

    // The analyst finds it in the review queue and returns it with a comment.
    sign_in(&client, &base, "analyste@test.example").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/analyse");
    // In June the follow-up opens on the year whose report was due last September; the year is chosen on the page.
    client
        .find(Locator::Id("annee"))
        .await
        .unwrap()
        .select_by_value("2025-2026")
        .await
        .unwrap();
    submit_with(&client, "Afficher").await;
    assert!(text(&client, "main")
        .await
        .contains("File de relecture (1)"));
    screenshot(&client, "06-suivi-du-reseau").await;
    client
        .find(Locator::LinkText(
            "Relire le rapport de Campus connecté de nevers",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let explanation = text(&client, "tr.missed").await;
    assert!(explanation.contains("seconde session"), "{explanation}");
    screenshot(&client, "07-relecture").await;
    fill(
        &client,
        "champ-comment",
        "Merci de détailler les résultats en attente.",
    )
    .await;
    submit_with(&client, "Renvoyer pour correction").await;
    assert!(text(&client, ".notice-success")
        .await
        .contains("renvoyé pour correction"));
    client
        .goto(&format!("{base}/analyse/parametres?annee=2025-2026"))
        .await
        .unwrap();
    assert!(text(&client, "main")
        .await
        .contains("Accorder une dérogation"));
    screenshot(&client, "12-cibles-et-echeances").await;
    sign_out(&client).await;

    // The coordinator reads the comment on the campus's page and on the report's.
    sign_in(&client, &base, "coord.nevers@test.example").await;
    let notice = text(&client, ".notice-error").await;
    assert!(
        notice.contains("Merci de détailler les résultats en attente."),
        "{notice}"
    );
    screenshot(&client, "08-commentaire-pour-la-coordination").await;
    sign_out(&client).await;

    // The ministry's dashboards, drawn for its session.
    sign_in(&client, &base, "ministere@test.example").await;
    assert_eq!(
        client.current_url().await.unwrap().path(),
        "/tableaux-de-bord"
    );
    let loaded: Value = client
        .execute(
            "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(loaded, Value::Bool(true), "every dashboard image is drawn");
    screenshot(&client, "09-tableaux-de-bord-ministere").await;

    client.close().await.unwrap();
    server.stop(true).await;
}

#[actix_web::test]
async fn other_campuses_and_forged_forms_are_refused_in_a_browser() {
    let driver = start_driver();
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;
    sign_in(&client, &base, "coord.nevers@test.example").await;

    // Another campus's page is answered as if it did not exist.
    client
        .goto(&format!("{base}/campus/privas/rapports/2025-2026"))
        .await
        .unwrap();
    assert_eq!(text(&client, "h1").await, "Page introuvable");
    assert!(text(&client, "main")
        .await
        .contains("campus « privas » introuvable"));
    screenshot(&client, "10-autre-campus-introuvable").await;

    // The grid's form without its anti-forgery token: refused, nothing saved.
    client
        .goto(&format!("{base}/campus/nevers/rapports/2025-2026"))
        .await
        .unwrap();
    fill(&client, "champ-students_enrolled", "20").await;
    client
        .execute(
            "document.querySelector('#grille input[name=csrf]').remove();",
            vec![],
        )
        .await
        .unwrap();
    submit_with(&client, "Enregistrer le brouillon").await;
    assert_eq!(text(&client, "h1").await, "Accès refusé");
    assert!(text(&client, "main").await.contains("jeton de sécurité"));
    screenshot(&client, "11-formulaire-sans-jeton-refuse").await;
    let report = pilotage_store::reports::get(
        &mut app.conn(),
        &crate::common::id("nevers"),
        crate::common::year("2025-2026"),
    )
    .unwrap();
    assert!(report.is_none(), "nothing was saved");

    client.close().await.unwrap();
    server.stop(true).await;
}

#[actix_web::test]
async fn a_regional_user_follows_statuses_but_never_opens_a_report_in_a_browser() {
    let driver = start_driver();
    let app = TestApp::new("2026-10-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2025-2026",
        pilotage_domain::ReportStatus::Submitted,
        Some("2026-08-20T10:00:00Z"),
    );
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;
    sign_in(&client, &base, "rectorat.bfc@test.example").await;

    client.goto(&format!("{base}/campus/nevers")).await.unwrap();
    let main = text(&client, "main").await;
    assert!(
        main.contains("transmis"),
        "the report's status is shown: {main}"
    );
    let links: Value = client
        .execute(
            "return Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'));",
            vec![],
        )
        .await
        .unwrap();
    let links: Vec<String> = serde_json::from_value(links).unwrap();
    assert!(
        !links
            .iter()
            .any(|l| l.contains("/rapports/") || l.contains("/enquete/")),
        "no link to a report's or a survey's content: {links:?}"
    );
    screenshot(&client, "13-campus-vu-par-la-region").await;

    client
        .goto(&format!("{base}/campus/nevers/rapports/2025-2026"))
        .await
        .unwrap();
    assert_eq!(text(&client, "h1").await, "Accès refusé");
    assert!(!text(&client, "main").await.contains("Effectif"));
    screenshot(&client, "14-rapport-refuse-a-la-region").await;

    // The printable renewal record is styled under its own strict policy (the stylesheet is served).
    client
        .goto(&format!("{base}/campus/nevers/dossier-de-poursuite"))
        .await
        .unwrap();
    let border: Value = client
        .execute(
            "return getComputedStyle(document.querySelector('h2')).borderBottomColor;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        border,
        json!("rgb(0, 0, 145)"),
        "the renewal stylesheet applies"
    );
    screenshot(&client, "15-dossier-de-renouvellement-imprimable").await;

    client.close().await.unwrap();
    server.stop(true).await;
}
