//! The State's design system (DSFR) in the pages, over HTTP: the files embedded in the binary and nothing else
//! under their address, every page in the DSFR's frame (Marianne block and devise, navigation, breadcrumb,
//! standard footer and its mandatory links), nothing inline under the strict policy, status badges, and the
//! confirmation dialog of the irreversible actions with its no-script fallback on the server.

use crate::common::{send, send_page, TestApp, Who};
use crate::pages::{html, post_form};
use actix_web::test::TestRequest;
use pilotage_domain::ReportStatus;

/// The addresses the stylesheet names with `url(…)` (fonts and icons), `data:` ones left out.
fn stylesheet_files(css: &str) -> Vec<String> {
    css.split("url(")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|u| u.trim_matches(|c| c == '"' || c == '\'').to_owned())
        .filter(|u| !u.starts_with("data:"))
        .collect()
}

#[actix_web::test]
async fn the_dsfr_is_served_from_the_binary_with_every_font_and_icon_its_stylesheet_names() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let css = send(
        &service,
        TestRequest::get().uri("/static/dsfr/dsfr.min.css"),
        None,
    )
    .await;
    assert_eq!(css.status, 200);
    assert_eq!(css.content_type, "text/css; charset=utf-8");
    let css = String::from_utf8(css.bytes).unwrap();
    assert!(css.contains(".fr-header"), "not the DSFR's stylesheet");
    let files = stylesheet_files(&css);
    assert!(
        files.iter().any(|f| f.ends_with("Marianne-Regular.woff2")),
        "{files:?}"
    );
    for file in &files {
        let reply = send(
            &service,
            TestRequest::get().uri(&format!("/static/dsfr/{file}")),
            None,
        )
        .await;
        assert_eq!(reply.status, 200, "{file}");
        let expected = if file.ends_with(".woff2") {
            "font/woff2"
        } else if file.ends_with(".woff") {
            "font/woff"
        } else {
            "image/svg+xml"
        };
        assert_eq!(reply.content_type, expected, "{file}");
        assert!(!reply.bytes.is_empty(), "{file}");
    }
    for (file, kind) in [
        ("dsfr.module.min.js", "text/javascript; charset=utf-8"),
        ("dsfr.nomodule.min.js", "text/javascript; charset=utf-8"),
        ("favicon/favicon.svg", "image/svg+xml"),
    ] {
        let reply = send(
            &service,
            TestRequest::get().uri(&format!("/static/dsfr/{file}")),
            None,
        )
        .await;
        assert_eq!(reply.status, 200, "{file}");
        assert_eq!(reply.content_type, kind, "{file}");
    }
    // Only the embedded files: nothing of the disk, of the package or of the build is reachable.
    for path in [
        "/static/dsfr/",
        "/static/dsfr/package.json",
        "/static/dsfr/../Cargo.toml",
        "/static/dsfr/%2e%2e/%2e%2e/Cargo.toml",
        "/static/dsfr/dsfr.min.css.map",
        "/static/dsfr/fonts/../../../../etc/passwd",
        "/static/dsfr/icons/system/nope.svg",
    ] {
        let reply = send(&service, TestRequest::get().uri(path), None).await;
        assert_eq!(reply.status, 404, "{path}");
    }
}

#[actix_web::test]
async fn every_role_s_pages_are_in_the_dsfr_frame_with_nothing_inline() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Submitted,
        Some("2026-05-30T10:00:00Z"),
    );
    let service = service!(app);
    for (who, uri) in [
        (Who::Anonymous, "/connexion"),
        (Who::Anonymous, "/accessibilite"),
        (Who::Anonymous, "/mentions-legales"),
        (Who::Anonymous, "/donnees-personnelles"),
        (Who::Admin, "/administration"),
        (Who::Admin, "/administration/comptes"),
        (Who::Admin, "/administration/journal"),
        (Who::CoordinatorOwn, "/campus/nevers"),
        (Who::CoordinatorOwn, "/campus/nevers/rapports/2025-2026"),
        (Who::Analyst, "/analyse"),
        (Who::Analyst, "/analyse/parametres"),
        (Who::Analyst, "/campus/nevers/rapports/2025-2026"),
        (Who::Ministry, "/tableaux-de-bord"),
        (Who::RegionalOwn, "/campus/nevers"),
    ] {
        let reply = send_page(&service, &app, who, uri).await;
        assert_eq!(reply.status, 200, "{who:?} {uri}");
        let page = html(&reply);
        for piece in [
            "href=\"/static/dsfr/dsfr.min.css\"",
            "src=\"/static/dsfr/dsfr.module.min.js\"",
            "<header class=\"fr-header\" role=\"banner\">",
            "<p class=\"fr-logo\">République<br>française</p>",
            "Pilotage Campus connecté",
            "<footer class=\"fr-footer\" id=\"pied-de-page\" role=\"contentinfo\">",
            "href=\"/accessibilite\"",
            "href=\"/mentions-legales\"",
            "href=\"/donnees-personnelles\"",
            "class=\"fr-breadcrumb\"",
            "href=\"#contenu\"",
        ] {
            assert!(page.contains(piece), "{who:?} {uri}: no {piece}");
        }
        // The strict policy allows nothing inline: every script is a file, no style attribute, no style element.
        assert!(!page.contains("style="), "{who:?} {uri}");
        assert!(!page.contains("<style"), "{who:?} {uri}");
        for script in page.split("<script").skip(1) {
            let tag = script.split('>').next().unwrap();
            assert!(tag.contains("src=\"/static/"), "{who:?} {uri}: {tag}");
        }
        if who == Who::Anonymous {
            assert!(
                !page.contains("fr-nav__link"),
                "{uri}: a menu without a session"
            );
        } else {
            assert!(page.contains("id=\"navigation\""), "{who:?} {uri}");
            assert!(page.contains("Se déconnecter"), "{who:?} {uri}");
        }
    }
}

