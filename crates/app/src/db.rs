//! Runs store work off the async threads (`web::block`) with a pooled connection.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::web;
use pilotage_store::DbConnection;

/// Runs `work` with a database connection on the blocking thread pool.
///
/// Requests wait for their turn (`AppState::db_turns`, one per pooled connection) in the order they came, before
/// taking a thread and a connection: under a burst (every coordinator submitting on the evening of the deadline)
/// none is overtaken again and again, and no more threads block than there are connections.
pub async fn run<T, F>(state: &AppState, work: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
{
    let turn = state
        .db_turns
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| ApiError::Internal(format!("database turns: {e}")))?;
    let pool = state.pool.clone();
    web::block(move || {
        // Kept until the work is done, even if the client has gone meanwhile: the connection is busy until then.
        let _turn = turn;
        let mut conn = pool
            .get()
            .map_err(|e| ApiError::Unavailable(format!("base de données : {e}")))?;
        work(&mut conn)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("blocking task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::run;
    use crate::auth::TokenKeys;
    use crate::state::AppState;
    use futures_util::future::join_all;
    use pilotage_domain::FixedClock;
    use pilotage_store::testing::TestDatabase;
    use std::sync::{Arc, Mutex};

    #[actix_web::test]
    async fn works_take_their_turn_at_the_database_in_the_order_they_came() {
        let db = TestDatabase::new().expect("test database");
        // One connection: one work at a time, the others waiting for their turn.
        let pool = pilotage_store::pool(&db.url, 1).expect("pool");
        let clock = FixedClock::at("2025-06-01T10:00:00Z".parse().expect("time"));
        let tokens = TokenKeys::from_secret(&[7u8; 32]).expect("keys");
        let state = AppState::new(pool, db.backend(), tokens, Arc::new(clock));
        assert_eq!(state.db_turns.available_permits(), 1);
        let started = Arc::new(Mutex::new(Vec::new()));
        // join_all polls the works in order, so they ask for their turn in that order. Without turns, eight
        // blocking threads would race for the connection and start in whatever order the threads ran.
        let works = (0..8).map(|n| {
            let started = Arc::clone(&started);
            run(&state, move |_conn| {
                started.lock().expect("log").push(n);
                Ok(n)
            })
        });
        let done: Vec<usize> = join_all(works)
            .await
            .into_iter()
            .map(|r| r.expect("work"))
            .collect();
        assert_eq!(done, (0..8).collect::<Vec<_>>());
        let started = started.lock().expect("log").clone();
        assert_eq!(
            started,
            (0..8).collect::<Vec<_>>(),
            "turns taken out of order"
        );
        assert_eq!(
            state.db_turns.available_permits(),
            1,
            "every turn given back"
        );

        // A work that fails gives its turn back too, and the next one runs.
        let failed = run(&state, |_conn| -> crate::error::ApiResult<()> {
            Err(crate::error::ApiError::Conflict("refusé".into()))
        })
        .await;
        assert!(matches!(failed, Err(crate::error::ApiError::Conflict(_))));
        assert_eq!(state.db_turns.available_permits(), 1);
        assert_eq!(run(&state, |_conn| Ok(9)).await.expect("work"), 9);
    }
}
