//! The report's form as coordinators use it: nothing typed is lost when a submission is refused, every problem of
//! a grid comes in the first round and once, the draft saves itself as people type, nothing scrolls sideways at
//! 320 px and no focused element hides under the sticky save bar.

use super::*;
use crate::common::{id, year, TestApp};
use fantoccini::Locator;
use serde_json::Value;

const FORM: &str = "/campus/nevers/rapports/2025-2026";

async fn open_form(client: &Client, base: &str) {
    client.goto(&format!("{base}{FORM}")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Id("grille"))
        .await
        .unwrap();
}

#[actix_web::test]
async fn a_refused_submission_keeps_every_typed_text_and_saves_it() {
    let driver = start_driver();
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;
    sign_in(&client, &base, "coord.nevers@test.example").await;
    open_form(&client, &base).await;
    // A whole grid whose success rate misses its target, saved: the explanation's field appears.
    for (name, value) in typed_grid() {
        let value = match name {
            "outcome_success" => "15".to_owned(),
            "outcome_failure" => "3".to_owned(),
            _ => value,
        };
        fill(&client, &format!("champ-{name}"), &value).await;
    }
    submit_with(&client, "Enregistrer le brouillon").await;
    text(&client, ".notice-success").await;

    // The explanation and the narrative typed, not saved, the box not ticked, « Transmettre » pressed.
    let explanation = "Trois étudiants ont échoué aux examens de seconde session.";
    let story = "Un partenariat avec la médiathèque.";
    fill(&client, "champ-gap_explanations-success_rate", explanation).await;
    fill(&client, "champ-narrative-achievements", story).await;
    submit_with(&client, "Transmettre le rapport").await;
    assert!(text(&client, "#erreur-champ-confirmation")
        .await
        .contains("cochez la case"));
    assert!(text(&client, "main")
        .await
        .contains("Vos saisies sont enregistrées dans le brouillon"));
    // Both texts are on the page and in the draft.
    assert_eq!(
        value_of(&client, "champ-gap_explanations-success_rate").await,
        explanation
    );
    assert_eq!(
        value_of(&client, "champ-narrative-achievements").await,
        story
    );
    let stored = pilotage_store::reports::get(&mut app.conn(), &id("nevers"), year("2025-2026"))
        .unwrap()
        .unwrap();
    assert_eq!(
        stored
            .gap_explanations
            .get("success_rate")
            .map(String::as_str),
        Some(explanation)
    );
    assert_eq!(stored.narrative.achievements.as_deref(), Some(story));
    look(&client, "20-transmission-refusee-saisies-conservees").await;

    // Ticked this time: submitted.
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

    client.close().await.unwrap();
    server.stop(true).await;
}

#[actix_web::test]
async fn an_invalid_grid_gets_all_its_errors_in_one_round_each_once() {
    let driver = start_driver();
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;
    sign_in(&client, &base, "coord.nevers@test.example").await;
    open_form(&client, &base).await;
    for (name, value) in typed_grid() {
        let value = match name {
            // Unreadable.
            "students_new" => "huit".to_owned(),
            // Above the State subsidy cap.
            "rev_state" => "60000".to_owned(),
            // The programmes add up to 2 more than the students.
            "prog_licence" => (value.parse::<i64>().unwrap() + 2).to_string(),
            _ => value,
        };
        fill(&client, &format!("champ-{name}"), &value).await;
    }
    // The running total of the programmes says it as it is typed.
    let total = text(&client, "#total-sum_programmes .total-value").await;
    assert!(total.contains(" sur "), "{total}");
    submit_with(&client, "Enregistrer le brouillon").await;
    let items: Value = client
        .execute(
            "return Array.from(document.querySelectorAll('#resume-erreurs + ul li')).map(li => li.textContent);",
            vec![],
        )
        .await
        .unwrap();
    let items: Vec<String> = serde_json::from_value(items).unwrap();
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("Dont nouveaux étudiants : « huit »")),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("Subvention de l'État : 60\u{a0}000\u{a0}€ dépasse")),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("Répartition par formation : ")),
        "{items:?}"
    );
    let mut distinct = items.clone();
    distinct.dedup();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), items.len(), "each message once: {items:?}");
    assert_eq!(
        text(&client, "#resume-erreurs").await,
        format!("{} erreurs à corriger", items.len())
    );
    // The breakdown's message is on its total, not on each of its fields.
    assert!(text(&client, "#total-sum_programmes")
        .await
        .contains("Erreur : Répartition par formation"));
    assert_eq!(text(&client, "#erreur-champ-prog_master").await, "");
    look(&client, "21-grille-toutes-les-erreurs-une-fois").await;

    client.close().await.unwrap();
    server.stop(true).await;
}

