//! The analyst's settings page in a real browser: a target's scope picked by name, refused with what was chosen
//! kept, then saved; the year's dates moved; a report accepted once its lock is confirmed. Every state is checked
//! with axe-core.

use super::*;
use crate::common::{id, year, TestApp};
use fantoccini::Locator;
use pilotage_domain::{DeadlineKind, ReportStatus};
use pilotage_store::{deadlines, reports, targets};

#[actix_web::test]
async fn an_analyst_sets_a_target_the_dates_and_accepts_a_report_in_a_browser() {
    let driver = start_driver();
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Submitted,
        Some("2026-05-30T10:00:00Z"),
    );
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;
    sign_in(&client, &base, "analyste@test.example").await;
    client
        .goto(&format!("{base}/analyse/parametres?annee=2025-2026"))
        .await
        .unwrap();
    look(&client, "30-parametres").await;

    // A target out of range: refused, what was chosen and typed still there.
    choose(&client, "champ-indicator", "Taux de réussite").await;
    choose(&client, "champ-scope", "Campus connecté d'autun").await;
    fill(&client, "champ-value", "120").await;
    submit_with(&client, "Enregistrer la cible").await;
    assert!(text(&client, "#erreur-champ-value")
        .await
        .contains("Erreur"));
    assert_eq!(value_of(&client, "champ-scope").await, "campus:autun");
    assert_eq!(value_of(&client, "champ-indicator").await, "success_rate");
    assert_eq!(value_of(&client, "champ-value").await, "120");
    look(&client, "31-cible-refusee").await;
    fill(&client, "champ-value", "82,5").await;
    submit_with(&client, "Enregistrer la cible").await;
    assert!(text(&client, ".notice-success")
        .await
        .contains("Cible enregistrée"));
    let stored = targets::list(&mut app.conn(), Some(year("2025-2026"))).unwrap();
    assert!(stored
        .iter()
        .any(|t| t.scope.to_string() == "campus:autun" && t.value == 82.5));
    look(&client, "32-cible-enregistree").await;

    // The year's dates (set as the date picker does, whatever the browser's locale).
    client
        .execute(
            "document.getElementById('champ-annual_report_due').value = '2026-09-10';",
            vec![],
        )
        .await
        .unwrap();
    submit_with(&client, "Enregistrer les dates").await;
    assert!(text(&client, ".notice-success")
        .await
        .contains("Dates de l'année enregistrées"));
    assert_eq!(
        deadlines::due(
            &mut app.conn(),
            year("2025-2026"),
            DeadlineKind::AnnualReport
        )
        .unwrap()
        .to_rfc3339(),
        "2026-09-10T21:59:59+00:00"
    );

    // Accepting: the box must be ticked first.
    client
        .goto(&format!("{base}/campus/nevers/rapports/2025-2026"))
        .await
        .unwrap();
    look(&client, "33-relecture-confirmation").await;
    client
        .find(Locator::Id("champ-confirmation"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    submit_with(&client, "Accepter le rapport").await;
    assert!(text(&client, ".notice-success").await.contains("accepté"));
    let report = reports::get(&mut app.conn(), &id("nevers"), year("2025-2026"))
        .unwrap()
        .unwrap();
    assert_eq!(report.status, ReportStatus::Accepted);

    client.close().await.unwrap();
    server.stop(true).await;
}
