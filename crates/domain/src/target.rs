//! Targets (indicator, scope, year, direction, value) and the gap of an indicator against its target.

use crate::academic_year::AcademicYear;
use crate::campus::CampusId;
use crate::indicators;
use crate::region::RegionCode;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Which figures a target applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetScope {
    Nation,
    Region(RegionCode),
    Campus(CampusId),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("portée « {0} » invalide : « nation », « region:CODE » (par exemple region:BFC) ou « campus:IDENTIFIANT »")]
pub struct ScopeError(pub String);

impl FromStr for TargetScope {
    type Err = ScopeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ScopeError(s.to_owned());
        match s.split_once(':') {
            None if s == "nation" => Ok(Self::Nation),
            Some(("region", code)) => code.parse().map(Self::Region).map_err(|_| bad()),
            Some(("campus", id)) => id.parse().map(Self::Campus).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for TargetScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Nation => f.write_str("nation"),
            Self::Region(code) => write!(f, "region:{code}"),
            Self::Campus(id) => write!(f, "campus:{id}"),
        }
    }
}

impl Serialize for TargetScope {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TargetScope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// Whether the actual value must be at least or at most the target.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    AtLeast,
    AtMost,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AtLeast => "at_least",
            Self::AtMost => "at_most",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::AtLeast, Self::AtMost]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub indicator: String,
    pub scope: TargetScope,
    pub academic_year: AcademicYear,
    pub direction: Direction,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} : {message}")]
pub struct TargetError {
    pub field: &'static str,
    pub message: String,
}

impl Target {
    /// Every rule the target breaks.
    pub fn check(&self) -> Vec<TargetError> {
        let mut errors = Vec::new();
        if indicators::indicator(&self.indicator).is_none() {
            let known: Vec<_> = indicators::INDICATORS.iter().map(|i| i.name).collect();
            errors.push(TargetError {
                field: "indicator",
                message: format!(
                    "indicateur « {} » inconnu ; indicateurs possibles : {}",
                    self.indicator,
                    known.join(", ")
                ),
            });
        }
        if !self.value.is_finite() {
            errors.push(TargetError {
                field: "value",
                message: "la valeur cible doit être un nombre".into(),
            });
        } else if let Some(ind) = indicators::indicator(&self.indicator) {
            if let Some(message) = out_of_range(ind.unit, self.value) {
                errors.push(TargetError {
                    field: "value",
                    message,
                });
            }
        }
        errors
    }

    /// The gap of `actual` against this target.
    pub fn gap(&self, actual: Option<f64>) -> Gap {
        Gap::of(actual, self.value, self.direction)
    }
}

/// Largest amount, in euros, a target may name (a campus's budget is a few hundred thousand euros).
const MAX_TARGET_EUROS: f64 = 1e9;
/// Largest count (students, meetings, students per tutor) a target may name.
const MAX_TARGET_COUNT: f64 = 1e6;

/// Why `value` cannot be a target for an indicator in `unit` (a percentage above 100, a negative head count…).
fn out_of_range(unit: indicators::Unit, value: f64) -> Option<String> {
    use indicators::Unit;
    let (low, high, what) = match unit {
        Unit::Percent => (0.0, 100.0, "un pourcentage"),
        Unit::Hours => (0.0, 168.0, "un nombre d'heures par semaine"),
        Unit::Euros => (-MAX_TARGET_EUROS, MAX_TARGET_EUROS, "un montant en euros"),
        Unit::Students | Unit::StudentsPerFte | Unit::Meetings => {
            (0.0, MAX_TARGET_COUNT, "un effectif ou un nombre")
        }
    };
    (!(low..=high).contains(&value)).then(|| {
        format!("valeur cible hors limites : {what} compris entre {low} et {high} est attendu")
    })
}

/// Whether a target is met.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapStatus {
    Met,
    Missed,
    /// No data to compare (a missing field or a zero denominator).
    Undefined,
}

/// An indicator against its target: `absolute` = actual − target; `relative` = that gap in percent of the target.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    pub actual: Option<f64>,
    pub target: f64,
    pub direction: Direction,
    pub absolute: Option<f64>,
    pub relative: Option<f64>,
    pub status: GapStatus,
}

impl Gap {
    pub fn of(actual: Option<f64>, target: f64, direction: Direction) -> Self {
        let actual = actual.filter(|a| a.is_finite());
        let absolute = actual.map(|a| a - target);
        let relative = absolute
            .filter(|_| target != 0.0)
            .map(|g| g / target.abs() * 100.0);
        let status = match (actual, direction) {
            (None, _) => GapStatus::Undefined,
            (Some(a), Direction::AtLeast) if a >= target => GapStatus::Met,
            (Some(a), Direction::AtMost) if a <= target => GapStatus::Met,
            _ => GapStatus::Missed,
        };
        Self {
            actual,
            target,
            direction,
            absolute,
            relative,
            status,
        }
    }
}

