//! Deadlines: the dates that apply to a year, and granting a campus a lock exception (an analyst's, with a
//! plausible later date and a reason).

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use pilotage_domain::deadline::implausible_date;
use pilotage_domain::AcademicYear;
use pilotage_domain::{DeadlineKind, LockException, Role};
use pilotage_store::{atomically, campuses, deadlines, DbConnection, StoreResult};
use serde::{Deserialize, Serialize};
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

/// Moves some of a year's dates for an analyst (403 otherwise): each plausible for the year, the closing not
/// before the report's deadline and the flash survey due after it opens; checked and written in one transaction
/// (every date moves or none does). Returns the year's dates after the change.
pub fn set_as_analyst(
    conn: &mut DbConnection,
    caller: &Caller,
    year: AcademicYear,
    update: DeadlinesUpdate,
    now: DateTime<Utc>,
) -> ApiResult<Deadlines> {
    caller.require(&[Role::Analyst])?;
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
}
