//! The national targets every year has without an analyst doing anything: the thresholds of the brand criteria
//! (critères de la marque) and the national success rate of the specification (85 %). A stored national target
//! for the same indicator and year replaces its default; régional and campus targets still win over both.
//!
//! Defaults are computed, not seeded: a new year (2026-2027 and any later one) has them at once, no migration or
//! first-use write can be forgotten, and changing a criterion changes every year without stored targets.

use crate::academic_year::AcademicYear;
use crate::criteria::{Measure, BRAND_CRITERIA};
use crate::target::{Direction, Target, TargetScope};

/// The specification's observed annual success rate, used as the national success-rate target.
pub const NATIONAL_SUCCESS_RATE: f64 = 85.0;

/// The default national targets of `year`.
pub fn national_defaults(year: AcademicYear) -> Vec<Target> {
    let criteria = BRAND_CRITERIA.iter().filter_map(|c| match c.measure {
        Measure::Indicator(indicator) => Some((indicator, c.direction?, c.threshold?)),
        _ => None,
    });
    criteria
        .chain([("success_rate", Direction::AtLeast, NATIONAL_SUCCESS_RATE)])
        .map(|(indicator, direction, value)| Target {
            indicator: indicator.into(),
            scope: TargetScope::Nation,
            academic_year: year,
            direction,
            value,
        })
        .collect()
}

/// `stored` (targets of any years) with `year`'s default national targets added for the indicators that have
/// no stored national target that year.
pub fn with_national_defaults(mut stored: Vec<Target>, year: AcademicYear) -> Vec<Target> {
    let missing: Vec<Target> = national_defaults(year)
        .into_iter()
        .filter(|d| {
            !stored.iter().any(|t| {
                t.scope == TargetScope::Nation
                    && t.academic_year == year
                    && t.indicator == d.indicator
            })
        })
        .collect();
    stored.extend(missing);
    stored
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::applicable;
    use crate::RegionCode;

    #[test]
    fn every_year_has_the_brand_thresholds_and_stored_national_targets_override_them() {
        let year: AcademicYear = "2026-2027".parse().unwrap();
        let defaults = national_defaults(year);
        assert!(defaults.iter().all(|t| t.check().is_empty()));
        let names: Vec<_> = defaults.iter().map(|t| t.indicator.as_str()).collect();
        for name in [
            "students_per_tutor",
            "enrolment",
            "public_share",
            "success_rate",
        ] {
            assert!(names.contains(&name), "{name}");
        }
        let stored = vec![Target {
            indicator: "success_rate".into(),
            scope: TargetScope::Nation,
            academic_year: year,
            direction: Direction::AtLeast,
            value: 90.0,
        }];
        let all = with_national_defaults(stored, year);
        let nevers = "nevers".parse().unwrap();
        let value = |i| applicable(&all, i, year, &nevers, RegionCode::BFC).map(|t| t.value);
        assert_eq!(value("success_rate"), Some(90.0), "the stored target wins");
        assert_eq!(
            value("students_per_tutor"),
            Some(20.0),
            "the default applies"
        );
        assert_eq!(
            all.iter().filter(|t| t.indicator == "success_rate").count(),
            1
        );
    }
}
