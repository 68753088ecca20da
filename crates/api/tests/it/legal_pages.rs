//! The pages the RGAA and French law require (accessibility statement, legal notice, personal data), open to
//! anyone and leaking nothing; and errors answered to browsers as French pages while the API and other clients keep
//! problem+json.

use crate::common::{send, TestApp, Who};
use crate::pages::html;
use actix_web::cookie::Cookie;
use actix_web::test::TestRequest;
use pilotage_app::auth::SESSION_COOKIE;
use pilotage_domain::ReportStatus;

/// What Chromium sends when it opens a page.
const BROWSER: &str =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

fn as_browser(req: TestRequest) -> TestRequest {
    req.insert_header(("Accept", BROWSER))
}

fn with_session(app: &TestApp, who: Who, req: TestRequest) -> TestRequest {
    match app.token(who) {
        Some(token) => req.cookie(Cookie::new(SESSION_COOKIE, token)),
        None => req,
    }
}

/// Each page and headings it must have, in the order of the models they follow.
const PAGES: [(&str, &str, &[&str]); 3] = [
    (
        "/accessibilite",
        "Déclaration d'accessibilité",
        &[
            "<h2>État de conformité</h2>",
            "<h2>Résultats des tests</h2>",
            "<h2>Contenus non accessibles</h2>",
            "<h2>Établissement de cette déclaration d'accessibilité</h2>",
            "<h3>Technologies utilisées pour la réalisation du service</h3>",
            "<h3>Environnement de test</h3>",
            "<h2>Retour d'information et contact</h2>",
            "<h2>Voies de recours</h2>",
        ],
    ),
    (
        "/mentions-legales",
        "Mentions légales",
        &[
            "<h2>Éditeur</h2>",
            "<h2>Directeur de la publication</h2>",
            "<h2>Hébergement</h2>",
            "<h2>Licences</h2>",
            "<h2>Marque de l'État et système de design</h2>",
            "<h2>Cookies</h2>",
        ],
    ),
    (
        "/donnees-personnelles",
        "Données personnelles",
        &[
            "<h2>Responsable du traitement</h2>",
            "<h2>Pourquoi ces données sont traitées</h2>",
            "<h2>Les données enregistrées et leur durée de conservation</h2>",
            "<h2>Qui reçoit ces données</h2>",
            "<h2>Vos droits</h2>",
            "<h2>Réclamation auprès de la CNIL</h2>",
        ],
    ),
];

#[actix_web::test]
async fn the_legal_pages_open_to_anyone_in_french_with_their_headings() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    for (uri, title, headings) in PAGES {
        let reply = send(&service, as_browser(TestRequest::get().uri(uri)), None).await;
        assert_eq!(reply.status, 200, "{uri}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{uri}");
        let body = html(&reply);
        assert!(body.contains("<html lang=\"fr\">"), "{uri}");
        assert!(body.contains(&format!("<h1>{title}</h1>")), "{uri}: {body}");
        let mut from = 0;
        for heading in headings {
            let at = body[from..]
                .find(heading)
                .unwrap_or_else(|| panic!("{uri}: « {heading} » missing or out of order"));
            from += at;
        }
        // The operator's contact address (PILOTAGE_OPERATOR_EMAIL), and no sign-out form for an anonymous visitor.
        assert!(body.contains("mailto:pilotage@operateur.example"), "{uri}");
        assert!(!body.contains("Se déconnecter"), "{uri}");
    }
    let accessibility = html(&send(&service, TestRequest::get().uri("/accessibilite"), None).await);
    // The state the RGAA prescribes without an audit, and no conformity rate.
    assert!(accessibility.contains("<strong>non conforme</strong>"));
    let main = &accessibility
        [accessibility.find("<main").unwrap()..accessibility.find("</main>").unwrap()];
    assert!(!main.contains('%'), "a rate is announced");
    for recourse in [
        "https://formulaire.defenseurdesdroits.fr/",
        "https://www.defenseurdesdroits.fr/saisir/delegues",
        "Libre réponse 71120",
        "75342 Paris CEDEX 07",
    ] {
        assert!(accessibility.contains(recourse), "{recourse}");
    }
    let privacy = html(
        &send(
            &service,
            TestRequest::get().uri("/donnees-personnelles"),
            None,
        )
        .await,
    );
    assert!(privacy.contains("3 place de Fontenoy"));
    let notice = html(&send(&service, TestRequest::get().uri("/mentions-legales"), None).await);
    assert!(notice.contains("pilotage_session") && notice.contains("pilotage_connexion"));
}

#[actix_web::test]
async fn the_legal_pages_show_no_figure_no_campus_and_no_person_to_anyone() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Submitted,
        Some("2026-05-30T10:00:00Z"),
    );
    let service = service!(app);
    for who in [Who::Anonymous, Who::RegionalOther, Who::CoordinatorOther] {
        for (uri, _, _) in PAGES {
            let reply = send(
                &service,
                with_session(&app, who, as_browser(TestRequest::get().uri(uri))),
                None,
            )
            .await;
            assert_eq!(reply.status, 200, "{who:?} {uri}");
            let body = html(&reply);
            for secret in [
                "nevers",
                "Nevers",
                "autun",
                "coord.nevers",
                "analyste@",
                "étudiants inscrits",
                "Transmis",
            ] {
                assert!(!body.contains(secret), "{who:?} {uri}: « {secret} »");
            }
        }
    }
    // A signed-in person keeps their navigation (their own campus only).
    let reply = send(
        &service,
        with_session(
            &app,
            Who::CoordinatorOther,
            TestRequest::get().uri("/mentions-legales"),
        ),
        None,
    )
    .await;
    let body = html(&reply);
    assert!(body.contains("Se déconnecter") && body.contains("/campus/privas"));
}

