//! Submitting the draft: every rule runs; a report with errors, or with a missed target left unexplained, stays a
//! draft and the refusal lists every failing field and rule.

use super::context::closed;
use super::view::target_checks;
use super::{ReportContext, ReportView};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use pilotage_domain::notification::MailContext;
use pilotage_domain::submission::{may_submit, Refusal};
use pilotage_domain::{AcademicYear, CampusId, ReportAction};
use pilotage_store::reports::{self, Edit};
use pilotage_store::{DbConnection, StoreError};

/// Submits the draft for the campus's coordinator: scope, role, closing date, version and every rule are checked;
/// on any failure the report stays a draft and the answer lists every failing field. The campus's coordinators get
/// a receipt by e-mail, linking to the report's page at `mail`'s public address.
pub fn submit_as_coordinator(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    now: DateTime<Utc>,
    mail: &MailContext,
) -> ApiResult<ReportContext> {
    let ctx = ReportContext::load(conn, caller, id, year)?;
    ctx.ensure_coordinator(caller)?;
    let view = ReportView::build(&ctx, now);
    may_submit(ctx.report.as_ref(), &ctx.window, expected, target_checks(&view), now).map_err(
        |refusal| match refusal {
            Refusal::NoDraft => no_draft(year),
            Refusal::Closed { closing } => closed(year, closing),
            Refusal::Stale { expected, actual } => {
                StoreError::VersionConflict { expected, actual }.into()
            }
            Refusal::Workflow(e) => ApiError::Conflict(e.to_string()),
            Refusal::Broken(failures) => ApiError::validation(
                format!(
                    "le rapport ne peut pas être transmis : {} point(s) à corriger ; il reste un brouillon",
                    failures.len()
                ),
                failures.into_iter().map(FieldError::from).collect(),
            ),
        },
    )?;
    // The version checked is the one validated: a change in between gets 412, not an unchecked submission.
    let validated = ctx.report.as_ref().map_or(0, |r| r.version);
    let edit = Edit {
        actor: &caller.subject,
        expected_version: Some(expected.unwrap_or(validated)),
        at: now,
    };
    let submitted = reports::transition(conn, id, year, ReportAction::Submit, None, &edit, mail)?;
    Ok(ReportContext {
        report: Some(submitted),
        ..ctx
    })
}

/// 404: nothing saved yet for `year`.
fn no_draft(year: AcademicYear) -> ApiError {
    ApiError::NotFound(format!(
        "aucun brouillon {year} à transmettre : enregistrez d'abord le rapport"
    ))
}
