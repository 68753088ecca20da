//! Validation rules of the indicator grid: each with a stable code, the fields it concerns, an importance
//! (an `error` blocks submission, a `warning` does not) and a French message.

use crate::grid::{groups, FieldKind, FieldValue, IndicatorGrid, GRID_FIELDS};
use serde::Serialize;

/// State subsidy cap for the local authority: 50 000 € a year, in cents.
pub const STATE_SUBSIDY_CAP_CENTS: i64 = 5_000_000;
/// The establishment's yearly grant: 10 000 €, in cents.
pub const ESTABLISHMENT_GRANT_CENTS: i64 = 1_000_000;
/// Hours in a week.
pub const HOURS_PER_WEEK: f64 = 168.0;
/// Below or above these costs per student, a money field was most likely typed in euros, not cents, or the reverse.
const PLAUSIBLE_COST_PER_STUDENT_EUROS: (f64, f64) = (500.0, 50_000.0);
/// Longest accepted workshop theme, and most themes in one report.
const MAX_THEME_CHARS: usize = 200;
const MAX_THEMES: usize = 50;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationIssue {
    pub code: &'static str,
    pub fields: Vec<&'static str>,
    pub severity: Severity,
    pub message: String,
}

/// Everything validation says about a grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationReport {
    pub issues: Vec<ValidationIssue>,
    /// Fields not filled in yet (each is also an error issue `required`, which blocks submission).
    pub missing: Vec<&'static str>,
}

impl ValidationReport {
    pub fn errors(&self) -> impl Iterator<Item = &ValidationIssue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &ValidationIssue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }

    /// Whether the grid may be submitted (no error, nothing missing).
    pub fn is_submittable(&self) -> bool {
        self.errors().next().is_none()
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.issues.iter().map(|i| i.code).collect()
    }
}

/// The French label of a grid field (its name if unknown).
fn label(name: &str) -> &str {
    crate::grid::field(name).map_or(name, |f| f.label)
}

fn issue(
    code: &'static str,
    fields: Vec<&'static str>,
    severity: Severity,
    message: String,
) -> ValidationIssue {
    ValidationIssue {
        code,
        fields,
        severity,
        message,
    }
}

/// Names of the listed fields as `&'static str` (they all come from the grid table).
fn statics(names: &[&'static str]) -> Vec<&'static str> {
    names.to_vec()
}

/// An exact whole number with its thousands separated as French readers write them (`18 446 744 073 709 551 622`,
/// `−2 375`): exact for any sum of the grid's values, where a float would round.
fn grouped(value: i128) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut text = String::new();
    if value < 0 {
        text.push('−');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(crate::french::NBSP);
        }
        text.push(digit);
    }
    text
}

/// Whole euros of an amount in cents (`−12 €`, `50 000 €`), exact for any sum of cents.
fn euros(cents: i128) -> String {
    format!("{}{}€", grouped(cents / 100), crate::french::NBSP)
}

/// An amount in cents as euros with their cents (`−0,50 €`, `10,50 €`), the sign kept below one euro.
fn euros_and_cents(cents: i128) -> String {
    let sign = if cents < 0 { "−" } else { "" };
    let abs = cents.unsigned_abs();
    let whole = grouped(i128::try_from(abs / 100).unwrap_or(i128::MAX));
    format!("{sign}{whole},{:02}{}€", abs % 100, crate::french::NBSP)
}

/// A breakdown of the students accueillis that must add up to their number: its rule's code, its fields and its
/// French name (the start of its message, and the label of its running total on the form).
pub struct SumGroup {
    pub code: &'static str,
    pub fields: &'static [&'static str],
    pub label: &'static str,
}

/// The breakdowns that must add up to the students accueillis, in form order.
pub const SUM_GROUPS: [SumGroup; 4] = [
    SumGroup {
        code: "sum_programmes",
        fields: groups::PROGRAMMES,
        label: "Répartition par formation",
    },
    SumGroup {
        code: "sum_sex",
        fields: groups::SEX,
        label: "Répartition par sexe",
    },
    SumGroup {
        code: "sum_age",
        fields: groups::AGE,
        label: "Répartition par âge",
    },
    SumGroup {
        code: "sum_outcomes",
        fields: groups::OUTCOMES,
        label: "Résultats de l'année",
    },
];

