//! Signing out: the token's id goes to the database's `revoked_tokens`, which every request reads, so the token
//! stops working on every instance (`POST /api/v1/auth/logout` and the pages' `POST /deconnexion` both call this).

use crate::db;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::tokens::Claims;
use chrono::{DateTime, Utc};
use pilotage_store::revoked_tokens;

/// Revokes the token of these (accepted) claims until it expires, with an audit entry naming its subject.
pub async fn revoke(state: &AppState, claims: &Claims) -> ApiResult<()> {
    let now = state.now();
    // A validly signed expiry beyond chrono's range (only a holder of the secret could sign one): kept for ever.
    let expires_at =
        DateTime::<Utc>::from_timestamp(claims.exp, 0).unwrap_or(DateTime::<Utc>::MAX_UTC);
    let (jti, subject) = (claims.jti.clone(), claims.sub.clone());
    db::run(state, move |conn| {
        revoked_tokens::revoke(conn, &jti, &subject, expires_at, now)?;
        Ok(())
    })
    .await
}
