//! Submitting the draft: every rule runs; a report with errors, or with a missed target left unexplained, stays a
//! draft and the refusal lists every failing field and rule.

use super::view::missing_explanations;
use super::{ReportContext, ReportView};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId, ReportAction};
use pilotage_store::reports::{self, Edit};
use pilotage_store::{DbConnection, StoreError};

/// Submits the draft for the campus's coordinator: scope, role, closing date, version and every rule are checked;
/// on any failure the report stays a draft and the answer lists every failing field.
pub fn submit_as_coordinator(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    now: DateTime<Utc>,
) -> ApiResult<ReportContext> {
    let ctx = ReportContext::load(conn, caller, id, year)?;
    ctx.ensure_coordinator(caller)?;
    let Some(report) = &ctx.report else {
        return Err(ApiError::NotFound(format!(
            "aucun brouillon {year} à transmettre : enregistrez d'abord le rapport"
        )));
    };
    ctx.ensure_open(now)?;
    if let Some(expected) = expected.filter(|v| *v != report.version) {
        return Err(StoreError::VersionConflict {
            expected,
            actual: report.version,
        }
        .into());
    }
    report
        .status
        .apply(ReportAction::Submit)
        .map_err(|e| ApiError::Conflict(e.to_string()))?;
    let view = ReportView::build(&ctx, now);
    let mut errors = view.validation.errors.clone();
    errors.extend(missing_explanations(&view));
    if !errors.is_empty() {
        return Err(ApiError::validation(
            format!(
                "le rapport ne peut pas être transmis : {} point(s) à corriger ; il reste un brouillon",
                errors.len()
            ),
            errors,
        ));
    }
    // The version checked is the one validated: a change in between gets 412, not an unchecked submission.
    let edit = Edit {
        actor: &caller.subject,
        expected_version: Some(expected.unwrap_or(report.version)),
        at: now,
    };
    let submitted = reports::transition(conn, id, year, ReportAction::Submit, None, &edit)?;
    Ok(ReportContext {
        report: Some(submitted),
        ..ctx
    })
}
