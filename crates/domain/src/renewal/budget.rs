//! The three-year forecast budget (budget prévisionnel pluriannuel) and the same lines from past years' reports:
//! totals, balance, and the co-financing rule (at least 50 % of revenues from others than the State).

use crate::academic_year::AcademicYear;
use crate::grid::{field, groups, IndicatorGrid};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The State's yearly subsidy to the local authority is at most 50 000 € (in cents).
pub const STATE_CAP_CENTS: i64 = 5_000_000;

/// Every budget line, expenses first: the finance fields of the annual report's grid.
pub fn budget_lines() -> impl Iterator<Item = &'static str> {
    groups::EXPENSES.iter().chain(groups::REVENUES).copied()
}

/// The French label of a budget line.
pub fn line_label(line: &str) -> &'static str {
    field(line).map_or("", |f| f.label)
}

/// One year of the forecast as written: amounts in cents by line (a line left out is 0 €).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetYear {
    pub academic_year: AcademicYear,
    /// Cents by line: `exp_staff`, `exp_premises`, `exp_equipment`, `exp_operations`, `exp_communication`,
    /// `exp_other`, `rev_state`, `rev_local_authority`, `rev_region`, `rev_partners`, `rev_in_kind`, `rev_other`.
    pub lines: BTreeMap<String, i64>,
}

/// Whether a budget year is planned or was reported.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetKind {
    Forecast,
    Actual,
}

/// A budget rule that fires.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetIssue {
    /// `unbalanced`, `cofinancing_below_50`, `state_above_cap`, `no_revenue`.
    pub code: &'static str,
    pub message: &'static str,
}

/// One year of a budget with its totals and checks. Totals are `null` when a line is missing (actual years).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetCheck {
    pub academic_year: AcademicYear,
    pub kind: BudgetKind,
    /// Cents by line; `null` for a line the report leaves empty, or for every line of a missing year.
    pub lines: BTreeMap<&'static str, Option<i64>>,
    pub total_expenses: Option<i64>,
    pub total_revenues: Option<i64>,
    /// Revenues − expenses, in cents.
    pub balance: Option<i64>,
    /// Revenues other than the State's, in percent of all revenues.
    pub cofinancing_share: Option<f64>,
    pub balanced: Option<bool>,
    pub cofinanced: Option<bool>,
    pub issues: Vec<BudgetIssue>,
    /// Why the year has no figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

fn total(lines: &BTreeMap<&'static str, Option<i64>>, names: &[&str]) -> Option<i64> {
    names.iter().try_fold(0i64, |acc, n| {
        acc.checked_add(lines.get(n).copied().flatten()?)
    })
}

impl BudgetCheck {
    fn from_lines(
        academic_year: AcademicYear,
        kind: BudgetKind,
        lines: BTreeMap<&'static str, Option<i64>>,
        note: Option<&'static str>,
    ) -> Self {
        let total_expenses = total(&lines, groups::EXPENSES);
        let total_revenues = total(&lines, groups::REVENUES);
        let state = lines.get("rev_state").copied().flatten();
        let balance = total_revenues
            .zip(total_expenses)
            .and_then(|(r, e)| r.checked_sub(e));
        let others = total_revenues
            .zip(state)
            .and_then(|(r, s)| r.checked_sub(s));
        let cofinancing_share = total_revenues
            .zip(others)
            .filter(|(r, _)| *r != 0)
            .map(|(r, o)| o as f64 / r as f64 * 100.0);
        // Exact in integers: others / revenues ≥ 1/2.
        let cofinanced = total_revenues
            .zip(others)
            .filter(|(r, _)| *r != 0)
            .map(|(r, o)| i128::from(o) * 2 >= i128::from(r));
        let balanced = balance.map(|b| b == 0);
        let mut issues = Vec::new();
        if balanced == Some(false) {
            issues.push(BudgetIssue {
                code: "unbalanced",
                message:
                    "budget non équilibré : le total des recettes doit égaler celui des dépenses",
            });
        }
        if total_revenues == Some(0) {
            issues.push(BudgetIssue {
                code: "no_revenue",
                message: "aucune recette : la part du cofinancement ne peut être calculée",
            });
        }
        if cofinanced == Some(false) {
            issues.push(BudgetIssue {
                code: "cofinancing_below_50",
                message: "cofinancement insuffisant : la collectivité et les partenaires doivent apporter au moins 50 % des recettes",
            });
        }
        if state.is_some_and(|s| s > STATE_CAP_CENTS) {
            issues.push(BudgetIssue {
                code: "state_above_cap",
                message: "la subvention de l'État au porteur est de 50 000 € par an au plus",
            });
        }
        Self {
            academic_year,
            kind,
            lines,
            total_expenses,
            total_revenues,
            balance,
            cofinancing_share,
            balanced,
            cofinanced,
            issues,
            note,
        }
    }

    /// A forecast year as written (a line left out is 0 €).
    pub fn forecast(year: &BudgetYear) -> Self {
        let lines = budget_lines()
            .map(|l| (l, Some(year.lines.get(l).copied().unwrap_or(0))))
            .collect();
        Self::from_lines(year.academic_year, BudgetKind::Forecast, lines, None)
    }

    /// A coming year with no forecast written yet.
    pub fn forecast_missing(academic_year: AcademicYear) -> Self {
        let lines = budget_lines().map(|l| (l, None)).collect();
        Self::from_lines(
            academic_year,
            BudgetKind::Forecast,
            lines,
            Some("budget prévisionnel non renseigné"),
        )
    }

    /// A past year from its report's grid (`None` with the year's note when the year is missing).
    pub fn actual(
        academic_year: AcademicYear,
        grid: Option<&IndicatorGrid>,
        note: Option<&'static str>,
    ) -> Self {
        let lines = budget_lines()
            .map(|l| (l, grid.and_then(|g| g.integer(l))))
            .collect();
        Self::from_lines(academic_year, BudgetKind::Actual, lines, note)
    }
}