/// The target that applies to a campus for an indicator and year: the campus's own, else its région's,
/// else the nation's.
pub fn applicable<'a>(
    targets: &'a [Target],
    indicator: &str,
    year: AcademicYear,
    campus: &CampusId,
    region: RegionCode,
) -> Option<&'a Target> {
    let rank = |t: &Target| match &t.scope {
        TargetScope::Campus(id) if id == campus => Some(0),
        TargetScope::Region(r) if *r == region => Some(1),
        TargetScope::Nation => Some(2),
        _ => None,
    };
    targets
        .iter()
        .filter(|t| t.indicator == indicator && t.academic_year == year)
        .filter_map(|t| rank(t).map(|r| (r, t)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(scope: &str, value: f64, direction: Direction) -> Target {
        Target {
            indicator: "success_rate".into(),
            scope: scope.parse().unwrap(),
            academic_year: "2025-2026".parse().unwrap(),
            direction,
            value,
        }
    }

    #[test]
    fn gaps_are_absolute_relative_and_have_a_status() {
        let gap = target("nation", 80.0, Direction::AtLeast).gap(Some(70.0));
        assert_eq!(gap.absolute, Some(-10.0));
        assert_eq!(gap.relative, Some(-12.5));
        assert_eq!(gap.status, GapStatus::Missed);
        assert_eq!(
            target("nation", 80.0, Direction::AtLeast)
                .gap(Some(80.0))
                .status,
            GapStatus::Met
        );
        assert_eq!(
            target("nation", 20.0, Direction::AtMost)
                .gap(Some(25.0))
                .status,
            GapStatus::Missed
        );
        assert_eq!(
            target("nation", 20.0, Direction::AtMost)
                .gap(Some(12.0))
                .status,
            GapStatus::Met
        );
        let undefined = target("nation", 80.0, Direction::AtLeast).gap(None);
        assert_eq!(
            (undefined.status, undefined.absolute, undefined.relative),
            (GapStatus::Undefined, None, None)
        );
        assert_eq!(
            Gap::of(Some(3.0), 0.0, Direction::AtMost).relative,
            None,
            "no relative gap against zero"
        );
    }

    #[test]
    fn scopes_parse_and_print() {
        for s in ["nation", "region:BFC", "campus:nevers"] {
            assert_eq!(s.parse::<TargetScope>().unwrap().to_string(), s);
        }
        for bad in [
            "",
            "national",
            "region:XX",
            "campus:Nevers",
            "campus",
            "city:x",
        ] {
            assert!(bad.parse::<TargetScope>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_most_specific_target_applies() {
        let targets = vec![
            target("nation", 80.0, Direction::AtLeast),
            target("region:BFC", 82.0, Direction::AtLeast),
            target("campus:nevers", 75.0, Direction::AtLeast),
            target("campus:autun", 90.0, Direction::AtLeast),
        ];
        let year = "2025-2026".parse().unwrap();
        let nevers = "nevers".parse().unwrap();
        let dole = "dole".parse().unwrap();
        let privas = "privas".parse().unwrap();
        let value = |c, r| applicable(&targets, "success_rate", year, c, r).map(|t| t.value);
        assert_eq!(value(&nevers, RegionCode::BFC), Some(75.0));
        assert_eq!(value(&dole, RegionCode::BFC), Some(82.0));
        assert_eq!(value(&privas, RegionCode::ARA), Some(80.0));
        assert_eq!(
            applicable(&targets, "dropout_rate", year, &nevers, RegionCode::BFC),
            None
        );
    }

    #[test]
    fn unknown_indicators_and_non_numbers_are_refused() {
        let mut t = target("nation", f64::NAN, Direction::AtLeast);
        t.indicator = "sucess_rate".into();
        let fields: Vec<_> = t.check().iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["indicator", "value"]);
    }

    #[test]
    fn values_outside_the_indicator_unit_are_refused() {
        for (indicator, value) in [
            ("success_rate", 1e308),
            ("success_rate", 100.5),
            ("dropout_rate", -0.1),
            ("enrolment", -1.0),
            ("presence_hours", 200.0),
            ("cost_per_student", 1e308),
            ("budget_balance", -1e308),
        ] {
            let mut t = target("nation", value, Direction::AtLeast);
            t.indicator = indicator.into();
            let errors = t.check();
            assert_eq!(errors.len(), 1, "{indicator} {value}");
            assert_eq!(errors[0].field, "value");
            assert!(
                errors[0].message.contains("hors limites"),
                "{}",
                errors[0].message
            );
        }
        for (indicator, value) in [
            ("success_rate", 0.0),
            ("success_rate", 100.0),
            ("budget_balance", -5_000.0),
            ("cost_per_student", 4_850.0),
            ("students_per_tutor", 20.0),
        ] {
            let mut t = target("nation", value, Direction::AtLeast);
            t.indicator = indicator.into();
            assert_eq!(t.check(), vec![], "{indicator} {value}");
        }
    }
}
