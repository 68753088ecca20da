//! `POST /api/v1/campuses/{campus_id}/reports/{year}/submit`: runs every rule; a report with errors, or with a
//! missed target left unexplained, stays a draft and the answer lists every failing field and rule.

use super::respond;
use crate::extract;
use actix_web::{post, web, HttpRequest, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::paths::ReportPath;
use pilotage_app::reports::{submit_as_coordinator, ReportView};
use pilotage_app::state::AppState;

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
    path: ReportPath,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let expected = extract::if_match(&req)?;
    let now = state.now();
    let mail = state.mail.clone();
    let ctx = db::run(&state, move |conn| {
        submit_as_coordinator(conn, &caller, &id, year, expected, now, &mail)
    })
    .await?;
    Ok(respond(ReportView::build(&ctx, now)))
}
