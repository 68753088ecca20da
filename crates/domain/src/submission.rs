//! May this report be submitted? The whole rule, in one place and without a database: the report must exist, be
//! open to its coordinator (before the closing date, not locked by the closing job), be the version the coordinator
//! read, be in a status that can be submitted, break no validation rule, and explain every target it misses. Each
//! transition also says whom it notifies; the store only writes those notices.

use crate::deadline::meets;
use crate::notification::{self, Email, Event, MailContext, ReportStep};
use crate::report::AnnualReport;
use crate::validation::validate;
use crate::workflow::{ReportAction, WorkflowError};
use chrono::{DateTime, Utc};

/// When a campus's report is open to its coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportWindow {
    /// The deadline for this campus (its lock exception if it has one).
    pub deadline: DateTime<Utc>,
    /// After this, the coordinator can no longer edit: the year's closing date, never before the campus's deadline.
    pub closing: DateTime<Utc>,
    /// When the closing job locked the unsent report, if it did.
    pub locked_at: Option<DateTime<Utc>>,
}

impl ReportWindow {
    /// The window of a campus whose deadline is `deadline`, in a year whose closing date is `year_closing`.
    pub fn new(
        deadline: DateTime<Utc>,
        year_closing: DateTime<Utc>,
        locked_at: Option<DateTime<Utc>>,
    ) -> Self {
        Self {
            deadline,
            closing: year_closing.max(deadline),
            locked_at,
        }
    }

    /// Whether the coordinator may still change the report at `now`: the closing date has not passed, and the
    /// closing job did not lock it since its closing date was last moved.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        let locked = self.locked_at.is_some_and(|at| at >= self.closing);
        meets(now, self.closing) && !locked
    }
}

/// One failing point of a submission, by the API name of its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub field: String,
    /// The rule's stable code.
    pub code: &'static str,
    /// What is wrong, in French.
    pub message: String,
}

/// Why a report may not be submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing saved yet for this year.
    NoDraft,
    /// The closing date has passed, or the closing job locked the report.
    Closed { closing: DateTime<Utc> },
    /// The coordinator read another version than the one stored.
    Stale { expected: i64, actual: i64 },
    /// Already submitted or accepted.
    Workflow(WorkflowError),
    /// Rules broken or missed targets left unexplained: every point, the report stays a draft.
    Broken(Vec<Failure>),
}

/// An indicator of the report against its target, as the rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetCheck<'a> {
    pub indicator: &'a str,
    /// French label, for the message.
    pub label: &'a str,
    /// The indicator misses its target: the report needs a gap explanation for it.
    pub missed: bool,
}

/// The missed targets `report`'s explanations leave unexplained (an empty text explains nothing).
pub fn missing_explanations<'a>(
    explanations: &std::collections::BTreeMap<String, String>,
    targets: impl IntoIterator<Item = TargetCheck<'a>>,
) -> Vec<Failure> {
    targets
        .into_iter()
        .filter(|t| t.missed)
        .filter(|t| {
            explanations
                .get(t.indicator)
                .is_none_or(|text| text.trim().is_empty())
        })
        .map(|t| Failure {
            field: format!("gap_explanations.{}", t.indicator),
            code: "gap_explanation_required",
            message: format!("« {} » n'atteint pas sa cible : expliquez l'écart", t.label),
        })
        .collect()
}

/// Whether `report` may be submitted at `now`, by a coordinator who read version `expected` (none: the stored
/// one), with its indicators standing against their targets as `targets` says. The checks run in this order, and
/// the first that fails is the answer; a broken report lists every failing point at once.
pub fn may_submit<'a>(
    report: Option<&AnnualReport>,
    window: &ReportWindow,
    expected: Option<i64>,
    targets: impl IntoIterator<Item = TargetCheck<'a>>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    let report = report.ok_or(Refusal::NoDraft)?;
    if !window.is_open(now) {
        return Err(Refusal::Closed {
            closing: window.closing,
        });
    }
    if let Some(expected) = expected.filter(|v| *v != report.version) {
        return Err(Refusal::Stale {
            expected,
            actual: report.version,
        });
    }
    report
        .status
        .apply(ReportAction::Submit)
        .map_err(Refusal::Workflow)?;
    let mut failures: Vec<Failure> = validate(&report.grid)
        .errors()
        .flat_map(|issue| {
            issue.fields.iter().map(|f| Failure {
                field: format!("grid.{f}"),
                code: issue.code,
                message: issue.message.clone(),
            })
        })
        .collect();
    failures.extend(missing_explanations(&report.gap_explanations, targets));
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Broken(failures))
    }
}

/// Whom a transition of a report notifies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The regional systems subscribed to this event for the campus's région.
    Webhook(Event),
    /// Every coordinator of the campus, by e-mail.
    Coordinators { event: Event, mail: Email },
}

/// The event `action` publishes, if any: edits and reopenings publish none, so they notify nobody.
pub fn event_of(action: ReportAction) -> Option<Event> {
    match action {
        ReportAction::Submit => Some(Event::ReportSubmitted),
        ReportAction::Accept => Some(Event::ReportAccepted),
        ReportAction::Return => Some(Event::ReportReturned),
        ReportAction::Edit | ReportAction::Reopen => None,
    }
}

/// What `action` on a report (`step`: which, and when) tells whom: a submission, an acceptance and a return reach
/// the subscribed regional systems and, by e-mail, the campus's coordinators: a receipt on submission, the outcome
/// (with the analyst's comment) on review, each with the link to the report's page and the operator's contact
/// (`mail`). Edits and reopenings notify nobody.
pub fn notices(
    action: ReportAction,
    step: &ReportStep<'_>,
    comment: Option<&str>,
    mail: &MailContext,
) -> Vec<Notice> {
    let Some(event) = event_of(action) else {
        return Vec::new();
    };
    let email = match event {
        Event::ReportSubmitted => notification::report_submitted(step, mail),
        Event::ReportAccepted => notification::report_reviewed(step, true, comment, mail),
        Event::ReportReturned => notification::report_reviewed(step, false, comment, mail),
        Event::DeadlinePassed => return vec![Notice::Webhook(event)],
    };
    vec![
        Notice::Webhook(event),
        Notice::Coordinators { event, mail: email },
    ]
}

#[cfg(test)]
#[path = "submission_tests.rs"]
mod tests;
