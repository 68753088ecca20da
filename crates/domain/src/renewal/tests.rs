//! The renewal record checked figure by figure on hand-built years.

use super::*;
use crate::grid::IndicatorGrid;
use std::collections::BTreeMap;

fn year(s: &str) -> AcademicYear {
    s.parse().unwrap()
}

/// A grid from (field, value) pairs of integer fields.
fn grid(values: &[(&str, i64)]) -> IndicatorGrid {
    let mut g = IndicatorGrid::default();
    for (name, v) in values {
        let kind = crate::grid::field(name).unwrap().kind;
        let value = match kind {
            crate::FieldKind::Money => crate::FieldValue::Money(*v),
            _ => crate::FieldValue::Count(*v),
        };
        g.set(name, Some(value)).unwrap();
    }
    g
}

/// enrolled, (licence, master, doctorate, daeu, bts, other public, private), success, copil,
/// (state, local authority, region, partners, in kind) in cents.
fn year_grid(enrolled: i64, p: [i64; 7], success: i64, copil: i64, r: [i64; 5]) -> IndicatorGrid {
    grid(&[
        ("students_enrolled", enrolled),
        ("students_new", enrolled / 2),
        ("prog_licence", p[0]),
        ("prog_master", p[1]),
        ("prog_doctorate", p[2]),
        ("prog_daeu", p[3]),
        ("prog_bts", p[4]),
        ("prog_other_public", p[5]),
        ("prog_private", p[6]),
        ("outcome_success", success),
        ("copil_meetings_count", copil),
        ("rev_state", r[0]),
        ("rev_local_authority", r[1]),
        ("rev_region", r[2]),
        ("rev_partners", r[3]),
        ("rev_in_kind", r[4]),
        ("rev_other", 0),
    ])
}

fn three_years() -> Vec<SpanYear> {
    let grids = [
        (
            "2022-2023",
            year_grid(
                12,
                [6, 1, 0, 2, 1, 1, 1],
                9,
                1,
                [5_000_000, 3_000_000, 1_000_000, 500_000, 500_000],
            ),
        ),
        (
            "2023-2024",
            year_grid(
                18,
                [9, 2, 1, 3, 1, 0, 2],
                15,
                2,
                [5_000_000, 4_000_000, 2_000_000, 1_000_000, 0],
            ),
        ),
        (
            "2024-2025",
            year_grid(
                24,
                [12, 3, 0, 4, 3, 1, 1],
                20,
                0,
                [4_000_000, 6_000_000, 0, 0, 2_000_000],
            ),
        ),
    ];
    grids
        .into_iter()
        .map(|(y, g)| SpanYear {
            academic_year: year(y),
            grid: Some(g),
            note: None,
        })
        .collect()
}

fn figure<'a>(records: &'a [CriterionRecord], code: &str, name: &str) -> &'a Figure {
    records
        .iter()
        .find(|r| r.code == code)
        .unwrap()
        .figures
        .iter()
        .find(|f| f.name == name)
        .unwrap()
}

