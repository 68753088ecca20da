//! Logging in: people with a password, regional systems with a key; failures are rate-limited.

use crate::common::{get, json, send, TestApp, Who};
use actix_web::http::Method;
use serde_json::json;

#[actix_web::test]
async fn a_person_logs_in_and_the_token_carries_their_scope() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let reply = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "Coord.Nevers@test.example", "password": "un mot de passe de test"}),
        ),
        None,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        (
            reply.body["role"].as_str(),
            reply.body["campus_ids"][0].as_str()
        ),
        (Some("coordinator"), Some("nevers"))
    );
    let token = reply.body["access_token"].as_str().unwrap().to_owned();
    let campuses = send(&service, get("/api/v1/campuses"), Some(&token)).await;
    assert_eq!(campuses.body["total"], 1);
}

#[actix_web::test]
async fn failed_logins_are_limited() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let attempt = |password: &str| {
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "analyste@test.example", "password": password}),
        )
    };
    for _ in 0..5 {
        let reply = send(&service, attempt("mauvais"), None).await;
        assert_eq!(reply.status, 401);
        assert_eq!(
            reply.body["detail"],
            "adresse électronique ou mot de passe incorrect"
        );
    }
    // Locked now, even with the right password, until the window ends.
    let reply = send(&service, attempt("un mot de passe de test"), None).await;
    assert_eq!(reply.status, 429);
    app.clock.set(crate::common::at("2026-06-01T10:16:00Z"));
    assert_eq!(
        send(&service, attempt("un mot de passe de test"), None)
            .await
            .status,
        200
    );
    let missing = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "a@b.fr"}),
        ),
        None,
    )
    .await;
    assert_eq!(missing.status, 422);
    assert!(
        missing.body["detail"]
            .as_str()
            .unwrap()
            .contains("password"),
        "{}",
        missing.body
    );
}

#[actix_web::test]
async fn a_regional_system_exchanges_its_key_and_sees_its_region_only() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let created = send(
        &service,
        json(
            Method::POST,
            "/api/v1/admin/api-clients",
            &json!({"client_id": "rectorat-dijon", "name": "Rectorat BFC", "region_code": "BFC"}),
        ),
        app.token(Who::Admin).as_deref(),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let key = created.body["client_key"].as_str().unwrap().to_owned();
    let wrong = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/token",
            &json!({"client_id": "rectorat-dijon", "client_key": "nope"}),
        ),
        None,
    )
    .await;
    assert_eq!(wrong.status, 401);
    let token = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/token",
            &json!({"client_id": "rectorat-dijon", "client_key": key}),
        ),
        None,
    )
    .await;
    assert_eq!(
        (token.status.as_u16(), token.body["expires_in"].as_i64()),
        (200, Some(900))
    );
    let token = token.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        send(&service, get("/api/v1/campuses/privas"), Some(&token))
            .await
            .status,
        404
    );
    assert_eq!(
        send(&service, get("/api/v1/campuses/autun"), Some(&token))
            .await
            .status,
        200
    );
    // Deactivated: no more tokens.
    let admin = app.token(Who::Admin);
    assert_eq!(
        send(
            &service,
            actix_web::test::TestRequest::delete().uri("/api/v1/admin/api-clients/rectorat-dijon"),
            admin.as_deref()
        )
        .await
        .status,
        200
    );
    let refused = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/token",
            &json!({"client_id": "rectorat-dijon", "client_key": key}),
        ),
        None,
    )
    .await;
    assert_eq!(refused.status, 401);
}

