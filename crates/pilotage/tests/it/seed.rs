//! The demo network: it loads, a second load adds nothing, and its data keep the domain's rules.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use chrono::Utc;
use pilotage::fixtures::Fixtures;
use pilotage_domain::target::applicable;
use pilotage_domain::validation::validate;
use pilotage_domain::{indicators, GapStatus, ReportStatus};
use pilotage_store::testing::TestDatabase;
use pilotage_store::{campuses, flash_surveys, reports, targets, users};
use std::collections::HashMap;

#[test]
fn seeding_twice_loads_the_network_once() {
    let fixtures = Fixtures::embedded().expect("fixtures");
    let db = TestDatabase::new().expect("db");
    let mut conn = db.connect().expect("conn");
    let first = pilotage::seed::run(&mut conn, &fixtures, Utc::now(), true).expect("first seed");
    assert_eq!(first.campuses, fixtures.campuses.len());
    assert_eq!(first.reports, fixtures.reports.len());
    assert_eq!(first.flash_surveys, fixtures.flash_surveys.len());
    assert_eq!(first.targets, fixtures.targets.len());
    assert_eq!(
        first.credentials.len(),
        fixtures.users.len() + fixtures.api_clients.len()
    );

    let second = pilotage::seed::run(&mut conn, &fixtures, Utc::now(), true).expect("second seed");
    assert!(!second.added_anything(), "{second:?}");
    assert_eq!(
        campuses::all(&mut conn).expect("campuses").len(),
        fixtures.campuses.len()
    );
    assert_eq!(
        reports::list_all(&mut conn).expect("reports").len(),
        fixtures.reports.len()
    );
    assert_eq!(
        flash_surveys::list_all(&mut conn).expect("surveys").len(),
        fixtures.flash_surveys.len()
    );
    assert_eq!(
        targets::list(&mut conn, None).expect("targets").len(),
        fixtures.targets.len()
    );
    assert_eq!(
        users::list(&mut conn).expect("users").len(),
        fixtures.users.len()
    );

    // What was loaded reads back as it was written.
    let nevers = &fixtures.reports[0];
    let stored = reports::get(&mut conn, &nevers.campus_id, nevers.academic_year)
        .expect("get")
        .expect("present");
    assert_eq!(
        (stored.grid.clone(), stored.status, stored.submitted_at),
        (nevers.grid.clone(), nevers.status, nevers.submitted_at)
    );
}

#[test]
fn the_demo_network_is_realistic_in_size_and_spread() {
    let f = Fixtures::embedded().expect("fixtures");
    assert!(
        (80..=90).contains(&f.campuses.len()),
        "{} campuses",
        f.campuses.len()
    );
    let regions: std::collections::HashSet<_> = f.campuses.iter().map(|c| c.region_code).collect();
    assert!(regions.len() >= 15, "{} régions", regions.len());
    let years: std::collections::BTreeSet<_> = f
        .reports
        .iter()
        .map(|r| r.academic_year.to_string())
        .collect();
    assert_eq!(years.first().map(String::as_str), Some("2020-2021"));
    assert_eq!(years.last().map(String::as_str), Some("2025-2026"));
    for status in [
        ReportStatus::Draft,
        ReportStatus::Submitted,
        ReportStatus::Returned,
        ReportStatus::Accepted,
    ] {
        assert!(
            f.reports.iter().any(|r| r.status == status),
            "no {status} report"
        );
    }
    // Pooled, not averaged: Σ success / Σ enrolled near 85 %, Σ expenses / Σ enrolled near 4 850 € in 2024-2025.
    let of_year: Vec<_> = f
        .reports
        .iter()
        .filter(|r| r.academic_year.to_string() == "2024-2025")
        .collect();
    let sum = |name: &str| {
        of_year
            .iter()
            .filter_map(|r| r.grid.integer(name))
            .sum::<i64>() as f64
    };
    let success = sum("outcome_success") / sum("students_enrolled") * 100.0;
    assert!((80.0..=90.0).contains(&success), "pooled success {success}");
    let expenses: f64 = pilotage_domain::grid::groups::EXPENSES
        .iter()
        .map(|e| sum(e))
        .sum();
    let cost = expenses / 100.0 / sum("students_enrolled");
    assert!((4_500.0..=5_200.0).contains(&cost), "pooled cost {cost}");
}

#[test]
fn handed_in_demo_reports_break_no_rule_and_explain_every_missed_target() {
    let f = Fixtures::embedded().expect("fixtures");
    let regions: HashMap<_, _> = f
        .campuses
        .iter()
        .map(|c| (c.id.clone(), c.region_code))
        .collect();
    let mut warnings = 0;
    for r in f.reports.iter().filter(|r| r.status != ReportStatus::Draft) {
        let report = validate(&r.grid);
        let errors: Vec<_> = report.errors().map(|e| e.code).collect();
        assert!(
            errors.is_empty(),
            "{} {}: {errors:?}",
            r.campus_id,
            r.academic_year
        );
        warnings += report.warnings().count();
        for indicator in indicators::INDICATORS {
            let Some(target) = applicable(
                &f.targets,
                indicator.name,
                r.academic_year,
                &r.campus_id,
                regions[&r.campus_id],
            ) else {
                continue;
            };
            let gap = target.gap(indicator.compute(&r.grid).value);
            if gap.status == GapStatus::Missed {
                assert!(
                    r.gap_explanations.contains_key(indicator.name),
                    "{} {}: {} missed without explanation",
                    r.campus_id,
                    r.academic_year,
                    indicator.name
                );
            }
        }
    }
    assert!(
        (1..=12).contains(&warnings),
        "a few deliberate warnings, got {warnings}"
    );
}
