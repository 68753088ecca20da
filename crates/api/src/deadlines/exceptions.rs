//! Lock exceptions: `GET /api/v1/lock-exceptions` (within the caller's scope) and
//! `PUT /api/v1/campuses/{campus_id}/lock-exceptions/{year}/{kind}` (analyst).

use crate::extract::{self, Json};
use actix_web::{get, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::deadlines::grant_as_analyst;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{DeadlineKind, LockException};
use pilotage_store::{campuses, deadlines};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ExceptionQuery {
    /// Academic year.
    pub year: Option<String>,
}

#[utoipa::path(
    tag = "deadlines",
    params(ExceptionQuery),
    responses(
        (status = 200, description = "Lock exceptions of the campuses the caller may see", body = Vec<LockException>),
        (status = 400, description = "Malformed year", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/lock-exceptions")]
pub async fn list_lock_exceptions(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ExceptionQuery>,
) -> ApiResult<HttpResponse> {
    let year = query.year.as_deref().map(extract::year).transpose()?;
    let list = db::run(&state, move |conn| {
        let visible: Vec<_> = campuses::all(conn)?
            .into_iter()
            .filter(|c| caller.sees(c))
            .map(|c| c.id)
            .collect();
        Ok(deadlines::exceptions(conn, year)?
            .into_iter()
            .filter(|e| visible.contains(&e.campus_id))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LockExceptionRequest {
    /// The campus's own date (RFC 3339 with an offset): later than the year's deadline of that kind, and before
    /// 31 December two years after the year's end.
    pub due_at: DateTime<Utc>,
    /// Why the exception is granted.
    pub reason: String,
}

#[utoipa::path(
    tag = "deadlines",
    params(
        ("campus_id" = String, Path),
        ("year" = String, Path),
        ("kind" = String, Path, description = "`annual_report` or `flash_survey`"),
    ),
    request_body = LockExceptionRequest,
    responses(
        (status = 200, description = "Granted (replacing any earlier one)", body = LockException),
        (status = 400, description = "Malformed JSON, id, year or kind", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 404, description = "No such campus", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Reason missing, or a date not after the year's deadline", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/lock-exceptions/{year}/{kind}")]
pub async fn grant_lock_exception(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
    body: Json<LockExceptionRequest>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let kind = DeadlineKind::parse(&path.2)
        .filter(|k| k.allows_exception())
        .ok_or_else(|| {
            ApiError::BadRequest(format!(
                "paramètre kind « {} » invalide : annual_report ou flash_survey",
                path.2
            ))
        })?;
    let request = body.0;
    let exception = LockException {
        campus_id: id,
        academic_year: year,
        kind,
        due_at: request.due_at,
        reason: request.reason,
    };
    let now = state.now();
    let granted = db::run(&state, move |conn| {
        grant_as_analyst(conn, &caller, exception, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(granted))
}
