//! The lines of SECURITY.md that the HTTP layer answers for: security headers on every response, revocation of
//! a deactivated account's tokens and of a signed-out session's, `Secure` cookies over HTTPS, the last active
//! admin, an audit entry naming the author of every write, and cached statistics that follow every write, whichever
//! instance made it.

use crate::common::{get, json, send, TestApp, Who};
use actix_web::body::MessageBody;
use actix_web::cookie::Cookie;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use chrono::Duration;
use pilotage_app::auth::{TokenKeys, SESSION_COOKIE};
use pilotage_app::cookies::{parse_trusted_proxies, CookiePolicy, SecureCookies};
use pilotage_app::AppState;
use pilotage_domain::{RegionCode, ReportStatus, Role};
use pilotage_store::{api_clients, audit, users};
use serde_json::json;
use std::sync::Arc;

#[actix_web::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    for (path, token) in [
        ("/health", None),
        ("/api/v1/campuses", analyst.as_deref()),
        ("/api/v1/campuses", None),
        ("/api/v1/nowhere", None),
        ("/api/v1/openapi.json", None),
        ("/api/v1/stats/gaps?year=2025-2026", analyst.as_deref()),
    ] {
        let req = actix_web::test::TestRequest::get().uri(path);
        let req = match token {
            Some(t) => req.insert_header(("Authorization", format!("Bearer {t}"))),
            None => req,
        };
        let response = actix_web::test::call_service(&service, req.to_request()).await;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{path}");
        let csp = header("content-security-policy");
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe"), "{path}: {csp}");
    }
}

