//! Small networks computed by hand, checked figure by figure.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use crate::common;

use common::{at, campus};

use pilotage_analytics::{
    aggregates, campus_values, completeness, gap_analysis, outliers, scorecard, series, Dataset,
    Scope,
};
use pilotage_domain::criteria::CriterionStatus;
use pilotage_domain::testing::ReportBuilder;
use pilotage_domain::*;

fn year(s: &str) -> AcademicYear {
    s.parse().unwrap()
}

fn report(
    id: &str,
    y: &str,
    enrolled: i64,
    success: i64,
    status: ReportStatus,
    submitted: Option<&str>,
) -> AnnualReport {
    ReportBuilder::new(id, y)
        .status(status)
        .grid(IndicatorGrid {
            students_enrolled: Some(enrolled),
            outcome_success: Some(success),
            ..Default::default()
        })
        .submitted_at(submitted.map(at))
        .build()
}

fn value(data: &Dataset, scope: &Scope, y: &str, indicator: &str) -> pilotage_analytics::Aggregate {
    aggregates(data)
        .unwrap()
        .into_iter()
        .find(|a| &a.scope == scope && a.academic_year == year(y) && a.indicator == indicator)
        .unwrap()
}

fn network() -> Dataset {
    Dataset {
        campuses: vec![
            campus("autun", RegionCode::BFC),
            campus("nevers", RegionCode::BFC),
            campus("privas", RegionCode::ARA),
        ],
        reports: vec![
            report(
                "autun",
                "2024-2025",
                10,
                9,
                ReportStatus::Accepted,
                Some("2025-08-20T10:00:00Z"),
            ),
            report(
                "nevers",
                "2024-2025",
                90,
                45,
                ReportStatus::Submitted,
                Some("2025-08-30T10:00:00Z"),
            ),
            report(
                "privas",
                "2024-2025",
                0,
                0,
                ReportStatus::Accepted,
                Some("2025-08-30T10:00:00Z"),
            ),
        ],
        ..Default::default()
    }
}

#[test]
fn national_rates_are_pooled_not_the_mean_of_campus_rates() {
    let data = network();
    let national = value(&data, &Scope::Nation, "2024-2025", "success_rate");
    // Σ successes / Σ enrolled = 54 / 100 = 54 %, while the mean of the campus rates (90 %, 50 %) is 70 %.
    assert_eq!(
        (national.value, national.numerator, national.denominator),
        (Some(54.0), Some(54.0), Some(100.0))
    );
    assert_eq!(
        (
            national.campuses,
            national.min,
            national.median,
            national.max
        ),
        (2, Some(50.0), Some(70.0), Some(90.0))
    );
    let bfc = value(
        &data,
        &Scope::Region(RegionCode::BFC),
        "2024-2025",
        "success_rate",
    );
    assert_eq!(bfc.value, Some(54.0));
    let enrolment = value(&data, &Scope::Nation, "2024-2025", "enrolment");
    assert_eq!((enrolment.value, enrolment.campuses), (Some(100.0), 3));
}

#[test]
fn zero_denominators_give_null_never_zero() {
    let data = network();
    let privas = campus_values(&data)
        .unwrap()
        .into_iter()
        .find(|v| v.campus_id.as_str() == "privas" && v.indicator == "success_rate")
        .unwrap();
    assert_eq!((privas.value, privas.confidence_interval), (None, None));
    let ara = value(
        &data,
        &Scope::Region(RegionCode::ARA),
        "2024-2025",
        "success_rate",
    );
    assert_eq!((ara.value, ara.campuses), (None, 0));
    let json = serde_json::to_string(&ara).unwrap();
    assert!(json.contains("\"value\":null"), "{json}");
}

#[test]
fn campus_rates_carry_the_wilson_interval() {
    let mut data = network();
    data.reports[0] = report(
        "autun",
        "2024-2025",
        20,
        17,
        ReportStatus::Accepted,
        Some("2025-08-20T10:00:00Z"),
    );
    let autun = campus_values(&data)
        .unwrap()
        .into_iter()
        .find(|v| v.campus_id.as_str() == "autun" && v.indicator == "success_rate")
        .unwrap();
    let [low, high] = autun.confidence_interval.unwrap();
    // 17/20: the published 95 % Wilson interval is [0.6396, 0.9476].
    assert!(
        (low - 63.96).abs() < 0.01 && (high - 94.76).abs() < 0.01,
        "{low} {high}"
    );
    assert_eq!(
        (autun.numerator, autun.denominator),
        (Some(17.0), Some(20.0))
    );
}

