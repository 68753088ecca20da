//! Saving a campus's flash survey within its window; a submitted survey stays submitted and must then still break
//! no rule.

use super::view::SurveyContext;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId, FlashSurvey, FlashSurveyStatus};
use pilotage_store::reports::Edit;
use pilotage_store::{atomically, flash_surveys, DbConnection};

/// Saves the survey for the campus's coordinator within its window; a submitted survey stays submitted and must
/// then still break no rule.
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
        // A submitted survey stays submitted when updated: it must then pass the rules its submission passed.
        let submitted = ctx
            .record
            .as_ref()
            .is_some_and(|r| r.status == FlashSurveyStatus::Submitted);
        if submitted {
            let errors: Vec<FieldError> = survey
                .validate(ctx.previous_enrolled)
                .iter()
                .flat_map(|i| FieldError::from_issue("", i))
                .collect();
            if !errors.is_empty() {
                return Err(ApiError::validation(
                    "l'enquête a déjà été transmise : une correction doit respecter toutes les règles ; rien n'a été modifié",
                    errors,
                ));
            }
        }
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
