//! `PUT /api/v1/campuses/{campus_id}/flash-surveys/{year}`: saves the survey's figures as a draft (or updates a
//! submitted one, which must still break no rule; its first submission time is kept).

use super::view::{FlashSurveyView, SurveyContext};
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, FieldError, Problem};
use crate::extract::{self, Json};
use crate::state::AppState;
use actix_web::{put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId, FlashSurvey, FlashSurveyStatus};
use pilotage_store::reports::Edit;
use pilotage_store::{atomically, flash_surveys, DbConnection};

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
        (status = 422, description = "Unknown field or wrong type, or a submitted survey changed so that it breaks a rule", body = Problem),
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
        save_as_coordinator(conn, &caller, &id, year, expected, &survey, now)
    })
    .await?;
    Ok(ctx.view(now).respond())
}

/// Saves the survey for the campus's coordinator within its window; a submitted survey stays submitted and must
/// then still break no rule.
pub(crate) fn save_as_coordinator(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    survey: &FlashSurvey,
    now: DateTime<Utc>,
) -> ApiResult<SurveyContext> {
    atomically(conn, |conn| {
        let ctx = SurveyContext::load(conn, caller, id, year)?;
        ctx.ensure_coordinator(caller)?;
        ctx.ensure_open(now)?;
        // A submitted survey stays submitted when updated: it must then pass the rules its submission passed.
        let submitted = ctx
            .record
            .as_ref()
            .is_some_and(|r| r.status == FlashSurveyStatus::Submitted);
        if submitted {
            let errors: Vec<FieldError> = survey
                .validate(ctx.previous_enrolled)
                .iter()
                .flat_map(|i| FieldError::from_issue("", i))
                .collect();
            if !errors.is_empty() {
                return Err(ApiError::validation(
                    "l'enquête a déjà été transmise : une correction doit respecter toutes les règles ; rien n'a été modifié",
                    errors,
                ));
            }
        }
        let edit = Edit {
            actor: &caller.subject,
            expected_version: expected,
            at: now,
        };
        let record = flash_surveys::save(conn, id, year, survey, false, &edit)?;
        Ok(SurveyContext {
            record: Some(record),
            ..ctx
        })
    })
}
