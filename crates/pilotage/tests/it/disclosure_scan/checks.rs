//! What the scanner asserts of one answer: no raw count of 1 to 4, no numerator or denominator, and every
//! published figure published (status `A`) in the public table and giving back no small count.

use pilotage_analytics::{ObsStatus, Observation};
use pilotage_domain::indicators::INDICATORS;
use serde_json::Value;
use std::collections::HashMap;

/// The grid fields that count students.
pub fn is_student_count(key: &str) -> bool {
    const EXACT: &[&str] = &[
        "students_enrolled",
        "students_new",
        "women",
        "men",
        "sex_unreported",
        "scholarship_holders",
        "with_disability",
        "top_athletes",
        "with_family_duties",
        "employed",
        "resuming_studies",
    ];
    const PREFIXES: &[&str] = &["prog_", "age_", "outcome_", "survey_"];
    !key.ends_with("_share")
        && (EXACT.contains(&key) || PREFIXES.iter().any(|p| key.starts_with(p)))
}

fn small(v: f64) -> bool {
    (1.0..=4.0).contains(&v.round()) && (v - v.round()).abs() < 1e-9
}

/// The truth and the public table, for checking figures.
pub struct Truth {
    /// (indicator, area, year) → (public value, public status).
    pub public: HashMap<(String, String, String), (Option<f64>, ObsStatus)>,
    /// Campus → year → true enrolment.
    pub enrolment: HashMap<(String, String), f64>,
}

impl Truth {
    pub fn new(public: &[Observation], internal: &[Observation]) -> Self {
        Self {
            public: public
                .iter()
                .map(|o| {
                    (
                        (
                            o.indicator.to_owned(),
                            o.ref_area.clone(),
                            o.time_period.clone(),
                        ),
                        (o.value, o.obs_status),
                    )
                })
                .collect(),
            enrolment: internal
                .iter()
                .filter(|o| o.indicator == "enrolment" && o.area_level == "campus")
                .filter_map(|o| Some(((o.ref_area.clone(), o.time_period.clone()), o.value?)))
                .collect(),
        }
    }
}

/// Everything wrong found, each naming the route, the place and the value.
#[derive(Default)]
pub struct Findings(pub Vec<String>);

impl Findings {
    pub fn add(&mut self, route: &str, what: String) {
        self.0.push(format!("{route}: {what}"));
    }

    /// Raw counts and numerators / denominators anywhere in a JSON answer.
    pub fn walk(&mut self, route: &str, path: &str, v: &Value) {
        match v {
            Value::Object(map) => {
                // A renewal figure: its name says what it counts.
                if let (Some(Value::String(name)), Some(Value::Array(values))) =
                    (map.get("name"), map.get("values"))
                {
                    if is_student_count(name) {
                        for (i, y) in values.iter().enumerate() {
                            if let Some(x) = y.get("value").and_then(Value::as_f64) {
                                if small(x) {
                                    self.add(route, format!("{path}.{name}.values[{i}].value = {x} (figure {name}, year {})", y["academic_year"]));
                                }
                            }
                        }
                        if let Some(x) = map.get("total").and_then(Value::as_f64) {
                            if small(x) {
                                self.add(route, format!("{path}.{name}.total = {x}"));
                            }
                        }
                    }
                }
                for (k, x) in map {
                    let here = format!("{path}.{k}");
                    // (The indicators' definitions name their terms: only a number is a figure.)
                    if (k == "numerator" || k == "denominator") && x.is_number() {
                        self.add(route, format!("{here} = {x} (must be null: a head count)"));
                    }
                    if is_student_count(k) {
                        if let Some(n) = x.as_f64() {
                            if small(n) {
                                self.add(route, format!("{here} = {n} (raw count)"));
                            }
                        }
                    }
                    self.walk(route, &here, x);
                }
            }
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    self.walk(route, &format!("{path}[{i}]"), x);
                }
            }
            _ => {}
        }
    }

    /// A figure shown: published in the public table with this value, and giving back no count of 1 to 4.
    pub fn figure(
        &mut self,
        truth: &Truth,
        route: &str,
        (indicator, area, year): (&str, &str, &str),
        value: f64,
    ) {
        let key = (indicator.to_owned(), area.to_owned(), year.to_owned());
        let cell = format!("{indicator} {area} {year} = {value}");
        match truth.public.get(&key) {
            Some((Some(p), ObsStatus::Normal)) if (p - value).abs() <= 1e-6 * p.abs().max(1.0) => {}
            Some((p, status)) => self.add(
                route,
                format!(
                    "{cell}, but the public table has {p:?} with status {}",
                    status.code()
                ),
            ),
            None => self.add(route, format!("{cell}, absent from the public table")),
        }
        if indicator == "enrolment" && small(value) {
            self.add(route, format!("{cell}: a published enrolment of 1 to 4"));
        }
        // Independently of the rule: a share of the head count gives back its numerator and complement.
        let of_enrolled = INDICATORS.iter().any(|i| {
            i.name == indicator
                && i.proportion
                && i.denominator
                    .is_some_and(|d| d.len() == 1 && d[0].field == "students_enrolled")
        });
        if of_enrolled {
            if let Some(&n) = truth.enrolment.get(&(area.to_owned(), year.to_owned())) {
                let k = (value * n / 100.0).round();
                if small(k) || small(n - k) {
                    self.add(
                        route,
                        format!(
                            "{cell} of {n} students gives back {k} and {} students",
                            n - k
                        ),
                    );
                }
            }
        }
    }
}