#[actix_web::test]
async fn the_draft_saves_itself_as_people_type() {
    let driver = start_driver();
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;
    sign_in(&client, &base, "coord.nevers@test.example").await;
    open_form(&client, &base).await;
    fill(&client, "champ-students_enrolled", "21").await;
    // 10:00 UTC on 1 June is noon in Paris.
    client
        .wait()
        .for_element(Locator::XPath(
            "//p[@id='etat-brouillon'][normalize-space()='Brouillon enregistré à 12 h 00']",
        ))
        .await
        .expect("the draft saved as typed");
    let stored = pilotage_store::reports::get(&mut app.conn(), &id("nevers"), year("2025-2026"))
        .unwrap()
        .unwrap();
    assert_eq!(stored.grid.students_enrolled, Some(21));
    // The form's next save starts from the version just saved: no conflict.
    assert_eq!(
        value_of(&client, "version").await,
        stored.version.to_string()
    );
    fill(&client, "champ-students_new", "huit").await;
    client
        .wait()
        .for_element(Locator::XPath(
            "//p[@id='etat-brouillon'][contains(., 'Brouillon non enregistré : 1 valeur à corriger (Dont nouveaux étudiants)')]",
        ))
        .await
        .expect("an unreadable value is named, nothing saved");
    fill(&client, "champ-students_new", "8").await;
    submit_with(&client, "Enregistrer le brouillon").await;
    assert!(text(&client, ".notice-success")
        .await
        .contains("Brouillon enregistré"));
    look(&client, "22-brouillon-enregistre").await;

    // The session expires while the coordinator types: the page says so, instead of « le service ne répond pas ».
    client
        .delete_cookie(pilotage_app::auth::SESSION_COOKIE)
        .await
        .unwrap();
    fill(&client, "champ-students_new", "9").await;
    client
        .wait()
        .for_element(Locator::XPath(
            "//p[@id='etat-brouillon'][contains(., 'votre session a expiré')]",
        ))
        .await
        .expect("an expired session is named");
    let stored = pilotage_store::reports::get(&mut app.conn(), &id("nevers"), year("2025-2026"))
        .unwrap()
        .unwrap();
    assert_eq!(stored.grid.students_new, Some(8));
    assert_eq!(
        value_of(&client, "champ-students_new").await,
        "9",
        "the typed value stays"
    );

    client.close().await.unwrap();
    server.stop(true).await;
}

#[actix_web::test]
async fn pages_fit_320_px_and_focus_never_hides_under_the_save_bar() {
    let driver = start_driver();
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let (base, server) = start_server(&app);
    let narrow = browser_sized(&driver, 320, 800).await;
    narrow.goto(&format!("{base}/connexion")).await.unwrap();
    let width = narrow
        .execute("return document.documentElement.clientWidth;", vec![])
        .await
        .unwrap();
    assert_eq!(width, serde_json::json!(320), "the window is 320 px wide");
    assert_no_sideways_scroll(&narrow, "connexion à 320 px").await;
    sign_in(&narrow, &base, "coord.nevers@test.example").await;
    for (path, name) in [
        ("/campus/nevers", "23-campus-320px"),
        (FORM, "24-rapport-320px"),
        (
            "/campus/nevers/rapports/2025-2026/historique",
            "25-historique-320px",
        ),
    ] {
        narrow.goto(&format!("{base}{path}")).await.unwrap();
        text(&narrow, "h1").await;
        assert_no_sideways_scroll(&narrow, name).await;
        look(&narrow, name).await;
    }
    narrow.close().await.unwrap();

    let client = browser_sized(&driver, 1280, 800).await;
    sign_in(&client, &base, "coord.nevers@test.example").await;
    open_form(&client, &base).await;
    let stops = assert_focus_never_hidden(&client, "le formulaire du rapport").await;
    assert!(
        stops > 50,
        "every field is reached with the keyboard: {stops}"
    );
    client.close().await.unwrap();
    server.stop(true).await;
}
