//! What coordinators and analysts write for a renewal application, and the rules it must follow: the campus's text
//! per criterion, the establishment's actions for the three coming years and its grant's use, the forecast budget.

use super::budget::{budget_lines, BudgetYear};
use super::criteria::renewal_criterion;
use crate::academic_year::AcademicYear;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Longest text for one criterion.
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Longest action title and description.
pub const MAX_ACTION_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// Most actions in the establishment's table.
pub const MAX_ACTIONS: usize = 60;
/// The establishment's yearly grant from the State: 10 000 € (cents).
pub const GRANT_CAP_CENTS: i64 = 1_000_000;
/// Largest forecast line: 1 000 000 000 € (cents).
pub const MAX_LINE_CENTS: i64 = 100_000_000_000;

/// One action the partner establishment commits to (the specification's "tableau à compléter").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstablishmentAction {
    pub academic_year: AcademicYear,
    pub action: String,
    pub description: String,
}

/// How the establishment will use its yearly grant.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantUse {
    pub academic_year: AcademicYear,
    /// Cents (10 000 € at most).
    pub amount: i64,
    pub description: String,
}

/// The establishment's part of the application.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstablishmentPlan {
    #[serde(default)]
    pub actions: Vec<EstablishmentAction>,
    #[serde(default)]
    pub grant_uses: Vec<GrantUse>,
}

/// Everything written for a campus's renewal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenewalInputs {
    /// Text by criterion code.
    pub texts: BTreeMap<String, String>,
    pub plan: EstablishmentPlan,
    pub budget: Vec<BudgetYear>,
}

/// A value that breaks a rule: the field by its API path, a stable code and a French message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputIssue {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

fn issue(field: String, code: &'static str, message: impl Into<String>) -> InputIssue {
    InputIssue {
        field,
        code,
        message: message.into(),
    }
}

fn years_list(coming: &[AcademicYear]) -> String {
    coming
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_year(field: String, year: AcademicYear, coming: &[AcademicYear]) -> Option<InputIssue> {
    (!coming.contains(&year)).then(|| {
        issue(
            field,
            "not_a_coming_year",
            format!(
                "{year} n'est pas l'une des trois années à venir de la nouvelle convention ({})",
                years_list(coming)
            ),
        )
    })
}

fn check_text(issues: &mut Vec<InputIssue>, field: String, text: &str, max: usize, required: bool) {
    if required && text.trim().is_empty() {
        issues.push(issue(field, "required", "ce texte est obligatoire"));
    } else if text.chars().count() > max {
        issues.push(issue(
            field,
            "too_long",
            format!("{max} caractères au plus"),
        ));
    }
}

/// The campus's texts: known criterion codes, bounded length (a blank text removes the criterion's text).
pub fn check_texts(texts: &BTreeMap<String, String>) -> Vec<InputIssue> {
    let mut issues = Vec::new();
    for (code, text) in texts {
        let field = format!("texts.{code}");
        if renewal_criterion(code).is_none() {
            issues.push(issue(
                field,
                "unknown_criterion",
                format!("critère « {code} » inconnu : voir la liste des critères de la grille (champ code)"),
            ));
        } else {
            check_text(&mut issues, field, text, MAX_TEXT_CHARS, false);
        }
    }
    issues
}

/// The establishment's table: years among the coming three, texts filled in and bounded, one grant use a year of
/// at most 10 000 €.
pub fn check_plan(plan: &EstablishmentPlan, coming: &[AcademicYear]) -> Vec<InputIssue> {
    let mut issues = Vec::new();
    if plan.actions.len() > MAX_ACTIONS {
        issues.push(issue(
            "actions".into(),
            "too_many",
            format!("{MAX_ACTIONS} actions au plus"),
        ));
    }
    for (i, a) in plan.actions.iter().enumerate() {
        issues.extend(check_year(
            format!("actions[{i}].academic_year"),
            a.academic_year,
            coming,
        ));
        check_text(
            &mut issues,
            format!("actions[{i}].action"),
            &a.action,
            MAX_ACTION_CHARS,
            true,
        );
        check_text(
            &mut issues,
            format!("actions[{i}].description"),
            &a.description,
            MAX_DESCRIPTION_CHARS,
            true,
        );
    }
    let mut seen = BTreeSet::new();
    for (i, g) in plan.grant_uses.iter().enumerate() {
        let year_field = format!("grant_uses[{i}].academic_year");
        issues.extend(check_year(year_field.clone(), g.academic_year, coming));
        if !seen.insert(g.academic_year) {
            issues.push(issue(
                year_field,
                "duplicate_year",
                format!("{} figure deux fois : une ligne par année", g.academic_year),
            ));
        }
        if !(0..=GRANT_CAP_CENTS).contains(&g.amount) {
            issues.push(issue(
                format!("grant_uses[{i}].amount"),
                "out_of_range",
                "montant en centimes entre 0 et 1000000 (la dotation est de 10 000 € par an au plus)",
            ));
        }
        check_text(
            &mut issues,
            format!("grant_uses[{i}].description"),
            &g.description,
            MAX_DESCRIPTION_CHARS,
            true,
        );
    }
    issues
}

/// The forecast budget: one entry per coming year at most, known lines, amounts in cents from 0 to 1 000 000 000 €.
/// Balance and co-financing are checked, not refused: the record shows them.
pub fn check_budget(years: &[BudgetYear], coming: &[AcademicYear]) -> Vec<InputIssue> {
    let mut issues = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, y) in years.iter().enumerate() {
        let year_field = format!("years[{i}].academic_year");
        issues.extend(check_year(year_field.clone(), y.academic_year, coming));
        if !seen.insert(y.academic_year) {
            issues.push(issue(
                year_field,
                "duplicate_year",
                format!(
                    "{} figure deux fois : une entrée par année",
                    y.academic_year
                ),
            ));
        }
        for (line, amount) in &y.lines {
            let field = format!("years[{i}].lines.{line}");
            if !budget_lines().any(|l| l == line) {
                let known: Vec<_> = budget_lines().collect();
                issues.push(issue(
                    field,
                    "unknown_line",
                    format!(
                        "ligne budgétaire « {line} » inconnue ; lignes possibles : {}",
                        known.join(", ")
                    ),
                ));
            } else if !(0..=MAX_LINE_CENTS).contains(amount) {
                issues.push(issue(
                    field,
                    "out_of_range",
                    "montant en centimes entre 0 et 100000000000 (1 milliard d'euros)",
                ));
            }
        }
    }
    issues
}