fn values(f: &Figure) -> Vec<Option<f64>> {
    f.values.iter().map(|v| v.value).collect()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn lmd_and_public_programmes_are_the_grids_programmes() {
    let programmes = figures_of("programmes", &three_years());
    let sources = |name: &str| {
        programmes
            .iter()
            .find(|f| f.name == name)
            .unwrap()
            .sources
            .clone()
    };
    assert_eq!(
        sources("prog_lmd"),
        vec!["prog_licence", "prog_master", "prog_doctorate"]
    );
    let public = sources("public_share");
    assert_eq!(public.len(), 7, "six public programmes over the enrolment");
    assert!(!public.contains(&"prog_private") && public.contains(&"prog_other_public"));
}

#[test]
fn three_hand_built_years_give_each_figure() {
    let records = assess(&three_years(), &BTreeMap::new());
    let enrolled = figure(&records, "students_hosted", "students_enrolled");
    assert_eq!(values(enrolled), vec![Some(12.0), Some(18.0), Some(24.0)]);
    assert_eq!((enrolled.total, enrolled.mean), (Some(54.0), Some(18.0)));
    assert_eq!(
        (enrolled.change, enrolled.progression),
        (Some(12.0), Some(100.0))
    );

    let public = figure(&records, "programmes", "public_share");
    let expected = [11.0 / 12.0, 16.0 / 18.0, 23.0 / 24.0];
    for (v, e) in values(public).into_iter().zip(expected) {
        assert!(close(v, e * 100.0), "{v:?}");
    }
    assert!(
        close(public.pooled, 50.0 / 54.0 * 100.0),
        "pooled, not a mean of rates"
    );
    let lmd = figure(&records, "programmes", "prog_lmd");
    assert_eq!(values(lmd), vec![Some(7.0), Some(12.0), Some(15.0)]);
    assert!(close(
        figure(&records, "programmes", "prog_lmd_share").pooled,
        34.0 / 54.0 * 100.0
    ));
    assert!(close(
        figure(&records, "programmes", "prog_daeu_share").values[2].value,
        4.0 / 24.0 * 100.0
    ));

    let cofinancing = figure(&records, "cofinancing", "cofinancing_share");
    assert!(close(cofinancing.values[0].value, 50.0));
    assert!(close(cofinancing.values[1].value, 7.0 / 12.0 * 100.0));
    assert!(close(cofinancing.pooled, 20.0 / 34.0 * 100.0));
    assert_eq!(
        figure(&records, "cofinancing", "revenues").total,
        Some(340_000.0)
    );

    let success = figure(&records, "success_rate", "success_rate");
    assert!(close(success.values[0].value, 75.0));
    assert!(close(success.pooled, 44.0 / 54.0 * 100.0));

    let status = |code: &str| records.iter().find(|r| r.code == code).unwrap().assessment;
    assert_eq!(status("cofinancing"), Assessment::Met);
    assert_eq!(status("students_hosted"), Assessment::Met);
    assert_eq!(status("programmes"), Assessment::Met);
    assert_eq!(
        status("governance"),
        Assessment::NotMet,
        "no COPIL in 2024-2025"
    );
    assert_eq!(status("success_rate"), Assessment::NotAssessed);
    assert_eq!(failing(&records), vec!["governance"]);
}

#[test]
fn a_missing_year_is_shown_as_missing_not_as_zero() {
    let mut years = three_years();
    years[1] = span_year(
        year("2023-2024"),
        None,
        "2026-01-01T00:00:00Z".parse().unwrap(),
    );
    assert!(complete(&three_years()) && !complete(&years));
    let records = assess(&years, &BTreeMap::new());
    let enrolled = figure(&records, "students_hosted", "students_enrolled");
    assert_eq!(values(enrolled), vec![Some(12.0), None, Some(24.0)]);
    assert_eq!(enrolled.values[1].note, Some(record::NOTE_NO_REPORT));
    assert_eq!(enrolled.known_years, 2);
    assert_eq!(
        (enrolled.mean, enrolled.progression),
        (Some(18.0), Some(100.0))
    );
    let cofinancing = figure(&records, "cofinancing", "cofinancing_share");
    assert!(close(cofinancing.pooled, 13.0 / 22.0 * 100.0));
    let json = serde_json::to_value(enrolled).unwrap();
    assert_eq!(json["values"][1]["value"], serde_json::Value::Null);
}

#[test]
fn a_span_without_reports_is_unknown_and_says_why() {
    let now = "2026-10-20T00:00:00Z".parse().unwrap();
    let years = vec![
        span_year(year("2025-2026"), None, now),
        span_year(year("2026-2027"), None, now),
    ];
    assert_eq!(years[0].note, Some(record::NOTE_NO_REPORT));
    assert_eq!(years[1].note, Some(record::NOTE_NOT_DUE));
    assert!(
        !complete(&years) && complete(&years[1..]),
        "a year not due yet is not missing"
    );
    let records = assess(&years, &BTreeMap::new());
    assert_eq!(
        failing(&records),
        vec!["cofinancing", "students_hosted", "programmes", "governance"]
    );
    assert!(records.iter().all(|r| r.figure.is_none()));
    // People read the criteria by the specification's wording, never by their codes.
    let campus = crate::testing::sample_campus("nevers", crate::RegionCode::BFC);
    let record = RenewalRecord::build(
        &campus,
        (year("2025-2026"), year("2026-2027")),
        &years,
        RenewalInputs::default(),
    );
    let verdict = record.verdict();
    assert!(!verdict.contains("cofinancing"), "{verdict}");
    let label = records[0].label;
    assert!(verdict.contains(label), "{verdict}");
}

fn budget(y: &str, lines: &[(&str, i64)]) -> BudgetYear {
    BudgetYear {
        academic_year: year(y),
        lines: lines.iter().map(|(l, v)| ((*l).to_owned(), *v)).collect(),
    }
}

fn codes(check: &BudgetCheck) -> Vec<&'static str> {
    check.issues.iter().map(|i| i.code).collect()
}

