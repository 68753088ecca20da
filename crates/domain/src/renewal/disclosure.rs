//! Disclosure control of the renewal record for readers outside the ministry and the operator (regional clients):
//! the network's one rule (`crate::disclosure`) decides, year by year, which of the campus's student fields are
//! withheld (its own counts of 1 to 4, and what the network's published figures would let be worked back). Every
//! figure computed from a withheld field is withheld that year (`null`, with the note [`CONFIDENTIAL`]), and so
//! are its totals over the span (they would give the hidden year back), and the judged figure of its criterion.
//! Money and event counts are not about students and stay.

use super::figures::{Figure, SpanYear};
use super::record::CriterionRecord;
use crate::disclosure::Withheld;
use crate::{AcademicYear, CampusId};
use std::collections::{BTreeMap, BTreeSet};

/// The note of a withheld value.
pub const CONFIDENTIAL: &str = "confidentiel : secret statistique (1 à 4 étudiants)";

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

/// Applies the rule to the computed grid of `years` of `campus`, in place; `network` is what the rule withholds
/// in each year over the whole network.
pub fn withhold_small_counts(
    criteria: &mut [CriterionRecord],
    years: &[SpanYear],
    campus: &CampusId,
    network: &BTreeMap<AcademicYear, Withheld>,
) {
    let none = Withheld::default();
    let hidden: Vec<BTreeSet<&'static str>> = years
        .iter()
        .map(|y| {
            y.grid.as_ref().map_or_else(BTreeSet::new, |grid| {
                network
                    .get(&y.academic_year)
                    .unwrap_or(&none)
                    .fields(campus, grid)
            })
        })
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
