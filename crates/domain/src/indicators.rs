//! The indicators, as one declarative table of formulas over grid fields. Analytics and the API compute from
//! this table; no formula is written anywhere else.

use crate::grid::{FieldValue, IndicatorGrid};
use serde::Serialize;

/// Unit of an indicator's value.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Euros,
    /// Students per full-time-equivalent tutor.
    StudentsPerFte,
    Students,
    Hours,
    Meetings,
}

/// Which way is better for an indicator.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
    /// Neither (e.g. the budget balance, which should be zero).
    Neither,
}

/// One term of a linear formula: `sign × field` (money fields count in cents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    pub sign: i8,
    pub field: &'static str,
}

const fn plus(field: &'static str) -> Term {
    Term { sign: 1, field }
}

const fn minus(field: &'static str) -> Term {
    Term { sign: -1, field }
}

/// How campus figures combine into a national or regional figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pooling {
    /// Ratio of sums: Σ numerators / Σ denominators over the campuses where both are known (never the mean of rates).
    Ratio,
    /// The total over campuses (head counts, meetings, money).
    Sum,
    /// The mean weighted by these fields (e.g. presence hours weighted by enrolment).
    WeightedMean(&'static [Term]),
}

/// An indicator: `factor × Σ numerator / Σ denominator` (no denominator: `factor × Σ numerator`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Indicator {
    pub name: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    pub better: Better,
    pub numerator: &'static [Term],
    pub denominator: Option<&'static [Term]>,
    pub factor: f64,
    /// A share of students (numerator a subset of the denominator): it gets a Wilson score interval.
    pub proportion: bool,
    pub pooling: Pooling,
}

const ALL_EXPENSES: &[Term] = &[
    plus("exp_staff"),
    plus("exp_premises"),
    plus("exp_equipment"),
    plus("exp_operations"),
    plus("exp_communication"),
    plus("exp_other"),
];
const ALL_REVENUES: &[Term] = &[
    plus("rev_state"),
    plus("rev_local_authority"),
    plus("rev_region"),
    plus("rev_partners"),
    plus("rev_in_kind"),
    plus("rev_other"),
];
const ENROLLED: &[Term] = &[plus("students_enrolled")];

const fn rate(
    name: &'static str,
    label: &'static str,
    outcome: &'static [Term],
    better: Better,
) -> Indicator {
    Indicator {
        name,
        label,
        unit: Unit::Percent,
        better,
        numerator: outcome,
        denominator: Some(ENROLLED),
        factor: 100.0,
        proportion: true,
        pooling: Pooling::Ratio,
    }
}

const fn level(
    name: &'static str,
    label: &'static str,
    field: &'static [Term],
    unit: Unit,
    pooling: Pooling,
) -> Indicator {
    Indicator {
        name,
        label,
        unit,
        better: Better::Higher,
        numerator: field,
        denominator: None,
        factor: 1.0,
        proportion: false,
        pooling,
    }
}

