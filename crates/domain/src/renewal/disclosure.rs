//! Disclosure control of the renewal record for readers outside the ministry and the operator (regional clients):
//! no figure may reveal 1 to 4 students, nor let a hidden one be recomputed.
//!
//! For each year: an enrolment of 1 to 4 hides every student figure of the year; otherwise a count of 1 to 4 in a
//! breakdown that sums to the enrolment (programmes, sex, age, outcomes) hides the whole breakdown, and a profile
//! count (boursiers, …) or the new students of 1 to 4 hide that count. Every figure computed from a hidden field is
//! withheld that year (`null`, with the note [`CONFIDENTIAL`]), and so are its totals over the span (they would
//! give the hidden year back), and the judged figure of its criterion. Money and event counts are not about
//! students and stay.

use super::figures::{Figure, SpanYear};
use super::record::CriterionRecord;
use crate::grid::{groups, IndicatorGrid, Section, GRID_FIELDS};
use std::collections::BTreeSet;

/// The note of a withheld value.
pub const CONFIDENTIAL: &str = "confidentiel : secret statistique (1 à 4 étudiants)";

fn student_fields() -> impl Iterator<Item = &'static str> {
    GRID_FIELDS
        .iter()
        .filter(|f| matches!(f.section, Section::Enrolment | Section::Outcomes))
        .map(|f| f.name)
}

/// The student fields a year's figures must not show.
pub fn hidden_fields(grid: &IndicatorGrid) -> BTreeSet<&'static str> {
    let few = |name: &str| grid.integer(name).is_some_and(|v| (1..=4).contains(&v));
    if few("students_enrolled") {
        return student_fields().collect();
    }
    let mut hidden = BTreeSet::new();
    for breakdown in [
        groups::PROGRAMMES,
        groups::SEX,
        groups::AGE,
        groups::OUTCOMES,
    ] {
        if breakdown.iter().any(|f| few(f)) {
            hidden.extend(breakdown.iter().copied());
        }
    }
    for name in groups::PROFILES.iter().chain(&["students_new"]) {
        if few(name) {
            hidden.insert(name);
        }
    }
    hidden
}

/// Withholds one figure's values computed from hidden fields; returns whether any was.
fn withhold_figure(figure: &mut Figure, hidden: &[BTreeSet<&'static str>]) -> bool {
    let mut any = false;
    for (value, fields) in figure.values.iter_mut().zip(hidden) {
        if value.value.is_some() && figure.sources.iter().any(|s| fields.contains(s)) {
            value.value = None;
            value.texts = None;
            value.note = Some(CONFIDENTIAL);
            any = true;
        }
    }
    if any {
        figure.total = None;
        figure.mean = None;
        figure.change = None;
        figure.progression = None;
        figure.pooled = None;
    }
    any
}

/// Applies the rule to the computed grid of `years`, in place.
pub fn withhold_small_counts(criteria: &mut [CriterionRecord], years: &[SpanYear]) {
    let hidden: Vec<BTreeSet<&'static str>> = years
        .iter()
        .map(|y| y.grid.as_ref().map(hidden_fields).unwrap_or_default())
        .collect();
    for criterion in criteria {
        for (i, figure) in criterion.figures.iter_mut().enumerate() {
            // The judged figure is computed from the criterion's first figure.
            if withhold_figure(figure, &hidden) && i == 0 {
                criterion.figure = None;
            }
        }
    }
}