#[test]
fn a_balanced_budget_half_cofinanced_passes() {
    let c = BudgetCheck::forecast(&budget(
        "2027-2028",
        &[
            ("exp_staff", 8_000_000),
            ("exp_premises", 2_000_000),
            ("rev_state", 5_000_000),
            ("rev_local_authority", 5_000_000),
        ],
    ));
    assert_eq!(
        (c.total_expenses, c.total_revenues, c.balance),
        (Some(10_000_000), Some(10_000_000), Some(0))
    );
    assert_eq!((c.balanced, c.cofinanced), (Some(true), Some(true)));
    assert!(close(c.cofinancing_share, 50.0));
    assert_eq!(codes(&c), Vec::<&str>::new());
    assert_eq!(c.lines["exp_other"], Some(0), "a line left out is 0 €");
}

#[test]
fn an_unbalanced_budget_under_half_cofinanced_fires_both_rules() {
    let c = BudgetCheck::forecast(&budget(
        "2027-2028",
        &[
            ("exp_staff", 10_000_000),
            ("rev_state", 5_000_000),
            ("rev_local_authority", 4_999_999),
        ],
    ));
    assert_eq!(c.balance, Some(-1));
    assert_eq!((c.balanced, c.cofinanced), (Some(false), Some(false)));
    assert_eq!(codes(&c), vec!["unbalanced", "cofinancing_below_50"]);
    let over = BudgetCheck::forecast(&budget(
        "2027-2028",
        &[
            ("exp_staff", 12_000_002),
            ("rev_state", 6_000_001),
            ("rev_region", 6_000_001),
        ],
    ));
    assert_eq!(codes(&over), vec!["state_above_cap"]);
    let empty = BudgetCheck::forecast(&budget("2027-2028", &[]));
    assert_eq!((empty.balanced, empty.cofinanced), (Some(true), None));
    assert_eq!(codes(&empty), vec!["no_revenue"]);
}

#[test]
fn actual_years_read_the_reports_lines_and_leave_a_missing_year_empty() {
    let years = three_years();
    let c = BudgetCheck::actual(years[0].academic_year, years[0].grid.as_ref(), None);
    assert_eq!(c.total_revenues, Some(10_000_000));
    assert_eq!(
        c.total_expenses, None,
        "the hand-built grid has no expenses"
    );
    let missing = BudgetCheck::actual(year("2025-2026"), None, Some(record::NOTE_NO_REPORT));
    assert!(missing.lines.values().all(Option::is_none));
    assert_eq!((missing.balanced, missing.issues.len()), (None, 0));
}

#[test]
fn inputs_break_rules_by_named_field() {
    let coming = coming_years(crate::ConventionPeriod {
        start_year: 2024,
        end_year: 2027,
    });
    assert_eq!(
        coming,
        vec![year("2027-2028"), year("2028-2029"), year("2029-2030")]
    );
    let fields = |issues: Vec<InputIssue>| {
        issues
            .into_iter()
            .map(|i| (i.field, i.code))
            .collect::<Vec<_>>()
    };
    let years = vec![
        budget("2026-2027", &[("exp_staff", 1)]),
        budget("2027-2028", &[("exp_staf", 1), ("rev_state", -5)]),
        budget("2027-2028", &[]),
    ];
    assert_eq!(
        fields(inputs::check_budget(&years, &coming)),
        vec![
            ("years[0].academic_year".to_owned(), "not_a_coming_year"),
            ("years[1].lines.exp_staf".to_owned(), "unknown_line"),
            ("years[1].lines.rev_state".to_owned(), "out_of_range"),
            ("years[2].academic_year".to_owned(), "duplicate_year"),
        ]
    );
    let plan = EstablishmentPlan {
        actions: vec![EstablishmentAction {
            academic_year: year("2028-2029"),
            action: " ".into(),
            description: "x".repeat(2_001),
        }],
        grant_uses: vec![GrantUse {
            academic_year: year("2027-2028"),
            amount: 1_000_001,
            description: "Tutorat".into(),
        }],
    };
    assert_eq!(
        fields(inputs::check_plan(&plan, &coming)),
        vec![
            ("actions[0].action".to_owned(), "required"),
            ("actions[0].description".to_owned(), "too_long"),
            ("grant_uses[0].amount".to_owned(), "out_of_range"),
        ]
    );
    let action = EstablishmentAction {
        academic_year: year("2027-2028"),
        action: "Atelier".into(),
        description: "Un par mois".into(),
    };
    let crowded = EstablishmentPlan {
        actions: vec![action; inputs::MAX_ACTIONS + 1],
        grant_uses: vec![],
    };
    assert_eq!(
        fields(inputs::check_plan(&crowded, &coming)),
        vec![("actions".to_owned(), "too_many")]
    );
    let texts = BTreeMap::from([
        ("space_layout".to_owned(), "Deux salles.".to_owned()),
        ("nope".to_owned(), "x".to_owned()),
    ]);
    assert_eq!(
        fields(inputs::check_texts(&texts)),
        vec![("texts.nope".to_owned(), "unknown_criterion")]
    );
}