#[actix_web::test]
async fn the_swagger_ui_still_works_under_its_own_policy() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let page = send(&service, get("/docs/"), None).await;
    assert_eq!(page.status, 200);
    let html = String::from_utf8_lossy(&page.bytes).into_owned();
    // Every script is a file of the service's own: no inline script for the policy to block.
    assert!(html.contains("<script src="), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    let response = actix_web::test::call_service(
        &service,
        actix_web::test::TestRequest::get()
            .uri("/docs/swagger-initializer.js")
            .to_request(),
    )
    .await;
    assert_eq!(response.status(), 200);
    let csp = response
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src") || csp.starts_with("default-src 'self'"),
        "{csp}"
    );
    assert!(!csp.contains("'unsafe-eval'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let body = actix_web::test::read_body(response).await;
    assert!(String::from_utf8_lossy(&body).contains("/api/v1/openapi.json"));
}

#[actix_web::test]
async fn a_deactivated_user_s_tokens_stop_working_at_once() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coordinator = app.token(Who::CoordinatorOwn);
    let admin = app.token(Who::Admin);
    let reply = send(
        &service,
        get("/api/v1/campuses/nevers"),
        coordinator.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200);
    let id = users::find_by_email(&mut app.conn(), "coord.nevers@test.example")
        .unwrap()
        .unwrap()
        .id;
    let reply = send(
        &service,
        actix_web::test::TestRequest::delete().uri(&format!("/api/v1/admin/users/{id}")),
        admin.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = send(
        &service,
        get("/api/v1/campuses/nevers"),
        coordinator.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 401);
    assert!(
        reply.body["detail"].as_str().unwrap().contains("désactivé"),
        "{}",
        reply.body
    );
    // The others keep working.
    let reply = send(&service, get("/api/v1/campuses/nevers"), admin.as_deref()).await;
    assert_eq!(reply.status, 200);
}

#[actix_web::test]
async fn a_deactivated_api_client_s_tokens_stop_working_even_on_another_instance() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let now = app.state.now();
    api_clients::create(
        &mut app.conn(),
        "sirh-bfc",
        "Rectorat",
        RegionCode::BFC,
        "une clé de test assez longue",
        now,
    )
    .unwrap();
    let token = app
        .state
        .tokens
        .issue(
            "sirh-bfc",
            Role::Regional,
            vec![],
            Some(RegionCode::BFC),
            Duration::minutes(15),
            now,
        )
        .unwrap();
    let reply = send(&service, get("/api/v1/campuses"), Some(&token)).await;
    assert_eq!(reply.status, 200);
    // Deactivated through a second instance on the same database.
    let other = AppState::new(
        pilotage_store::pool(&app.db.url, 2).unwrap(),
        app.db.backend(),
        app.state.tokens.clone(),
        Arc::new(app.clock.clone()),
    );
    let other_service = actix_web::test::init_service(
        actix_web::App::new()
            .app_data(actix_web::web::Data::new(other))
            .configure(pilotage_api::configure)
            .configure(pilotage_web::configure),
    )
    .await;
    let reply = send(
        &other_service,
        actix_web::test::TestRequest::delete().uri("/api/v1/admin/api-clients/sirh-bfc"),
        app.token(Who::Admin).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = send(&service, get("/api/v1/campuses"), Some(&token)).await;
    assert_eq!(reply.status, 401);
}

#[actix_web::test]
async fn every_write_is_audited_with_its_author() {
    let app = TestApp::new("2026-10-02T10:00:00Z");
    let service = service!(app);
    let admin = app.token(Who::Admin);
    let created = send(
        &service,
        json(
            Method::POST,
            "/api/v1/admin/users",
            &json!({"email": "nouvelle@test.example", "display_name": "Nouvelle", "role": "analyst", "password": "un mot de passe assez long"}),
        ),
        admin.as_deref(),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_i64().unwrap();
    let reply = send(
        &service,
        actix_web::test::TestRequest::delete().uri(&format!("/api/v1/admin/users/{id}")),
        admin.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200);
    let client = send(
        &service,
        json(
            Method::POST,
            "/api/v1/admin/api-clients",
            &json!({"client_id": "sirh-ara", "name": "Rectorat ARA", "region_code": "ARA"}),
        ),
        admin.as_deref(),
    )
    .await;
    assert_eq!(client.status, 201, "{}", client.body);
    let mut campus = send(&service, get("/api/v1/campuses/nevers"), admin.as_deref())
        .await
        .body;
    campus["premises"]["seats"] = json!(25);
    let reply = send(
        &service,
        json(Method::PUT, "/api/v1/campuses/nevers", &campus),
        admin.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/campuses/nevers/reports/2026-2027",
            &json!({"grid": {"students_enrolled": 12}}),
        ),
        app.token(Who::CoordinatorOwn).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    let mut conn = app.conn();
    let by_admin = audit::by_actor(&mut conn, "admin@test.example").unwrap();
    let expected: Vec<(String, String, Option<String>)> = [
        ("user", "created", "nouvelle@test.example"),
        ("user", "deactivated", "nouvelle@test.example"),
        ("api_client", "created", "sirh-ara"),
        ("campus", "updated", "nevers"),
    ]
    .iter()
    .map(|(e, a, s)| (e.to_string(), a.to_string(), Some(s.to_string())))
    .collect();
    assert_eq!(by_admin, expected);
    // The campus's update names what changed: one entry for the one field, with its old and new values.
    let changes = audit::campus_changes(&mut conn, &crate::common::id("nevers")).unwrap();
    let changed: Vec<_> = changes
        .iter()
        .map(|c| {
            (
                c.field.as_deref(),
                c.old_value.as_deref(),
                c.new_value.as_deref(),
            )
        })
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].0, Some("premises.seats"));
    assert_eq!(changed[0].2, Some("25"));
    assert_ne!(changed[0].1, Some("25"));
    let by_coordinator = audit::by_actor(&mut conn, "coord.nevers@test.example").unwrap();
    assert!(
        by_coordinator
            .iter()
            .any(|(entity, _, campus)| entity == "annual_report"
                && campus.as_deref() == Some("nevers")),
        "{by_coordinator:?}"
    );
}

#[actix_web::test]
async fn cached_statistics_and_dashboards_follow_a_write_made_by_another_instance() {
    let app = TestApp::new("2026-10-02T10:00:00Z");
    let service = service!(app);
    let ministry = app.token(Who::Ministry);
    let uri = "/api/v1/stats/series?indicator=enrolment&from=2025-2026&to=2025-2026";
    let first = send(&service, get(uri), ministry.as_deref()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["points"][0]["value"], serde_json::Value::Null);
    // Served again from the cache: the same bytes.
    let again = send(&service, get(uri), ministry.as_deref()).await;
    assert_eq!(again.bytes, first.bytes);
    let dashboard = "/api/v1/dashboards/national.svg?year=2025-2026";
    let drawn = send(&service, get(dashboard), ministry.as_deref()).await;
    assert_eq!(drawn.status, 200);
    let cached = send(&service, get(dashboard), ministry.as_deref()).await;
    assert_eq!((&cached.etag, &cached.bytes), (&drawn.etag, &drawn.bytes));
    // Written straight to the database, as another instance would.
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Accepted,
        Some("2026-08-20T10:00:00Z"),
    );
    let after = send(&service, get(uri), ministry.as_deref()).await;
    assert_eq!(after.status, 200);
    assert_eq!(after.body["points"][0]["value"], 20.0, "{}", after.body);
    let redrawn = send(&service, get(dashboard), ministry.as_deref()).await;
    assert_eq!(redrawn.status, 200);
    assert_ne!(redrawn.etag, drawn.etag);
    assert_ne!(redrawn.bytes, drawn.bytes);
}