/// Runs every rule on `grid`. Rules that need a missing field are skipped; the missing field is reported instead.
pub fn validate(grid: &IndicatorGrid) -> ValidationReport {
    let mut issues = Vec::new();
    let missing = grid.missing_fields();
    for name in &missing {
        issues.push(issue(
            "required",
            vec![name],
            Severity::Error,
            format!("{} : à renseigner avant la transmission", label(name)),
        ));
    }
    non_negative(grid, &mut issues);
    sum_rules(grid, &mut issues);
    subset_rules(grid, &mut issues);
    money_rules(grid, &mut issues);
    activity_rules(grid, &mut issues);
    ValidationReport { issues, missing }
}

fn non_negative(grid: &IndicatorGrid, issues: &mut Vec<ValidationIssue>) {
    for spec in GRID_FIELDS {
        let negative = match grid.get(spec.name) {
            Some(FieldValue::Count(v)) | Some(FieldValue::Money(v)) => v < 0,
            Some(FieldValue::Decimal(v)) => v < 0.0 || !v.is_finite(),
            _ => false,
        };
        if negative {
            let what = if spec.kind == FieldKind::Decimal {
                "un nombre positif ou nul"
            } else {
                "un entier positif ou nul"
            };
            issues.push(issue(
                "non_negative",
                vec![spec.name],
                Severity::Error,
                format!("{} : doit être {what}", spec.label),
            ));
        }
    }
}

/// Each breakdown against the students accueillis: once complete it must add up to their number; while some of
/// its fields are still empty, what is filled in must not already exceed it (so that a wrong split is said at the
/// first save, not once the last field is filled).
fn sum_rules(grid: &IndicatorGrid, issues: &mut Vec<ValidationIssue>) {
    let Some(enrolled) = grid.students_enrolled else {
        return;
    };
    for group in &SUM_GROUPS {
        let filled: Vec<i128> = group
            .fields
            .iter()
            .filter_map(|f| grid.integer(f).map(i128::from))
            .collect();
        if filled.is_empty() {
            continue;
        }
        let total: i128 = filled.iter().sum();
        let complete = filled.len() == group.fields.len();
        let expected = i128::from(enrolled);
        let message = if complete && total != expected {
            format!(
                "{} : {} au lieu des {} étudiants accueillis",
                group.label,
                grouped(total),
                grouped(expected)
            )
        } else if !complete && total > expected {
            format!(
                "{} : déjà {} pour {} étudiants accueillis",
                group.label,
                grouped(total),
                grouped(expected)
            )
        } else {
            continue;
        };
        let mut concerned = statics(group.fields);
        concerned.push("students_enrolled");
        issues.push(issue(group.code, concerned, Severity::Error, message));
    }
}

fn subset_rules(grid: &IndicatorGrid, issues: &mut Vec<ValidationIssue>) {
    if let Some(enrolled) = grid.students_enrolled {
        for name in groups::PROFILES
            .iter()
            .copied()
            .chain(["students_new", "survey_respondents"])
        {
            if let Some(v) = grid.integer(name).filter(|v| *v > enrolled) {
                let code = match name {
                    "students_new" => "new_exceeds_enrolled",
                    "survey_respondents" => "respondents_exceed_enrolled",
                    _ => "profile_exceeds_enrolled",
                };
                issues.push(issue(
                    code,
                    vec![name, "students_enrolled"],
                    Severity::Error,
                    format!(
                        "{} : {} dépasse le nombre d'étudiants accueillis ({})",
                        label(name),
                        grouped(v.into()),
                        grouped(enrolled.into())
                    ),
                ));
            }
        }
        if enrolled == 0 {
            issues.push(issue(
                "no_students",
                vec!["students_enrolled"],
                Severity::Warning,
                format!(
                    "{} : aucun étudiant accueilli, les taux de l'année ne pourront pas être calculés",
                    label("students_enrolled")
                ),
            ));
        }
    }
    if let (Some(respondents), Some(answers)) =
        (grid.survey_respondents, grid.survey_would_not_have_studied)
    {
        if answers > respondents {
            issues.push(issue(
                "answers_exceed_respondents",
                vec!["survey_would_not_have_studied", "survey_respondents"],
                Severity::Error,
                format!(
                    "{} : {} réponses pour seulement {} répondants",
                    label("survey_would_not_have_studied"),
                    grouped(answers.into()),
                    grouped(respondents.into())
                ),
            ));
        }
    }
}

