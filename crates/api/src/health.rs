//! `GET /health`: whether the service and its database answer.

use actix_web::{get, web, HttpResponse};
use pilotage_app::state::AppState;
use pilotage_store::Pool;
use serde::Serialize;
use std::time::Duration;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct DatabaseHealth {
    pub backend: &'static str,
    pub reachable: bool,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Health {
    /// `ok`, or `unavailable` when the database does not answer.
    pub status: &'static str,
    pub database: DatabaseHealth,
    pub version: &'static str,
}

/// How long the health check waits for a connection before it calls the database unreachable.
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(3);

/// Whether a connection can be had and answers.
fn ping(pool: &Pool) -> bool {
    pool.get_timeout(CHECKOUT_TIMEOUT)
        .is_ok_and(|mut conn| pilotage_store::connection::ping(&mut conn).is_ok())
}

#[get("/health")]
pub async fn health(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let reachable = web::block(move || ping(&pool)).await.unwrap_or(false);
    let body = Health {
        status: if reachable { "ok" } else { "unavailable" },
        database: DatabaseHealth {
            backend: state.backend.name(),
            reachable,
        },
        version: env!("CARGO_PKG_VERSION"),
    };
    if reachable {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