#[actix_web::test]
async fn an_unknown_address_is_a_french_page_for_a_browser_and_problem_json_for_the_rest() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let page = send(
        &service,
        as_browser(TestRequest::get().uri("/nulle-part/%3Cscript%3Ealert(1)%3C%2Fscript%3E")),
        None,
    )
    .await;
    assert_eq!(page.status, 404);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    let body = html(&page);
    assert!(
        body.contains("<html lang=\"fr\">") && body.contains("Page introuvable"),
        "{body}"
    );
    assert!(body.contains("href=\"/\""), "a way back");
    assert!(
        !body.contains("<script>alert") && !body.contains("nulle-part"),
        "the address is not echoed"
    );
    let headers_page = actix_web::test::call_service(
        &service,
        as_browser(TestRequest::get().uri("/nulle-part")).to_request(),
    )
    .await;
    assert!(headers_page
        .headers()
        .contains_key("content-security-policy"));
    assert_eq!(
        headers_page.headers().get("cache-control").unwrap(),
        "no-store"
    );
    assert_eq!(headers_page.headers().get("vary").unwrap(), "accept");

    // The API, and any client that does not ask for HTML, keep the API's problem+json.
    for (uri, accept) in [
        ("/api/v1/nope", Some(BROWSER)),
        ("/api/nope", Some(BROWSER)),
        ("/nulle-part", Some("application/json")),
        ("/nulle-part", Some("*/*")),
        ("/nulle-part", None),
        ("/nulle-part", Some("text/html;q=0, application/json")),
    ] {
        let req = TestRequest::get().uri(uri);
        let req = match accept {
            Some(accept) => req.insert_header(("Accept", accept)),
            None => req,
        };
        let reply = send(&service, req, None).await;
        assert_eq!(reply.status, 404, "{uri} {accept:?}");
        assert_eq!(
            reply.content_type, "application/problem+json",
            "{uri} {accept:?}"
        );
        assert_eq!(
            reply.body["detail"],
            format!("aucune ressource GET {uri}"),
            "{uri} {accept:?}"
        );
    }
}

#[actix_web::test]
async fn a_wrong_method_from_a_browser_is_a_french_405_page_and_unchanged_for_the_rest() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    for req in [
        TestRequest::post()
            .uri("/accessibilite")
            .set_form([("a", "b")]),
        TestRequest::post().uri("/mentions-legales"),
        TestRequest::get().uri("/deconnexion"),
        TestRequest::delete().uri("/connexion"),
    ] {
        let reply = send(&service, as_browser(req), None).await;
        assert_eq!(reply.status, 405);
        assert_eq!(reply.content_type, "text/html; charset=utf-8");
        let body = html(&reply);
        assert!(body.contains("<html lang=\"fr\">"));
        assert!(
            body.contains("Cette action n'est pas possible à cette adresse"),
            "{body}"
        );
    }
    // Not a browser, or the API: the answer of before (404 problem+json).
    let reply = send(
        &service,
        TestRequest::post()
            .uri("/accessibilite")
            .insert_header(("Accept", "application/json")),
        None,
    )
    .await;
    assert_eq!(
        (reply.status.as_u16(), reply.content_type.as_str()),
        (404, "application/problem+json")
    );
    let reply = send(
        &service,
        as_browser(TestRequest::delete().uri("/api/v1/campuses")),
        None,
    )
    .await;
    assert_eq!(
        (reply.status.as_u16(), reply.content_type.as_str()),
        (404, "application/problem+json")
    );
    assert_eq!(
        reply.body["detail"],
        "aucune ressource DELETE /api/v1/campuses"
    );
}

#[actix_web::test]
async fn forbidden_and_server_errors_are_french_pages_for_a_browser() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    // 403: a regional system's user on a report's page.
    let reply = send(
        &service,
        with_session(
            &app,
            Who::RegionalOwn,
            as_browser(TestRequest::get().uri("/campus/nevers/rapports/2025-2026")),
        ),
        None,
    )
    .await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.content_type, "text/html; charset=utf-8");
    let body = html(&reply);
    assert!(body.contains("<html lang=\"fr\">") && body.contains("Accès refusé"));

    // 500: the service without its state (a broken deployment). The page, not actix's English text.
    let broken = actix_web::test::init_service(
        actix_web::App::new()
            .configure(pilotage_api::configure)
            .configure(pilotage_web::configure),
    )
    .await;
    for uri in ["/accessibilite", "/"] {
        let reply = send(&broken, as_browser(TestRequest::get().uri(uri)), None).await;
        assert_eq!(reply.status, 500, "{uri}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{uri}");
        let body = html(&reply);
        assert!(
            body.contains("<html lang=\"fr\">") && body.contains("Erreur du service"),
            "{uri}: {body}"
        );
        assert!(!body.contains("Requested application data"), "{uri}");
    }
    // Other clients get what they got before: the error is not turned into a page for them.
    let reply = send(&broken, TestRequest::get().uri("/accessibilite"), None).await;
    assert_eq!(reply.status, 500);
    assert!(!reply.content_type.starts_with("text/html"));
}
