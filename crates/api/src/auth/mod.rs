//! Authentication: signed access tokens carrying a role and a scope.

mod token;

pub use token::{Claims, TokenError, TokenKeys, MIN_SECRET_BYTES};
