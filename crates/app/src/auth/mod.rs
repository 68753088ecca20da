//! Authentication and scopes: signed access tokens, the caller extracted from them (bearer header, or the web
//! session's cookie for reads), signing in under the limit of failed attempts, and signing out (revocation).

pub mod caller;
pub mod limiter;
pub mod revocation;
pub mod sign;
pub mod token;

pub use caller::{
    caller_from_token, claims_from_token, not_found as not_found_campus, request_claims, Caller,
    SESSION_COOKIE,
};
pub use limiter::LoginLimiter;
pub use revocation::revoke;
pub use sign::{authenticate, sign, TokenResponse, CLIENT_TOKEN_MINUTES, USER_TOKEN_HOURS};
pub use token::{Claims, TokenError, TokenKeys, MIN_SECRET_BYTES};
