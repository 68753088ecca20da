//! The statistics' view of the dataset (`pilotage_domain::dataset`): the deadlines of a year indexed for fast
//! lookups, and what else the computations need of it.

use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId, DeadlineKind, RegionCode};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

pub use pilotage_domain::dataset::{Dataset, YearCalendar};

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
            (DeadlineKind::AnnualReportClosing, Some(c)) => c.annual_report_closing,
            _ => kind.default_due(self.year),
        }
    }

    /// When the year's reporting closes for `campus`: the year's closing date, never before its deadline of
    /// `kind` (as `ReportWindow` has it); after it, what was not handed in is « manquant ».
    pub fn closing(&self, campus: &CampusId, kind: DeadlineKind) -> DateTime<Utc> {
        let year = self.calendar.map_or_else(
            || DeadlineKind::AnnualReportClosing.default_due(self.year),
            |c| c.annual_report_closing,
        );
        year.max(self.due(campus, kind))
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
