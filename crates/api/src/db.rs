//! Runs store work off the async threads (`web::block`) with a pooled connection.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::web;
use pilotage_store::DbConnection;

/// Runs `work` with a database connection on the blocking thread pool.
pub async fn run<T, F>(state: &AppState, work: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
{
    let pool = state.pool.clone();
    web::block(move || {
        let mut conn = pool
            .get()
            .map_err(|e| ApiError::Unavailable(format!("base de données : {e}")))?;
        work(&mut conn)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("blocking task: {e}")))?
}
