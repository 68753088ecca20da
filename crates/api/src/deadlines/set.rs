//! `PUT /api/v1/deadlines/{year}` (analyst): moves some of a year's dates.

use super::Deadlines;
use crate::extract::{self, Json};
use actix_web::{put, web, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, FieldError, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::deadline::implausible_date;
use pilotage_domain::{DeadlineKind, Role};
use pilotage_store::{atomically, deadlines};
use serde::Deserialize;
use utoipa::ToSchema;

/// The dates to move (RFC 3339 with an offset, e.g. `2026-09-01T23:59:59+02:00`); absent ones stay. Each must fall
/// between 1 January of the year's start and 31 December two years after its end.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlinesUpdate {
    pub annual_report_due: Option<DateTime<Utc>>,
    pub annual_report_closing: Option<DateTime<Utc>>,
    pub flash_survey_opens: Option<DateTime<Utc>>,
    pub flash_survey_due: Option<DateTime<Utc>>,
}

#[utoipa::path(
    tag = "deadlines",
    params(("year" = String, Path, description = "Academic year")),
    request_body = DeadlinesUpdate,
    responses(
        (status = 200, description = "The year's dates after the change", body = Deadlines),
        (status = 400, description = "Malformed JSON or year", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Dates out of order, far from the year, or not a date", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/deadlines/{year}")]
pub async fn set_deadlines(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: Json<DeadlinesUpdate>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Analyst])?;
    let year = extract::year(&path)?;
    let update = body.0;
    let now = state.now();
    let mut errors = Vec::new();
    for (field, value) in [
        ("annual_report_due", update.annual_report_due),
        ("annual_report_closing", update.annual_report_closing),
        ("flash_survey_opens", update.flash_survey_opens),
        ("flash_survey_due", update.flash_survey_due),
    ] {
        if let Some(message) = value.and_then(|at| implausible_date(year, at)) {
            errors.push(FieldError::new(field, "out_of_range", message));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation("dates invalides", errors));
    }
    // Checked and written in one transaction: either every date moves or none does.
    let result = db::run(&state, move |conn| {
        atomically(conn, |conn| {
            let current = Deadlines::load(conn, year)?;
            let next = Deadlines {
                academic_year: year,
                annual_report_due: update
                    .annual_report_due
                    .unwrap_or(current.annual_report_due),
                annual_report_closing: update
                    .annual_report_closing
                    .unwrap_or(current.annual_report_closing),
                flash_survey_opens: update
                    .flash_survey_opens
                    .unwrap_or(current.flash_survey_opens),
                flash_survey_due: update.flash_survey_due.unwrap_or(current.flash_survey_due),
            };
            let mut errors = Vec::new();
            if next.annual_report_closing < next.annual_report_due {
                errors.push(FieldError::new(
                    "annual_report_closing",
                    "order",
                    "la clôture ne peut précéder l'échéance du rapport",
                ));
            }
            if next.flash_survey_due <= next.flash_survey_opens {
                errors.push(FieldError::new(
                    "flash_survey_due",
                    "order",
                    "l'échéance de l'enquête flash doit suivre son ouverture",
                ));
            }
            if !errors.is_empty() {
                return Err(ApiError::validation("dates incohérentes", errors));
            }
            for (kind, value) in [
                (DeadlineKind::AnnualReport, update.annual_report_due),
                (
                    DeadlineKind::AnnualReportClosing,
                    update.annual_report_closing,
                ),
                (DeadlineKind::FlashSurveyOpening, update.flash_survey_opens),
                (DeadlineKind::FlashSurvey, update.flash_survey_due),
            ] {
                if let Some(at) = value {
                    deadlines::set_due(conn, year, kind, at, &caller.subject, now)?;
                }
            }
            Ok(next)
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(result))
}
