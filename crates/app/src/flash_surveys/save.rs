//! Saving a campus's flash survey within its window, as a draft: any whole numbers are kept (the rules are checked
//! when it is handed in); a transmitted survey is read-only until the operator reopens it.

use super::view::SurveyContext;
use crate::auth::Caller;
use crate::error::ApiResult;
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId, FlashSurvey};
use pilotage_store::reports::Edit;
use pilotage_store::{atomically, flash_surveys, DbConnection};

/// Saves the survey for the campus's coordinator within its window; 409 once it is transmitted.
pub fn save_as_coordinator(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    survey: &FlashSurvey,
    now: DateTime<Utc>,
) -> ApiResult<SurveyContext> {
    atomically(conn, |conn| {
        let ctx = SurveyContext::load(conn, caller, id, year)?;
        ctx.ensure_coordinator(caller)?;
        ctx.ensure_open(now)?;
        ctx.ensure_draft()?;
        let edit = Edit {
            actor: &caller.subject,
            expected_version: expected,
            at: now,
        };
        let record = flash_surveys::save(conn, id, year, survey, false, &edit)?;
        Ok(SurveyContext {
            record: Some(record),
            ..ctx
        })
    })
}
