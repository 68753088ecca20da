//! The analyst's review: `POST …/return` (comment required), `POST …/accept` (the report becomes read-only),
//! `POST …/reopen` (an accepted report becomes editable again; recorded).

use super::respond;
use crate::extract::{self, JsonOrEmpty};
use actix_web::{post, web, HttpRequest, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::paths::ReportPath;
use pilotage_app::reports::{review_as_analyst, ReportView, ReviewRequest};
use pilotage_app::state::AppState;
use pilotage_domain::ReportAction;

async fn review(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: ReportPath,
    body: ReviewRequest,
    action: ReportAction,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let expected = extract::if_match(&req)?;
    let now = state.now();
    let mail = state.mail.clone();
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
            &mail,
        )
    })
    .await?;
    Ok(respond(ReportView::build(&ctx, now)))
}

#[utoipa::path(
    tag = "reports",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body = ReviewRequest,
    responses(
        (status = 200, description = "Returned for correction: editable again", body = ReportView),
        (status = 400, description = "Malformed request", body = Problem),
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
    path: ReportPath,
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
    path: ReportPath,
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
    path: ReportPath,
    body: JsonOrEmpty<ReviewRequest>,
) -> ApiResult<HttpResponse> {
    review(state, caller, req, path, body.0, ReportAction::Reopen).await
}
