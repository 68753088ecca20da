//! Signing in and out over JSON: a person's login, a machine client's token, and revoking the token presented.
//! Tokens, the caller and the limit of failed attempts are the application layer's (`pilotage_app::auth`).

mod client_login;
mod revocation;
mod user_login;

pub use client_login::{client_token, ClientTokenRequest};
pub use revocation::logout;
pub use user_login::{login, LoginRequest};
