//! Setting, removing and copying targets: an analyst's (403 otherwise); a target is checked before it is stored,
//! including a campus scope naming no campus.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, Role, Target, TargetScope};
use pilotage_store::{atomically, campuses, targets, DbConnection};

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

/// Removes a target for an analyst (403 otherwise); `false` when there was none.
pub fn remove_as_analyst(
    conn: &mut DbConnection,
    caller: &Caller,
    indicator: &str,
    scope: &TargetScope,
    year: AcademicYear,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    caller.require(&[Role::Analyst])?;
    Ok(targets::remove(
        conn,
        indicator,
        scope,
        year,
        &caller.subject,
        now,
    )?)
}

/// What copying a year's targets did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    /// Targets of the previous year stored for `year`.
    pub copied: usize,
    /// Targets of the previous year left aside because `year` already has one for the same indicator and scope.
    pub kept: usize,
}

/// Copies the previous year's stored targets into `year` for an analyst (403 otherwise), in one transaction; a
/// target `year` already has (same indicator and scope) is kept as it is, never overwritten.
pub fn copy_previous_as_analyst(
    conn: &mut DbConnection,
    caller: &Caller,
    year: AcademicYear,
    now: DateTime<Utc>,
) -> ApiResult<Copied> {
    caller.require(&[Role::Analyst])?;
    let previous = year
        .previous()
        .map_err(|e| ApiError::field("annee", "invalid_year", e.to_string()))?;
    atomically(conn, |conn| {
        let existing = targets::list(conn, Some(year))?;
        let mut done = Copied { copied: 0, kept: 0 };
        for old in targets::list(conn, Some(previous))? {
            if existing
                .iter()
                .any(|t| t.indicator == old.indicator && t.scope == old.scope)
            {
                done.kept += 1;
                continue;
            }
            let target = Target {
                academic_year: year,
                ..old
            };
            targets::set(conn, &target, &caller.subject, now)?;
            done.copied += 1;
        }
        Ok::<_, ApiError>(done)
    })
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
