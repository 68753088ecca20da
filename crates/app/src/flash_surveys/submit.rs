//! Submitting a campus's flash survey within its window, once every rule holds.

use super::view::SurveyContext;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId};
use pilotage_store::reports::Edit;
use pilotage_store::{flash_surveys, DbConnection};

/// Hands the survey in for the campus's coordinator if it breaks no rule.
pub fn submit_as_coordinator(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    now: DateTime<Utc>,
) -> ApiResult<SurveyContext> {
    let ctx = SurveyContext::load(conn, caller, id, year)?;
    ctx.ensure_coordinator(caller)?;
    ctx.ensure_open(now)?;
    let Some(record) = &ctx.record else {
        return Err(ApiError::NotFound(format!(
            "aucune réponse {year} à transmettre : enregistrez d'abord l'enquête"
        )));
    };
    ctx.ensure_draft()?;
    let view = ctx.view(now);
    if !view.errors.is_empty() {
        return Err(ApiError::validation(
            "l'enquête ne peut pas être transmise : elle reste un brouillon",
            view.errors,
        ));
    }
    let edit = Edit {
        actor: &caller.subject,
        expected_version: Some(expected.unwrap_or(record.version)),
        at: now,
    };
    let saved = flash_surveys::save(conn, id, year, &record.survey, true, &edit)?;
    Ok(SurveyContext {
        record: Some(saved),
        ..ctx
    })
}
