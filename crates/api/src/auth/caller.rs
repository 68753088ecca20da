//! The authenticated caller, taken from the `Authorization: Bearer` token or, for reads, the web session's cookie
//! (refused once its user or API client is deactivated), and what their role and scope allow.

use super::token::{Claims, TokenError};
use crate::db;
use crate::error::ApiError;
use crate::freshness::DataVersion;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::{header, Method};
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use pilotage_domain::{Campus, CampusId, RegionCode, Role};
use pilotage_store::{data_version, principals};
use std::sync::Arc;

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

    /// Whether the caller may read what a campus wrote: a report's grid, narrative, explanations and review
    /// comment (draft, returned or submitted alike), its history (which names people by e-mail address), the
    /// pre-filled template, a flash survey's answers. Every role but the regional one: regional systems get the
    /// status, dates and timeliness of reports and figures under disclosure control only.
    pub fn reads_content(&self) -> bool {
        self.role != Role::Regional
    }

    /// 403 for a regional client, once the campus is known to be in its scope (outside it, the 404 comes first).
    pub fn ensure_reads_content(&self) -> Result<(), ApiError> {
        if self.reads_content() {
            Ok(())
        } else {
            Err(content_not_published())
        }
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

/// The answer to a regional client asking for the content of a report or a flash survey: where what it may see is.
pub fn content_not_published() -> ApiError {
    ApiError::Forbidden(
        "le contenu des rapports annuels (grille, récit, explications, commentaires, historique, modèle pré-rempli) \
         et des enquêtes flash n'est pas publié aux systèmes régionaux : le statut, les dates et la ponctualité des \
         rapports de votre région sont dans GET /api/v1/reports?year=, leurs chiffres, sous secret statistique, dans \
         /api/v1/stats, /api/v1/dashboards et /api/v1/exports/indicators"
            .into(),
    )
}

/// The cookie of a signed-in person's web session: the same signed token as the API's, so the same roles and scopes.
pub const SESSION_COOKIE: &str = "pilotage_session";

/// The claims of a token that is signed by us, not expired, and whose scope fits its role.
fn claims_of(state: &AppState, token: &str) -> Result<Claims, ApiError> {
    state
        .tokens
        .verify_at(token, state.now())
        .map_err(|e| match e {
            TokenError::Expired => ApiError::Unauthorized("jeton expiré : reconnectez-vous".into()),
            TokenError::Invalid(_) => ApiError::Unauthorized(e.to_string()),
            // Signed, but its scope does not fit its role (as `TokenKeys::issue` would have refused).
            scope => ApiError::Unauthorized(format!("jeton invalide : {scope}")),
        })
}

/// The caller's claims, from the `Authorization` header, or for a read (GET, HEAD) from the web session's
/// cookie: a page's images and downloads (dashboards, template, exports) are fetched with it, while a write
/// through the API always needs the header, so a forged cross-site form cannot make one.
fn verified_claims(req: &HttpRequest, state: &AppState) -> Result<Claims, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        if matches!(req.method(), &Method::GET | &Method::HEAD) {
            if let Some(cookie) = req.cookie(SESSION_COOKIE) {
                return claims_of(state, cookie.value());
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
    claims_of(state, token)
}

/// The data version now, and whether the token's subject is still active (`None`: neither a user nor an API
/// client, e.g. a token made with `pilotage token`). One indexed read per request; the subject's state is
/// looked up again only when the data have changed.
async fn subject_state(state: &AppState, subject: &str) -> Result<(i64, Option<bool>), ApiError> {
    let freshness = Arc::clone(&state.freshness);
    let subject = subject.to_owned();
    db::run(state, move |conn| {
        let version = data_version::current(conn)?;
        if let Some(active) = freshness.subject(version, &subject) {
            return Ok((version, active));
        }
        let active = principals::active(conn, &subject)?;
        freshness.keep_subject(version, subject, active);
        Ok((version, active))
    })
    .await
}

/// The caller of verified claims, refused when their account has been deactivated; with the data version read.
async fn active_caller(state: &AppState, claims: Claims) -> Result<(Caller, i64), ApiError> {
    let (version, active) = subject_state(state, &claims.sub).await?;
    if active == Some(false) {
        return Err(ApiError::Unauthorized(
            "compte désactivé : ce jeton n'est plus valable".into(),
        ));
    }
    let caller = Caller {
        subject: claims.sub,
        role: claims.role,
        campus_ids: claims.campus_ids,
        region: claims.region,
    };
    Ok((caller, version))
}

/// The caller a token names (a web session's), once its signature, expiry and account are checked.
pub async fn caller_from_token(state: &AppState, token: &str) -> Result<Caller, ApiError> {
    let claims = claims_of(state, token)?;
    Ok(active_caller(state, claims).await?.0)
}

async fn authenticate(req: HttpRequest) -> Result<Caller, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let claims = verified_claims(&req, state)?;
    let (caller, version) = active_caller(state, claims).await?;
    req.extensions_mut().insert(DataVersion(version));
    Ok(caller)
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()))
    }
}
