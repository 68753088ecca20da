//! Everything a report's answer needs, read in one go: the campus (within the caller's scope), the report, the
//! year's targets and the dates that apply to this campus.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use pilotage_domain::default_targets;
use pilotage_domain::french;
use pilotage_domain::submission::ReportWindow;
use pilotage_domain::{AcademicYear, AnnualReport, Campus, CampusId, DeadlineKind, Target};
use pilotage_store::marks::{self, Mark};
use pilotage_store::{campuses, deadlines, reports, targets, DbConnection};

pub struct ReportContext {
    pub campus: Campus,
    pub year: AcademicYear,
    pub report: Option<AnnualReport>,
    pub targets: Vec<Target>,
    /// When the report is open to its coordinator: deadline, closing date, the closing job's lock.
    pub window: ReportWindow,
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
        let targets =
            default_targets::with_national_defaults(targets::list(conn, Some(year))?, year);
        let deadline = deadlines::due_for_campus(conn, id, year, DeadlineKind::AnnualReport)?;
        let closing = deadlines::due(conn, year, DeadlineKind::AnnualReportClosing)?;
        let locked_at = marks::marked_at(conn, id, year, DeadlineKind::AnnualReport, Mark::Locked)?;
        Ok(Self {
            campus,
            year,
            report,
            targets,
            window: ReportWindow::new(deadline, closing, locked_at),
        })
    }

    /// 409 when the closing date has passed, or the closing job locked the report and its closing date has not
    /// been moved since.
    pub fn ensure_open(&self, now: DateTime<Utc>) -> ApiResult<()> {
        if self.window.is_open(now) {
            Ok(())
        } else {
            Err(closed(self.year, self.window.closing))
        }
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

/// 409: the report of `year` closed at `closing`.
pub fn closed(year: AcademicYear, closing: DateTime<Utc>) -> ApiError {
    ApiError::Conflict(format!(
        "le rapport {year} est clos depuis le {} : il n'est plus modifiable ; demandez une dérogation à l'opérateur",
        french::date_time(closing)
    ))
}
