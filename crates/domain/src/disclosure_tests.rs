//! Unit tests of the disclosure rule on small networks worked out by hand.

use super::*;
use crate::indicators::indicator;

/// A complete grid: `n` students, outcomes (success, dropout, reorientation, failure, pending), `private`
/// students in private programmes, and a survey (respondents, would not have studied).
fn grid(n: i64, outcomes: [i64; 5], private: i64, survey: (i64, i64)) -> IndicatorGrid {
    IndicatorGrid {
        students_enrolled: Some(n),
        outcome_success: Some(outcomes[0]),
        outcome_dropout: Some(outcomes[1]),
        outcome_reorientation: Some(outcomes[2]),
        outcome_failure: Some(outcomes[3]),
        outcome_pending: Some(outcomes[4]),
        prog_private: Some(private),
        survey_respondents: Some(survey.0),
        survey_would_not_have_studied: Some(survey.1),
        ..Default::default()
    }
}

fn clean(n: i64) -> IndicatorGrid {
    grid(n, [n, 0, 0, 0, 0], 0, (n, 0))
}

fn id(s: &str) -> CampusId {
    s.parse().unwrap_or_else(|_| unreachable!())
}

fn campus(s: &str) -> Area {
    Area::Campus(id(s))
}

fn run(network: &[(&str, RegionCode, IndicatorGrid)]) -> Withheld {
    let ids: Vec<CampusId> = network.iter().map(|(c, _, _)| id(c)).collect();
    let year: Vec<CampusYear<'_>> = network
        .iter()
        .zip(&ids)
        .map(|((_, region, grid), campus)| CampusYear {
            campus,
            region: *region,
            grid,
        })
        .collect();
    protect(&year)
}

#[test]
fn counts_of_one_to_four_students_reveal_people() {
    assert!(!reveals(0));
    assert!((1..=4).all(reveals));
    assert!(!reveals(5));
}

#[test]
fn every_figure_depends_on_the_groups_of_its_fields_and_weights() {
    let groups = |name: &str| groups_of(indicator(name).unwrap_or_else(|| unreachable!()));
    use Group::*;
    assert_eq!(
        groups("success_rate"),
        BTreeSet::from([Enrolment, Outcomes])
    );
    assert_eq!(groups("success_rate_sitters"), BTreeSet::from([Outcomes]));
    assert_eq!(
        groups("public_share"),
        BTreeSet::from([Enrolment, Programmes])
    );
    assert_eq!(
        groups("would_not_have_studied_rate"),
        BTreeSet::from([Survey])
    );
    // Presence is pooled weighted by enrolment: published beside the région's, it would give head counts back.
    assert_eq!(groups("presence_hours"), BTreeSet::from([Enrolment]));
    assert_eq!(groups("cost_per_student"), BTreeSet::from([Enrolment]));
    assert!(groups("budget_balance").is_empty());
    assert!(groups("copil_meetings").is_empty());
}

#[test]
fn a_small_count_withholds_its_whole_group_and_a_complementary_campus() {
    use RegionCode::BFC;
    // autun: 2 dropouts; dole and nevers are clean.
    let w = run(&[
        ("autun", BFC, grid(20, [18, 2, 0, 0, 0], 0, (20, 0))),
        ("dole", BFC, clean(10)),
        ("nevers", BFC, clean(30)),
    ]);
    assert!(w.group(&campus("autun"), Group::Outcomes));
    assert!(
        !w.group(&campus("autun"), Group::Enrolment),
        "20 students may be published"
    );
    // The région's own dropouts are 2: no complementary campus can hide them, the région's outcomes are withheld.
    assert!(!w.group(&campus("dole"), Group::Outcomes));
    assert!(!w.group(&campus("nevers"), Group::Outcomes));
    assert!(w.group(&Area::Region(BFC), Group::Outcomes));
    assert!(
        w.group(&Area::Nation, Group::Outcomes),
        "the nation is this one région"
    );
    assert!(!w.group(&campus("dole"), Group::Programmes));
}

