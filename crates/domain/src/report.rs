//! The annual report of a campus for an academic year: its grid, narrative, gap explanations and review state,
//! and its timeliness against the deadline.

use crate::academic_year::AcademicYear;
use crate::campus::CampusId;
use crate::deadline::meets;
use crate::grid::IndicatorGrid;
use crate::workflow::ReportStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The texts of a report.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    #[serde(default)]
    pub achievements: Option<String>,
    #[serde(default)]
    pub financial_comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub campus_id: CampusId,
    pub academic_year: AcademicYear,
    pub status: ReportStatus,
    pub grid: IndicatorGrid,
    pub narrative: Narrative,
    /// One text per indicator that misses its target, keyed by indicator name.
    pub gap_explanations: BTreeMap<String, String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_comment: Option<String>,
    /// Incremented at every change; the API's ETag.
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// Where a report stands against its deadline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// Submitted no later than the deadline.
    OnTime,
    /// Submitted after the deadline.
    SubmittedLate,
    /// Not submitted, deadline passed.
    Late,
    /// Not submitted, deadline still ahead.
    NotDue,
}

impl Timeliness {
    /// Timeliness from the first submission time, the deadline that applies and the current time.
    pub fn of(
        submitted_at: Option<DateTime<Utc>>,
        deadline: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Self {
        match submitted_at {
            Some(at) if meets(at, deadline) => Self::OnTime,
            Some(_) => Self::SubmittedLate,
            None if !meets(now, deadline) => Self::Late,
            None => Self::NotDue,
        }
    }

    pub fn is_late(self) -> bool {
        matches!(self, Self::SubmittedLate | Self::Late)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_submission_one_second_after_paris_midnight_is_late() {
        let deadline: AcademicYear = "2024-2025".parse().unwrap();
        let deadline = deadline.annual_report_deadline();
        let now = t("2025-10-01T00:00:00Z");
        assert_eq!(
            Timeliness::of(Some(t("2025-09-01T21:59:59Z")), deadline, now),
            Timeliness::OnTime
        );
        assert_eq!(
            Timeliness::of(Some(t("2025-09-01T22:00:00Z")), deadline, now),
            Timeliness::SubmittedLate
        );
        assert_eq!(Timeliness::of(None, deadline, now), Timeliness::Late);
        assert_eq!(
            Timeliness::of(None, deadline, t("2025-08-01T00:00:00Z")),
            Timeliness::NotDue
        );
        assert!(Timeliness::SubmittedLate.is_late() && !Timeliness::OnTime.is_late());
    }

    #[test]
    fn the_whole_last_second_of_the_deadline_is_on_time() {
        let deadline: AcademicYear = "2024-2025".parse().unwrap();
        let deadline = deadline.annual_report_deadline();
        let now = t("2025-10-01T00:00:00Z");
        for at in [
            "2025-09-01T21:59:59Z",
            "2025-09-01T21:59:59.300Z",
            "2025-09-01T21:59:59.999999Z",
        ] {
            assert_eq!(
                Timeliness::of(Some(t(at)), deadline, now),
                Timeliness::OnTime,
                "{at}"
            );
            assert_eq!(
                Timeliness::of(None, deadline, t(at)),
                Timeliness::NotDue,
                "{at}"
            );
        }
        for at in ["2025-09-01T22:00:00Z", "2025-09-01T22:00:00.700Z"] {
            assert_eq!(
                Timeliness::of(Some(t(at)), deadline, now),
                Timeliness::SubmittedLate,
                "{at}"
            );
            assert_eq!(
                Timeliness::of(None, deadline, t(at)),
                Timeliness::Late,
                "{at}"
            );
        }
    }
}
