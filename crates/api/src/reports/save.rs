//! `PUT /api/v1/campuses/{campus_id}/reports/{year}`: saves the coordinator's draft (a partial grid is fine;
//! what is missing or inconsistent is returned, not refused). The body replaces the draft's content.

use super::respond;
use crate::extract::{self, Json};
use actix_web::{put, web, HttpRequest, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::paths::ReportPath;
use pilotage_app::reports::{check_texts, save_as_coordinator, ReportView, SaveReportRequest};
use pilotage_app::state::AppState;
use pilotage_store::reports::Draft;

#[utoipa::path(
    tag = "reports",
    params(
        ("campus_id" = String, Path, description = "Campus id"),
        ("year" = String, Path, description = "Academic year, e.g. 2025-2026"),
        ("If-Match" = Option<String>, Header, description = "The ETag read: required when the report exists (428 without it), a stale one gets 412"),
    ),
    request_body = SaveReportRequest,
    responses(
        (status = 200, description = "Saved; warnings and missing fields in `validation`", body = ReportView,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed JSON, id, year or If-Match", body = Problem),
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 409, description = "Submitted or accepted report, or closing date passed", body = Problem),
        (status = 412, description = "Stale If-Match: nothing was overwritten", body = Problem),
        (status = 428, description = "The report exists and no If-Match (or `*`, or a weak tag) was sent: nothing was overwritten", body = Problem),
        (status = 413, description = "Body too large", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Unknown field, wrong type, number out of range, body not an object, workshop themes far too long, year not open", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/reports/{year}")]
pub async fn save_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: ReportPath,
    body: Json<SaveReportRequest>,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let expected = extract::if_match(&req)?;
    let request = body.0;
    check_texts(&request)?;
    let now = state.now();
    let ctx = db::run(&state, move |conn| {
        save_as_coordinator(conn, &caller, &id, year, expected, now, |_| Draft {
            grid: request.grid,
            narrative: request.narrative,
            gap_explanations: request.gap_explanations,
        })
    })
    .await?;
    Ok(respond(ReportView::build(&ctx, now)))
}