#[actix_web::test]
async fn statuses_are_badges_and_the_trail_leads_back_to_the_campus() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Submitted,
        Some("2026-05-30T10:00:00Z"),
    );
    let service = service!(app);
    let review = html(
        &send_page(
            &service,
            &app,
            Who::Analyst,
            "/campus/nevers/rapports/2025-2026",
        )
        .await,
    );
    assert!(
        review.contains(
            "<span class=\"fr-badge fr-badge--sm fr-badge--info\">transmis, en attente de relecture</span>"
        ),
        "{review}"
    );
    let trail = review.split("class=\"fr-breadcrumb\"").nth(1).unwrap();
    let trail = trail.split("</nav>").next().unwrap();
    assert!(trail.contains("href=\"/\""), "{trail}");
    assert!(trail.contains("href=\"/campus/nevers\""), "{trail}");
    assert!(
        trail.contains("aria-current=\"page\">Rapport annuel 2025-2026"),
        "{trail}"
    );
    let campus = html(&send_page(&service, &app, Who::CoordinatorOwn, "/campus/nevers").await);
    assert!(
        campus.contains("fr-badge--info\">transmis, en attente de relecture</span>"),
        "{campus}"
    );
}

#[actix_web::test]
async fn accepting_and_submitting_ask_for_confirmation_and_the_server_still_requires_the_box() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Submitted,
        Some("2026-05-30T10:00:00Z"),
    );
    let service = service!(app);
    let review = html(
        &send_page(
            &service,
            &app,
            Who::Analyst,
            "/campus/nevers/rapports/2025-2026",
        )
        .await,
    );
    assert!(review.contains("data-confirm=\"confirmer-acceptation\""));
    assert!(review.contains("<dialog class=\"fr-modal\" id=\"confirmer-acceptation\""));
    assert!(review.contains("Confirmer l'acceptation"));
    // Posted without the box (as a browser without script would if it were left unticked): refused, unchanged.
    let reply = send(
        &service,
        post_form(
            &app,
            Who::Analyst,
            "/campus/nevers/rapports/2025-2026/accepter",
            &[("version", "1")],
        ),
        None,
    )
    .await;
    assert_eq!(reply.status, 422, "{}", html(&reply));
    assert!(html(&reply).contains("confirmation"));
    let stored = pilotage_store::reports::get(
        &mut app.conn(),
        &crate::common::id("nevers"),
        crate::common::year("2025-2026"),
    )
    .unwrap()
    .unwrap();
    assert_eq!(stored.status, ReportStatus::Submitted);

    let other = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(other);
    let form = html(
        &send_page(
            &service,
            &other,
            Who::CoordinatorOwn,
            "/campus/nevers/rapports/2025-2026",
        )
        .await,
    );
    assert!(form.contains("data-confirm=\"confirmer-transmission\""));
    assert!(form.contains("<dialog class=\"fr-modal\" id=\"confirmer-transmission\""));
    assert!(form.contains("Sommaire du rapport"));
    for anchor in [
        "#partie-1",
        "#recit",
        "#ecarts",
        "#indicateurs",
        "#transmettre",
    ] {
        let target = anchor.trim_start_matches('#');
        assert!(form.contains(&format!("href=\"{anchor}\"")), "{anchor}");
        assert!(form.contains(&format!("id=\"{target}\"")), "{anchor}");
    }
}
