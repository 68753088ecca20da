//! Tests of the validation rules of the indicator grid.

use super::*;

/// A complete grid that breaks no rule.
pub(crate) fn clean_grid() -> IndicatorGrid {
    IndicatorGrid {
        students_enrolled: Some(20),
        students_new: Some(8),
        prog_licence: Some(10),
        prog_master: Some(2),
        prog_doctorate: Some(0),
        prog_daeu: Some(4),
        prog_bts: Some(2),
        prog_other_public: Some(1),
        prog_private: Some(1),
        women: Some(13),
        men: Some(7),
        sex_unreported: Some(0),
        age_under_21: Some(6),
        age_21_25: Some(5),
        age_26_plus: Some(9),
        scholarship_holders: Some(9),
        with_disability: Some(1),
        top_athletes: Some(0),
        with_family_duties: Some(5),
        employed: Some(7),
        resuming_studies: Some(8),
        outcome_success: Some(17),
        outcome_dropout: Some(1),
        outcome_reorientation: Some(1),
        outcome_failure: Some(1),
        outcome_pending: Some(0),
        tutors_fte: Some(1.5),
        coordinator_fte: Some(1.0),
        workshops_count: Some(6),
        workshop_themes: Some(vec!["Gestion du stress".into(), "Prise de parole".into()]),
        individual_interviews_count: Some(40),
        exams_in_situ_count: Some(12),
        copil_meetings_count: Some(2),
        communication_actions_count: Some(5),
        high_school_interventions_count: Some(3),
        student_life_actions_count: Some(4),
        avg_weekly_presence_hours: Some(14.5),
        survey_respondents: Some(15),
        survey_would_not_have_studied: Some(4),
        exp_staff: Some(8_000_000),
        exp_premises: Some(1_000_000),
        exp_equipment: Some(300_000),
        exp_operations: Some(400_000),
        exp_communication: Some(50_000),
        exp_other: Some(0),
        rev_state: Some(5_000_000),
        rev_local_authority: Some(3_500_000),
        rev_region: Some(750_000),
        rev_partners: Some(0),
        rev_in_kind: Some(500_000),
        rev_other: Some(0),
        establishment_grant: Some(1_000_000),
    }
}

fn codes(grid: &IndicatorGrid) -> Vec<&'static str> {
    validate(grid).codes()
}

fn fires(grid: &IndicatorGrid, code: &str) -> Option<ValidationIssue> {
    validate(grid).issues.into_iter().find(|i| i.code == code)
}

#[test]
fn a_clean_grid_breaks_no_rule() {
    let report = validate(&clean_grid());
    assert_eq!(report.issues, vec![]);
    assert!(report.is_submittable());
}

#[test]
fn an_empty_draft_lists_every_missing_field() {
    let report = validate(&IndicatorGrid::default());
    assert_eq!(report.missing.len(), GRID_FIELDS.len());
    assert!(report
        .issues
        .iter()
        .all(|i| i.code == "required" && i.severity == Severity::Error));
    assert!(!report.is_submittable());
}

#[test]
fn a_partial_draft_names_what_is_missing_and_still_checks_the_rest() {
    let mut g = clean_grid();
    g.exp_other = None;
    g.women = Some(20);
    let report = validate(&g);
    assert_eq!(report.missing, vec!["exp_other"]);
    assert!(report.codes().contains(&"sum_sex"));
    // The budget rule needs every expense: skipped while one is missing.
    assert!(!report.codes().contains(&"budget_unbalanced"));
}

#[test]
fn every_sum_rule_fires_with_its_fields_and_not_otherwise() {
    for (code, field) in [
        ("sum_programmes", "prog_licence"),
        ("sum_sex", "women"),
        ("sum_age", "age_26_plus"),
        ("sum_outcomes", "outcome_success"),
    ] {
        let mut g = clean_grid();
        assert!(fires(&g, code).is_none(), "{code} on a clean grid");
        let v = g.integer(field).unwrap();
        g.set(field, Some(FieldValue::Count(v + 1))).unwrap();
        let found = fires(&g, code).unwrap_or_else(|| panic!("{code} did not fire"));
        assert_eq!(found.severity, Severity::Error);
        assert!(found.fields.contains(&field) && found.fields.contains(&"students_enrolled"));
        assert!(
            found.message.contains("au lieu des 20"),
            "{}",
            found.message
        );
    }
}

