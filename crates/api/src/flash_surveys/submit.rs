//! `POST /api/v1/campuses/{campus_id}/flash-surveys/{year}/submit`: hands the survey in if it breaks no rule
//! (marked late after its deadline).

use super::respond;
use crate::extract;
use actix_web::{post, web, HttpRequest, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::flash_surveys::{submit_as_coordinator, FlashSurveyView};
use pilotage_app::paths::ReportPath;
use pilotage_app::state::AppState;

#[utoipa::path(
    tag = "flash-surveys",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, description = "Submitted", body = FlashSurveyView),
        (status = 400, description = "Malformed id, year or If-Match", body = Problem),
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus or survey draft", body = Problem),
        (status = 409, description = "The survey is not open yet, or already transmitted (read-only until an analyst reopens it)", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 422, description = "Rules broken: every failing field listed", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/campuses/{campus_id}/flash-surveys/{year}/submit")]
pub async fn submit_flash_survey(
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
    let ctx = db::run(&state, move |conn| {
        submit_as_coordinator(conn, &caller, &id, year, expected, now)
    })
    .await?;
    Ok(respond(ctx.view(now)))
}
