//! Deadlines: the dates that apply to a year, and granting a campus a lock exception (an analyst's, with a
//! plausible later date and a reason).

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use pilotage_domain::deadline::implausible_date;
use pilotage_domain::AcademicYear;
use pilotage_domain::{DeadlineKind, LockException, Role};
use pilotage_store::{campuses, deadlines, DbConnection, StoreResult};
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

/// Grants a lock exception for an analyst: the date must be plausible and later than the year's own, the reason
/// given; the campus must be visible (404 otherwise, as if absent).
pub fn grant_as_analyst(
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
                pilotage_domain::french::date_time(general)
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
