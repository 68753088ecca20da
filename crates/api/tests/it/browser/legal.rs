//! The accessibility statement, the legal notice, the personal-data page and the page of an unknown address in a
//! real browser, as an anonymous visitor: each checked by axe-core, at 1 280 px and at 320 px without sideways
//! scrolling, with screenshots; and the statement is reached from the legal notice by its link.

use super::*;
use crate::common::TestApp;
use fantoccini::Locator;

#[actix_web::test]
async fn the_legal_pages_and_the_unknown_address_page_are_accessible_and_fit_a_phone() {
    let driver = start_driver();
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let (base, server) = start_server(&app);
    let pages = [
        (
            "/accessibilite",
            "Déclaration d'accessibilité",
            "60-accessibilite",
        ),
        (
            "/mentions-legales",
            "Mentions légales",
            "61-mentions-legales",
        ),
        (
            "/donnees-personnelles",
            "Données personnelles",
            "62-donnees-personnelles",
        ),
        ("/nulle-part", "Page introuvable", "63-page-introuvable"),
    ];
    let client = browser(&driver).await;
    for (uri, title, name) in pages {
        client.goto(&format!("{base}{uri}")).await.unwrap();
        assert_eq!(text(&client, "h1").await, title, "{uri}");
        look(&client, name).await;
    }
    // The notice leads to the statement by its link.
    client
        .goto(&format!("{base}/mentions-legales"))
        .await
        .unwrap();
    let old = client.find(Locator::Css("html")).await.unwrap();
    client
        .find(Locator::XPath(
            "//main//a[normalize-space()=\"déclaration d'accessibilité\"]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let mut polls = 0;
    while old.tag_name().await.is_ok() {
        polls += 1;
        assert!(polls < 10_000, "the link led nowhere");
    }
    assert_eq!(text(&client, "h1").await, "Déclaration d'accessibilité");

    let narrow = browser_sized(&driver, 320, 800).await;
    for (uri, _, name) in pages {
        let name = format!("{name}-320px");
        narrow.goto(&format!("{base}{uri}")).await.unwrap();
        look(&narrow, &name).await;
        assert_no_sideways_scroll(&narrow, &name).await;
    }
    narrow.close().await.unwrap();
    client.close().await.unwrap();
    server.stop(true).await;
}
