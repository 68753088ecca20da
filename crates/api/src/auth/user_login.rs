//! `POST /api/v1/auth/login`: a person's e-mail address and password for an access token.

use crate::extract::Json;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use pilotage_app::auth::{authenticate, TokenResponse, USER_TOKEN_HOURS};
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::limiter::address_of;
use pilotage_app::state::AppState;
use pilotage_store::users;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Access token", body = TokenResponse),
        (status = 400, description = "Malformed request", body = Problem),
        (status = 401, description = "Wrong e-mail address or password", body = Problem),
        (status = 403, description = "The account's scope does not fit its role (to be corrected by an admin)", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Invalid field", body = Problem),
        (status = 429, description = "Too many failed logins", body = Problem),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let LoginRequest { email, password } = body.0;
    let address = address_of(&req);
    let user = authenticate(&state, "email", &email, &email, &address, {
        let email = email.clone();
        move |conn| Ok(users::authenticate(conn, &email, &password)?)
    })
    .await?
    .ok_or_else(|| {
        ApiError::Unauthorized("adresse électronique ou mot de passe incorrect".into())
    })?;
    let response = TokenResponse::issue(
        &state,
        &user.email,
        user.role,
        user.campus_ids,
        user.region_code,
        Duration::hours(USER_TOKEN_HOURS),
    )?;
    Ok(HttpResponse::Ok().json(response))
}