#[actix_web::test]
async fn a_person_s_token_lasts_eight_hours() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let reply = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "analyste@test.example", "password": "un mot de passe de test"}),
        ),
        None,
    )
    .await;
    assert_eq!(reply.body["expires_in"], 8 * 3600, "{}", reply.body);
    let token = reply.body["access_token"].as_str().unwrap().to_owned();
    app.clock.set(crate::common::at("2026-06-01T17:59:59Z"));
    let reply = send(&service, get("/api/v1/campuses"), Some(&token)).await;
    assert_eq!(reply.status, 200);
    app.clock.set(crate::common::at("2026-06-01T18:00:00Z"));
    let reply = send(&service, get("/api/v1/campuses"), Some(&token)).await;
    assert_eq!(reply.status, 401);
    assert!(reply.body["detail"].as_str().unwrap().contains("expiré"));
}

/// Every `fn name(` of the workspace's Rust files.
fn test_functions(dir: &std::path::Path, found: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            test_functions(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_line_of_the_threat_model_names_tests_that_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let model = std::fs::read_to_string(root.join("SECURITY.md")).unwrap();
    let mut sources = String::new();
    test_functions(&root.join("crates"), &mut sources);
    let rows: Vec<&str> = model
        .lines()
        .filter(|l| {
            l.starts_with("| ") && !l.starts_with("| could try") && !l.starts_with("| risk")
        })
        .collect();
    assert!(rows.len() >= 20, "{}", rows.len());
    for row in rows {
        let tests = row.rsplit('|').nth(1).unwrap();
        let names: Vec<&str> = tests
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|n| {
                n.contains('_')
                    && n.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
            .collect();
        assert!(!names.is_empty(), "no test named for: {row}");
        for name in names {
            assert!(
                sources.contains(&format!("fn {name}(")),
                "SECURITY.md names a test that does not exist: {name}"
            );
        }
    }
}

#[actix_web::test]
async fn webhook_registration_and_deletion_are_audited_without_the_secret() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let bfc = app.token(Who::RegionalOwn);
    let reply = send(
        &service,
        json(
            Method::POST,
            "/api/v1/webhooks",
            &json!({"url": "https://sirh.ac-dijon.fr/hooks", "events": ["report.submitted"]}),
        ),
        bfc.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let id = reply.body["webhook"]["id"].as_i64().unwrap();
    let secret = reply.body["secret"].as_str().unwrap().to_owned();
    let deleted = send(
        &service,
        actix_web::test::TestRequest::delete().uri(&format!("/api/v1/webhooks/{id}")),
        bfc.as_deref(),
    )
    .await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    let entries = audit::by_actor(&mut app.conn(), "rectorat-bfc").unwrap();
    let named = format!("{id} https://sirh.ac-dijon.fr/hooks");
    assert_eq!(
        entries,
        vec![
            (
                "webhook".to_owned(),
                "webhook_registered".to_owned(),
                Some(format!("{named} [report.submitted]"))
            ),
            (
                "webhook".to_owned(),
                "webhook_deleted".to_owned(),
                Some(named)
            ),
        ]
    );
    assert!(!format!("{entries:?}").contains(&secret));
}

/// The cookies a sign-in through the pages sets, as the responses gave them: the sign-in form's
/// (`GET /connexion`), then the session's and the spent form cookie (`POST /connexion`). `prepare` sets the peer
/// address and headers of both requests.
async fn sign_in_through_the_pages<S, B>(
    service: &S,
    email: &str,
    prepare: impl Fn(TestRequest) -> TestRequest,
) -> (Cookie<'static>, Cookie<'static>, Cookie<'static>)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let page = actix_web::test::call_service(
        service,
        prepare(TestRequest::get().uri("/connexion")).to_request(),
    )
    .await;
    assert_eq!(page.status(), 200);
    let form_cookie = page
        .response()
        .cookies()
        .find(|c| c.name() == "pilotage_connexion")
        .unwrap()
        .into_owned();
    let html = String::from_utf8(actix_web::test::read_body(page).await.to_vec()).unwrap();
    let start = html.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    let csrf = html[start..].split('"').next().unwrap().to_owned();
    let signed_in = actix_web::test::call_service(
        service,
        prepare(TestRequest::post().uri("/connexion"))
            .cookie(Cookie::new(
                "pilotage_connexion",
                form_cookie.value().to_owned(),
            ))
            .set_form([
                ("email", email),
                ("password", "un mot de passe de test"),
                ("csrf", csrf.as_str()),
            ])
            .to_request(),
    )
    .await;
    assert_eq!(signed_in.status(), 303);
    let cookie = |name: &str| {
        signed_in
            .response()
            .cookies()
            .find(|c| c.name() == name)
            .unwrap()
            .into_owned()
    };
    (
        form_cookie,
        cookie(SESSION_COOKIE),
        cookie("pilotage_connexion"),
    )
}

/// Signs out through the page's form (with the session's anti-forgery token): the status, where it leads, and
/// the session cookie it sets, if any.
async fn sign_out_through_the_page<S, B>(
    service: &S,
    app: &TestApp,
    session: &str,
    prepare: impl Fn(TestRequest) -> TestRequest,
) -> (u16, String, Option<Cookie<'static>>)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let response = actix_web::test::call_service(
        service,
        prepare(TestRequest::post().uri("/deconnexion"))
            .cookie(Cookie::new(SESSION_COOKIE, session.to_owned()))
            .set_form([("csrf", app.state.tokens.csrf_token(session))])
            .to_request(),
    )
    .await;
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let cookie = response
        .response()
        .cookies()
        .find(|c| c.name() == SESSION_COOKIE)
        .map(Cookie::into_owned);
    (response.status().as_u16(), location, cookie)
}

