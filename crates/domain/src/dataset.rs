//! What the statistics are computed from: the network's records as domain values (read from the store by
//! `pilotage_store::dataset::load`), and which statuses count.

use crate::{
    AcademicYear, AnnualReport, Campus, CampusId, DeadlineKind, FlashSurveyRecord, LockException,
    RegionCode, ReportStatus, Target,
};
use chrono::{DateTime, Utc};

/// The dates of a year that timeliness is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearCalendar {
    pub year: AcademicYear,
    pub annual_report_due: DateTime<Utc>,
    pub flash_survey_due: DateTime<Utc>,
    /// After this, nothing more is handed in for the year: what was not is « manquant ».
    pub annual_report_closing: DateTime<Utc>,
}

#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub campuses: Vec<Campus>,
    pub reports: Vec<AnnualReport>,
    pub flash_surveys: Vec<FlashSurveyRecord>,
    pub targets: Vec<Target>,
    /// Years whose dates were moved by analysts; other years use the defaults.
    pub calendar: Vec<YearCalendar>,
    pub exceptions: Vec<LockException>,
    /// Count drafts and returned reports too (analysts only); by default only submitted and accepted ones count.
    pub include_drafts: bool,
}

impl Dataset {
    /// Whether a report's figures count in the statistics.
    pub fn counts(&self, status: ReportStatus) -> bool {
        status.is_handed_in() || self.include_drafts
    }

    pub fn region_of(&self, campus: &CampusId) -> Option<RegionCode> {
        self.campuses
            .iter()
            .find(|c| &c.id == campus)
            .map(|c| c.region_code)
    }

    /// The deadline of `kind` for `campus` in `year`: its lock exception, else the year's date.
    pub fn due(&self, campus: &CampusId, year: AcademicYear, kind: DeadlineKind) -> DateTime<Utc> {
        if let Some(e) = self
            .exceptions
            .iter()
            .find(|e| &e.campus_id == campus && e.academic_year == year && e.kind == kind)
        {
            return e.due_at;
        }
        let calendar = self.calendar.iter().find(|c| c.year == year);
        match (kind, calendar) {
            (DeadlineKind::AnnualReport, Some(c)) => c.annual_report_due,
            (DeadlineKind::FlashSurvey, Some(c)) => c.flash_survey_due,
            (DeadlineKind::AnnualReportClosing, Some(c)) => c.annual_report_closing,
            _ => kind.default_due(year),
        }
    }

    /// Every academic year with a report, ascending.
    pub fn years(&self) -> Vec<AcademicYear> {
        let mut years: Vec<_> = self.reports.iter().map(|r| r.academic_year).collect();
        years.sort();
        years.dedup();
        years
    }
}
