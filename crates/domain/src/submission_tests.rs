//! The submission rule and the notices of each transition, without a database.

use super::*;
use crate::workflow::ReportStatus;
use crate::{AcademicYear, CampusId, Narrative};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap_or_default()
}

fn year() -> AcademicYear {
    "2025-2026".parse().unwrap_or_else(|_| unreachable!())
}

fn draft(status: ReportStatus, explanations: &[(&str, &str)]) -> AnnualReport {
    AnnualReport {
        campus_id: "nevers"
            .parse::<CampusId>()
            .unwrap_or_else(|_| unreachable!()),
        academic_year: year(),
        status,
        grid: crate::testing::clean_grid(),
        narrative: Narrative::default(),
        gap_explanations: explanations
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        submitted_at: None,
        reviewed_at: None,
        review_comment: None,
        version: 3,
        updated_at: at("2026-06-01T08:00:00Z"),
    }
}

/// Due 1 September, closing 30 September 2026 (Paris), never locked.
fn window() -> ReportWindow {
    ReportWindow::new(at("2026-09-01T21:59:59Z"), at("2026-09-30T21:59:59Z"), None)
}

const MISSED: TargetCheck = TargetCheck {
    indicator: "success_rate",
    label: "Taux de réussite",
    missed: true,
};
const MET: TargetCheck = TargetCheck {
    indicator: "attendance_rate",
    label: "Assiduité",
    missed: false,
};

#[test]
fn a_report_not_started_cannot_be_submitted() {
    let now = at("2026-08-01T10:00:00Z");
    assert_eq!(
        may_submit(None, &window(), None, [], now),
        Err(Refusal::NoDraft)
    );
}

#[test]
fn the_closing_date_and_the_closing_jobs_lock_close_the_report() {
    let report = draft(ReportStatus::Draft, &[]);
    let after = at("2026-10-01T08:00:00Z");
    assert_eq!(
        may_submit(Some(&report), &window(), None, [], after),
        Err(Refusal::Closed {
            closing: window().closing
        })
    );
    // Late but before the closing date: open (it is marked late elsewhere).
    let late = at("2026-09-10T08:00:00Z");
    assert_eq!(may_submit(Some(&report), &window(), None, [], late), Ok(()));
    // Locked by the closing job at the closing date: closed, even if the clock says otherwise.
    let locked = ReportWindow {
        locked_at: Some(window().closing),
        ..window()
    };
    assert!(!locked.is_open(late));
    // A lock exception granted after the lock moves the campus's deadline past it: open again.
    let exception = ReportWindow::new(
        at("2026-10-15T21:59:59Z"),
        at("2026-09-30T21:59:59Z"),
        Some(window().closing),
    );
    assert_eq!(exception.closing, at("2026-10-15T21:59:59Z"));
    assert!(exception.is_open(after));
}

#[test]
fn a_stale_version_or_a_report_already_handed_in_is_refused() {
    let now = at("2026-08-01T10:00:00Z");
    let report = draft(ReportStatus::Draft, &[]);
    assert_eq!(
        may_submit(Some(&report), &window(), Some(2), [], now),
        Err(Refusal::Stale {
            expected: 2,
            actual: 3
        })
    );
    assert_eq!(
        may_submit(Some(&report), &window(), Some(3), [], now),
        Ok(())
    );
    let submitted = draft(ReportStatus::Submitted, &[]);
    assert!(matches!(
        may_submit(Some(&submitted), &window(), None, [], now),
        Err(Refusal::Workflow(_))
    ));
    let returned = draft(ReportStatus::Returned, &[]);
    assert_eq!(
        may_submit(Some(&returned), &window(), None, [], now),
        Ok(())
    );
}

#[test]
fn every_missed_target_needs_an_explanation_that_says_something() {
    let now = at("2026-08-01T10:00:00Z");
    for explanations in [vec![], vec![("success_rate", "  \n ")]] {
        let report = draft(ReportStatus::Draft, &explanations);
        let Err(Refusal::Broken(failures)) =
            may_submit(Some(&report), &window(), None, [MISSED, MET], now)
        else {
            panic!("an unexplained missed target was accepted");
        };
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(failures[0].field, "gap_explanations.success_rate");
        assert_eq!(failures[0].code, "gap_explanation_required");
        assert!(failures[0].message.contains("Taux de réussite"));
    }
    let explained = draft(
        ReportStatus::Draft,
        &[("success_rate", "deux abandons en cours d'année")],
    );
    assert_eq!(
        may_submit(Some(&explained), &window(), None, [MISSED, MET], now),
        Ok(())
    );
}

#[test]
fn broken_grid_rules_are_listed_with_their_grid_fields_before_the_explanations() {
    let now = at("2026-08-01T10:00:00Z");
    let mut report = draft(ReportStatus::Draft, &[]);
    report.grid.students_new = report.grid.students_enrolled.map(|n| n + 1);
    let Err(Refusal::Broken(failures)) = may_submit(Some(&report), &window(), None, [MISSED], now)
    else {
        panic!("a grid with more new students than students was accepted");
    };
    let fields: Vec<(&str, &str)> = failures
        .iter()
        .map(|f| (f.field.as_str(), f.code))
        .collect();
    assert_eq!(
        fields,
        [
            ("grid.students_new", "new_exceeds_enrolled"),
            ("grid.students_enrolled", "new_exceeds_enrolled"),
            ("gap_explanations.success_rate", "gap_explanation_required"),
        ]
    );
}

#[test]
fn each_transition_says_whom_it_notifies() {
    let nevers: CampusId = "nevers".parse().unwrap_or_else(|_| unreachable!());
    let step = ReportStep {
        campus_id: &nevers,
        campus_name: "Campus connecté de Nevers",
        year: year(),
        at: at("2026-06-15T08:30:00Z"),
    };
    let mail = MailContext::default();
    let submitted = notices(ReportAction::Submit, &step, None, &mail);
    assert_eq!(submitted[0], Notice::Webhook(Event::ReportSubmitted));
    let Notice::Coordinators { event, mail: email } = &submitted[1] else {
        panic!("{submitted:?}")
    };
    assert_eq!(*event, Event::ReportSubmitted);
    assert!(
        email.subject.starts_with("Accusé de réception"),
        "{email:?}"
    );
    let returned = notices(
        ReportAction::Return,
        &step,
        Some("le budget ne tombe pas juste"),
        &mail,
    );
    assert_eq!(returned[0], Notice::Webhook(Event::ReportReturned));
    let Notice::Coordinators { event, mail: email } = &returned[1] else {
        panic!("{returned:?}")
    };
    assert_eq!(*event, Event::ReportReturned);
    assert!(email.subject.contains("à corriger"));
    assert!(email.body.contains("le budget ne tombe pas juste"));
    let accepted = notices(ReportAction::Accept, &step, None, &mail);
    assert_eq!(accepted[0], Notice::Webhook(Event::ReportAccepted));
    let Notice::Coordinators { event, mail: email } = &accepted[1] else {
        panic!("{accepted:?}")
    };
    assert_eq!(*event, Event::ReportAccepted);
    assert!(
        email.subject.contains("accepté le 15/06/2026 10:30"),
        "{email:?}"
    );
    assert_eq!(accepted.len(), 2);
    assert!(notices(ReportAction::Edit, &step, None, &mail).is_empty());
    assert!(notices(ReportAction::Reopen, &step, None, &mail).is_empty());
}