/// A page read with a session cookie: its status and where it leads.
async fn page_with<S, B>(service: &S, uri: &str, session: &str) -> (u16, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let response = actix_web::test::call_service(
        service,
        TestRequest::get()
            .uri(uri)
            .cookie(Cookie::new(SESSION_COOKIE, session.to_owned()))
            .to_request(),
    )
    .await;
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (response.status().as_u16(), location)
}

#[actix_web::test]
async fn signing_out_revokes_the_session_cookie_and_its_bearer_token() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let (_, session, _) =
        sign_in_through_the_pages(&service, "coord.nevers@test.example", |r| r).await;
    let token = session.value().to_owned();
    // A second session of the same person, elsewhere.
    let (_, elsewhere, _) =
        sign_in_through_the_pages(&service, "coord.nevers@test.example", |r| r).await;
    let elsewhere = elsewhere.value().to_owned();
    assert_ne!(token, elsewhere);
    // The session works as a cookie, on the pages and for reads through the API, and as a bearer token.
    assert_eq!(page_with(&service, "/campus/nevers", &token).await.0, 200);
    let by_cookie = |token: &str| {
        get("/api/v1/campuses/nevers").cookie(Cookie::new(SESSION_COOKIE, token.to_owned()))
    };
    assert_eq!(send(&service, by_cookie(&token), None).await.status, 200);
    let uri = "/api/v1/campuses/nevers/reports/2025-2026";
    assert_eq!(send(&service, get(uri), Some(&token)).await.status, 200);

    let (status, location, cleared) =
        sign_out_through_the_page(&service, &app, &token, |r| r).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/connexion?deconnecte=1")
    );
    let cleared = cleared.unwrap();
    assert_eq!(cleared.value(), "");
    assert_eq!(
        cleared.max_age(),
        Some(actix_web::cookie::time::Duration::ZERO)
    );

    // The token stops working everywhere, not only in the browser that dropped the cookie.
    assert_eq!(
        page_with(&service, "/campus/nevers", &token).await,
        (303, "/connexion".to_owned())
    );
    let reply = send(&service, by_cookie(&token), None).await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    let reply = send(&service, get(uri), Some(&token)).await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(reply.content_type, "application/problem+json");
    assert!(
        reply.body["detail"].as_str().unwrap().contains("révoqué"),
        "{}",
        reply.body
    );
    // Signing out again with it leads to the sign-in page.
    let again = sign_out_through_the_page(&service, &app, &token, |r| r).await;
    assert_eq!((again.0, again.1.as_str()), (303, "/connexion"));
    // The person's other session is untouched.
    assert_eq!(
        page_with(&service, "/campus/nevers", &elsewhere).await.0,
        200
    );
    assert_eq!(send(&service, get(uri), Some(&elsewhere)).await.status, 200);
    // Audited, under the person's name.
    let entries = audit::by_actor(&mut app.conn(), "coord.nevers@test.example").unwrap();
    let signed_out: Vec<_> = entries
        .iter()
        .filter(|(entity, action, _)| entity == "session" && action == "signed_out")
        .collect();
    assert_eq!(signed_out.len(), 1, "{entries:?}");
}

