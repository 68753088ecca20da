//! `POST /api/v1/auth/logout`: revokes the bearer token presented, on every instance (its id goes to the
//! database's `revoked_tokens`, which every request reads). The web pages' `POST /deconnexion` does the same for
//! the session's token.

use super::caller::request_claims;
use super::token::Claims;
use crate::db;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_store::revoked_tokens;

/// Revokes the token of these (accepted) claims until it expires, with an audit entry naming its subject.
pub(crate) async fn revoke(state: &AppState, claims: &Claims) -> ApiResult<()> {
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

#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Signed out: the token presented is revoked and answers 401 from now on, on every instance"),
        (status = 401, description = "Missing, invalid, expired or already revoked token", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    // The header only: the session's cookie authorizes reads, and this is a write (the pages sign out through
    // `POST /deconnexion`, with their anti-forgery token).
    let claims = request_claims(&req).await?;
    revoke(&state, &claims).await?;
    Ok(HttpResponse::NoContent().finish())
}
