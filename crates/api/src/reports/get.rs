//! `GET /api/v1/campuses/{campus_id}/reports/{year}`.

use super::respond;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::paths::ReportPath;
use pilotage_app::reports::{ReportContext, ReportView};
use pilotage_app::state::AppState;

#[utoipa::path(
    tag = "reports",
    params(
        ("campus_id" = String, Path, description = "Campus id"),
        ("year" = String, Path, description = "Academic year, e.g. 2025-2026"),
    ),
    responses(
        (status = 200, description = "The report (an empty draft, version 0, if not started yet)", body = ReportView,
         headers(("ETag" = String, description = "The report's version"))),
        (status = 400, description = "Malformed campus id or year", body = Problem),
        (status = 403, description = "Regional clients: the content of reports is not published to regional systems (their status, dates and timeliness are in `GET /reports?year=`)", body = Problem),
        (status = 404, description = "No such campus or report, or outside the caller's scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}/reports/{year}")]
pub async fn get_report(
    state: web::Data<AppState>,
    caller: Caller,
    path: ReportPath,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let ctx = db::run(&state, move |conn| {
        let ctx = ReportContext::load(conn, &caller, &id, year)?;
        caller.ensure_reads_content()?;
        Ok(ctx)
    })
    .await?;
    let now = state.now();
    if ctx.report.is_none() && !ctx.year_is_reportable(now) {
        return Err(ApiError::NotFound(format!(
            "aucun rapport {year} pour le campus « {} »",
            ctx.campus.id
        )));
    }
    Ok(respond(ReportView::build(&ctx, now)))
}