#[actix_web::test]
async fn api_logout_revokes_the_bearer_token_on_every_instance() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let login = |email: &str| {
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": email, "password": "un mot de passe de test"}),
        )
    };
    let reply = send(&service, login("analyste@test.example"), None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let token = reply.body["access_token"].as_str().unwrap().to_owned();
    let other_token = send(&service, login("analyste@test.example"), None)
        .await
        .body["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    // A second instance on the same database; both have read (and cached) the token's account.
    let other = AppState::new(
        pilotage_store::pool(&app.db.url, 2).unwrap(),
        app.db.backend(),
        app.state.tokens.clone(),
        Arc::new(app.clock.clone()),
    );
    let other_service = actix_web::test::init_service(
        actix_web::App::new()
            .app_data(actix_web::web::Data::new(other))
            .configure(pilotage_api::configure)
            .configure(pilotage_web::configure),
    )
    .await;
    let read = || get("/api/v1/campuses");
    assert_eq!(send(&service, read(), Some(&token)).await.status, 200);
    assert_eq!(send(&other_service, read(), Some(&token)).await.status, 200);

    let logout = || TestRequest::post().uri("/api/v1/auth/logout");
    let reply = send(&service, logout(), Some(&token)).await;
    assert_eq!(reply.status, 204, "{}", reply.body);
    assert!(reply.bytes.is_empty());
    // Refused on the other instance (which had cached the account) as on this one.
    for reply in [
        send(&other_service, read(), Some(&token)).await,
        send(&service, read(), Some(&token)).await,
    ] {
        assert_eq!(reply.status, 401, "{}", reply.body);
        assert!(reply.body["detail"].as_str().unwrap().contains("révoqué"));
    }
    // The person's other token is untouched.
    assert_eq!(
        send(&other_service, read(), Some(&other_token))
            .await
            .status,
        200
    );

    // Twice: the token is already refused.
    let reply = send(&other_service, logout(), Some(&token)).await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    // Without a token, with a forged or an expired one, with the session cookie instead of the header (a write),
    // or with a validly signed token without an id (signed before ids existed): 401, nothing revoked.
    let forged = TokenKeys::from_secret(&[7u8; 32])
        .unwrap()
        .issue(
            "analyste@test.example",
            Role::Analyst,
            vec![],
            None,
            Duration::hours(1),
            app.state.now(),
        )
        .unwrap();
    let expired = app
        .state
        .tokens
        .issue(
            "analyste@test.example",
            Role::Analyst,
            vec![],
            None,
            Duration::hours(1),
            app.state.now() - Duration::hours(2),
        )
        .unwrap();
    let now = app.state.now().timestamp();
    let without_id = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &json!({"sub": "analyste@test.example", "role": "analyst", "iat": now, "exp": now + 3600, "iss": "pilotage"}),
        &jsonwebtoken::EncodingKey::from_secret(&[42u8; 32]),
    )
    .unwrap();
    let revoked_before = pilotage_store::revoked_tokens::count(&mut app.conn()).unwrap();
    for (what, request, token, detail) in [
        ("no token", logout(), None, "manquant"),
        ("forged", logout(), Some(forged.as_str()), "jeton invalide"),
        ("expired", logout(), Some(expired.as_str()), "expiré"),
        (
            "cookie",
            logout().cookie(Cookie::new(SESSION_COOKIE, other_token.clone())),
            None,
            "manquant",
        ),
        (
            "without id",
            logout(),
            Some(without_id.as_str()),
            "sans identifiant",
        ),
    ] {
        let reply = send(&service, request, token).await;
        assert_eq!(reply.status, 401, "{what}: {}", reply.body);
        assert_eq!(reply.content_type, "application/problem+json", "{what}");
        assert!(
            reply.body["detail"].as_str().unwrap().contains(detail),
            "{what}: {}",
            reply.body
        );
    }
    assert_eq!(
        pilotage_store::revoked_tokens::count(&mut app.conn()).unwrap(),
        revoked_before
    );
    assert_eq!(send(&service, read(), Some(&other_token)).await.status, 200);
    // A token without an id is refused everywhere, not only at the logout.
    assert_eq!(send(&service, read(), Some(&without_id)).await.status, 401);

    // An API client signs out its token the same way.
    let reply = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/token",
            &json!({"client_id": "rectorat-bfc", "client_key": "clé de test"}),
        ),
        None,
    )
    .await;
    let client = reply.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        send(&other_service, logout(), Some(&client)).await.status,
        204
    );
    assert_eq!(send(&service, read(), Some(&client)).await.status, 401);
}

