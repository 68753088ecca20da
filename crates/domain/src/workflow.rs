//! Report statuses and the allowed transitions of the review workflow:
//! `draft` → `submitted` → `accepted` (locked) or `returned` (editable) → `submitted` …; an accepted report can be
//! reopened by an analyst.

use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Draft,
    Submitted,
    Returned,
    Accepted,
}

/// What someone does to a report.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportAction {
    /// Save figures (a coordinator's draft).
    Edit,
    Submit,
    /// Return for correction (analyst, with a comment).
    Return,
    Accept,
    /// Make an accepted report editable again (analyst; recorded).
    Reopen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("action « {action} » impossible sur un rapport au statut « {status} »")]
pub struct WorkflowError {
    pub status: ReportStatus,
    pub action: ReportAction,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 4] =
        [Self::Draft, Self::Submitted, Self::Returned, Self::Accepted];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Returned => "returned",
            Self::Accepted => "accepted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether the coordinator may change the figures.
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }

    /// Whether the report counts as handed in (for statistics and timeliness).
    pub fn is_handed_in(self) -> bool {
        matches!(self, Self::Submitted | Self::Accepted)
    }

    /// The status after `action`, or why it is not allowed.
    pub fn apply(self, action: ReportAction) -> Result<ReportStatus, WorkflowError> {
        use ReportAction as A;
        use ReportStatus as S;
        match (self, action) {
            (S::Draft | S::Returned, A::Edit) => Ok(self),
            (S::Draft | S::Returned, A::Submit) => Ok(S::Submitted),
            (S::Submitted, A::Return) => Ok(S::Returned),
            (S::Submitted, A::Accept) => Ok(S::Accepted),
            (S::Accepted, A::Reopen) => Ok(S::Returned),
            _ => Err(WorkflowError {
                status: self,
                action,
            }),
        }
    }
}

impl fmt::Display for ReportStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for ReportAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Edit => "modifier",
            Self::Submit => "transmettre",
            Self::Return => "renvoyer pour correction",
            Self::Accept => "valider",
            Self::Reopen => "rouvrir",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReportAction as A;
    use ReportStatus as S;

    #[test]
    fn the_review_cycle_runs() {
        let s = S::Draft
            .apply(A::Edit)
            .and_then(|s| s.apply(A::Submit))
            .unwrap();
        assert_eq!(s, S::Submitted);
        let s = s.apply(A::Return).unwrap();
        assert_eq!(s, S::Returned);
        assert!(s.is_editable());
        let s = s.apply(A::Submit).and_then(|s| s.apply(A::Accept)).unwrap();
        assert_eq!(s, S::Accepted);
        assert_eq!(s.apply(A::Reopen), Ok(S::Returned));
    }

    #[test]
    fn forbidden_transitions_are_refused() {
        let allowed = [
            (S::Draft, A::Edit),
            (S::Draft, A::Submit),
            (S::Returned, A::Edit),
            (S::Returned, A::Submit),
            (S::Submitted, A::Return),
            (S::Submitted, A::Accept),
            (S::Accepted, A::Reopen),
        ];
        for status in S::ALL {
            for action in [A::Edit, A::Submit, A::Return, A::Accept, A::Reopen] {
                let result = status.apply(action);
                assert_eq!(
                    result.is_ok(),
                    allowed.contains(&(status, action)),
                    "{status} {action:?}"
                );
            }
        }
        let err = S::Accepted.apply(A::Edit).unwrap_err();
        assert_eq!(
            err.to_string(),
            "action « modifier » impossible sur un rapport au statut « accepted »"
        );
    }

    #[test]
    fn statuses_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
        assert_eq!(S::parse("closed"), None);
    }
}
