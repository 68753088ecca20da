//! `POST /api/v1/auth/token`: a regional system's client id and key for a short-lived token.

use super::user_login::TokenResponse;
use crate::db;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use pilotage_store::api_clients;
use serde::Deserialize;
use utoipa::ToSchema;

/// How long a machine client's token lasts.
pub const CLIENT_TOKEN_MINUTES: i64 = 15;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientTokenRequest {
    pub client_id: String,
    pub client_key: String,
}

#[utoipa::path(
    tag = "auth",
    request_body = ClientTokenRequest,
    responses(
        (status = 200, description = "Short-lived access token", body = TokenResponse),
        (status = 400, description = "Malformed request", body = Problem),
        (status = 401, description = "Unknown client or wrong key", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Invalid field", body = Problem),
        (status = 429, description = "Too many failed attempts", body = Problem),
    )
)]
#[post("/auth/token")]
pub async fn client_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<ClientTokenRequest>,
) -> ApiResult<HttpResponse> {
    let ClientTokenRequest {
        client_id,
        client_key,
    } = body.0;
    let now = state.now();
    let address = crate::auth::limiter::address_of(&req);
    crate::auth::limiter::check_length("client_id", &client_id)?;
    let login = format!("client:{client_id}");
    state
        .login_limiter
        .check(&login, &address, now)
        .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
    let client = db::run(&state, {
        let client_id = client_id.clone();
        move |conn| Ok(api_clients::authenticate(conn, &client_id, &client_key)?)
    })
    .await?;
    let Some(client) = client else {
        state
            .login_limiter
            .failed(&login, &address, now)
            .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
        return Err(ApiError::Unauthorized(
            "client inconnu ou clé incorrecte".into(),
        ));
    };
    state.login_limiter.succeeded(&login, &address);
    let response = TokenResponse::issue(
        &state,
        &client.client_id,
        client.role,
        Vec::new(),
        client.region_code,
        Duration::minutes(CLIENT_TOKEN_MINUTES),
    )?;
    Ok(HttpResponse::Ok().json(response))
}
