//! Administration (admin role only): people's accounts, regional API clients, the scheduled jobs and the outbox,
//! the audit log. The JSON handlers (`/api/v1/admin/*`) and the pages (`/administration/*`) both call these.

pub mod api_clients;
pub mod audit_search;
pub mod jobs;
pub mod users;

use crate::auth::Caller;
use crate::error::ApiError;
use pilotage_domain::Role;

/// 403 unless the caller is an admin, said in French words.
pub fn require_admin(caller: &Caller) -> Result<(), ApiError> {
    if caller.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "réservé à l'administration (votre rôle : {})",
            caller.role.label()
        )))
    }
}
