//! Authentication and scopes: signed access tokens, the caller extracted from them (bearer header, or the web
//! session's cookie for reads), signing in under the limit of failed attempts, and signing out (revocation).

pub mod caller;
pub mod revocation;
pub mod sign;

pub use crate::limiter::LoginLimiter;
pub use crate::tokens::{Claims, TokenError, TokenKeys, MIN_SECRET_BYTES};
pub use caller::{
    caller_from_token, claims_from_token, not_found as not_found_campus, request_claims, Caller,
    SESSION_COOKIE,
};
pub use revocation::revoke;
pub use sign::{authenticate, sign, TokenResponse, CLIENT_TOKEN_MINUTES, USER_TOKEN_HOURS};