#[test]
fn only_handed_in_reports_count_unless_drafts_are_asked_for() {
    let mut data = network();
    data.reports.push(report(
        "autun",
        "2025-2026",
        30,
        15,
        ReportStatus::Draft,
        None,
    ));
    assert!(aggregates(&data)
        .unwrap()
        .iter()
        .all(|a| a.academic_year != year("2025-2026")));
    data.include_drafts = true;
    assert_eq!(
        value(&data, &Scope::Nation, "2025-2026", "success_rate").value,
        Some(50.0)
    );
}

#[test]
fn series_have_year_on_year_change_and_targets() {
    let mut data = network();
    data.reports.push(report(
        "autun",
        "2025-2026",
        10,
        10,
        ReportStatus::Accepted,
        Some("2026-08-20T10:00:00Z"),
    ));
    data.reports.push(report(
        "nevers",
        "2025-2026",
        90,
        54,
        ReportStatus::Accepted,
        Some("2026-08-20T10:00:00Z"),
    ));
    data.targets.push(Target {
        indicator: "success_rate".into(),
        scope: TargetScope::Nation,
        academic_year: year("2025-2026"),
        direction: Direction::AtLeast,
        value: 80.0,
    });
    let points = series(&data, "success_rate", &Scope::Nation, None, None).unwrap();
    assert_eq!(points.len(), 2);
    assert_eq!((points[0].value, points[0].change), (Some(54.0), None));
    assert_eq!(
        (points[1].value, points[1].change),
        (Some(64.0), Some(10.0))
    );
    let gap = points[1].gap.unwrap();
    assert_eq!((gap.absolute, gap.status), (Some(-16.0), GapStatus::Missed));
    let campus = series(
        &data,
        "success_rate",
        &Scope::Campus("autun".parse().unwrap()),
        Some(year("2025-2026")),
        None,
    )
    .unwrap();
    assert_eq!(
        campus.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![Some(100.0)]
    );
}

#[test]
fn the_gap_analysis_lists_the_campuses_that_miss_worst_first() {
    let mut data = network();
    data.reports.push(report(
        "privas",
        "2024-2025",
        40,
        30,
        ReportStatus::Accepted,
        Some("2025-08-30T10:00:00Z"),
    ));
    data.reports.remove(2);
    data.targets.push(Target {
        indicator: "success_rate".into(),
        scope: TargetScope::Nation,
        academic_year: year("2024-2025"),
        direction: Direction::AtLeast,
        value: 80.0,
    });
    data.targets.push(Target {
        indicator: "success_rate".into(),
        scope: "campus:autun".parse().unwrap(),
        academic_year: year("2024-2025"),
        direction: Direction::AtLeast,
        value: 95.0,
    });
    let gaps = gap_analysis(&data, year("2024-2025")).unwrap();
    let success = gaps.iter().find(|g| g.indicator == "success_rate").unwrap();
    let missed: Vec<_> = success
        .missed
        .iter()
        .map(|e| (e.scope.to_string(), e.gap.absolute))
        .collect();
    // nevers 50 % vs 80 (−37,5 % relative), privas 75 % vs 80 (−6,25 %), autun 90 % vs its own 95 (−5,3 %).
    assert_eq!(
        missed,
        vec![
            ("campus:nevers".into(), Some(-30.0)),
            ("campus:privas".into(), Some(-5.0)),
            ("campus:autun".into(), Some(-5.0))
        ]
    );
    let national = success.national.as_ref().unwrap();
    // Pooled: (9 + 45 + 30) / (10 + 90 + 40) = 60 %.
    assert_eq!(
        (national.gap.actual, national.gap.status),
        (Some(60.0), GapStatus::Missed)
    );
}

