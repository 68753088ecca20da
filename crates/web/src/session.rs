//! The web session: a signed token (the API's own, so roles and scopes apply unchanged) in an HttpOnly,
//! SameSite=Strict cookie (`Secure` over HTTPS, see [`pilotage_app::cookies`]), and the anti-forgery token every form of
//! the session carries. Signing out revokes the token, as `POST /api/v1/auth/logout` does.

use super::page_error::PageError;
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use pilotage_app::auth::{claims_from_token, Caller, Claims, SESSION_COOKIE};
use pilotage_app::state::AppState;

/// The name of the hidden field that carries the anti-forgery token.
pub const CSRF_FIELD: &str = "csrf";

/// A signed-in person.
#[derive(Debug, Clone)]
pub struct Session {
    pub caller: Caller,
    /// The anti-forgery token to put in every form of this session.
    pub csrf: String,
    token: String,
    /// The session token's claims (its id and expiry, for signing out).
    claims: Claims,
}

impl Session {
    /// 403 unless `given` is this session's anti-forgery token.
    pub fn check_csrf(&self, state: &AppState, given: Option<&str>) -> Result<(), PageError> {
        match given {
            Some(given) if state.tokens.csrf_matches(&self.token, given) => Ok(()),
            _ => Err(PageError::forged()),
        }
    }

    /// Revokes the session's token (signing out), on every instance.
    pub async fn revoke(&self, state: &AppState) -> Result<(), PageError> {
        Ok(pilotage_app::auth::revoke(state, &self.claims).await?)
    }
}

/// The cookie that opens a session holding `token` for `max_age_seconds`; `secure` as the cookie policy says for
/// the request (see [`pilotage_app::cookies::CookiePolicy::secure_for`]).
pub fn open_cookie(token: &str, max_age_seconds: i64, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_owned())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(time::Duration::seconds(max_age_seconds))
        .finish()
}

/// The cookie that ends the session.
pub fn closed_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = open_cookie("", 0, secure);
    cookie.make_removal();
    cookie
}

async fn session(req: HttpRequest) -> Result<Session, PageError> {
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| {
        PageError::Api(pilotage_app::error::ApiError::Internal(
            "state missing".into(),
        ))
    })?;
    let cookie = req.cookie(SESSION_COOKIE).ok_or(PageError::SignIn)?;
    let token = cookie.value().to_owned();
    // A signed-out session, or a deactivated account's, ends like its API tokens.
    let claims = claims_from_token(state, &token)
        .await
        .map_err(|_| PageError::SignIn)?;
    Ok(Session {
        caller: claims.clone().into(),
        csrf: state.tokens.csrf_token(&token),
        token,
        claims,
    })
}

impl FromRequest for Session {
    type Error = PageError;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(session(req.clone()))
    }
}