#[actix_web::test]
async fn the_session_cookie_is_secure_over_https_and_behind_a_trusted_proxy_only() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let with = |secure: SecureCookies| {
        app.state.clone().with_cookies(CookiePolicy {
            secure,
            trusted_proxies: parse_trusted_proxies("10.0.0.1, 192.168.10.0/24").unwrap(),
        })
    };
    let service_of = |state: AppState| {
        actix_web::test::init_service(
            actix_web::App::new()
                .app_data(actix_web::web::Data::new(state))
                .configure(pilotage_api::configure)
                .configure(pilotage_web::configure),
        )
    };
    let from = |peer: &'static str, proto: Option<&'static str>| {
        move |req: TestRequest| {
            let req = req.peer_addr(peer.parse().unwrap());
            match proto {
                Some(proto) => req.insert_header(("X-Forwarded-Proto", proto)),
                None => req,
            }
        }
    };
    let email = "coord.nevers@test.example";
    let auto = service_of(with(SecureCookies::Auto)).await;
    for (peer, proto, secure) in [
        // A trusted proxy saying https: the browser is on HTTPS.
        ("10.0.0.1:40000", Some("https"), true),
        ("192.168.10.7:40000", Some("HTTPS, http"), true),
        ("[::ffff:10.0.0.1]:40000", Some("https"), true),
        // Anyone else saying it is not believed.
        ("203.0.113.9:40000", Some("https"), false),
        ("10.0.0.2:40000", Some("https"), false),
        // A trusted proxy saying http, or nothing.
        ("10.0.0.1:40000", Some("http"), false),
        ("10.0.0.1:40000", None, false),
    ] {
        let (form, session, spent) =
            sign_in_through_the_pages(&auto, email, from(peer, proto)).await;
        for cookie in [&form, &session, &spent] {
            assert_eq!(
                cookie.secure().unwrap_or(false),
                secure,
                "{peer} {proto:?}: {cookie}"
            );
            assert_eq!(cookie.http_only(), Some(true), "{cookie}");
            assert_eq!(
                cookie.same_site(),
                Some(actix_web::cookie::SameSite::Strict),
                "{cookie}"
            );
        }
        let (status, _, cleared) =
            sign_out_through_the_page(&auto, &app, session.value(), from(peer, proto)).await;
        assert_eq!(status, 303);
        assert_eq!(
            cleared.unwrap().secure().unwrap_or(false),
            secure,
            "{peer} {proto:?}"
        );
    }
    // `on`: always; `off`: never, whatever a trusted proxy says.
    let on = service_of(with(SecureCookies::On)).await;
    let (form, session, _) =
        sign_in_through_the_pages(&on, email, from("203.0.113.9:1", None)).await;
    assert_eq!((form.secure(), session.secure()), (Some(true), Some(true)));
    let off = service_of(with(SecureCookies::Off)).await;
    let (form, session, _) =
        sign_in_through_the_pages(&off, email, from("10.0.0.1:1", Some("https"))).await;
    assert!(!form.secure().unwrap_or(false) && !session.secure().unwrap_or(false));
}

