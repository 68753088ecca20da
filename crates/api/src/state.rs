//! What every handler shares: the database pool, the token keys, the clock, the login limiter and what was
//! computed from the data (kept while the data version stays the same).

use crate::auth::{LoginLimiter, TokenKeys};
use crate::freshness::Freshness;
use pilotage_domain::Clock;
use pilotage_store::{Backend, Pool};
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub tokens: TokenKeys,
    pub clock: Arc<dyn Clock>,
    pub login_limiter: Arc<LoginLimiter>,
    pub freshness: Arc<Freshness>,
}

impl AppState {
    pub fn new(pool: Pool, backend: Backend, tokens: TokenKeys, clock: Arc<dyn Clock>) -> Self {
        Self {
            pool,
            backend,
            tokens,
            clock,
            login_limiter: Arc::new(LoginLimiter::default()),
            freshness: Arc::new(Freshness::default()),
        }
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
