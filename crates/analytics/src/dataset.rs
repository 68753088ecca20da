//! What the statistics are computed from: the network's records as domain values, read by the caller from the
//! store, and which statuses count.

use chrono::{DateTime, Utc};
use pilotage_domain::{
    AcademicYear, AnnualReport, Campus, CampusId, DeadlineKind, FlashSurveyRecord, LockException,
    RegionCode, ReportStatus, Target,
};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// The dates of a year that timeliness is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearCalendar {
    pub year: AcademicYear,
    pub annual_report_due: DateTime<Utc>,
    pub flash_survey_due: DateTime<Utc>,
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

/// The deadlines of one year, indexed: `Deadlines::due` gives what `Dataset::due` gives, without scanning the
/// lock exceptions for every campus.
pub(crate) struct Deadlines<'a> {
    year: AcademicYear,
    calendar: Option<&'a YearCalendar>,
    exceptions: HashMap<(&'a CampusId, DeadlineKind), DateTime<Utc>>,
}

impl<'a> Deadlines<'a> {
    pub fn of(data: &'a Dataset, year: AcademicYear) -> Self {
        let mut exceptions = HashMap::new();
        for e in data.exceptions.iter().filter(|e| e.academic_year == year) {
            // The first exception wins, as in `Dataset::due`.
            exceptions.entry((&e.campus_id, e.kind)).or_insert(e.due_at);
        }
        Self {
            year,
            calendar: data.calendar.iter().find(|c| c.year == year),
            exceptions,
        }
    }

    pub fn due(&self, campus: &CampusId, kind: DeadlineKind) -> DateTime<Utc> {
        if let Some(at) = self.exceptions.get(&(campus, kind)) {
            return *at;
        }
        match (kind, self.calendar) {
            (DeadlineKind::AnnualReport, Some(c)) => c.annual_report_due,
            (DeadlineKind::FlashSurvey, Some(c)) => c.flash_survey_due,
            _ => kind.default_due(self.year),
        }
    }
}

/// The figures a statistic is about: the nation, a région académique or one campus.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub enum Scope {
    Nation,
    Region(RegionCode),
    Campus(CampusId),
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Nation => f.write_str("national"),
            Self::Region(r) => write!(f, "region:{r}"),
            Self::Campus(c) => write!(f, "campus:{c}"),
        }
    }
}

impl From<Scope> for String {
    fn from(s: Scope) -> Self {
        s.to_string()
    }
}

impl std::str::FromStr for Scope {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let bad =
            || format!("portée « {s} » invalide : national, region:CODE ou campus:IDENTIFIANT");
        match s.split_once(':') {
            None if s == "national" || s == "nation" => Ok(Self::Nation),
            Some(("region", code)) => code.parse().map(Self::Region).map_err(|_| bad()),
            Some(("campus", id)) => id.parse().map(Self::Campus).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}
