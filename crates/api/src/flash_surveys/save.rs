//! `PUT /api/v1/campuses/{campus_id}/flash-surveys/{year}`: saves the survey's figures as a draft (or updates a
//! submitted one; its first submission time is kept).

use super::view::{FlashSurveyView, SurveyContext};
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiResult, Problem};
use crate::extract::{self, Json};
use crate::state::AppState;
use actix_web::{put, web, HttpRequest, HttpResponse};
use pilotage_domain::FlashSurvey;
use pilotage_store::flash_surveys;
use pilotage_store::reports::Edit;

#[utoipa::path(
    tag = "flash-surveys",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body = FlashSurvey,
    responses(
        (status = 200, description = "Saved", body = FlashSurveyView),
        (status = 400, description = "Malformed JSON, id, year or If-Match", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 409, description = "The survey is not open yet", body = Problem),
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
    path: web::Path<(String, String)>,
    body: Json<FlashSurvey>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let expected = extract::if_match(&req)?;
    let now = state.now();
    let survey = body.0;
    let ctx = db::run(&state, move |conn| {
        let ctx = SurveyContext::load(conn, &caller, &id, year)?;
        ctx.ensure_coordinator(&caller)?;
        ctx.ensure_open(now)?;
        let edit = Edit {
            actor: &caller.subject,
            expected_version: expected,
            at: now,
        };
        let record = flash_surveys::save(conn, &id, year, &survey, false, &edit)?;
        Ok(SurveyContext {
            record: Some(record),
            ..ctx
        })
    })
    .await?;
    Ok(ctx.view(now).respond())
}
