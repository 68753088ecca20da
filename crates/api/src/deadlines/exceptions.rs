//! Lock exceptions: `GET /api/v1/lock-exceptions` (within the caller's scope) and
//! `PUT /api/v1/campuses/{campus_id}/lock-exceptions/{year}/{kind}` (analyst).

use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract::{self, Json};
use crate::state::AppState;
use actix_web::{get, put, web, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_domain::deadline::implausible_date;
use pilotage_domain::{DeadlineKind, LockException, Role};
use pilotage_store::{campuses, deadlines, DbConnection};
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
        (status = 401, description = "Missing or invalid token", body = Problem),
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
        (status = 401, description = "Missing or invalid token", body = Problem),
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

/// Grants a lock exception for an analyst: the date must be plausible and later than the year's own, the reason
/// given; the campus must be visible (404 otherwise, as if absent).
pub(crate) fn grant_as_analyst(
    conn: &mut DbConnection,
    caller: &Caller,
    exception: LockException,
    now: DateTime<Utc>,
) -> ApiResult<LockException> {
    let LockException {
        campus_id: id,
        academic_year: year,
        kind,
        due_at,
        reason,
    } = exception;
    if let Some(message) = implausible_date(year, due_at) {
        return Err(ApiError::field("due_at", "out_of_range", message));
    }
    let reason = reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 2_000 {
        return Err(ApiError::field(
            "reason",
            "required",
            "indiquez le motif de la dérogation (2 000 caractères au plus)",
        ));
    }
    caller.visible(&id, campuses::get(conn, &id)?)?;
    caller.require(&[Role::Analyst])?;
    // An exception gives a campus more time: a date before the year's own would make it late at once.
    let general = deadlines::due(conn, year, kind)?;
    if due_at <= general {
        return Err(ApiError::field(
            "due_at",
            "not_later",
            format!(
                "une dérogation doit accorder une date postérieure à l'échéance de l'année ({})",
                crate::reports::paris(general)
            ),
        ));
    }
    let exception = LockException {
        campus_id: id,
        academic_year: year,
        kind,
        due_at,
        reason,
    };
    deadlines::grant_exception(conn, &exception, &caller.subject, now)?;
    Ok(exception)
}
