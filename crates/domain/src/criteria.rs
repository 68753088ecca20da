//! The brand criteria (critères de la marque) evaluated each year for each campus, as one declarative table.

use crate::target::Direction;
use serde::Serialize;

/// What a criterion is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "indicator")]
pub enum Measure {
    /// An indicator of the grid against a threshold.
    Indicator(&'static str),
    /// A partner establishment is on record for the campus.
    Partnership,
    /// The annual report was submitted no later than its deadline.
    ReportOnTime,
    /// The flash survey of the year was answered.
    FlashSurveyAnswered,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Criterion {
    pub name: &'static str,
    /// French label.
    pub label: &'static str,
    pub measure: Measure,
    /// For indicator criteria: the direction and threshold (`None` otherwise).
    pub direction: Option<Direction>,
    pub threshold: Option<f64>,
}

const fn on(
    name: &'static str,
    label: &'static str,
    indicator: &'static str,
    direction: Direction,
    threshold: f64,
) -> Criterion {
    Criterion {
        name,
        label,
        measure: Measure::Indicator(indicator),
        direction: Some(direction),
        threshold: Some(threshold),
    }
}

const fn fact(name: &'static str, label: &'static str, measure: Measure) -> Criterion {
    Criterion {
        name,
        label,
        measure,
        direction: None,
        threshold: None,
    }
}

/// The measurable criteria of the specification.
pub const BRAND_CRITERIA: &[Criterion] = &[
    on(
        "tutor_ratio",
        "Un tuteur pour 20 étudiants au plus",
        "students_per_tutor",
        Direction::AtMost,
        20.0,
    ),
    fact(
        "partnership",
        "Partenariat avec un établissement de proximité",
        Measure::Partnership,
    ),
    on(
        "minimum_enrolment",
        "Au moins 15 étudiants",
        "enrolment",
        Direction::AtLeast,
        15.0,
    ),
    on(
        "public_programmes",
        "Au moins 70 % de formations publiques",
        "public_share",
        Direction::AtLeast,
        70.0,
    ),
    on(
        "steering_committee",
        "Comité de pilotage réuni",
        "copil_meetings",
        Direction::AtLeast,
        1.0,
    ),
    fact(
        "balanced_budget",
        "Budget équilibré",
        Measure::Indicator("budget_balance"),
    ),
    on(
        "cofinancing",
        "Cofinancement d'au moins 50 %",
        "cofinancing_share",
        Direction::AtLeast,
        50.0,
    ),
    on(
        "presence",
        "Présence d'au moins 12 heures par semaine",
        "presence_hours",
        Direction::AtLeast,
        12.0,
    ),
    fact(
        "report_on_time",
        "Rapport annuel transmis à temps",
        Measure::ReportOnTime,
    ),
    fact(
        "flash_survey_answered",
        "Enquête flash renseignée",
        Measure::FlashSurveyAnswered,
    ),
];

/// Whether a criterion is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionStatus {
    Met,
    NotMet,
    /// No data to judge.
    Unknown,
}

impl Criterion {
    /// The status of an indicator criterion for `value` (the balanced budget is met within half a cent).
    pub fn judge(&self, value: Option<f64>) -> CriterionStatus {
        let Some(v) = value else {
            return CriterionStatus::Unknown;
        };
        let met = match (self.direction, self.threshold) {
            (Some(Direction::AtLeast), Some(t)) => v >= t,
            (Some(Direction::AtMost), Some(t)) => v <= t,
            _ => v.abs() < 0.005,
        };
        if met {
            CriterionStatus::Met
        } else {
            CriterionStatus::NotMet
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_name_real_indicators_and_judge_their_thresholds() {
        for c in BRAND_CRITERIA {
            if let Measure::Indicator(name) = c.measure {
                assert!(crate::indicators::indicator(name).is_some(), "{name}");
            }
        }
        let tutor = BRAND_CRITERIA[0];
        assert_eq!(tutor.judge(Some(20.0)), CriterionStatus::Met);
        assert_eq!(tutor.judge(Some(20.5)), CriterionStatus::NotMet);
        assert_eq!(tutor.judge(None), CriterionStatus::Unknown);
        let budget = BRAND_CRITERIA[5];
        assert_eq!(budget.judge(Some(0.0)), CriterionStatus::Met);
        assert_eq!(budget.judge(Some(-12.5)), CriterionStatus::NotMet);
    }
}
