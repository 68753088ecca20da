//! Deadlines of what campuses hand in, and the lock exceptions analysts grant to one campus.

use crate::academic_year::AcademicYear;
use crate::campus::CampusId;
use chrono::{DateTime, Utc};
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
}