#[actix_web::test]
async fn admins_create_accounts_with_a_fitting_scope() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let admin = app.token(Who::Admin);
    let create = |body: serde_json::Value| json(Method::POST, "/api/v1/admin/users", &body);
    let bad = send(&service, create(json!({"email": "pas-une-adresse", "display_name": "X", "role": "coordinator", "password": "court"})), admin.as_deref()).await;
    let fields: Vec<_> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        (bad.status.as_u16(), fields),
        (422, vec!["email", "password", "campus_ids"])
    );
    let unknown = send(&service, create(json!({"email": "c@test.example", "display_name": "C", "role": "coordinator", "campus_ids": ["atlantide"], "password": "un mot de passe long"})), admin.as_deref()).await;
    assert_eq!(unknown.status, 422);
    let ok = send(&service, create(json!({"email": "c@test.example", "display_name": "C", "role": "coordinator", "campus_ids": ["autun"], "password": "un mot de passe long"})), admin.as_deref()).await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    let again = send(&service, create(json!({"email": "C@test.example", "display_name": "C", "role": "ministry", "password": "un mot de passe long"})), admin.as_deref()).await;
    assert_eq!(again.status, 409);
    let id = ok.body["id"].as_i64().unwrap();
    let login = json!({"email": "c@test.example", "password": "un mot de passe long"});
    assert_eq!(
        send(
            &service,
            json(Method::POST, "/api/v1/auth/login", &login),
            None
        )
        .await
        .status,
        200
    );
    let uri = format!("/api/v1/admin/users/{id}");
    assert_eq!(
        send(
            &service,
            actix_web::test::TestRequest::delete().uri(&uri),
            admin.as_deref()
        )
        .await
        .status,
        200
    );
    assert_eq!(
        send(
            &service,
            json(Method::POST, "/api/v1/auth/login", &login),
            None
        )
        .await
        .status,
        401
    );
}

#[actix_web::test]
async fn an_account_whose_scope_does_not_fit_its_role_gets_no_token() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    // Written straight into the store (the admin API refuses such an account): a regional user without région.
    let new = pilotage_store::users::NewUser {
        email: "sans.region@test.example",
        display_name: "Sans région",
        role: pilotage_domain::Role::Regional,
        campus_ids: &[],
        region_code: None,
        password: "un mot de passe de test",
    };
    pilotage_store::users::create(&mut app.conn(), &new, chrono::Utc::now()).unwrap();
    let service = service!(app);
    let reply = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "sans.region@test.example", "password": "un mot de passe de test"}),
        ),
        None,
    )
    .await;
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert!(
        reply.body["detail"]
            .as_str()
            .unwrap()
            .contains("compte mal configuré"),
        "{}",
        reply.body
    );
}

#[actix_web::test]
async fn a_lock_from_one_address_leaves_the_owner_free_elsewhere_and_unknown_accounts_cost_a_hash()
{
    let app = TestApp::new("2026-08-31T10:00:00Z");
    let service = service!(app);
    let from = |address: &str, password: &str| {
        json(
            Method::POST,
            "/api/v1/auth/login",
            &json!({"email": "analyste@test.example", "password": password}),
        )
        .peer_addr(address.parse().unwrap())
    };
    for _ in 0..5 {
        let reply = send(&service, from("203.0.113.9:4000", "mauvais"), None).await;
        assert_eq!(reply.status, 401);
    }
    let locked = send(
        &service,
        from("203.0.113.9:4001", "un mot de passe de test"),
        None,
    )
    .await;
    assert_eq!(locked.status, 429);
    // The owner, from another address, still signs in.
    let owner = send(
        &service,
        from("198.51.100.20:5000", "un mot de passe de test"),
        None,
    )
    .await;
    assert_eq!(owner.status, 200, "{}", owner.body);
    // An unknown account is verified against a dummy argon2 hash, like a wrong password.
    let before = pilotage_store::password::dummy_verifications();
    for body in [json!({"email": "personne@test.example", "password": "x"})] {
        let reply = send(
            &service,
            json(Method::POST, "/api/v1/auth/login", &body),
            None,
        )
        .await;
        assert_eq!(reply.status, 401);
    }
    let reply = send(
        &service,
        json(
            Method::POST,
            "/api/v1/auth/token",
            &json!({"client_id": "inconnu", "client_key": "x"}),
        ),
        None,
    )
    .await;
    assert_eq!(reply.status, 401);
    assert!(pilotage_store::password::dummy_verifications() >= before + 2);
}

#[actix_web::test]
async fn a_login_longer_than_an_e_mail_address_is_refused_before_any_lookup() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let long = format!("{}@test.example", "a".repeat(200_000));
    for (uri, body, field) in [
        (
            "/api/v1/auth/login",
            json!({"email": long, "password": "x"}),
            "email",
        ),
        (
            "/api/v1/auth/token",
            json!({"client_id": "c".repeat(255), "client_key": "x"}),
            "client_id",
        ),
    ] {
        let reply = send(&service, json(Method::POST, uri, &body), None).await;
        assert_eq!(reply.status, 422, "{}", reply.body);
        assert_eq!(reply.body["errors"][0]["field"], field);
        assert_eq!(reply.body["errors"][0]["code"], "too_long");
    }
}
