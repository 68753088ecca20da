//! `POST /api/v1/auth/logout`: revokes the bearer token presented, on every instance. The web pages'
//! `POST /deconnexion` does the same for the session's token.

use actix_web::{post, web, HttpRequest, HttpResponse};
use pilotage_app::auth::{request_claims, revoke};
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;

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
