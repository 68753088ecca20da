//! Authentication and scopes: signed access tokens, the caller extracted from them, logins for people and
//! machine clients, signing out (revocation), and the limiter of failed logins.

mod caller;
mod client_login;
pub(crate) mod limiter;
mod revocation;
mod token;
mod user_login;

pub(crate) use caller::claims_from_token;
pub use caller::{caller_from_token, not_found as not_found_campus, Caller, SESSION_COOKIE};
pub use client_login::client_token;
pub use limiter::LoginLimiter;
pub use revocation::logout;
pub(crate) use revocation::revoke;
pub use token::{Claims, TokenError, TokenKeys, MIN_SECRET_BYTES};
pub(crate) use user_login::sign;
pub use user_login::{login, TokenResponse, USER_TOKEN_HOURS};
