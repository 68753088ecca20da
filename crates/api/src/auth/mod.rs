//! Signing in and out over JSON: a person's login, a machine client's token, and revoking the token presented.
//! Tokens, the caller and the limit of failed attempts are the application layer's (`pilotage_app::auth`).

mod client_login;
mod revocation;
mod user_login;

pub use client_login::{client_token, ClientTokenRequest};
pub use pilotage_app::auth::{
    caller_from_token, Caller, Claims, LoginLimiter, TokenError, TokenKeys, TokenResponse,
    CLIENT_TOKEN_MINUTES, MIN_SECRET_BYTES, SESSION_COOKIE, USER_TOKEN_HOURS,
};
pub use revocation::logout;
pub use user_login::{login, LoginRequest};
