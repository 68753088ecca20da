//! `POST /api/v1/auth/login`: a person's e-mail address and password for an access token.

use super::token::TokenError;
use crate::db;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::Json;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use pilotage_domain::{CampusId, RegionCode, Role};
use pilotage_store::users;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How long a person's token lasts.
pub const USER_TOKEN_HOURS: i64 = 8;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: i64,
    pub role: Role,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub campus_ids: Vec<CampusId>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub region: Option<RegionCode>,
}

/// Signs a token for an account, valid for `ttl` from now; an account whose scope does not fit its role (edited
/// outside the service) gets 403, not a token.
pub(crate) fn sign(
    state: &AppState,
    subject: &str,
    role: Role,
    campus_ids: Vec<CampusId>,
    region: Option<RegionCode>,
    ttl: Duration,
) -> ApiResult<String> {
    state
        .tokens
        .issue(subject, role, campus_ids, region, ttl, state.now())
        .map_err(|e| match e {
            TokenError::CoordinatorWithoutCampus
            | TokenError::RegionalWithoutRegion
            | TokenError::UnexpectedScope => ApiError::Forbidden(format!(
                "compte mal configuré ({e}) : demandez à l'administrateur de le corriger"
            )),
            other => ApiError::Internal(other.to_string()),
        })
}

impl TokenResponse {
    /// Signs a token for this bearer, valid for `ttl` from now.
    pub(super) fn issue(
        state: &AppState,
        subject: &str,
        role: Role,
        campus_ids: Vec<CampusId>,
        region: Option<RegionCode>,
        ttl: Duration,
    ) -> ApiResult<Self> {
        let access_token = sign(state, subject, role, campus_ids.clone(), region, ttl)?;
        Ok(Self {
            access_token,
            token_type: "Bearer".into(),
            expires_in: ttl.num_seconds(),
            role,
            campus_ids,
            region,
        })
    }
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
    let now = state.now();
    let address = crate::auth::limiter::address_of(&req);
    crate::auth::limiter::check_length("email", &email)?;
    state
        .login_limiter
        .check(&email, &address, now)
        .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
    let user = db::run(&state, {
        let (email, password) = (email.clone(), password.clone());
        move |conn| Ok(users::authenticate(conn, &email, &password)?)
    })
    .await?;
    let Some(user) = user else {
        state
            .login_limiter
            .failed(&email, &address, now)
            .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
        return Err(ApiError::Unauthorized(
            "adresse électronique ou mot de passe incorrect".into(),
        ));
    };
    state.login_limiter.succeeded(&email, &address);
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
