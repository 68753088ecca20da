//! `GET /api/v1/campuses/{campus_id}/flash-surveys/{year}`.

use super::respond;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::flash_surveys::{FlashSurveyView, SurveyContext};
use pilotage_app::paths::ReportPath;
use pilotage_app::state::AppState;

#[utoipa::path(
    tag = "flash-surveys",
    params(("campus_id" = String, Path), ("year" = String, Path, description = "The academic year starting, e.g. 2026-2027")),
    responses(
        (status = 200, description = "The survey (empty, version 0, if not started)", body = FlashSurveyView),
        (status = 400, description = "Malformed id or year", body = Problem),
        (status = 403, description = "Regional clients: the content of flash surveys is not published to regional systems", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}/flash-surveys/{year}")]
pub async fn get_flash_survey(
    state: web::Data<AppState>,
    caller: Caller,
    path: ReportPath,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let ctx = db::run(&state, move |conn| {
        let ctx = SurveyContext::load(conn, &caller, &id, year)?;
        caller.ensure_reads_content()?;
        Ok(ctx)
    })
    .await?;
    Ok(respond(ctx.view(state.now())))
}