#[test]
fn profiles_new_students_and_respondents_cannot_exceed_enrolment() {
    let mut g = clean_grid();
    g.employed = Some(21);
    g.students_new = Some(21);
    g.survey_respondents = Some(21);
    let report = validate(&g);
    assert!(report.codes().contains(&"profile_exceeds_enrolled"));
    assert!(report.codes().contains(&"new_exceeds_enrolled"));
    assert!(report.codes().contains(&"respondents_exceed_enrolled"));
    let mut g = clean_grid();
    g.employed = Some(20);
    assert!(
        fires(&g, "profile_exceeds_enrolled").is_none(),
        "equal to enrolment is allowed"
    );
}

#[test]
fn negative_values_are_errors() {
    let mut g = clean_grid();
    g.exp_staff = Some(-1);
    g.tutors_fte = Some(-0.5);
    let found: Vec<_> = validate(&g)
        .issues
        .into_iter()
        .filter(|i| i.code == "non_negative")
        .collect();
    let fields: Vec<_> = found.iter().flat_map(|i| i.fields.clone()).collect();
    assert_eq!(fields, vec!["tutors_fte", "exp_staff"]);
}

#[test]
fn state_subsidy_is_capped_at_50_000_euros() {
    let mut g = clean_grid();
    g.rev_state = Some(5_000_000);
    assert!(fires(&g, "state_subsidy_cap").is_none());
    g.rev_state = Some(5_000_001);
    let found = fires(&g, "state_subsidy_cap").unwrap();
    assert_eq!(found.severity, Severity::Error);
    assert_eq!(found.fields, vec!["rev_state"]);
}

#[test]
fn presence_hours_cannot_exceed_a_week() {
    let mut g = clean_grid();
    g.avg_weekly_presence_hours = Some(168.0);
    assert!(fires(&g, "presence_hours_range").is_none());
    g.avg_weekly_presence_hours = Some(168.5);
    assert_eq!(
        fires(&g, "presence_hours_range").unwrap().severity,
        Severity::Error
    );
}

#[test]
fn an_unbalanced_budget_is_a_warning_that_does_not_block() {
    let mut g = clean_grid();
    g.rev_other = Some(1_050);
    let report = validate(&g);
    let found = fires(&g, "budget_unbalanced").unwrap();
    assert_eq!(found.severity, Severity::Warning);
    assert!(
        found.message.contains("écart de 10,50\u{a0}€"),
        "{}",
        found.message
    );
    assert!(report.is_submittable());
}

#[test]
fn huge_amounts_neither_overflow_nor_skip_the_budget_rule() {
    let mut g = clean_grid();
    for f in groups::EXPENSES.iter().chain(groups::REVENUES) {
        g.set(f, Some(FieldValue::Money(0))).unwrap();
    }
    g.rev_other = Some(i64::MAX);
    g.exp_other = Some(-1);
    let found = fires(&g, "budget_unbalanced").expect("an i64::MAX + 1 gap is reported");
    assert!(
        found
            .message
            .contains("écart de 92\u{a0}233\u{a0}720\u{a0}368\u{a0}547\u{a0}758,08\u{a0}€"),
        "{}",
        found.message
    );
    g.rev_other = Some(0);
    g.exp_other = Some(i64::MIN);
    let found = fires(&g, "budget_unbalanced").unwrap();
    assert!(
        found
            .message
            .contains("écart de 92\u{a0}233\u{a0}720\u{a0}368\u{a0}547\u{a0}758,08\u{a0}€"),
        "{}",
        found.message
    );
    g.exp_other = Some(i64::MAX);
    g.students_enrolled = Some(1);
    assert!(fires(&g, "implausible_cost_per_student").is_some());
    // A gap of less than one euro keeps its sign.
    let mut g = clean_grid();
    g.rev_other = Some(-50);
    let found = fires(&g, "budget_unbalanced").unwrap();
    assert!(
        found.message.contains("écart de −0,50\u{a0}€"),
        "{}",
        found.message
    );
}

