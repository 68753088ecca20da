//! Setting a target: an analyst's (403 otherwise), checked first, including a campus scope naming no campus.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use pilotage_domain::{Role, Target, TargetScope};
use pilotage_store::{campuses, targets, DbConnection};

/// Sets a target for an analyst (403 otherwise) once it is checked; `true` when it is new.
pub fn set_as_analyst(
    conn: &mut DbConnection,
    caller: &Caller,
    target: &Target,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    caller.require(&[Role::Analyst])?;
    check(conn, target)?;
    Ok(targets::set(conn, target, &caller.subject, now)?)
}

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
