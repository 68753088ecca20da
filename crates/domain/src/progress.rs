//! Where a campus stands with one document of a year (its annual report or its flash survey), in the words every
//! page, export and API answer uses: « à venir », « en cours », « en retard », « manquant », « transmis à
//! l'heure », « transmis en retard ». A document not yet due is never late.

use crate::deadline::meets;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// Not due yet and nothing saved (« à venir »).
    Upcoming,
    /// Not due yet, a draft saved (« en cours »).
    InProgress,
    /// Deadline passed, not handed in, still open to the campus (« en retard »).
    Late,
    /// Not handed in and the year's reporting closed (« manquant »).
    Missing,
    /// Handed in no later than the deadline (« transmis à l'heure »).
    OnTime,
    /// Handed in after the deadline (« transmis en retard »).
    SubmittedLate,
}

impl Progress {
    pub const ALL: [Self; 6] = [
        Self::Upcoming,
        Self::InProgress,
        Self::Late,
        Self::Missing,
        Self::OnTime,
        Self::SubmittedLate,
    ];

    /// The progress of a document: `started` when a draft exists, `submitted_at` its first hand-in, `deadline`
    /// the one that applies to the campus (its lock exception if any), `closing` when the year's reporting ends.
    pub fn of(
        started: bool,
        submitted_at: Option<DateTime<Utc>>,
        deadline: DateTime<Utc>,
        closing: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Self {
        match submitted_at {
            Some(at) if meets(at, deadline) => Self::OnTime,
            Some(_) => Self::SubmittedLate,
            None if meets(now, deadline) && started => Self::InProgress,
            None if meets(now, deadline) => Self::Upcoming,
            None if meets(now, closing.max(deadline)) => Self::Late,
            None => Self::Missing,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::InProgress => "in_progress",
            Self::Late => "late",
            Self::Missing => "missing",
            Self::OnTime => "on_time",
            Self::SubmittedLate => "submitted_late",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Upcoming => "à venir",
            Self::InProgress => "en cours",
            Self::Late => "en retard",
            Self::Missing => "manquant",
            Self::OnTime => "transmis à l'heure",
            Self::SubmittedLate => "transmis en retard",
        }
    }

    /// Whether the document is handed in.
    pub fn is_handed_in(self) -> bool {
        matches!(self, Self::OnTime | Self::SubmittedLate)
    }

    /// Whether the deadline has passed (for the document handed in late, or not at all): the follow-up list.
    pub fn needs_follow_up(self) -> bool {
        matches!(self, Self::Late | Self::Missing | Self::SubmittedLate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AcademicYear;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn not_due_is_never_late_and_missing_waits_for_the_closing() {
        let year: AcademicYear = "2024-2025".parse().unwrap();
        let (deadline, closing) = (year.annual_report_deadline(), year.annual_report_closing());
        let at = |started, submitted: Option<&str>, now: &str| {
            Progress::of(started, submitted.map(t), deadline, closing, t(now))
        };
        assert_eq!(at(false, None, "2025-08-31T12:00:00Z"), Progress::Upcoming);
        assert_eq!(at(true, None, "2025-09-01T21:59:59Z"), Progress::InProgress);
        assert_eq!(at(true, None, "2025-09-01T22:00:00Z"), Progress::Late);
        assert_eq!(at(false, None, "2025-09-15T00:00:00Z"), Progress::Late);
        assert_eq!(at(false, None, "2025-09-30T22:00:00Z"), Progress::Missing);
        assert_eq!(
            at(true, Some("2025-09-01T21:59:59Z"), "2026-01-01T00:00:00Z"),
            Progress::OnTime
        );
        assert_eq!(
            at(true, Some("2025-09-02T08:00:00Z"), "2026-01-01T00:00:00Z"),
            Progress::SubmittedLate
        );
        // A lock exception past the year's closing date carries the closing with it.
        let later = t("2025-10-15T21:59:59Z");
        assert_eq!(
            Progress::of(false, None, later, closing, t("2025-10-10T00:00:00Z")),
            Progress::Upcoming
        );
        assert_eq!(
            Progress::of(false, None, later, closing, t("2025-10-16T00:00:00Z")),
            Progress::Missing
        );
    }

    #[test]
    fn every_status_has_a_french_label_and_a_stable_name() {
        for p in Progress::ALL {
            assert_eq!(Progress::parse(p.as_str()), Some(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert!(!p.label().is_empty() && !p.label().contains('_'));
        }
        assert!(
            Progress::SubmittedLate.needs_follow_up() && !Progress::InProgress.needs_follow_up()
        );
    }
}