#[test]
fn sums_that_overflow_an_i64_still_break_their_rule() {
    let mut g = clean_grid();
    g.prog_licence = Some(i64::MAX);
    g.prog_master = Some(i64::MAX);
    let found = fires(&g, "sum_programmes").expect("the overflowing split is refused");
    assert_eq!(found.severity, Severity::Error);
    assert!(
        found
            .message
            .starts_with("Répartition par formation : 18\u{a0}446\u{a0}744\u{a0}073\u{a0}709\u{a0}551\u{a0}622 au lieu des 20"),
        "{}",
        found.message
    );
    assert!(!validate(&g).is_submittable());
}

#[test]
fn survey_answers_cannot_exceed_respondents() {
    let mut g = clean_grid();
    g.survey_would_not_have_studied = Some(16);
    assert_eq!(
        fires(&g, "answers_exceed_respondents").unwrap().severity,
        Severity::Error
    );
}

#[test]
fn statistician_checks_fire_only_when_due() {
    let mut g = clean_grid();
    g.tutors_fte = Some(0.0);
    g.workshops_count = Some(0);
    g.establishment_grant = Some(1_500_000);
    g.coordinator_fte = Some(150.0);
    let c = codes(&g);
    for code in [
        "no_tutor",
        "themes_without_workshops",
        "establishment_grant_above_allocation",
        "fte_range",
    ] {
        assert!(c.contains(&code), "{code} in {c:?}");
    }
    // Money typed in euros instead of cents: cost per student falls to 48,75 €.
    let mut g = clean_grid();
    for f in groups::EXPENSES.iter().chain(groups::REVENUES) {
        let v = g.integer(f).unwrap();
        g.set(f, Some(FieldValue::Money(v / 100))).unwrap();
    }
    g.establishment_grant = Some(10_000);
    assert_eq!(codes(&g), vec!["implausible_cost_per_student"]);
    let mut g = clean_grid();
    g.students_enrolled = Some(0);
    assert!(codes(&g).contains(&"no_students"));
}

#[test]
fn workshop_themes_are_bounded() {
    let mut g = clean_grid();
    g.workshop_themes = Some(vec![" ".into()]);
    assert!(codes(&g).contains(&"workshop_theme_length"));
    g.workshop_themes = Some(vec!["x".into(); 51]);
    assert!(codes(&g).contains(&"workshop_themes_too_many"));
}

#[test]
fn a_breakdown_is_checked_before_it_is_complete_once_it_already_exceeds() {
    let mut g = clean_grid();
    let enrolled = g.students_enrolled.unwrap();
    for f in groups::PROGRAMMES {
        g.set(f, None).unwrap();
    }
    // Filled in part and below the total: nothing to say yet.
    g.prog_licence = Some(enrolled - 1);
    assert!(fires(&g, "sum_programmes").is_none());
    // Filled in part and already above it: said at once, with the group's name first.
    g.prog_master = Some(2);
    let found = fires(&g, "sum_programmes").expect("an exceeding partial split");
    assert_eq!(
        found.message,
        format!(
            "Répartition par formation : déjà {} pour {enrolled} étudiants accueillis",
            enrolled + 1
        )
    );
}

#[test]
fn every_message_starts_with_what_it_is_about() {
    let mut g = clean_grid();
    g.rev_state = Some(6_000_000);
    g.women = Some(0);
    g.avg_weekly_presence_hours = Some(200.5);
    let report = validate(&g);
    let messages: Vec<&str> = report.issues.iter().map(|i| i.message.as_str()).collect();
    assert!(
        messages.contains(&"Subvention de l'État : 60\u{a0}000\u{a0}€ dépasse le plafond annuel de 50\u{a0}000\u{a0}€"),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Répartition par sexe : ")),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"Présence hebdomadaire moyenne (h) : 200,50 heures par semaine, une semaine en compte 168"),
        "{messages:?}"
    );
}
