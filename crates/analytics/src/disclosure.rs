//! Disclosure control (secret statistique) of the figures published outside the ministry and the operator (open
//! data, regional clients): no published cell may reveal 1 to 4 students, nor allow recomputing one that is hidden.
//!
//! **Primary suppression.** An observation is confidential (value removed, SDMX `OBS_STATUS` = `C`) when:
//! - `enrolment` (a head count) is between 1 and 4;
//! - a share of students (`success_rate`, `dropout_rate`, `public_share`, `would_not_have_studied_rate`… every
//!   indicator whose `proportion` flag is set) has a numerator or a denominator between 1 and 4 — for a campus,
//!   and for a pooled regional or national figure alike (its Σ numerator and Σ denominator);
//! - `students_per_tutor` has a numerator (students) between 1 and 4, at any level.
//!
//! **Secondary suppression** of the additive count `enrolment` (pooled as a sum), for each year. Two kinds of
//! equations are public: a région's total = Σ its campuses, and the national total = Σ the régions. Whenever an
//! equation has exactly one confidential term, that term could be recomputed, so another term is suppressed:
//! - within a région, if one campus cell is confidential and the région has other published campus cells, the
//!   smallest of them (complementary suppression); if it has none, the région total;
//! - across régions, if one région total is confidential, the smallest other published région total (the
//!   national total only if there is no other région);
//! - a région total suppressed as a complement leaves its région with one hidden term, so one of its campus cells
//!   is suppressed in turn (the smallest), and so on until no equation has a single hidden term.
//!
//! "Smallest" prefers non-zero cells (a hidden 0 is easily guessed), then the lowest value, then the area code,
//! so that the result is deterministic. Undefined values (not reported) are in no equation. Cells whose value is
//! undefined stay `M` (missing); only cells that had a value become `C`.

use crate::observations::{ObsStatus, Observation};
use pilotage_domain::indicators::indicator;
use pilotage_domain::RegionCode;
use std::collections::{BTreeMap, HashMap};

/// Students below this many (and above 0) identify people.
const MAX_REVEALING: f64 = 4.0;

/// An observation with what the rule needs to know about it.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub observation: Observation,
    /// The campus's région, or the région of a regional total; `None` for the nation.
    pub region: Option<RegionCode>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
}

fn few(count: Option<f64>) -> bool {
    count.is_some_and(|c| (1.0..=MAX_REVEALING).contains(&c))
}

/// Whether the cell shows 1 to 4 students by itself.
fn reveals_students(cell: &Cell) -> bool {
    let o = &cell.observation;
    match indicator(o.indicator) {
        _ if o.indicator == "enrolment" => few(o.value),
        _ if o.indicator == "students_per_tutor" => few(cell.numerator),
        Some(ind) if ind.proportion => few(cell.numerator) || few(cell.denominator),
        _ => false,
    }
}

fn suppress(cell: &mut Cell) {
    if cell.observation.value.is_some() {
        cell.observation.value = None;
        cell.observation.obs_status = ObsStatus::Confidential;
    }
}

/// Applies primary and secondary suppression in place.
pub(crate) fn protect(cells: &mut [Cell]) {
    for cell in cells.iter_mut() {
        if reveals_students(cell) {
            suppress(cell);
        }
    }
    protect_sums(cells, "enrolment");
}

/// One published equation `total = Σ parts`, by cell index.
struct Equation {
    total: Option<usize>,
    parts: Vec<usize>,
}

fn hidden(cells: &[Cell], i: usize) -> bool {
    cells[i].observation.obs_status == ObsStatus::Confidential
}

/// The published term to hide beside a lone hidden one: the smallest part (non-zero first), else the total.
fn complement(cells: &[Cell], values: &HashMap<usize, f64>, eq: &Equation) -> Option<usize> {
    let value = |i: usize| values.get(&i).copied().unwrap_or(f64::INFINITY);
    eq.parts
        .iter()
        .copied()
        .filter(|i| !hidden(cells, *i))
        .min_by(|&a, &b| {
            let (va, vb) = (value(a), value(b));
            (va == 0.0)
                .cmp(&(vb == 0.0))
                .then(va.total_cmp(&vb))
                .then_with(|| {
                    cells[a]
                        .observation
                        .ref_area
                        .cmp(&cells[b].observation.ref_area)
                })
        })
        .or(eq.total.filter(|i| !hidden(cells, *i)))
}

/// Secondary suppression of an additive indicator, year by year.
fn protect_sums(cells: &mut [Cell], name: &str) {
    // The exact value of every cell of the indicator that had one (suppressed ones included).
    let mut values: HashMap<usize, f64> = HashMap::new();
    let mut years: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, cell) in cells.iter().enumerate() {
        let o = &cell.observation;
        let exact = match o.obs_status {
            ObsStatus::Missing => None,
            _ => cell.numerator,
        };
        if o.indicator == name {
            if let Some(v) = exact {
                values.insert(i, v);
                years.entry(o.time_period.clone()).or_default().push(i);
            }
        }
    }
    for indices in years.values() {
        let mut national = Equation {
            total: None,
            parts: Vec::new(),
        };
        let mut regions: BTreeMap<RegionCode, Equation> = BTreeMap::new();
        for &i in indices {
            let cell = &cells[i];
            match (cell.observation.area_level, cell.region) {
                ("nation", _) => national.total = Some(i),
                ("region", Some(r)) => {
                    national.parts.push(i);
                    regions
                        .entry(r)
                        .or_insert_with(|| Equation {
                            total: None,
                            parts: Vec::new(),
                        })
                        .total = Some(i);
                }
                ("campus", Some(r)) => regions
                    .entry(r)
                    .or_insert_with(|| Equation {
                        total: None,
                        parts: Vec::new(),
                    })
                    .parts
                    .push(i),
                _ => {}
            }
        }
        let equations: Vec<&Equation> = regions.values().chain([&national]).collect();
        loop {
            let mut changed = false;
            for eq in &equations {
                let terms = eq.parts.iter().copied().chain(eq.total);
                if terms.filter(|i| hidden(cells, *i)).count() == 1 {
                    if let Some(c) = complement(cells, &values, eq) {
                        suppress(&mut cells[c]);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }
}
