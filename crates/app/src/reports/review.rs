//! The analyst's review of a report: return (comment required), accept (the report becomes read-only), reopen (an
//! accepted report becomes editable again; recorded).

use super::ReportContext;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use pilotage_domain::notification::MailContext;
use pilotage_domain::{AcademicYear, CampusId, ReportAction, Role};
use pilotage_store::reports::{self, Edit};
use pilotage_store::DbConnection;
use serde::Deserialize;
use utoipa::ToSchema;

const MAX_COMMENT_CHARS: usize = 2_000;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// Required to return a report; optional otherwise.
    pub comment: Option<String>,
}

/// An analyst's review of a report (return, accept, reopen): the comment is checked (required to return), then the
/// transition is made with the version check. The campus's coordinators are told by e-mail (the comment, the link
/// to the report's page at `mail`'s public address, the operator's contact).
#[allow(clippy::too_many_arguments)] // each is one fact of the review; a struct would only rename them
pub fn review_as_analyst(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    comment: Option<String>,
    action: ReportAction,
    now: DateTime<Utc>,
    mail: &MailContext,
) -> ApiResult<ReportContext> {
    let comment = comment
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    if comment
        .as_ref()
        .is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS)
    {
        return Err(ApiError::field(
            "comment",
            "too_long",
            format!("{MAX_COMMENT_CHARS} caractères au plus"),
        ));
    }
    let ctx = ReportContext::load(conn, caller, id, year)?;
    caller.require(&[Role::Analyst])?;
    if action == ReportAction::Return && comment.is_none() {
        return Err(ApiError::field(
            "comment",
            "required",
            "indiquez ce qui doit être corrigé",
        ));
    }
    if ctx.report.is_none() {
        return Err(ApiError::NotFound(format!(
            "aucun rapport {year} pour le campus « {id} »"
        )));
    }
    let edit = Edit {
        actor: &caller.subject,
        expected_version: expected,
        at: now,
    };
    let report = reports::transition(conn, id, year, action, comment.as_deref(), &edit, mail)?;
    Ok(ReportContext {
        report: Some(report),
        ..ctx
    })
}
