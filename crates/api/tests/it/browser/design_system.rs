//! The DSFR frame in a real browser, with and without script: the confirmation dialog of an irreversible action
//! (cancel sends nothing, confirm posts), the narrow-screen menu, and without script the menu and breadcrumb in
//! place (the server's refusal without the ticked box is in `design_system.rs`). Every state is checked with
//! axe-core where script runs.

use super::*;
use crate::common::{id, year, TestApp};
use fantoccini::Locator;
use pilotage_domain::ReportStatus;
use pilotage_store::reports;

fn status(app: &TestApp) -> ReportStatus {
    reports::get(&mut app.conn(), &id("nevers"), year("2025-2026"))
        .unwrap()
        .unwrap()
        .status
}

async fn tick_confirmation(client: &Client) {
    client
        .find(Locator::Id("champ-confirmation"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits until the element matched by `css` is shown (`true`) or hidden (`false`).
async fn wait_shown(client: &Client, css: &str, shown: bool) {
    let mut polls = 0;
    loop {
        let found = client.find_all(Locator::Css(css)).await.unwrap();
        let mut now = false;
        for e in &found {
            if e.is_displayed().await.unwrap_or(false) {
                now = true;
            }
        }
        if now == shown {
            return;
        }
        polls += 1;
        assert!(polls < 10_000, "{css} never became shown={shown}");
    }
}

#[actix_web::test]
async fn accepting_a_report_asks_in_a_dialog_that_can_be_cancelled_and_the_menu_opens_on_a_phone() {
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
        .goto(&format!("{base}/campus/nevers/rapports/2025-2026"))
        .await
        .unwrap();
    // The DSFR's script runs under the strict policy (it marks the root when it starts).
    let marked = client
        .execute(
            "return document.documentElement.getAttribute('data-fr-js');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(marked, json!("true"));
    look(&client, "70-dsfr-relecture").await;

    // Ticked, « Accepter » opens the dialog; « Annuler » closes it and sends nothing.
    tick_confirmation(&client).await;
    click_button(&client, "Accepter le rapport").await;
    wait_shown(&client, "#confirmer-acceptation .fr-modal__title", true).await;
    assert!(text(&client, "#confirmer-acceptation")
        .await
        .contains("ne pourra plus le modifier"));
    look(&client, "71-dsfr-dialogue-acceptation").await;
    client
        .find(Locator::XPath(
            "//dialog[@id='confirmer-acceptation']//button[normalize-space()='Annuler']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_shown(&client, "#confirmer-acceptation .fr-modal__title", false).await;
    assert_eq!(status(&app), ReportStatus::Submitted);

    // Again, confirmed this time: posted, accepted.
    submit_with(&client, "Accepter le rapport").await;
    assert!(text(&client, ".notice-success").await.contains("accepté"));
    assert_eq!(status(&app), ReportStatus::Accepted);
    assert!(text(&client, "dl.summary .fr-badge")
        .await
        .to_lowercase()
        .contains("accepté"));
    client.close().await.unwrap();

    // On a phone the navigation is behind « Menu », which opens it.
    let phone = browser_sized(&driver, 320, 900).await;
    sign_in(&phone, &base, "analyste@test.example").await;
    wait_shown(&phone, "#navigation a[href='/analyse/parametres']", false).await;
    assert_no_sideways_scroll(&phone, "accueil 320 px").await;
    click_button(&phone, "Menu").await;
    wait_shown(&phone, "#navigation a[href='/analyse/parametres']", true).await;
    look(&phone, "72-dsfr-menu-320px").await;
    phone.close().await.unwrap();
    server.stop(true).await;
}

#[actix_web::test]
async fn without_script_the_menu_and_the_trail_are_in_place() {
    let driver = start_driver();
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Submitted,
        Some("2026-05-30T10:00:00Z"),
    );
    let (base, server) = start_server(&app);
    let page = format!("{base}/campus/nevers/rapports/2025-2026");

    // The no-script rules at 320 px: the page as the DSFR leaves it when its script has not run (no `data-fr-js`
    // on the root). Chromium with JavaScript turned off cannot be driven: chromedriver's own commands (click,
    // visibility, cookies) run script in the page.
    let phone = browser_sized(&driver, 320, 1400).await;
    sign_in(&phone, &base, "analyste@test.example").await;
    phone.goto(&page).await.unwrap();
    wait_shown(&phone, "#navigation a[href='/analyse/parametres']", false).await;
    phone
        .execute(
            "document.documentElement.removeAttribute('data-fr-js');",
            vec![],
        )
        .await
        .unwrap();
    wait_shown(&phone, "#navigation a[href='/analyse/parametres']", true).await;
    wait_shown(
        &phone,
        ".fr-breadcrumb__list a[href='/campus/nevers']",
        true,
    )
    .await;
    wait_shown(&phone, "#bouton-menu", false).await;
    wait_shown(&phone, ".fr-breadcrumb__button", false).await;
    assert_no_sideways_scroll(&phone, "relecture sans script 320 px").await;
    look(&phone, "73-regles-sans-script-320px").await;
    phone.close().await.unwrap();
    server.stop(true).await;
}
