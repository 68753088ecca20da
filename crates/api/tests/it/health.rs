//! `GET /health`, called in-process on the backend chosen by TEST_DATABASE_URL.

use actix_web::{test, web, App};
use pilotage_app::auth::TokenKeys;
use pilotage_app::AppState;
use pilotage_domain::SystemClock;
use pilotage_store::testing::TestDatabase;
use std::sync::Arc;

#[actix_web::test]
async fn health_reports_the_backend_and_that_it_answers() {
    let db = TestDatabase::new().expect("db");
    let pool = pilotage_store::pool(&db.url, 2).expect("pool");
    let state = AppState::new(
        pool,
        db.backend(),
        TokenKeys::from_secret(&[1u8; 32]).expect("keys"),
        Arc::new(SystemClock),
    );
    let app = test::init_service(
        App::new()
            .app_data(web::Data::new(state))
            .configure(pilotage_api::configure)
            .configure(pilotage_web::configure),
    )
    .await;
    let response =
        test::call_service(&app, test::TestRequest::get().uri("/health").to_request()).await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = test::read_body_json(response).await;
    assert_eq!(
        body,
        serde_json::json!({
            "status": "ok",
            "database": {"backend": db.backend().name(), "reachable": true},
            "version": env!("CARGO_PKG_VERSION"),
        })
    );
}

#[actix_web::test]
async fn health_is_503_when_the_database_is_gone() {
    let db = TestDatabase::sqlite().expect("db");
    let pool = pilotage_store::pool(&db.url, 1).expect("pool");
    let state = AppState::new(
        pool,
        db.backend(),
        TokenKeys::from_secret(&[1u8; 32]).expect("keys"),
        Arc::new(SystemClock),
    );
    let app = test::init_service(
        App::new()
            .app_data(web::Data::new(state))
            .configure(pilotage_api::configure)
            .configure(pilotage_web::configure),
    )
    .await;
    // The database file is overwritten with garbage behind the server's back: queries fail.
    std::fs::write(db.url.target(), vec![b'x'; 8192]).expect("corrupt the database file");
    let _ = std::fs::remove_file(format!("{}-wal", db.url.target()));
    let _ = std::fs::remove_file(format!("{}-shm", db.url.target()));
    let response =
        test::call_service(&app, test::TestRequest::get().uri("/health").to_request()).await;
    let status = response.status();
    let body: serde_json::Value = test::read_body_json(response).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "unavailable");
    assert_eq!(body["database"]["reachable"], false);
}
