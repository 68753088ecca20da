//! Everything a report's answer needs, read in one go: the campus (within the caller's scope), the report, the
//! year's targets and the dates that apply to this campus.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use pilotage_domain::deadline::meets;
use pilotage_domain::{AcademicYear, AnnualReport, Campus, CampusId, DeadlineKind, Target};
use pilotage_store::marks::{self, Mark};
use pilotage_store::{campuses, deadlines, reports, targets, DbConnection};

pub struct ReportContext {
    pub campus: Campus,
    pub year: AcademicYear,
    pub report: Option<AnnualReport>,
    pub targets: Vec<Target>,
    /// The deadline for this campus (its lock exception if it has one).
    pub deadline: DateTime<Utc>,
    /// After this, the coordinator can no longer edit (never before the campus's own deadline).
    pub closing: DateTime<Utc>,
    /// When the closing job locked the unsent report, if it did.
    pub locked_at: Option<DateTime<Utc>>,
}

impl ReportContext {
    pub fn load(
        conn: &mut DbConnection,
        caller: &Caller,
        id: &CampusId,
        year: AcademicYear,
    ) -> ApiResult<Self> {
        let campus = caller.visible(id, campuses::get(conn, id)?)?;
        let report = reports::get(conn, id, year)?;
        let targets = targets::list(conn, Some(year))?;
        let deadline = deadlines::due_for_campus(conn, id, year, DeadlineKind::AnnualReport)?;
        let closing = deadlines::due(conn, year, DeadlineKind::AnnualReportClosing)?.max(deadline);
        let locked_at = marks::marked_at(conn, id, year, DeadlineKind::AnnualReport, Mark::Locked)?;
        Ok(Self {
            campus,
            year,
            report,
            targets,
            deadline,
            closing,
            locked_at,
        })
    }

    /// 409 when the closing date has passed, or the closing job locked the report and its closing date has not
    /// been moved since.
    pub fn ensure_open(&self, now: DateTime<Utc>) -> ApiResult<()> {
        let locked = self.locked_at.is_some_and(|at| at >= self.closing);
        if !meets(now, self.closing) || locked {
            return Err(ApiError::Conflict(format!(
                "le rapport {} est clos depuis le {} : il n'est plus modifiable ; demandez une dérogation à l'opérateur",
                self.year,
                paris(self.closing)
            )));
        }
        Ok(())
    }

    /// Whether a report may be started for this year: it has begun and the campus was open before it ended.
    pub fn year_is_reportable(&self, now: DateTime<Utc>) -> bool {
        now >= self.year.flash_survey_opening()
            && self.campus.opening_year <= self.year.start_year()
    }

    /// 403 unless the caller coordinates this campus (the campus is already known to be visible).
    pub fn ensure_coordinator(&self, caller: &Caller) -> ApiResult<()> {
        if caller.coordinates(&self.campus.id) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "seule la coordination du campus peut modifier ou transmettre son rapport".into(),
            ))
        }
    }
}

/// A time as people in Paris read it: `01/09/2026 23:59`.
pub fn paris(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}