fn money_rules(grid: &IndicatorGrid, issues: &mut Vec<ValidationIssue>) {
    if let Some(state) = grid.rev_state.filter(|v| *v > STATE_SUBSIDY_CAP_CENTS) {
        issues.push(issue(
            "state_subsidy_cap",
            vec!["rev_state"],
            Severity::Error,
            format!(
                "{} : {} dépasse le plafond annuel de {}",
                label("rev_state"),
                euros(state.into()),
                euros(STATE_SUBSIDY_CAP_CENTS.into())
            ),
        ));
    }
    if let Some(grant) = grid
        .establishment_grant
        .filter(|v| *v > ESTABLISHMENT_GRANT_CENTS)
    {
        issues.push(issue(
            "establishment_grant_above_allocation",
            vec!["establishment_grant"],
            Severity::Warning,
            format!(
                "{} : {} dépasse les {} annuels prévus",
                label("establishment_grant"),
                euros(grant.into()),
                euros(ESTABLISHMENT_GRANT_CENTS.into())
            ),
        ));
    }
    // Exact totals: any i64 amounts, even negative or huge ones, neither overflow nor skip the rules.
    if let (Some(revenues), Some(expenses)) =
        (grid.total(groups::REVENUES), grid.total(groups::EXPENSES))
    {
        if revenues != expenses {
            let mut fields = statics(groups::REVENUES);
            fields.extend_from_slice(groups::EXPENSES);
            let gap = revenues - expenses;
            issues.push(issue(
                "budget_unbalanced",
                fields,
                Severity::Warning,
                format!(
                    "Budget non équilibré : recettes {} et dépenses {} (écart de {})",
                    euros(revenues),
                    euros(expenses),
                    euros_and_cents(gap)
                ),
            ));
        }
        if let Some(enrolled) = grid.students_enrolled.filter(|e| *e > 0) {
            let cost = expenses as f64 / 100.0 / enrolled as f64;
            let (low, high) = PLAUSIBLE_COST_PER_STUDENT_EUROS;
            if expenses > 0 && !(low..=high).contains(&cost) {
                let mut fields = statics(groups::EXPENSES);
                fields.push("students_enrolled");
                issues.push(issue(
                    "implausible_cost_per_student",
                    fields,
                    Severity::Warning,
                    format!(
                        "Coût par étudiant de {} peu vraisemblable : les montants sont-ils saisis dans la bonne unité ?",
                        crate::french::euros(cost)
                    ),
                ));
            }
        }
    }
}

fn activity_rules(grid: &IndicatorGrid, issues: &mut Vec<ValidationIssue>) {
    if let Some(hours) = grid
        .avg_weekly_presence_hours
        .filter(|h| *h > HOURS_PER_WEEK)
    {
        issues.push(issue(
            "presence_hours_range",
            vec!["avg_weekly_presence_hours"],
            Severity::Error,
            format!(
                "{} : {} heures par semaine, une semaine en compte 168",
                label("avg_weekly_presence_hours"),
                crate::french::decimal(hours)
            ),
        ));
    }
    for name in ["tutors_fte", "coordinator_fte"] {
        if let Some(FieldValue::Decimal(fte)) = grid.get(name) {
            if fte > 100.0 {
                issues.push(issue(
                    "fte_range",
                    vec![name],
                    Severity::Error,
                    format!(
                        "{} : {} ETP, un équivalent temps plein s'exprime en postes (par exemple 1,5)",
                        label(name),
                        crate::french::decimal(fte)
                    ),
                ));
            }
        }
    }
    if let (Some(enrolled), Some(tutors)) = (grid.students_enrolled, grid.tutors_fte) {
        if enrolled > 0 && tutors == 0.0 {
            issues.push(issue(
                "no_tutor",
                vec!["tutors_fte", "students_enrolled"],
                Severity::Warning,
                format!(
                    "{} : des étudiants sont accueillis mais aucun tutorat n'est déclaré",
                    label("tutors_fte")
                ),
            ));
        }
    }
    if let Some(themes) = &grid.workshop_themes {
        if themes.len() > MAX_THEMES {
            issues.push(issue(
                "workshop_themes_too_many",
                vec!["workshop_themes"],
                Severity::Error,
                format!(
                    "{} : {} thèmes, {MAX_THEMES} au plus",
                    label("workshop_themes"),
                    themes.len()
                ),
            ));
        }
        if themes
            .iter()
            .any(|t| t.trim().is_empty() || t.chars().count() > MAX_THEME_CHARS)
        {
            issues.push(issue(
                "workshop_theme_length",
                vec!["workshop_themes"],
                Severity::Error,
                format!(
                    "{} : chaque thème doit compter de 1 à {MAX_THEME_CHARS} caractères",
                    label("workshop_themes")
                ),
            ));
        }
        if grid.workshops_count == Some(0) && !themes.is_empty() {
            issues.push(issue(
                "themes_without_workshops",
                vec!["workshop_themes", "workshops_count"],
                Severity::Warning,
                format!(
                    "{} : des thèmes sont indiqués mais le nombre d'ateliers est 0",
                    label("workshop_themes")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests;
