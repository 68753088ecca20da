//! The report's round trip in a real browser: a coordinator fills in the grid with an error, corrects it, explains
//! a missed target and submits; an analyst returns the report with a comment; the coordinator reads it.
//! Out-of-scope pages and forged forms are refused; a regional user follows statuses without opening a report.

use super::*;
use crate::common::TestApp;
use fantoccini::Locator;
use pilotage_domain::ReportStatus;
use serde_json::{json, Value};

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
    look(&client, "01-connexion").await;
    sign_in(&client, &base, "coord.nevers@test.example").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/campus/nevers");
    assert!(text(&client, "main").await.contains("dans 92 jours"));
    look(&client, "02-campus-coordination").await;

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
    assert!(text(&client, ".notice-error").await.contains("à corriger"));
    // What was typed is still there, to be corrected.
    let typed = client
        .find(Locator::Id("champ-students_new"))
        .await
        .unwrap();
    assert_eq!(typed.prop("value").await.unwrap().as_deref(), Some("huit"));
    look(&client, "03-grille-erreur-par-champ").await;

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
    look(&client, "04-grille-ecart-a-expliquer").await;

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
    // Statuses are badges, shown in capitals by the DSFR: read without case.
    assert!(text(&client, "dl.summary")
        .await
        .to_lowercase()
        .contains("transmis, en attente de relecture"));
    look(&client, "05-rapport-transmis").await;
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
    look(&client, "06-suivi-du-reseau").await;
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
    look(&client, "07-relecture").await;
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
    look(&client, "12-cibles-et-echeances").await;
    sign_out(&client).await;

    // The coordinator reads the comment on the campus's page and on the report's.
    sign_in(&client, &base, "coord.nevers@test.example").await;
    let notice = text(&client, ".notice-error").await;
    assert!(
        notice.contains("Merci de détailler les résultats en attente."),
        "{notice}"
    );
    look(&client, "08-commentaire-pour-la-coordination").await;
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
    look(&client, "09-tableaux-de-bord-ministere").await;

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
    look(&client, "10-autre-campus-introuvable").await;

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
    look(&client, "11-formulaire-sans-jeton-refuse").await;
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
    let main = text(&client, "main").await.to_lowercase();
    assert!(
        main.contains("transmis"),
        "the report's status is shown: {main}"
    );
    let links: Value = client
        .execute(
            "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'));",
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
    look(&client, "13-campus-vu-par-la-region").await;

    client
        .goto(&format!("{base}/campus/nevers/rapports/2025-2026"))
        .await
        .unwrap();
    assert_eq!(text(&client, "h1").await, "Accès refusé");
    assert!(!text(&client, "main").await.contains("Effectif"));
    look(&client, "14-rapport-refuse-a-la-region").await;

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
    look(&client, "15-dossier-de-renouvellement-imprimable").await;

    client.close().await.unwrap();
    server.stop(true).await;
}
