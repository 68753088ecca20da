//! The flash survey (enquête flash) at the start of each academic year: the forecast enrolment of the year
//! starting and the final outcomes of the year just ended.

use crate::validation::{Severity, ValidationIssue};
use serde::{Deserialize, Serialize};

const FINAL_OUTCOMES: [&str; 5] = [
    "final_outcome_success",
    "final_outcome_dropout",
    "final_outcome_reorientation",
    "final_outcome_failure",
    "final_outcome_pending",
];

/// A survey field as people read it: the grid's label of the programme or outcome it forecasts or finalises
/// (« Licence », « Réussite »), « Étudiants attendus » for the forecast enrolment.
pub fn label(name: &str) -> String {
    if name == "forecast_students_enrolled" {
        return "Étudiants attendus".to_owned();
    }
    let grid_name = name
        .strip_prefix("forecast_")
        .or_else(|| name.strip_prefix("final_"))
        .unwrap_or(name);
    crate::grid::field(grid_name).map_or_else(|| name.to_owned(), |f| f.label.to_owned())
}

/// What a coordinator is asked in each field, under its label.
pub fn help(name: &str) -> &'static str {
    match name {
        "forecast_students_enrolled" => "Nombre total d'étudiants que le campus prévoit d'accueillir cette année",
        n if n.starts_with("forecast_") => "Étudiants attendus dans cette formation ; le total doit égaler les étudiants attendus",
        _ => "Étudiants de l'année précédente dans cette situation à la fin de l'année ; le total doit égaler les étudiants accueillis",
    }
}

/// The figures of one campus's flash survey. `final_outcome_*` are those of the previous academic year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlashSurvey {
    #[serde(default)]
    pub forecast_students_enrolled: Option<i64>,
    #[serde(default)]
    pub forecast_prog_licence: Option<i64>,
    #[serde(default)]
    pub forecast_prog_master: Option<i64>,
    #[serde(default)]
    pub forecast_prog_doctorate: Option<i64>,
    #[serde(default)]
    pub forecast_prog_daeu: Option<i64>,
    #[serde(default)]
    pub forecast_prog_bts: Option<i64>,
    #[serde(default)]
    pub forecast_prog_other_public: Option<i64>,
    #[serde(default)]
    pub forecast_prog_private: Option<i64>,
    #[serde(default)]
    pub final_outcome_success: Option<i64>,
    #[serde(default)]
    pub final_outcome_dropout: Option<i64>,
    #[serde(default)]
    pub final_outcome_reorientation: Option<i64>,
    #[serde(default)]
    pub final_outcome_failure: Option<i64>,
    #[serde(default)]
    pub final_outcome_pending: Option<i64>,
}