#[actix_web::test]
async fn the_last_active_admin_cannot_deactivate_itself() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let admin = app.token(Who::Admin);
    let admin_id = users::find_by_email(&mut app.conn(), "admin@test.example")
        .unwrap()
        .unwrap()
        .id;
    let deactivate = |id: i64| TestRequest::delete().uri(&format!("/api/v1/admin/users/{id}"));
    let reply = send(&service, deactivate(admin_id), admin.as_deref()).await;
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(reply.content_type, "application/problem+json");
    assert!(
        reply.body["detail"]
            .as_str()
            .unwrap()
            .contains("le dernier administrateur actif ne peut pas être désactivé"),
        "{}",
        reply.body
    );
    // Nor by an operator's admin token naming nobody (`pilotage token --role admin`): the rule is the account's.
    let operator = app
        .state
        .tokens
        .issue(
            "admin",
            Role::Admin,
            vec![],
            None,
            Duration::hours(1),
            app.state.now(),
        )
        .unwrap();
    let reply = send(&service, deactivate(admin_id), Some(&operator)).await;
    assert_eq!(reply.status, 409, "{}", reply.body);
    // Still active, nothing audited, and its token works.
    assert!(
        users::get(&mut app.conn(), admin_id)
            .unwrap()
            .unwrap()
            .active
    );
    assert_eq!(
        audit::by_actor(&mut app.conn(), "admin@test.example").unwrap(),
        vec![]
    );
    assert_eq!(
        send(&service, get("/api/v1/admin/users"), admin.as_deref())
            .await
            .status,
        200
    );

    // With a second admin, an admin may deactivate itself (its tokens then stop working)…
    let created = send(
        &service,
        json(
            Method::POST,
            "/api/v1/admin/users",
            &json!({"email": "admin2@test.example", "display_name": "Admin 2", "role": "admin", "password": "un mot de passe de test"}),
        ),
        admin.as_deref(),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let second_id = created.body["id"].as_i64().unwrap();
    let second = app
        .state
        .tokens
        .issue(
            "admin2@test.example",
            Role::Admin,
            vec![],
            None,
            Duration::hours(1),
            app.state.now(),
        )
        .unwrap();
    let reply = send(&service, deactivate(admin_id), admin.as_deref()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["active"], false);
    assert_eq!(
        send(&service, get("/api/v1/admin/users"), admin.as_deref())
            .await
            .status,
        401
    );
    // …and the one left is the last: refused.
    let reply = send(&service, deactivate(second_id), Some(&second)).await;
    assert_eq!(reply.status, 409, "{}", reply.body);
    // Deactivating the one already deactivated changes nothing; an absent or malformed id is named.
    let reply = send(&service, deactivate(admin_id), Some(&second)).await;
    assert_eq!(
        (reply.status.as_u16(), &reply.body["active"]),
        (200, &json!(false))
    );
    let reply = send(&service, deactivate(999_999), Some(&second)).await;
    assert_eq!(reply.status, 404, "{}", reply.body);
    assert!(reply.body["detail"].as_str().unwrap().contains("999999"));
    let reply = send(
        &service,
        TestRequest::delete().uri("/api/v1/admin/users/abc"),
        Some(&second),
    )
    .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(
        audit::by_actor(&mut app.conn(), "admin@test.example").unwrap(),
        vec![
            (
                "user".to_owned(),
                "created".to_owned(),
                Some("admin2@test.example".to_owned())
            ),
            (
                "user".to_owned(),
                "deactivated".to_owned(),
                Some("admin@test.example".to_owned())
            ),
        ]
    );
    assert_eq!(
        audit::by_actor(&mut app.conn(), "admin2@test.example").unwrap(),
        vec![]
    );
}

