//! `PUT /api/v1/campuses/{campus_id}/flash-surveys/{year}`: saves the survey's figures as a draft (the rules are
//! checked when it is submitted); a transmitted survey is read-only (409) until an analyst reopens it.

use super::respond;
use crate::extract::{self, Json};
use actix_web::{put, web, HttpRequest, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::flash_surveys::{save_as_coordinator, FlashSurveyView};
use pilotage_app::paths::ReportPath;
use pilotage_app::state::AppState;
use pilotage_domain::FlashSurvey;

#[utoipa::path(
    tag = "flash-surveys",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body = FlashSurvey,
    responses(
        (status = 200, description = "Saved", body = FlashSurveyView),
        (status = 400, description = "Malformed JSON, id, year or If-Match", body = Problem),
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 409, description = "The survey is not open yet, or already transmitted (read-only until an analyst reopens it)", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Unknown field or wrong type", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/flash-surveys/{year}")]
pub async fn save_flash_survey(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: ReportPath,
    body: Json<FlashSurvey>,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let expected = extract::if_match(&req)?;
    let now = state.now();
    let survey = body.0;
    let ctx = db::run(&state, move |conn| {
        save_as_coordinator(conn, &caller, &id, year, expected, &survey, now)
    })
    .await?;
    Ok(respond(ctx.view(now)))
}