impl FlashSurvey {
    /// Every field with its value, in form order (the store keeps them under these names).
    pub fn fields(&self) -> [(&'static str, Option<i64>); 13] {
        [
            (
                "forecast_students_enrolled",
                self.forecast_students_enrolled,
            ),
            ("forecast_prog_licence", self.forecast_prog_licence),
            ("forecast_prog_master", self.forecast_prog_master),
            ("forecast_prog_doctorate", self.forecast_prog_doctorate),
            ("forecast_prog_daeu", self.forecast_prog_daeu),
            ("forecast_prog_bts", self.forecast_prog_bts),
            (
                "forecast_prog_other_public",
                self.forecast_prog_other_public,
            ),
            ("forecast_prog_private", self.forecast_prog_private),
            ("final_outcome_success", self.final_outcome_success),
            ("final_outcome_dropout", self.final_outcome_dropout),
            (
                "final_outcome_reorientation",
                self.final_outcome_reorientation,
            ),
            ("final_outcome_failure", self.final_outcome_failure),
            ("final_outcome_pending", self.final_outcome_pending),
        ]
    }

    /// The exact total of the fields whose name starts with `prefix`, or `None` if one is missing. An `i128` cannot
    /// overflow here, so huge figures break the sum rules instead of skipping them.
    fn total(&self, prefix: &str) -> Option<i128> {
        self.fields()
            .iter()
            .filter(|(n, _)| n.starts_with(prefix))
            .try_fold(0i128, |acc, (_, v)| Some(acc + i128::from((*v)?)))
    }

    fn forecast_programmes(&self) -> Option<i128> {
        self.total("forecast_prog_")
    }

    fn final_outcomes(&self) -> Option<i128> {
        self.total("final_outcome_")
    }

    /// The rules of the survey; `previous_enrolled` is the enrolment of the previous year's annual report, if any.
    pub fn validate(&self, previous_enrolled: Option<i64>) -> Vec<ValidationIssue> {
        let mut issues = Vec::new();
        for (name, value) in self.fields() {
            if value.is_some_and(|v| v < 0) {
                issues.push(ValidationIssue {
                    code: "non_negative",
                    fields: vec![name],
                    severity: Severity::Error,
                    message: format!("{} : doit être un entier positif ou nul", label(name)),
                });
            }
        }
        // The forecast is always due; last year's final outcomes when there was a report to compare them with.
        let required = |name: &str| name.starts_with("forecast_") || previous_enrolled.is_some();
        for (name, value) in self.fields() {
            if value.is_none() && required(name) {
                issues.push(ValidationIssue {
                    code: "required",
                    fields: vec![name],
                    severity: Severity::Error,
                    message: format!("{} : à renseigner avant la transmission", label(name)),
                });
            }
        }
        if let (Some(forecast), Some(split)) =
            (self.forecast_students_enrolled, self.forecast_programmes())
        {
            if i128::from(forecast) != split {
                issues.push(ValidationIssue {
                    code: "sum_forecast_programmes",
                    fields: vec!["forecast_students_enrolled"],
                    severity: Severity::Error,
                    message: format!("Prévisions par formation : la répartition totalise {split} au lieu de {forecast}"),
                });
            }
        }
        if let (Some(enrolled), Some(outcomes)) = (previous_enrolled, self.final_outcomes()) {
            if i128::from(enrolled) != outcomes {
                issues.push(ValidationIssue {
                    code: "sum_final_outcomes",
                    fields: FINAL_OUTCOMES.to_vec(),
                    severity: Severity::Error,
                    message: format!(
                        "Résultats définitifs : ils totalisent {outcomes} au lieu des {enrolled} étudiants de l'année précédente"
                    ),
                });
            }
        }
        issues
    }
}

/// Forecast error of the enrolment in percent of the actual: (forecast − actual) / actual × 100; `None` when the
/// actual enrolment is zero.
pub fn forecast_error(forecast: i64, actual: i64) -> Option<f64> {
    // In i128: `forecast - actual` overflows an i64 for extreme (invalid) figures.
    (actual != 0)
        .then(|| (i128::from(forecast) - i128::from(actual)) as f64 / actual as f64 * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey() -> FlashSurvey {
        FlashSurvey {
            forecast_students_enrolled: Some(24),
            forecast_prog_licence: Some(14),
            forecast_prog_master: Some(2),
            forecast_prog_doctorate: Some(0),
            forecast_prog_daeu: Some(4),
            forecast_prog_bts: Some(3),
            forecast_prog_other_public: Some(1),
            forecast_prog_private: Some(0),
            final_outcome_success: Some(18),
            final_outcome_dropout: Some(2),
            final_outcome_reorientation: Some(1),
            final_outcome_failure: Some(1),
            final_outcome_pending: Some(0),
        }
    }

    #[test]
    fn a_consistent_survey_passes() {
        assert_eq!(survey().validate(Some(22)), vec![]);
    }

    #[test]
    fn sums_are_checked() {
        let mut s = survey();
        s.forecast_prog_licence = Some(15);
        let codes: Vec<_> = s.validate(Some(23)).iter().map(|i| i.code).collect();
        assert_eq!(codes, vec!["sum_forecast_programmes", "sum_final_outcomes"]);
    }

    #[test]
    fn the_forecast_is_required_and_non_negative() {
        let s = FlashSurvey {
            final_outcome_failure: Some(-1),
            ..Default::default()
        };
        let issues = s.validate(None);
        assert_eq!(issues[0].code, "non_negative");
        let required: Vec<_> = issues
            .iter()
            .filter(|i| i.code == "required")
            .flat_map(|i| i.fields.clone())
            .collect();
        assert_eq!(
            required.len(),
            8,
            "the forecast and its split: {required:?}"
        );
        assert!(required.iter().all(|f| f.starts_with("forecast_")));
        // With a report last year, its final outcomes are due too.
        let required = s
            .validate(Some(20))
            .iter()
            .filter(|i| i.code == "required")
            .count();
        assert_eq!(required, 12);
    }

    #[test]
    fn forecast_error_is_relative_to_the_actual() {
        assert_eq!(forecast_error(24, 20), Some(20.0));
        assert_eq!(forecast_error(18, 20), Some(-10.0));
        assert_eq!(forecast_error(3, 0), None);
        assert_eq!(
            forecast_error(i64::MAX, -1),
            Some(-(i64::MAX as f64 + 1.0) * 100.0)
        );
    }

    #[test]
    fn sums_that_overflow_an_i64_still_break_their_rule() {
        let mut s = survey();
        s.forecast_prog_licence = Some(i64::MAX);
        s.forecast_prog_master = Some(i64::MAX);
        s.final_outcome_success = Some(i64::MAX);
        s.final_outcome_dropout = Some(i64::MAX);
        let issues = s.validate(Some(22));
        let codes: Vec<_> = issues.iter().map(|i| i.code).collect();
        assert_eq!(codes, vec!["sum_forecast_programmes", "sum_final_outcomes"]);
        assert!(
            issues[0]
                .message
                .contains("totalise 18446744073709551622 au lieu de 24"),
            "{}",
            issues[0].message
        );
    }
}

/// Whether a flash survey is handed in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlashSurveyStatus {
    Draft,
    Submitted,
}

impl FlashSurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::Submitted]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// One campus's flash survey for the academic year starting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlashSurveyRecord {
    pub campus_id: crate::campus::CampusId,
    pub academic_year: crate::academic_year::AcademicYear,
    pub status: FlashSurveyStatus,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i64,
    pub survey: FlashSurvey,
}
