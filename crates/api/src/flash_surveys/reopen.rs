//! `POST /api/v1/campuses/{campus_id}/flash-surveys/{year}/reopen`: an analyst reopens a transmitted survey for its
//! coordinator to correct, with a reason kept in the history.

use super::respond;
use crate::extract::{self, JsonOrEmpty};
use actix_web::{post, web, HttpRequest, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::flash_surveys::{reopen_as_analyst, FlashSurveyView};
use pilotage_app::paths::ReportPath;
use pilotage_app::state::AppState;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReopenSurveyRequest {
    /// Why the survey is reopened (shown in its history; required).
    pub reason: Option<String>,
}

#[utoipa::path(
    tag = "flash-surveys",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body = ReopenSurveyRequest,
    responses(
        (status = 200, description = "Reopened: a draft its coordinator may correct and transmit again", body = FlashSurveyView),
        (status = 400, description = "Malformed id, year, body or If-Match", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 404, description = "No such campus", body = Problem),
        (status = 409, description = "The survey is not transmitted", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 422, description = "Reason missing", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/campuses/{campus_id}/flash-surveys/{year}/reopen")]
pub async fn reopen_flash_survey(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: ReportPath,
    body: JsonOrEmpty<ReopenSurveyRequest>,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let expected = extract::if_match(&req)?;
    let reason = body.0.reason.unwrap_or_default();
    let now = state.now();
    let ctx = db::run(&state, move |conn| {
        reopen_as_analyst(conn, &caller, &id, year, expected, &reason, now)
    })
    .await?;
    Ok(respond(ctx.view(now)))
}