#[test]
fn completeness_counts_late_reports_and_respects_lock_exceptions() {
    let mut data = network();
    data.campuses.push(campus("millau", RegionCode::OCC));
    data.campuses.push(campus("dole", RegionCode::BFC));
    let y = "2024-2025";
    data.reports = vec![
        report(
            "autun",
            y,
            10,
            9,
            ReportStatus::Accepted,
            Some("2025-09-01T21:59:59Z"),
        ),
        report(
            "nevers",
            y,
            10,
            9,
            ReportStatus::Submitted,
            Some("2025-09-01T22:00:01Z"),
        ),
        report(
            "privas",
            y,
            10,
            9,
            ReportStatus::Submitted,
            Some("2025-09-10T10:00:00Z"),
        ),
        report("millau", y, 10, 9, ReportStatus::Draft, None),
    ];
    data.exceptions.push(LockException {
        campus_id: "privas".parse().unwrap(),
        academic_year: year(y),
        kind: DeadlineKind::AnnualReport,
        due_at: at("2025-09-15T21:59:59Z"),
        reason: "Changement de coordination".into(),
    });
    let c = completeness(&data, year(y), at("2025-10-01T00:00:00Z")).unwrap();
    let national = &c.scopes[0];
    assert_eq!(national.scope, "national");
    let r = &national.annual_reports;
    assert_eq!(
        (
            r.expected,
            r.submitted,
            r.on_time,
            r.late,
            r.missing,
            r.overdue
        ),
        (5, 3, 2, 1, 2, 2)
    );
    let bfc = c.scopes.iter().find(|s| s.scope == "region:BFC").unwrap();
    assert_eq!(
        (
            bfc.annual_reports.expected,
            bfc.annual_reports.late,
            bfc.annual_reports.missing
        ),
        (3, 1, 1)
    );
    let reports: Vec<_> = c
        .follow_up
        .iter()
        .filter(|f| f.kind == DeadlineKind::AnnualReport)
        .map(|f| (f.campus_id.as_str(), f.state))
        .collect();
    // After the closing date, what was not handed in is « manquant ».
    assert_eq!(
        reports,
        vec![
            ("dole", Progress::Missing),
            ("nevers", Progress::SubmittedLate),
            ("millau", Progress::Missing)
        ]
    );
    assert_eq!(r.unsent_after_closing, 2);
    // Between the deadline and the closing date, they are « en retard ».
    let between = completeness(&data, year(y), at("2025-09-10T00:00:00Z")).unwrap();
    let r = &between.scopes[0].annual_reports;
    assert_eq!((r.of(Progress::Late), r.of(Progress::Missing)), (2, 0));
    // Before the deadline nothing is overdue nor followed up: the draft is « en cours », the campus with nothing
    // saved « à venir ».
    data.reports.retain(|r| r.submitted_at.is_none());
    let early = completeness(&data, year(y), at("2025-08-01T00:00:00Z")).unwrap();
    let r = &early.scopes[0].annual_reports;
    assert_eq!(
        (r.overdue, r.upcoming, r.in_progress, r.missing),
        (0, 4, 1, 5)
    );
    assert!(
        early
            .follow_up
            .iter()
            .all(|f| f.kind == DeadlineKind::FlashSurvey && f.state == Progress::Late),
        "{:?}",
        early.follow_up
    );
}

#[test]
fn the_scorecard_judges_each_criterion_with_its_figure() {
    let mut data = network();
    data.reports[1].grid = IndicatorGrid {
        students_enrolled: Some(20),
        prog_private: Some(2),
        tutors_fte: Some(1.0),
        copil_meetings_count: Some(0),
        ..Default::default()
    };
    let summary = scorecard(&data, year("2024-2025")).unwrap();
    let nevers = summary
        .scorecards
        .iter()
        .find(|s| s.campus_id.as_str() == "nevers")
        .unwrap();
    let status = |name: &str| {
        nevers
            .criteria
            .iter()
            .find(|c| c.criterion == name)
            .map(|c| (c.status, c.figure))
            .unwrap()
    };
    assert_eq!(status("tutor_ratio"), (CriterionStatus::Met, Some(20.0)));
    assert_eq!(
        status("minimum_enrolment"),
        (CriterionStatus::Met, Some(20.0))
    );
    assert_eq!(
        status("public_programmes"),
        (CriterionStatus::Met, Some(90.0))
    );
    assert_eq!(
        status("steering_committee"),
        (CriterionStatus::NotMet, Some(0.0))
    );
    assert_eq!(status("cofinancing"), (CriterionStatus::Unknown, None));
    assert_eq!(status("report_on_time"), (CriterionStatus::Met, Some(1.0)));
    assert_eq!(
        status("flash_survey_answered"),
        (CriterionStatus::NotMet, Some(0.0))
    );
    assert!(!nevers.all_met);
    assert_eq!((summary.campuses, summary.meeting_all), (3, 0));
}

