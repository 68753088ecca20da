//! The synthetic network of the benchmark is valid, and disclosure control holds on it at scale.

#[path = "../../benches/support/synthetic.rs"]
#[allow(dead_code)] // the benchmark's helpers
mod support;

use pilotage_analytics::{observations, Audience, ObsStatus};
use pilotage_domain::validation::validate;
use std::collections::HashMap;

#[test]
fn the_synthetic_network_has_complete_valid_grids() {
    let data = support::network(40);
    assert_eq!(data.reports.len(), 40 * support::YEARS as usize);
    for r in &data.reports {
        let checked = validate(&r.grid);
        assert!(checked.missing.is_empty(), "{:?}", checked.missing);
        assert_eq!(checked.errors().count(), 0, "{:?}", checked.codes());
        assert_eq!(checked.warnings().count(), 0, "{:?}", checked.codes());
    }
    for s in &data.flash_surveys {
        let previous = data
            .reports
            .iter()
            .find(|r| {
                r.campus_id == s.campus_id && r.academic_year.next().ok() == Some(s.academic_year)
            })
            .and_then(|r| r.grid.students_enrolled);
        assert!(s.survey.validate(previous).is_empty());
    }
}

#[test]
fn no_published_enrolment_equation_has_a_single_hidden_term() {
    let data = support::network(300);
    let obs = observations(&data, Audience::Public).unwrap();
    let region_of: HashMap<String, String> = data
        .campuses
        .iter()
        .map(|c| (c.id.to_string(), c.region_code.to_string()))
        .collect();
    // (year, equation) → (terms, hidden terms); an equation is a région (its total and campuses) or the nation.
    let mut equations: HashMap<(String, String), (usize, usize)> = HashMap::new();
    let mut hidden_campuses = 0;
    for o in obs.iter().filter(|o| o.indicator == "enrolment") {
        let hidden = o.obs_status == ObsStatus::Confidential;
        if let Some(v) = o.value {
            assert!(v == 0.0 || v > 4.0, "{o:?}");
        }
        let mut count = |equation: String| {
            let e = equations
                .entry((o.time_period.clone(), equation))
                .or_default();
            e.0 += 1;
            e.1 += usize::from(hidden);
        };
        match o.area_level {
            "campus" => {
                hidden_campuses += usize::from(hidden);
                count(region_of[&o.ref_area].clone());
            }
            "region" => {
                count(o.ref_area.clone());
                count("FR".into());
            }
            _ => count("FR".into()),
        }
    }
    assert!(hidden_campuses > 0, "the network has tiny campuses");
    for (key, (terms, hidden)) in equations {
        assert_ne!(hidden, 1, "{key:?}: {terms} terms");
    }
}

#[test]
fn campus_values_follow_the_domain_formulas_and_the_nation_pools_them() {
    use pilotage_analytics::{aggregates, campus_values, Scope};
    use pilotage_domain::indicators::{compute_all, Pooling, INDICATORS};
    let data = support::network(60);
    let values = campus_values(&data).unwrap();
    assert_eq!(values.len(), data.reports.len() * INDICATORS.len());
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (a, b) => a.is_none() && b.is_none(),
    };
    let by_key: HashMap<_, _> = values
        .iter()
        .map(|v| ((v.campus_id.clone(), v.academic_year, v.indicator), v))
        .collect();
    for r in &data.reports {
        for (ind, expected) in compute_all(&r.grid) {
            let v = by_key[&(r.campus_id.clone(), r.academic_year, ind.name)];
            assert!(close(v.value, expected.value), "{v:?} {expected:?}");
        }
    }
    // Ordered by campus, year and indicator table order.
    let rank = |name: &str| INDICATORS.iter().position(|i| i.name == name).unwrap();
    assert!(values.windows(2).all(|w| {
        (&w[0].campus_id, w[0].academic_year, rank(w[0].indicator))
            < (&w[1].campus_id, w[1].academic_year, rank(w[1].indicator))
    }));
    for a in aggregates(&data)
        .unwrap()
        .iter()
        .filter(|a| a.scope == Scope::Nation)
    {
        let ind = INDICATORS.iter().find(|i| i.name == a.indicator).unwrap();
        let year: Vec<_> = values
            .iter()
            .filter(|v| v.academic_year == a.academic_year && v.indicator == a.indicator)
            .collect();
        let sum = |f: fn(&&pilotage_analytics::CampusValue) -> Option<f64>| {
            year.iter().filter_map(f).sum::<f64>()
        };
        match ind.pooling {
            Pooling::Ratio => {
                let value = ind.from_sums(Some(sum(|v| v.numerator)), Some(sum(|v| v.denominator)));
                assert!(close(a.value, value.value), "{a:?}");
            }
            Pooling::Sum => assert!(close(a.value, Some(sum(|v| v.numerator) * ind.factor))),
            Pooling::WeightedMean(_) => assert!(a.value.is_some()),
        }
        assert_eq!(
            a.campuses as usize,
            year.iter().filter(|v| v.value.is_some()).count()
        );
    }
}
