//! The analyst's review: `POST …/return` (comment required), `POST …/accept` (the report becomes read-only),
//! `POST …/reopen` (an accepted report becomes editable again; recorded).

use super::{ReportContext, ReportView};
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{self, JsonOrEmpty};
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
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

async fn review(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: ReviewRequest,
    action: ReportAction,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let expected = extract::if_match(&req)?;
    let now = state.now();
    let ctx = db::run(&state, move |conn| {
        review_as_analyst(
            conn,
            &caller,
            &id,
            year,
            expected,
            body.comment,
            action,
            now,
        )
    })
    .await?;
    Ok(ReportView::build(&ctx, now).respond())
}

/// An analyst's review of a report (return, accept, reopen): the comment is checked (required to return), then the
/// transition is made with the version check.
#[allow(clippy::too_many_arguments)] // each is one fact of the review; a struct would only rename them
pub(crate) fn review_as_analyst(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    comment: Option<String>,
    action: ReportAction,
    now: DateTime<Utc>,
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
    let report = reports::transition(conn, id, year, action, comment.as_deref(), &edit)?;
    Ok(ReportContext {
        report: Some(report),
        ..ctx
    })
}

#[utoipa::path(
    tag = "reports",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "Returned for correction: editable again", body = ReportView),
        (status = 400, description = "Malformed request", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 404, description = "No such campus or report", body = Problem),
        (status = 409, description = "Not submitted", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 422, description = "Comment missing or too long", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/campuses/{campus_id}/reports/{year}/return")]
pub async fn return_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: JsonOrEmpty<ReviewRequest>,
) -> ApiResult<HttpResponse> {
    review(state, caller, req, path, body.0, ReportAction::Return).await
}

#[utoipa::path(
    tag = "reports",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body(content = Option<ReviewRequest>, description = "Optional comment"),
    responses(
        (status = 200, description = "Accepted: read-only", body = ReportView),
        (status = 400, description = "Malformed request", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 404, description = "No such campus or report", body = Problem),
        (status = 409, description = "Not submitted", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 422, description = "Comment too long", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/campuses/{campus_id}/reports/{year}/accept")]
pub async fn accept_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: JsonOrEmpty<ReviewRequest>,
) -> ApiResult<HttpResponse> {
    review(state, caller, req, path, body.0, ReportAction::Accept).await
}

#[utoipa::path(
    tag = "reports",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body(content = Option<ReviewRequest>, description = "Optional reason"),
    responses(
        (status = 200, description = "Reopened: editable again (status returned)", body = ReportView),
        (status = 400, description = "Malformed request", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 404, description = "No such campus or report", body = Problem),
        (status = 409, description = "Not accepted", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 422, description = "Reason too long", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/campuses/{campus_id}/reports/{year}/reopen")]
pub async fn reopen_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: JsonOrEmpty<ReviewRequest>,
) -> ApiResult<HttpResponse> {
    review(state, caller, req, path, body.0, ReportAction::Reopen).await
}
