//! The authenticated caller, taken from the `Authorization: Bearer` token, and what their role and scope allow.

use super::token::TokenError;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::{header, Method};
use actix_web::{web, FromRequest, HttpRequest};
use pilotage_domain::{Campus, CampusId, RegionCode, Role};
use std::future::{ready, Ready};

/// Who is calling, as their token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub subject: String,
    pub role: Role,
    pub campus_ids: Vec<CampusId>,
    pub region: Option<RegionCode>,
}

impl Caller {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            let allowed: Vec<_> = roles.iter().map(|r| r.as_str()).collect();
            Err(ApiError::Forbidden(format!(
                "action réservée aux rôles {} (votre rôle : {})",
                allowed.join(", "),
                self.role
            )))
        }
    }

    /// Whether the caller may see this campus at all.
    pub fn sees(&self, campus: &Campus) -> bool {
        match self.role {
            Role::Coordinator => self.campus_ids.contains(&campus.id),
            Role::Regional => self.region == Some(campus.region_code),
            Role::Analyst | Role::Ministry | Role::Admin => true,
        }
    }

    /// The campus if the caller may see it; otherwise the same 404 as for a campus that does not exist.
    pub fn visible(&self, id: &CampusId, campus: Option<Campus>) -> Result<Campus, ApiError> {
        campus.filter(|c| self.sees(c)).ok_or_else(|| not_found(id))
    }

    /// Whether the caller coordinates this campus.
    pub fn coordinates(&self, id: &CampusId) -> bool {
        self.role == Role::Coordinator && self.campus_ids.contains(id)
    }
}

/// The answer for a campus that is absent or outside the caller's scope: the two are never told apart.
pub fn not_found(id: &CampusId) -> ApiError {
    ApiError::NotFound(format!("campus « {id} » introuvable"))
}

/// The cookie of a signed-in person's web session: the same signed token as the API's, so the same roles and scopes.
pub const SESSION_COOKIE: &str = "pilotage_session";

fn authenticate(req: &HttpRequest) -> Result<Caller, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        // A page's images and downloads (dashboards, template, exports) are fetched with the session cookie.
        // Reads only: a write through the API always needs the header, so a forged cross-site form cannot make one.
        if matches!(req.method(), &Method::GET | &Method::HEAD) {
            if let Some(cookie) = req.cookie(SESSION_COOKIE) {
                return caller_from_token(state, cookie.value());
            }
        }
        return Err(ApiError::Unauthorized(
            "jeton d'accès manquant : envoyez l'en-tête Authorization: Bearer <jeton>".into(),
        ));
    };
    let text = value
        .to_str()
        .map_err(|_| ApiError::Unauthorized("en-tête Authorization illisible".into()))?;
    let token = text
        .strip_prefix("Bearer ")
        .or_else(|| text.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::Unauthorized(
                "en-tête Authorization invalide : « Bearer <jeton> » attendu".into(),
            )
        })?;
    caller_from_token(state, token)
}

/// The caller a token names, once its signature and expiry are checked.
pub fn caller_from_token(state: &AppState, token: &str) -> Result<Caller, ApiError> {
    let claims = state
        .tokens
        .verify_at(token, state.now())
        .map_err(|e| match e {
            TokenError::Expired => ApiError::Unauthorized("jeton expiré : reconnectez-vous".into()),
            other => ApiError::Unauthorized(other.to_string()),
        })?;
    Ok(Caller {
        subject: claims.sub,
        role: claims.role,
        campus_ids: claims.campus_ids,
        region: claims.region,
    })
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}
