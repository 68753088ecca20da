//! Reopening a transmitted flash survey for its coordinator to correct: the operator's analysts only, with a
//! reason kept in the history.

use super::view::SurveyContext;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId, FlashSurveyStatus, Role};
use pilotage_store::reports::Edit;
use pilotage_store::{flash_surveys, DbConnection};

/// Reopens the transmitted survey as a draft; 422 without a reason, 409 when it is not transmitted.
pub fn reopen_as_analyst(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    reason: &str,
    now: DateTime<Utc>,
) -> ApiResult<SurveyContext> {
    // The campus first: outside the caller's scope it does not exist (404), inside only analysts may act (403).
    let ctx = SurveyContext::load(conn, caller, id, year)?;
    caller.require(&[Role::Analyst])?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ApiError::field(
            "reason",
            "required",
            "Motif : indiquez pourquoi l'enquête est rouverte (il est montré à la coordination)",
        ));
    }
    crate::text_check::check("reason", reason, true)?;
    let Some(record) = ctx
        .record
        .as_ref()
        .filter(|r| r.status == FlashSurveyStatus::Submitted)
    else {
        return Err(ApiError::Conflict(format!(
            "l'enquête flash {year} n'est pas transmise : il n'y a rien à rouvrir"
        )));
    };
    let edit = Edit {
        actor: &caller.subject,
        expected_version: Some(expected.unwrap_or(record.version)),
        at: now,
    };
    let reopened = flash_surveys::reopen(conn, id, year, reason, &edit)?;
    Ok(SurveyContext {
        record: Some(reopened),
        ..ctx
    })
}
