//! Signing in, for the JSON API and the pages alike: the limit of failed attempts around a credentials check, and
//! the signed token (with its answer) for the account found.

use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::limiter::check_length;
use crate::state::AppState;
use crate::tokens::TokenError;
use chrono::Duration;
use pilotage_domain::{CampusId, RegionCode, Role};
use pilotage_store::DbConnection;
use serde::Serialize;
use utoipa::ToSchema;

/// How long a person's token lasts.
pub const USER_TOKEN_HOURS: i64 = 8;

/// How long a machine client's token lasts.
pub const CLIENT_TOKEN_MINUTES: i64 = 15;

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

/// Checks credentials under the limit of failed attempts: `given` is the login as typed (422 on `field` past
/// `MAX_LOGIN_BYTES` bytes, before any lookup), `login` keys the limiter with the client's `address`, and `lookup`
/// returns the account the credentials open, if any. A locked login, or the failure that locks it, gets 429; wrong
/// credentials give `Ok(None)`, counted as a failure.
pub async fn authenticate<T, F>(
    state: &AppState,
    field: &str,
    given: &str,
    login: &str,
    address: &str,
    lookup: F,
) -> ApiResult<Option<T>>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> ApiResult<Option<T>> + Send + 'static,
{
    check_length(field, given)?;
    let now = state.now();
    let too_many = |retry_after| ApiError::TooManyRequests { retry_after };
    state
        .login_limiter
        .check(login, address, now)
        .map_err(too_many)?;
    let account = db::run(state, lookup).await?;
    match account {
        Some(account) => {
            state.login_limiter.succeeded(login, address);
            Ok(Some(account))
        }
        None => {
            state
                .login_limiter
                .failed(login, address, now)
                .map_err(too_many)?;
            Ok(None)
        }
    }
}

/// Signs a token for an account, valid for `ttl` from now; an account whose scope does not fit its role (edited
/// outside the service) gets 403, not a token.
pub fn sign(
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
    pub fn issue(
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
