//! `GET/POST /connexion` and `POST /deconnexion`: a person's e-mail address and password, checked like the API's
//! login (same accounts, same limit of failed attempts), open a session; signing out revokes its token (on every
//! instance, as `POST /api/v1/auth/logout`) and clears the cookie.

use super::form::{field, Fields};
use super::layout::{html, notice, page, see_other};
use super::page_error::{PageError, PageResult};
use super::session::{self, Session, CSRF_FIELD};
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use maud::{html as markup, Markup};
use pilotage_app::auth::{authenticate, USER_TOKEN_HOURS};
use pilotage_app::error::ApiError;
use pilotage_app::state::AppState;
use pilotage_store::users;
use rand::RngCore;

/// Before a session exists, the sign-in form is protected by a random value in a cookie of its own, whose HMAC the
/// form carries (a forged cross-site sign-in cannot know it).
const SIGN_IN_COOKIE: &str = "pilotage_connexion";

#[derive(serde::Deserialize)]
pub struct SignInQuery {
    deconnecte: Option<String>,
}

fn sign_in_form(state: &AppState, nonce: &str, email: &str, message: Option<Markup>) -> Markup {
    page(
        "Connexion",
        None,
        markup! {
            @if let Some(message) = message { (message) }
            p { "Connectez-vous avec l'adresse électronique et le mot de passe de votre compte." }
            form.stack method="post" action="/connexion" {
                input type="hidden" name=(CSRF_FIELD) value=(state.tokens.csrf_token(nonce));
                div.field {
                    label for="email" { "Adresse électronique" }
                    input #email type="email" name="email" autocomplete="email" required value=(email);
                }
                div.field {
                    label for="password" { "Mot de passe" }
                    input #password type="password" name="password" autocomplete="current-password" required;
                }
                button.fr-btn type="submit" { "Se connecter" }
            }
        },
    )
}

/// A new random value for the sign-in cookie.
fn nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn nonce_cookie(value: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(SIGN_IN_COOKIE, value.to_owned())
        .path("/connexion")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(time::Duration::hours(1))
        .finish()
}

fn form_response(
    state: &AppState,
    req: &HttpRequest,
    status: StatusCode,
    email: &str,
    message: Option<Markup>,
) -> HttpResponse {
    let nonce = nonce();
    let mut response = html(status, sign_in_form(state, &nonce, email, message));
    // A cookie that cannot be added leaves the form without its token: the sign-in is then refused, never forged.
    let _ = response.add_cookie(&nonce_cookie(&nonce, state.cookies.secure_for(req)));
    response
}

#[get("/connexion")]
pub async fn sign_in_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<SignInQuery>,
) -> HttpResponse {
    let message = query
        .deconnecte
        .as_ref()
        .map(|_| notice("success", "Vous êtes déconnecté."));
    form_response(&state, &req, StatusCode::OK, "", message)
}

#[post("/connexion")]
pub async fn sign_in(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: Fields,
) -> PageResult<HttpResponse> {
    let nonce = req.cookie(SIGN_IN_COOKIE).map(|c| c.value().to_owned());
    let given = field(&form, CSRF_FIELD);
    let genuine = match (&nonce, given) {
        (Some(nonce), Some(given)) => state.tokens.csrf_matches(nonce, given),
        _ => false,
    };
    if !genuine {
        return Err(PageError::forged());
    }
    let email = field(&form, "email").unwrap_or("").trim().to_owned();
    let password = field(&form, "password").unwrap_or("").to_owned();
    let _now = state.now();
    let address = pilotage_app::limiter::address_of(&req);
    let found = authenticate(&state, "email", &email, &email, &address, {
        let email = email.clone();
        move |conn| Ok(users::authenticate(conn, &email, &password)?)
    })
    .await;
    let user = match found {
        Ok(Some(user)) => user,
        Err(ApiError::TooManyRequests { retry_after }) => {
            return Ok(locked_out(&state, &req, &email, retry_after));
        }
        Err(other) => return Err(other.into()),
        Ok(None) => {
            return Ok(form_response(
                &state,
                &req,
                StatusCode::UNAUTHORIZED,
                &email,
                Some(notice(
                    "error",
                    "Adresse électronique ou mot de passe incorrect.",
                )),
            ))
        }
    };
    let ttl = Duration::hours(USER_TOKEN_HOURS);
    let token = pilotage_app::auth::sign(
        &state,
        &user.email,
        user.role,
        user.campus_ids,
        user.region_code,
        ttl,
    )?;
    let secure = state.cookies.secure_for(&req);
    let mut response = see_other("/");
    response
        .add_cookie(&session::open_cookie(&token, ttl.num_seconds(), secure))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut spent = nonce_cookie("", secure);
    spent.make_removal();
    let _ = response.add_cookie(&spent);
    Ok(response)
}

/// The sign-in form again, 429, saying when to try again.
fn locked_out(state: &AppState, req: &HttpRequest, email: &str, retry_after: u64) -> HttpResponse {
    let message = ApiError::TooManyRequests { retry_after }.to_string();
    form_response(
        state,
        req,
        StatusCode::TOO_MANY_REQUESTS,
        email,
        Some(notice("error", &message)),
    )
}

#[post("/deconnexion")]
pub async fn sign_out(
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    // The token stops working everywhere, not only in this browser: as a cookie, as a bearer token, on any instance.
    session.revoke(&state).await?;
    let mut response = see_other("/connexion?deconnecte=1");
    response
        .add_cookie(&session::closed_cookie(state.cookies.secure_for(&req)))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(response)
}
