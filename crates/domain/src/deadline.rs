//! Deadlines of what campuses hand in, and the lock exceptions analysts grant to one campus.

use crate::academic_year::AcademicYear;
use crate::campus::CampusId;
use chrono::{DateTime, SubsecRound as _, Utc};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The annual report is due (a later submission is late).
    AnnualReport,
    /// After this, coordinators can no longer edit the annual report.
    AnnualReportClosing,
    /// The flash survey opens.
    FlashSurveyOpening,
    /// The flash survey is due (a later answer is late).
    FlashSurvey,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 4] = [
        Self::AnnualReport,
        Self::AnnualReportClosing,
        Self::FlashSurveyOpening,
        Self::FlashSurvey,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AnnualReport => "annual_report",
            Self::AnnualReportClosing => "annual_report_closing",
            Self::FlashSurveyOpening => "flash_survey_opening",
            Self::FlashSurvey => "flash_survey",
        }
    }

    /// Whether analysts may grant one campus a later date of this kind (a lock exception).
    pub fn allows_exception(self) -> bool {
        matches!(self, Self::AnnualReport | Self::FlashSurvey)
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The deadline of this kind for `year` when no analyst has set another.
    pub fn default_due(self, year: AcademicYear) -> DateTime<Utc> {
        match self {
            Self::AnnualReport => year.annual_report_deadline(),
            Self::AnnualReportClosing => year.annual_report_closing(),
            Self::FlashSurveyOpening => year.flash_survey_opening(),
            Self::FlashSurvey => year.flash_survey_deadline(),
        }
    }
}

/// The last instant that still meets the deadline `due`: a deadline names a whole second (23:59:59 in Paris),
/// and the whole of that second is on time. Timestamps are kept to the microsecond.
pub fn last_instant(due: DateTime<Utc>) -> DateTime<Utc> {
    due.trunc_subsecs(0) + chrono::Duration::microseconds(999_999)
}

/// Whether something done at `at` meets the deadline `due`.
pub fn meets(at: DateTime<Utc>, due: DateTime<Utc>) -> bool {
    at <= last_instant(due)
}

/// The dates an analyst may give a deadline of `year`, bounds included: from 1 January of its start year to
/// 31 December two years after its end (Paris time). Anything else is a typing error (1970, 0001, 9999…).
pub fn plausible_window(year: AcademicYear) -> (DateTime<Utc>, DateTime<Utc>) {
    let day = |y: i32, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    (
        crate::academic_year::paris_midnight(day(year.start_year(), 1, 1)),
        crate::academic_year::paris_end_of_day(day(year.end_year() + 2, 12, 31)),
    )
}

/// `None` when `at` is a plausible date for a deadline of `year`; otherwise why not, in French.
pub fn implausible_date(year: AcademicYear, at: DateTime<Utc>) -> Option<String> {
    let (first, last) = plausible_window(year);
    (at < first || at > last).then(|| {
        format!(
            "date {} hors de la période de l'année {year} : elle doit tomber entre le 01/01/{} et le 31/12/{}",
            at.to_rfc3339(),
            year.start_year(),
            year.end_year() + 2
        )
    })
}

/// A later deadline granted to one campus for one year and kind.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockException {
    pub campus_id: CampusId,
    pub academic_year: AcademicYear,
    pub kind: DeadlineKind,
    pub due_at: DateTime<Utc>,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_deadlines_follow_the_academic_year() {
        let year: AcademicYear = "2025-2026".parse().unwrap();
        assert_eq!(
            DeadlineKind::AnnualReport.default_due(year).to_rfc3339(),
            "2026-09-01T21:59:59+00:00"
        );
        assert_eq!(
            DeadlineKind::FlashSurvey.default_due(year).to_rfc3339(),
            "2025-10-15T21:59:59+00:00"
        );
        assert_eq!(
            DeadlineKind::parse("flash_survey"),
            Some(DeadlineKind::FlashSurvey)
        );
        assert_eq!(DeadlineKind::parse("other"), None);
    }

    #[test]
    fn deadlines_must_fall_near_their_year() {
        let year: AcademicYear = "2025-2026".parse().unwrap();
        for kind in DeadlineKind::ALL {
            assert_eq!(implausible_date(year, kind.default_due(year)), None);
        }
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(implausible_date(year, at("2024-12-31T23:00:00Z")), None);
        assert_eq!(implausible_date(year, at("2028-12-31T22:59:59Z")), None);
        for bad in [
            "0001-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "2024-12-31T22:59:59Z",
            "2028-12-31T23:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            let message = implausible_date(year, at(bad)).unwrap_or_default();
            assert!(
                message.contains("entre le 01/01/2025 et le 31/12/2028"),
                "{bad}: {message}"
            );
        }
    }
}
