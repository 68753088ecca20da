//! What every handler shares: the database pool and the token keys.

use crate::auth::TokenKeys;
use pilotage_store::{Backend, Pool};

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub tokens: TokenKeys,
}
