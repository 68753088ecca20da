//! `POST /api/v1/campuses/{campus_id}/reports/{year}/submit`: runs every rule; a report with errors, or with a
//! missed target left unexplained, stays a draft and the answer lists every failing field and rule.

use super::view::missing_explanations;
use super::{ReportContext, ReportView};
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId, ReportAction};
use pilotage_store::reports::{self, Edit};
use pilotage_store::{DbConnection, StoreError};

#[utoipa::path(
    tag = "reports",
    params(
        ("campus_id" = String, Path, description = "Campus id"),
        ("year" = String, Path, description = "Academic year"),
        ("If-Match" = Option<String>, Header, description = "The ETag read; a stale one gets 412"),
    ),
    responses(
        (status = 200, description = "Submitted (marked late after the deadline)", body = ReportView),
        (status = 400, description = "Malformed id, year or If-Match", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus or draft, or outside the caller's scope", body = Problem),
        (status = 409, description = "Already submitted or accepted, or closing date passed", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 422, description = "Rules broken or gap explanations missing: every failing field listed", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/campuses/{campus_id}/reports/{year}/submit")]
pub async fn submit_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let expected = extract::if_match(&req)?;
    let now = state.now();
    let ctx = db::run(&state, move |conn| {
        submit_as_coordinator(conn, &caller, &id, year, expected, now)
    })
    .await?;
    Ok(ReportView::build(&ctx, now).respond())
}

/// Submits the draft for the campus's coordinator: scope, role, closing date, version and every rule are checked;
/// on any failure the report stays a draft and the answer lists every failing field.
pub(crate) fn submit_as_coordinator(
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
