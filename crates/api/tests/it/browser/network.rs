//! The analyst's view of the network in a real browser: a year being reported says « à venir » and « en cours »,
//! not « en retard », with its coverage; the question « which campuses miss the success target? » is asked with
//! the filters, answered in a table and downloadable; every state is checked by axe-core, at 320 px without
//! sideways scrolling, and by keyboard.

use super::*;
use crate::common::{clean_grid, TestApp};
use fantoccini::Locator;
use pilotage_domain::{IndicatorGrid, ReportStatus};

/// 1 December 2026: 2025-2026 handed in (Autun misses the success target), 2026-2027 under way (Nevers sent its
/// report, Autun has a draft).
fn network() -> TestApp {
    let app = TestApp::new("2026-12-01T10:00:00Z");
    for (campus, success) in [("nevers", 17), ("autun", 12), ("privas", 17)] {
        let grid = IndicatorGrid {
            outcome_success: Some(success),
            outcome_failure: Some(20 - success - 2),
            ..clean_grid()
        };
        app.put_report_with(
            campus,
            "2025-2026",
            ReportStatus::Accepted,
            Some("2026-08-20T10:00:00Z"),
            grid,
        );
    }
    app.put_report(
        "nevers",
        "2026-2027",
        ReportStatus::Submitted,
        Some("2026-11-20T10:00:00Z"),
    );
    app.put_report("autun", "2026-2027", ReportStatus::Draft, None);
    app
}

#[actix_web::test]
async fn an_analyst_follows_a_year_under_way_and_asks_who_misses_the_success_target() {
    let driver = start_driver();
    let app = network();
    let (base, server) = start_server(&app);
    let client = browser(&driver).await;
    sign_in(&client, &base, "analyste@test.example").await;

    client
        .goto(&format!("{base}/analyse?annee=2026-2027"))
        .await
        .unwrap();
    let main = text(&client, "main").await;
    assert!(
        main.contains("1 rapport sur 3 — chiffres provisoires"),
        "{main}"
    );
    assert!(!main.contains("échéance dépassée"), "{main}");
    look(&client, "40-analyse-annee-en-cours").await;

    // The question, asked with the pickers.
    client
        .find(Locator::Css("a[href^=\"/analyse/tableau\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Id("champ-indicateur"))
        .await
        .unwrap();
    choose(&client, "champ-annee", "2025-2026").await;
    choose(&client, "champ-indicateur", "Taux de réussite").await;
    choose(&client, "champ-statut", "cible non atteinte").await;
    submit_with(&client, "Afficher").await;
    let table = text(&client, "#tableau-reseau tbody").await;
    assert!(table.contains("Campus connecté d'autun"), "{table}");
    assert!(!table.contains("Campus connecté de nevers"), "{table}");
    assert!(table.contains("cible non atteinte"));
    let link = client
        .find(Locator::LinkText("Télécharger ce tableau (XLSX)"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(
        link.contains("indicateur=success_rate") && link.contains("statut=non-atteinte"),
        "{link}"
    );
    look(&client, "41-analyse-tableau-reussite").await;
    let stops = assert_focus_never_hidden(&client, "le tableau du réseau").await;
    assert!(
        stops >= 8,
        "the filters and the links take the focus ({stops})"
    );

    // A phone: nothing scrolls sideways, the table scrolls in its own box.
    let narrow = browser_sized(&driver, 320, 800).await;
    sign_in(&narrow, &base, "analyste@test.example").await;
    for (uri, name) in [
        ("/analyse?annee=2026-2027", "42-analyse-320px"),
        (
            "/analyse/tableau?annee=2025-2026&indicateur=success_rate",
            "43-analyse-tableau-320px",
        ),
        ("/analyse/parametres?annee=2026-2027", "44-parametres-320px"),
        (
            "/tableaux-de-bord?annee=2025-2026",
            "45-tableaux-de-bord-320px",
        ),
        ("/campus/autun", "46-campus-analyste-320px"),
        ("/campus/nevers/rapports/2026-2027", "47-relecture-320px"),
    ] {
        narrow.goto(&format!("{base}{uri}")).await.unwrap();
        look(&narrow, name).await;
        assert_no_sideways_scroll(&narrow, name).await;
    }
    narrow.close().await.unwrap();
    client.close().await.unwrap();
    server.stop(true).await;
}