/// Every indicator computed from a grid.
pub const INDICATORS: &[Indicator] = &[
    rate(
        "success_rate",
        "Taux de réussite",
        &[plus("outcome_success")],
        Better::Higher,
    ),
    Indicator {
        name: "success_rate_sitters",
        label: "Taux de réussite des présents aux examens",
        unit: Unit::Percent,
        better: Better::Higher,
        numerator: &[plus("outcome_success")],
        denominator: Some(&[plus("outcome_success"), plus("outcome_failure")]),
        factor: 100.0,
        proportion: true,
        pooling: Pooling::Ratio,
    },
    rate(
        "dropout_rate",
        "Taux d'abandon",
        &[plus("outcome_dropout")],
        Better::Lower,
    ),
    rate(
        "reorientation_rate",
        "Taux de réorientation",
        &[plus("outcome_reorientation")],
        Better::Neither,
    ),
    rate(
        "failure_rate",
        "Taux d'échec",
        &[plus("outcome_failure")],
        Better::Lower,
    ),
    rate(
        "public_share",
        "Part des formations publiques",
        &[plus("students_enrolled"), minus("prog_private")],
        Better::Higher,
    ),
    Indicator {
        name: "students_per_tutor",
        label: "Étudiants par tuteur (ETP)",
        unit: Unit::StudentsPerFte,
        better: Better::Lower,
        numerator: ENROLLED,
        denominator: Some(&[plus("tutors_fte")]),
        factor: 1.0,
        proportion: false,
        pooling: Pooling::Ratio,
    },
    Indicator {
        name: "cost_per_student",
        label: "Coût par étudiant",
        unit: Unit::Euros,
        better: Better::Lower,
        numerator: ALL_EXPENSES,
        denominator: Some(ENROLLED),
        factor: 0.01,
        proportion: false,
        pooling: Pooling::Ratio,
    },
    Indicator {
        name: "cofinancing_share",
        label: "Part du cofinancement (hors État)",
        unit: Unit::Percent,
        better: Better::Higher,
        numerator: &[
            plus("rev_local_authority"),
            plus("rev_region"),
            plus("rev_partners"),
            plus("rev_in_kind"),
            plus("rev_other"),
        ],
        denominator: Some(ALL_REVENUES),
        factor: 100.0,
        proportion: false,
        pooling: Pooling::Ratio,
    },
    Indicator {
        name: "budget_balance",
        label: "Solde budgétaire (recettes − dépenses)",
        unit: Unit::Euros,
        better: Better::Neither,
        numerator: &[
            plus("rev_state"),
            plus("rev_local_authority"),
            plus("rev_region"),
            plus("rev_partners"),
            plus("rev_in_kind"),
            plus("rev_other"),
            minus("exp_staff"),
            minus("exp_premises"),
            minus("exp_equipment"),
            minus("exp_operations"),
            minus("exp_communication"),
            minus("exp_other"),
        ],
        denominator: None,
        factor: 0.01,
        proportion: false,
        pooling: Pooling::Sum,
    },
    Indicator {
        name: "would_not_have_studied_rate",
        label: "Part des étudiants qui n'auraient pas étudié sans le campus",
        unit: Unit::Percent,
        better: Better::Higher,
        numerator: &[plus("survey_would_not_have_studied")],
        denominator: Some(&[plus("survey_respondents")]),
        factor: 100.0,
        proportion: true,
        pooling: Pooling::Ratio,
    },
    level(
        "enrolment",
        "Effectif accueilli",
        ENROLLED,
        Unit::Students,
        Pooling::Sum,
    ),
    level(
        "presence_hours",
        "Présence hebdomadaire moyenne",
        &[plus("avg_weekly_presence_hours")],
        Unit::Hours,
        Pooling::WeightedMean(ENROLLED),
    ),
    level(
        "copil_meetings",
        "Comités de pilotage réunis",
        &[plus("copil_meetings_count")],
        Unit::Meetings,
        Pooling::Sum,
    ),
];

/// The indicator called `name`.
pub fn indicator(name: &str) -> Option<&'static Indicator> {
    INDICATORS.iter().find(|i| i.name == name)
}

/// A computed indicator: `value` is `None` (undefined) when a field is missing or the denominator is zero.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndicatorValue {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
}

/// The raw number behind a field, in stored units (cents for money), or `None` if missing or a text list.
fn raw(grid: &IndicatorGrid, field: &str) -> Option<f64> {
    match grid.get(field)? {
        FieldValue::Count(v) | FieldValue::Money(v) => Some(v as f64),
        FieldValue::Decimal(v) => Some(v),
        FieldValue::Texts(_) => None,
    }
}

/// `Σ sign × field`, or `None` if any field is missing.
pub fn linear(grid: &IndicatorGrid, terms: &[Term]) -> Option<f64> {
    terms.iter().try_fold(0.0, |acc, t| {
        Some(acc + f64::from(t.sign) * raw(grid, t.field)?)
    })
}

impl Indicator {
    /// The indicator's value for one grid.
    pub fn compute(&self, grid: &IndicatorGrid) -> IndicatorValue {
        let numerator = linear(grid, self.numerator);
        let denominator = self.denominator.and_then(|d| linear(grid, d));
        self.from_sums(numerator, denominator)
    }

    /// The value from already summed numerator and denominator (pooled figures use this with sums over campuses).
    pub fn from_sums(&self, numerator: Option<f64>, denominator: Option<f64>) -> IndicatorValue {
        let value = match (self.denominator, numerator, denominator) {
            (None, Some(n), _) => Some(n * self.factor),
            (Some(_), Some(n), Some(d)) if d != 0.0 => Some(n / d * self.factor),
            _ => None,
        }
        .filter(|v| v.is_finite());
        IndicatorValue {
            value,
            numerator,
            denominator,
        }
    }
}

