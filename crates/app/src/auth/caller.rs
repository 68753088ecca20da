//! The authenticated caller, taken from the `Authorization: Bearer` token or, for reads, the web session's cookie
//! (refused once signed out, or once its user or API client is deactivated), and what their role and scope allow.

use crate::db;
use crate::error::ApiError;
use crate::freshness::DataVersion;
use crate::state::AppState;
use crate::tokens::{Claims, TokenError};
use actix_web::dev::Payload;
use actix_web::http::{header, Method};
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use pilotage_domain::{Campus, CampusId, RegionCode, Role};
use pilotage_store::principals::{self, Standing};
use pilotage_store::revoked_tokens;
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

/// The claims of a token that is signed by us, not expired, whose scope fits its role, and which has an id.
fn claims_of(state: &AppState, token: &str) -> Result<Claims, ApiError> {
    state
        .tokens
        .verify_at(token, state.now())
        .map_err(|e| match e {
            TokenError::Expired => ApiError::Unauthorized("jeton expiré : reconnectez-vous".into()),
            TokenError::Invalid(_) | TokenError::WithoutId => ApiError::Unauthorized(e.to_string()),
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

/// What the database says of a token: the data version now, whether the token was revoked (signed out), and its
/// subject's standing (`None`: neither a user nor an API client, e.g. a token made with `pilotage token`). One
/// statement of two primary-key look-ups per request (the data version and the token's id in `revoked_tokens`);
/// the subject's standing is looked up again only when the data have changed.
async fn token_state(
    state: &AppState,
    claims: &Claims,
) -> Result<(i64, bool, Option<Standing>), ApiError> {
    let freshness = Arc::clone(&state.freshness);
    let (jti, subject) = (claims.jti.clone(), claims.sub.clone());
    db::run(state, move |conn| {
        let (version, revoked) = revoked_tokens::version_and_revoked(conn, &jti)?;
        if revoked {
            return Ok((version, true, None));
        }
        if let Some(standing) = freshness.subject(version, &subject) {
            return Ok((version, false, standing));
        }
        let standing = principals::standing(conn, &subject)?;
        freshness.keep_subject(version, subject, standing);
        Ok((version, false, standing))
    })
    .await
}

/// Verified claims, refused when the token was signed out, when its account has been deactivated, or when it was
/// issued before the account's last deactivation (a reactivated account's old tokens stay refused); with the data
/// version read.
async fn accepted(state: &AppState, claims: Claims) -> Result<(Claims, i64), ApiError> {
    let (version, revoked, standing) = token_state(state, &claims).await?;
    if revoked {
        return Err(ApiError::Unauthorized(
            "session fermée : ce jeton a été révoqué à la déconnexion ; reconnectez-vous".into(),
        ));
    }
    if let Some(standing) = standing {
        if !standing.active {
            return Err(ApiError::Unauthorized(
                "compte désactivé : ce jeton n'est plus valable".into(),
            ));
        }
        // `iat` counts whole seconds: a token of the second of the deactivation is refused too.
        if let Some(deactivated) = standing.last_deactivated_at {
            if claims.iat <= deactivated.timestamp() {
                return Err(ApiError::Unauthorized(
                    "jeton émis avant la dernière désactivation du compte : il n'est plus valable, reconnectez-vous"
                        .into(),
                ));
            }
        }
    }
    Ok((claims, version))
}

impl From<Claims> for Caller {
    fn from(claims: Claims) -> Self {
        Self {
            subject: claims.sub,
            role: claims.role,
            campus_ids: claims.campus_ids,
            region: claims.region,
        }
    }
}

/// The claims of a token (a web session's), once its signature, expiry, revocation and account are checked.
pub async fn claims_from_token(state: &AppState, token: &str) -> Result<Claims, ApiError> {
    let claims = claims_of(state, token)?;
    Ok(accepted(state, claims).await?.0)
}

/// The caller a token names (a web session's), once its signature, expiry, revocation and account are checked.
pub async fn caller_from_token(state: &AppState, token: &str) -> Result<Caller, ApiError> {
    Ok(claims_from_token(state, token).await?.into())
}

/// The accepted claims of the request's token (the `Authorization` header, or for a read the session's cookie);
/// the data version read is kept in the request's extensions.
pub async fn request_claims(req: &HttpRequest) -> Result<Claims, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let claims = verified_claims(req, state)?;
    let (claims, version) = accepted(state, claims).await?;
    req.extensions_mut().insert(DataVersion(version));
    Ok(claims)
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(request_claims(&req).await?.into()) })
    }
}
