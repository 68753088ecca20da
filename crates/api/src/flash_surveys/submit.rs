//! `POST /api/v1/campuses/{campus_id}/flash-surveys/{year}/submit`: hands the survey in if it breaks no rule
//! (marked late after its deadline).

use super::view::{FlashSurveyView, SurveyContext};
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId};
use pilotage_store::reports::Edit;
use pilotage_store::{flash_surveys, DbConnection};

#[utoipa::path(
    tag = "flash-surveys",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    responses(
        (status = 200, description = "Submitted", body = FlashSurveyView),
        (status = 400, description = "Malformed id, year or If-Match", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus or survey draft", body = Problem),
        (status = 409, description = "The survey is not open yet", body = Problem),
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
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let expected = extract::if_match(&req)?;
    let now = state.now();
    let ctx = db::run(&state, move |conn| {
        submit_as_coordinator(conn, &caller, &id, year, expected, now)
    })
    .await?;
    Ok(ctx.view(now).respond())
}

/// Hands the survey in for the campus's coordinator if it breaks no rule.
pub(crate) fn submit_as_coordinator(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    now: DateTime<Utc>,
) -> ApiResult<SurveyContext> {
    let ctx = SurveyContext::load(conn, caller, id, year)?;
    ctx.ensure_coordinator(caller)?;
    ctx.ensure_open(now)?;
    let Some(record) = &ctx.record else {
        return Err(ApiError::NotFound(format!(
            "aucune réponse {year} à transmettre : enregistrez d'abord l'enquête"
        )));
    };
    let view = ctx.view(now);
    if !view.errors.is_empty() {
        return Err(ApiError::validation(
            "l'enquête ne peut pas être transmise : elle reste un brouillon",
            view.errors,
        ));
    }
    let edit = Edit {
        actor: &caller.subject,
        expected_version: Some(expected.unwrap_or(record.version)),
        at: now,
    };
    let saved = flash_surveys::save(conn, id, year, &record.survey, true, &edit)?;
    Ok(SurveyContext {
        record: Some(saved),
        ..ctx
    })
}