#[test]
fn small_counts_are_withheld_with_their_whole_breakdown_and_span_totals() {
    let mut years = three_years();
    // 2024-2025 has 3 BTS students and 1 scholarship holder; 2022-2023 has 3 students in all.
    let mut small = year_grid(
        3,
        [2, 0, 0, 0, 0, 0, 1],
        2,
        1,
        [5_000_000, 5_000_000, 0, 0, 0],
    );
    small.scholarship_holders = Some(0);
    years[0].grid = Some(small);
    // 2023-2024: no count of 1 to 4 in its programme split.
    years[1].grid = Some(year_grid(
        18,
        [10, 0, 0, 8, 0, 0, 0],
        15,
        2,
        [5_000_000, 4_000_000, 2_000_000, 1_000_000, 0],
    ));
    if let Some(g) = years[2].grid.as_mut() {
        g.scholarship_holders = Some(1);
    }
    let mut records = assess(&years, &BTreeMap::new());
    withhold_small_counts(
        &mut records,
        &years,
        &"autun".parse().unwrap(),
        &BTreeMap::new(),
    );
    let enrolled = figure(&records, "students_hosted", "students_enrolled");
    assert_eq!(values(enrolled), vec![None, Some(18.0), Some(24.0)]);
    assert_eq!(enrolled.values[0].note, Some(CONFIDENTIAL));
    assert_eq!(
        (enrolled.total, enrolled.mean, enrolled.progression),
        (None, None, None)
    );
    let programmes = records.iter().find(|r| r.code == "programmes").unwrap();
    assert_eq!(
        programmes.figure, None,
        "the pooled share would give the hidden years back"
    );
    for f in &programmes.figures {
        assert_eq!(f.values[0].value, None, "{}", f.name);
        assert_eq!(
            f.values[2].value, None,
            "{}: 3 BTS students hide the whole split",
            f.name
        );
        assert!(f.values[1].value.is_some(), "{}", f.name);
    }
    let scholarship = figure(&records, "student_profile", "scholarship_holders_share");
    assert_eq!(values(scholarship)[2], None);
    assert!(
        values(figure(&records, "student_profile", "women_share"))[2].is_none(),
        "the clean sex split of year 3 is unset"
    );
    let revenues = figure(&records, "cofinancing", "revenues");
    assert_eq!(
        revenues.total,
        Some(340_000.0 - 100_000.0 + 100_000.0),
        "money is not about students"
    );
    let governance = figure(&records, "governance", "copil_meetings_count");
    assert_eq!(values(governance), vec![Some(1.0), Some(2.0), Some(0.0)]);
}

#[test]
fn the_default_span_is_the_convention_cut_to_accepted_years() {
    let span = |start_year, end_year| {
        convention_years(crate::ConventionPeriod {
            start_year,
            end_year,
        })
        .map(|(f, t)| (f.to_string(), t.to_string()))
    };
    assert_eq!(
        span(2025, 2028),
        Ok(("2025-2026".into(), "2027-2028".into()))
    );
    assert_eq!(
        span(2099, 2105),
        Ok(("2099-2100".into(), "2100-2101".into()))
    );
    assert_eq!(
        span(2025, 2025),
        Ok(("2025-2026".into(), "2025-2026".into()))
    );
    assert!(span(1990, 1993).is_err());
    assert_eq!(
        coming_years(crate::ConventionPeriod {
            start_year: 2095,
            end_year: 2100
        })
        .len(),
        1
    );
}