#[test]
fn outliers_are_flagged_with_their_reason_and_tiny_campuses_are_not() {
    let mut data = Dataset::default();
    let rates = [80, 82, 84, 85, 86, 88, 83, 81, 87, 30];
    for (i, success) in rates.iter().enumerate() {
        let id = format!("campus-{i}");
        data.campuses.push(campus(&id, RegionCode::BFC));
        data.reports.push(report(
            &id,
            "2024-2025",
            100,
            *success,
            ReportStatus::Accepted,
            Some("2025-08-01T00:00:00Z"),
        ));
        data.reports.push(report(
            &id,
            "2023-2024",
            100,
            84,
            ReportStatus::Accepted,
            Some("2024-08-01T00:00:00Z"),
        ));
    }
    // A tiny campus at 0 %: noise, not flagged as far from its peers.
    data.campuses.push(campus("tiny", RegionCode::BFC));
    data.reports.push(report(
        "tiny",
        "2024-2025",
        3,
        0,
        ReportStatus::Accepted,
        Some("2025-08-01T00:00:00Z"),
    ));
    let found = outliers(&data, year("2024-2025")).unwrap();
    let flagged: Vec<_> = found
        .iter()
        .filter(|o| o.indicator == "success_rate")
        .map(|o| (o.campus_id.as_str(), o.kind))
        .collect();
    assert_eq!(
        flagged,
        vec![
            ("campus-9", "far_from_peers"),
            ("campus-9", "year_on_year_jump")
        ]
    );
    let far = found
        .iter()
        .find(|o| o.kind == "far_from_peers" && o.indicator == "success_rate")
        .unwrap();
    assert!(
        far.reason.contains("30,0 contre une médiane de 83,5"),
        "{}",
        far.reason
    );
}

#[test]
fn a_doubled_handful_of_meetings_or_a_budget_back_in_balance_is_no_jump() {
    let mut data = Dataset::default();
    for (y, meetings, balance) in [("2023-2024", 1, -200_000), ("2024-2025", 2, 0)] {
        data.campuses = vec![campus("nevers", RegionCode::BFC)];
        let mut r = report(
            "nevers",
            y,
            40,
            30,
            ReportStatus::Accepted,
            Some("2025-08-01T00:00:00Z"),
        );
        r.grid.copil_meetings_count = Some(meetings);
        r.grid.rev_state = Some(5_000_000 + balance);
        for f in [
            "rev_local_authority",
            "rev_region",
            "rev_partners",
            "rev_in_kind",
            "rev_other",
            "exp_premises",
            "exp_equipment",
            "exp_operations",
            "exp_communication",
            "exp_other",
        ] {
            r.grid.set(f, Some(FieldValue::Money(0))).unwrap();
        }
        r.grid.exp_staff = Some(5_000_000);
        data.reports.push(r);
    }
    // Enrolment jumping from 40 to 90 is a jump; a handful of meetings doubling, or a deficit closing, is not.
    data.reports[1].grid.students_enrolled = Some(90);
    data.reports[1].grid.outcome_success = Some(70);
    let kinds: Vec<_> = outliers(&data, year("2024-2025"))
        .unwrap()
        .into_iter()
        .map(|o| (o.indicator, o.kind))
        .collect();
    assert!(
        kinds.contains(&("enrolment", "year_on_year_jump")),
        "{kinds:?}"
    );
    assert!(
        !kinds
            .iter()
            .any(|(i, _)| *i == "copil_meetings" || *i == "budget_balance"),
        "{kinds:?}"
    );
}
