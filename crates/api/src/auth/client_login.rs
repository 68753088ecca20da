//! `POST /api/v1/auth/token`: a regional system's client id and key for a short-lived token.

use crate::extract::Json;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use pilotage_app::auth::{authenticate, TokenResponse, CLIENT_TOKEN_MINUTES};
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::limiter::address_of;
use pilotage_app::state::AppState;
use pilotage_store::api_clients;
use serde::Deserialize;
use utoipa::ToSchema;

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
    let address = address_of(&req);
    // The limiter keys machine clients apart from people (a client id could look like an e-mail address).
    let login = format!("client:{client_id}");
    let client = authenticate(&state, "client_id", &client_id, &login, &address, {
        let client_id = client_id.clone();
        move |conn| Ok(api_clients::authenticate(conn, &client_id, &client_key)?)
    })
    .await?
    .ok_or_else(|| ApiError::Unauthorized("client inconnu ou clé incorrecte".into()))?;
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