#[test]
fn a_residual_of_five_or_more_in_every_count_protects_the_campuses_behind_it() {
    use RegionCode::{BFC, BRE};
    let w = run(&[
        ("autun", BFC, grid(20, [18, 2, 0, 0, 0], 0, (20, 0))),
        ("dole", BFC, grid(12, [9, 3, 0, 0, 0], 0, (12, 0))),
        ("nevers", BFC, clean(30)),
        ("brest", BRE, clean(40)),
    ]);
    // autun and dole are both withheld by their own counts; their dropouts sum to 5, success to 27: safe.
    assert!(w.group(&campus("autun"), Group::Outcomes));
    assert!(w.group(&campus("dole"), Group::Outcomes));
    assert!(!w.group(&campus("nevers"), Group::Outcomes));
    assert!(!w.group(&Area::Region(BFC), Group::Outcomes));
    assert!(!w.group(&Area::Nation, Group::Outcomes));
}

#[test]
fn a_private_share_of_one_to_four_withholds_the_public_share() {
    use RegionCode::BFC;
    let w = run(&[
        ("autun", BFC, grid(20, [20, 0, 0, 0, 0], 2, (20, 0))),
        ("dole", BFC, grid(20, [20, 0, 0, 0, 0], 3, (20, 0))),
    ]);
    let share = indicator("public_share").unwrap_or_else(|| unreachable!());
    assert!(w.indicator(&campus("autun"), share));
    assert!(!w.indicator(
        &campus("autun"),
        indicator("success_rate").unwrap_or_else(|| unreachable!())
    ));
    // 2 + 3 private students: 5, published at the région.
    assert!(!w.indicator(&Area::Region(BFC), share));
}

#[test]
fn a_tiny_campus_alone_in_its_region_withholds_the_region_and_a_partner_region() {
    use RegionCode::{ARA, BFC, BRE, COR};
    let w = run(&[
        ("corte", COR, clean(3)),
        ("autun", BFC, clean(2)),
        ("dole", BFC, clean(5)),
        ("privas", ARA, clean(25)),
        ("brest", BRE, clean(40)),
    ]);
    let enrolment = indicator("enrolment").unwrap_or_else(|| unreachable!());
    assert!(w.indicator(&campus("corte"), enrolment));
    assert!(
        w.indicator(&Area::Region(COR), enrolment),
        "Corse's total is corte's"
    );
    // BFC: autun (2) and dole (5) give a residual of 7, safe within the région.
    assert!(w.indicator(&campus("autun"), enrolment));
    assert!(w.indicator(&campus("dole"), enrolment));
    // But the nation minus the published régions would give Corse: BFC, whose total is not a sum of published
    // campuses, is withheld beside it (3 + 7 = 10), and the nation is published.
    assert!(w.indicator(&Area::Region(BFC), enrolment));
    assert!(!w.indicator(&Area::Region(ARA), enrolment));
    assert!(!w.indicator(&Area::Nation, enrolment));
    assert!(!w.indicator(&campus("privas"), enrolment));
    // A withheld head count withholds every student figure of its area.
    for name in [
        "success_rate",
        "cost_per_student",
        "presence_hours",
        "public_share",
    ] {
        assert!(
            w.indicator(
                &campus("corte"),
                indicator(name).unwrap_or_else(|| unreachable!())
            ),
            "{name}"
        );
    }
    assert!(!w.indicator(
        &campus("corte"),
        indicator("budget_balance").unwrap_or_else(|| unreachable!())
    ));
}

#[test]
fn a_record_of_raw_counts_withholds_breakdowns_and_profiles_whose_complement_is_small() {
    use RegionCode::BFC;
    let mut g = clean(20);
    g.scholarship_holders = Some(18); // 2 are not
    g.with_disability = Some(0);
    g.women = Some(17);
    g.men = Some(3);
    g.sex_unreported = Some(0);
    g.age_under_21 = Some(10);
    g.age_21_25 = Some(10);
    g.age_26_plus = Some(0);
    g.students_new = Some(20);
    let w = run(&[("autun", BFC, g.clone()), ("dole", BFC, clean(20))]);
    let fields = w.fields(&id("autun"), &g);
    assert!(fields.contains("scholarship_holders"));
    assert!(!fields.contains("with_disability"));
    assert!(fields.contains("women") && fields.contains("men"));
    assert!(!fields.contains("age_under_21"));
    assert!(
        !fields.contains("students_new"),
        "all new: nobody is singled out"
    );
    assert!(!fields.contains("students_enrolled"));
    // A year the rule was not applied to still gets the campus's own suppressions.
    let tiny = clean(3);
    let alone = Withheld::default().fields(&id("autun"), &tiny);
    assert!(alone.contains("students_enrolled") && alone.contains("avg_weekly_presence_hours"));
}
