//! A statistical attacker against the public figures: from every public observation (all areas, all years) and
//! the public campus list, it solves for the hidden head counts by linear programming and integer search; the
//! test fails when it recovers a withheld count of 1 to 4 students to within ±1, or any withheld count exactly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

mod model;
mod networks;
mod system;

use model::{Op, Range, Solver};
use pilotage_analytics::{observations, Audience, Dataset};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Instant;
use system::{Cell, System, UNKNOWNS};

/// A withheld count the attacker pinned down.
struct Recovered {
    year: String,
    cell: Cell,
    truth: i64,
    range: Range,
    sources: Vec<String>,
    /// Other rows of the block the count lies in.
    others: usize,
}

/// The true value of every unknown of `system` (`None` where the grid leaves it undefined).
fn truth(data: &Dataset, system: &System, year: &str) -> Vec<Option<f64>> {
    let mut out = vec![None; system.model.lo.len()];
    for (c, id) in system.campuses.iter().enumerate() {
        let Some(report) = data.reports.iter().find(|r| {
            data.counts(r.status)
                && r.campus_id.to_string() == *id
                && r.academic_year.to_string() == year
        }) else {
            continue;
        };
        let g = &report.grid;
        let count = |v: Option<i64>| v.map(|v| v as f64);
        let expenses = [
            g.exp_staff,
            g.exp_premises,
            g.exp_equipment,
            g.exp_operations,
            g.exp_communication,
            g.exp_other,
        ]
        .into_iter()
        .try_fold(0i64, |acc, v| Some(acc + v?));
        let n = count(g.students_enrolled);
        let values = [
            n,
            count(g.outcome_success),
            count(g.outcome_dropout),
            count(g.outcome_reorientation),
            count(g.outcome_failure),
            count(g.outcome_pending),
            count(g.prog_private),
            count(g.survey_respondents),
            count(g.survey_would_not_have_studied),
            g.tutors_fte,
            expenses.map(|e| e as f64 / 100_000.0),
            g.avg_weekly_presence_hours.zip(n).map(|(h, n)| h * n),
        ];
        out[c * UNKNOWNS..(c + 1) * UNKNOWNS].copy_from_slice(&values);
    }
    out
}

/// The attacker's rows must hold at the truth, or its conclusions mean nothing.
fn assert_sound(system: &System, truth: &[Option<f64>], year: &str) {
    let mut wrong = Vec::new();
    for row in &system.model.rows {
        let Some(lhs) = row
            .terms
            .iter()
            .try_fold(0.0, |acc, &(v, a)| Some(acc + a * truth[v]?))
        else {
            continue;
        };
        let scale = 1.0
            + row
                .terms
                .iter()
                .map(|&(v, a)| (a * truth[v].unwrap_or(0.0)).abs())
                .sum::<f64>();
        let off = match row.op {
            Op::Eq => (lhs - row.rhs).abs(),
            Op::Le => (lhs - row.rhs).max(0.0),
        };
        if off > 1e-7 * scale {
            wrong.push(format!("{year} {}: off by {off}", row.source));
        }
    }
    assert!(
        wrong.is_empty(),
        "the attacker's model is wrong:\n{}",
        wrong.join("\n")
    );
}

/// Runs the attack on every year of `data` and returns what it recovered.
fn attack(name: &str, data: &Dataset) -> Vec<Recovered> {
    let started = Instant::now();
    let public = observations(data, Audience::Public).unwrap();
    let region_of: HashMap<String, String> = data
        .campuses
        .iter()
        .map(|c| (c.id.to_string(), c.region_code.to_string()))
        .collect();
    let mut years: Vec<String> = public.iter().map(|o| o.time_period.clone()).collect();
    years.sort();
    years.dedup();
    let (mut withheld, mut lp_calls, mut lp_errors) = (0, 0, 0);
    let mut recovered = Vec::new();
    for year in &years {
        let system = system::system(&public, &region_of, year);
        let truth = truth(data, &system, year);
        assert_sound(&system, &truth, year);
        let mut solver = Solver::new(&system.model);
        for cell in system.cells.iter().filter(|c| !c.published) {
            let Some(v) = cell
                .expr
                .iter()
                .try_fold(0.0, |acc, &(u, a)| Some(acc + a * truth[u]?))
            else {
                continue;
            };
            let v = v.round() as i64;
            withheld += 1;
            if v < 1 {
                continue; // a hidden 0 reveals nobody
            }
            let range = solver.range(&cell.expr);
            let near = (1..=4).contains(&v)
                && range.width().is_some_and(|w| w <= 2)
                && range.lo <= v
                && range.hi.is_some_and(|h| v <= h);
            let exact = range.lo == v && range.hi == Some(v);
            if near || exact {
                let (sources, others) = solver.sources(&cell.expr);
                recovered.push(Recovered {
                    year: year.clone(),
                    cell: cell.clone(),
                    truth: v,
                    range,
                    sources,
                    others,
                });
            }
        }
        lp_calls += solver.lp_calls;
        lp_errors += solver.lp_errors;
    }
    eprintln!(
        "{name}: {} years, {withheld} withheld counts, {} recovered, {lp_calls} LPs ({lp_errors} solver failures), {:.1} s",
        years.len(),
        recovered.len(),
        started.elapsed().as_secs_f64()
    );
    recovered
}

fn report(name: &str, recovered: &[Recovered]) -> String {
    let mut out = format!(
        "{name}: the public figures let an attacker recover {} withheld counts:\n",
        recovered.len()
    );
    for r in recovered {
        let hi = r.range.hi.map_or("∞".to_owned(), |h| h.to_string());
        let mut used: Vec<&str> = r.sources.iter().map(String::as_str).take(8).collect();
        let more = r.sources.len() - used.len() + r.others;
        let more = if more > 0 {
            format!(" and {more} other rows")
        } else {
            String::new()
        };
        if used.is_empty() {
            used.push("bounds");
        }
        let _ = writeln!(
            out,
            "  {} {} {} {}: true {}, attacker's range [{}, {hi}] (from {}{more})",
            r.cell.level,
            r.cell.area,
            r.year,
            r.cell.count,
            r.truth,
            r.range.lo,
            used.join("; "),
        );
    }
    out
}

#[test]
fn the_demo_network_hides_its_small_counts_from_an_attacker() {
    let data = networks::demo();
    let recovered = attack("demo", &data);
    assert!(recovered.is_empty(), "{}", report("demo", &recovered));
}

#[test]
fn a_network_of_many_small_campuses_hides_its_small_counts_from_an_attacker() {
    let data = networks::small_campuses();
    let recovered = attack("generated", &data);
    assert!(recovered.is_empty(), "{}", report("generated", &recovered));
}