#[actix_web::test]
async fn a_deactivated_user_can_be_reactivated_and_old_tokens_stay_invalid() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let admin = app.token(Who::Admin);
    let login = || {
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "coord.nevers@test.example", "password": "un mot de passe de test"}),
        )
    };
    let old = send(&service, login(), None).await.body["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let read = || get("/api/v1/campuses/nevers");
    assert_eq!(send(&service, read(), Some(&old)).await.status, 200);
    let id = users::find_by_email(&mut app.conn(), "coord.nevers@test.example")
        .unwrap()
        .unwrap()
        .id;
    let reactivate =
        |id: &str| TestRequest::post().uri(&format!("/api/v1/admin/users/{id}/reactivate"));
    let reply = send(
        &service,
        TestRequest::delete().uri(&format!("/api/v1/admin/users/{id}")),
        admin.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(send(&service, login(), None).await.status, 401);
    // Only an admin reactivates.
    let reply = send(
        &service,
        reactivate(&id.to_string()),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 403, "{}", reply.body);
    let reply = send(&service, reactivate(&id.to_string()), admin.as_deref()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["active"], true);
    assert_eq!(reply.body["email"], "coord.nevers@test.example");
    // The token issued before the deactivation stays refused, as a bearer token and as a session.
    let reply = send(&service, read(), Some(&old)).await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert!(
        reply.body["detail"]
            .as_str()
            .unwrap()
            .contains("avant la dernière désactivation"),
        "{}",
        reply.body
    );
    assert_eq!(
        page_with(&service, "/campus/nevers", &old).await,
        (303, "/connexion".to_owned())
    );
    // A new sign-in works (a second later: `iat` counts whole seconds).
    app.clock.set(crate::common::at("2026-06-01T10:00:01Z"));
    let reply = send(&service, login(), None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let new = reply.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(send(&service, read(), Some(&new)).await.status, 200);
    assert_eq!(send(&service, read(), Some(&old)).await.status, 401);
    // Reactivating an active account changes nothing; absent and malformed ids are named.
    let reply = send(&service, reactivate(&id.to_string()), admin.as_deref()).await;
    assert_eq!(
        (reply.status.as_u16(), &reply.body["active"]),
        (200, &json!(true))
    );
    let reply = send(&service, reactivate("999999"), admin.as_deref()).await;
    assert_eq!(reply.status, 404, "{}", reply.body);
    assert!(reply.body["detail"]
        .as_str()
        .unwrap()
        .contains("introuvable"));
    let reply = send(&service, reactivate("abc"), admin.as_deref()).await;
    assert_eq!(reply.status, 400, "{}", reply.body);

    // An API client likewise.
    let client_token = |app: &TestApp| {
        app.state
            .tokens
            .issue(
                "rectorat-bfc",
                Role::Regional,
                vec![],
                Some(RegionCode::BFC),
                Duration::minutes(15),
                app.state.now(),
            )
            .unwrap()
    };
    let old_client = client_token(&app);
    let reply = send(
        &service,
        TestRequest::delete().uri("/api/v1/admin/api-clients/rectorat-bfc"),
        admin.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = send(
        &service,
        TestRequest::post().uri("/api/v1/admin/api-clients/rectorat-bfc/reactivate"),
        admin.as_deref(),
    )
    .await;
    assert_eq!(
        (reply.status.as_u16(), &reply.body["active"]),
        (200, &json!(true))
    );
    assert_eq!(send(&service, read(), Some(&old_client)).await.status, 401);
    app.clock.set(crate::common::at("2026-06-01T10:00:02Z"));
    let reply = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/token",
            &json!({"client_id": "rectorat-bfc", "client_key": "clé de test"}),
        ),
        None,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let new_client = reply.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(send(&service, read(), Some(&new_client)).await.status, 200);
    let reply = send(
        &service,
        TestRequest::post().uri("/api/v1/admin/api-clients/personne/reactivate"),
        admin.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 404, "{}", reply.body);

    let entries = audit::by_actor(&mut app.conn(), "admin@test.example").unwrap();
    let expected: Vec<(String, String, Option<String>)> = [
        ("user", "deactivated", "coord.nevers@test.example"),
        ("user", "reactivated", "coord.nevers@test.example"),
        ("api_client", "deactivated", "rectorat-bfc"),
        ("api_client", "reactivated", "rectorat-bfc"),
    ]
    .iter()
    .map(|(e, a, s)| (e.to_string(), a.to_string(), Some(s.to_string())))
    .collect();
    assert_eq!(entries, expected);
}

#[actix_web::test]
async fn two_admins_deactivating_each_other_at_once_leave_one_active() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let admin = app.token(Who::Admin).unwrap();
    let created = send(
        &service,
        json(
            Method::POST,
            "/api/v1/admin/users",
            &json!({"email": "admin2@test.example", "display_name": "Admin 2", "role": "admin", "password": "un mot de passe de test"}),
        ),
        Some(&admin),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let second = app
        .state
        .tokens
        .issue(
            "admin2@test.example",
            Role::Admin,
            vec![],
            None,
            Duration::hours(1),
            app.state.now(),
        )
        .unwrap();
    let first_id = users::find_by_email(&mut app.conn(), "admin@test.example")
        .unwrap()
        .unwrap()
        .id;
    let second_id = created.body["id"].as_i64().unwrap();
    let deactivate = |id: i64| TestRequest::delete().uri(&format!("/api/v1/admin/users/{id}"));
    let (one, other) = futures_util::future::join(
        send(&service, deactivate(second_id), Some(&admin)),
        send(&service, deactivate(first_id), Some(&second)),
    )
    .await;
    // One passes; the other is refused by the rule (409) or, when it comes second, already with its own account
    // deactivated (401). Never both: that would leave no active admin.
    let mut statuses = [one.status.as_u16(), other.status.as_u16()];
    statuses.sort_unstable();
    assert!(
        statuses == [200, 401] || statuses == [200, 409],
        "{statuses:?}: {} / {}",
        one.body,
        other.body
    );
    assert_eq!(
        users::active_with_role(&mut app.conn(), Role::Admin)
            .unwrap()
            .len(),
        1
    );
}