/// Every indicator of a grid, in table order.
pub fn compute_all(grid: &IndicatorGrid) -> Vec<(&'static Indicator, IndicatorValue)> {
    INDICATORS.iter().map(|i| (i, i.compute(grid))).collect()
}

/// The 95 % Wilson score interval of a proportion `successes / n`, in percent; `None` when `n` is 0.
pub fn wilson_interval(successes: f64, n: f64) -> Option<(f64, f64)> {
    const Z: f64 = 1.959_963_984_540_054;
    if n <= 0.0 || successes < 0.0 || successes > n {
        return None;
    }
    let p = successes / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    Some((
        ((centre - half) * 100.0).max(0.0),
        ((centre + half) * 100.0).min(100.0),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> IndicatorGrid {
        IndicatorGrid {
            students_enrolled: Some(20),
            prog_private: Some(2),
            outcome_success: Some(17),
            outcome_failure: Some(1),
            outcome_dropout: Some(2),
            tutors_fte: Some(1.5),
            exp_staff: Some(8_000_000),
            exp_premises: Some(1_500_000),
            exp_equipment: Some(0),
            exp_operations: Some(200_000),
            exp_communication: Some(0),
            exp_other: Some(0),
            rev_state: Some(5_000_000),
            rev_local_authority: Some(4_000_000),
            rev_region: Some(700_000),
            rev_partners: Some(0),
            rev_in_kind: Some(0),
            rev_other: Some(0),
            ..Default::default()
        }
    }

    fn value(name: &str, g: &IndicatorGrid) -> Option<f64> {
        indicator(name).map(|i| i.compute(g)).and_then(|v| v.value)
    }

    #[test]
    fn rates_are_computed_from_the_table() {
        let g = grid();
        assert_eq!(value("success_rate", &g), Some(85.0));
        assert_eq!(value("public_share", &g), Some(90.0));
        assert_eq!(value("dropout_rate", &g), Some(10.0));
        assert_eq!(value("cost_per_student", &g), Some(4_850.0));
        assert_eq!(value("budget_balance", &g), Some(0.0));
        let cofinancing = value("cofinancing_share", &g).unwrap();
        assert!((cofinancing - 48.453_608).abs() < 1e-4, "{cofinancing}");
        let per_tutor = value("students_per_tutor", &g).unwrap();
        assert!((per_tutor - 13.333_333).abs() < 1e-4);
        let sitters = value("success_rate_sitters", &g).unwrap();
        assert!((sitters - 94.444_444).abs() < 1e-4);
    }

    #[test]
    fn zero_denominators_give_undefined_never_zero_or_nan() {
        let g = IndicatorGrid {
            students_enrolled: Some(0),
            outcome_success: Some(0),
            outcome_failure: Some(0),
            tutors_fte: Some(0.0),
            survey_respondents: Some(0),
            survey_would_not_have_studied: Some(0),
            ..grid()
        };
        for name in [
            "success_rate",
            "success_rate_sitters",
            "students_per_tutor",
            "cost_per_student",
            "would_not_have_studied_rate",
        ] {
            assert_eq!(value(name, &g), None, "{name}");
        }
        let json = serde_json::to_string(&indicator("success_rate").unwrap().compute(&g)).unwrap();
        assert!(json.contains("\"value\":null"), "{json}");
    }

    #[test]
    fn missing_fields_give_undefined() {
        assert_eq!(value("success_rate", &IndicatorGrid::default()), None);
        assert_eq!(
            value(
                "cost_per_student",
                &IndicatorGrid {
                    students_enrolled: Some(3),
                    ..Default::default()
                }
            ),
            None
        );
    }

    #[test]
    fn every_indicator_names_real_grid_fields() {
        for ind in INDICATORS {
            for term in ind.numerator.iter().chain(ind.denominator.unwrap_or(&[])) {
                assert!(
                    crate::grid::field(term.field).is_some(),
                    "{}: {}",
                    ind.name,
                    term.field
                );
            }
        }
    }

    #[test]
    fn wilson_interval_matches_the_textbook_value() {
        // 17 successes out of 20: the 95 % Wilson interval is about [63.96 %, 94.76 %].
        let (low, high) = wilson_interval(17.0, 20.0).unwrap();
        assert!((low - 63.96).abs() < 0.01, "{low}");
        assert!((high - 94.76).abs() < 0.01, "{high}");
        assert_eq!(wilson_interval(0.0, 0.0), None);
        let (low, high) = wilson_interval(5.0, 5.0).unwrap();
        assert!(high <= 100.0 && low > 50.0);
    }
}
