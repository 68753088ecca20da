//! `GET /api/v1/deadlines/{year}`: the dates of an academic year.

use crate::auth::Caller;
use crate::db;
use crate::error::{ApiResult, Problem};
use crate::extract;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, DeadlineKind};
use pilotage_store::{deadlines, DbConnection, StoreResult};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Deadlines {
    pub academic_year: AcademicYear,
    /// The annual report is due (default 1 September of the end year, 23:59:59 Paris time).
    pub annual_report_due: DateTime<Utc>,
    /// After this, coordinators can no longer edit the annual report (default 30 September, 23:59:59 Paris time).
    pub annual_report_closing: DateTime<Utc>,
    /// The flash survey opens (default 1 September of the start year, 00:00 Paris time).
    pub flash_survey_opens: DateTime<Utc>,
    /// The flash survey is due (default 15 October of the start year, 23:59:59 Paris time).
    pub flash_survey_due: DateTime<Utc>,
}

impl Deadlines {
    pub fn load(conn: &mut DbConnection, year: AcademicYear) -> StoreResult<Self> {
        Ok(Self {
            academic_year: year,
            annual_report_due: deadlines::due(conn, year, DeadlineKind::AnnualReport)?,
            annual_report_closing: deadlines::due(conn, year, DeadlineKind::AnnualReportClosing)?,
            flash_survey_opens: deadlines::due(conn, year, DeadlineKind::FlashSurveyOpening)?,
            flash_survey_due: deadlines::due(conn, year, DeadlineKind::FlashSurvey)?,
        })
    }
}

#[utoipa::path(
    tag = "deadlines",
    params(("year" = String, Path, description = "Academic year")),
    responses(
        (status = 200, description = "The year's dates", body = Deadlines),
        (status = 400, description = "Malformed year", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/deadlines/{year}")]
pub async fn get_deadlines(
    state: web::Data<AppState>,
    _caller: Caller,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let year = extract::year(&path)?;
    let body = db::run(&state, move |conn| Ok(Deadlines::load(conn, year)?)).await?;
    Ok(HttpResponse::Ok().json(body))
}
