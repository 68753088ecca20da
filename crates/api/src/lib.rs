//! The HTTP layer of Pilotage: routes, authentication tokens, error mapping. Handlers call the store through
//! `web::block`; they never hold SQL.

pub mod auth;
pub mod error;
pub mod health;
pub mod state;

pub use state::AppState;

use actix_web::web;

/// Declares every route of the service, in one place.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(health::health);
}
