//! Targets: list (within the caller's scope), set and remove (analysts).

mod list;
mod remove;
mod set;

pub use list::list_targets;
pub use remove::remove_target;
pub(crate) use set::set_as_analyst;
pub use set::set_target;

use crate::error::{ApiError, FieldError};
use pilotage_domain::{Target, TargetScope};
use pilotage_store::{campuses, DbConnection};

/// 422 listing what is wrong with a target, including a campus scope naming no campus.
fn check(conn: &mut DbConnection, target: &Target) -> Result<(), ApiError> {
    let mut errors: Vec<FieldError> = target
        .check()
        .into_iter()
        .map(|e| FieldError::new(e.field, "invalid", e.message))
        .collect();
    if let TargetScope::Campus(id) = &target.scope {
        if !campuses::exists(conn, id)? {
            errors.push(FieldError::new(
                "scope",
                "unknown_campus",
                format!("aucun campus « {id} »"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation("cible invalide", errors))
    }
}
