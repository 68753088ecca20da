//! One full recomputation of a synthetic network, timed, with the process's peak memory:
//! `cargo run --release -p pilotage-analytics --example recompute -- 10000`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failure is the example failing

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use pilotage_analytics::{
    aggregates, campus_values, completeness, gap_analysis, outliers, scorecard,
};
use std::time::Instant;

fn main() {
    let campuses: usize = std::env::args()
        .nth(1)
        .map_or(10_000, |a| a.parse().expect("a number of campuses"));
    let started = Instant::now();
    let data = synthetic::network(campuses);
    println!(
        "network of {campuses} campuses × {} years: {} reports, generated in {:.2?}",
        synthetic::YEARS,
        data.reports.len(),
        started.elapsed()
    );
    let year = synthetic::last_year();
    let now = year.flash_survey_deadline() + chrono::Duration::days(30);
    let total = Instant::now();
    let step = |name: &str, run: &mut dyn FnMut() -> usize| {
        let at = Instant::now();
        let n = run();
        println!("{name:>14}: {:>9.2?} ({n} rows)", at.elapsed());
    };
    step("campus_values", &mut || campus_values(&data).unwrap().len());
    step("aggregates", &mut || aggregates(&data).unwrap().len());
    step("gap_analysis", &mut || {
        gap_analysis(&data, year).unwrap().len()
    });
    step("completeness", &mut || {
        completeness(&data, year, now).unwrap().follow_up.len()
    });
    step("scorecard", &mut || {
        scorecard(&data, year).unwrap().scorecards.len()
    });
    step("outliers", &mut || outliers(&data, year).unwrap().len());
    println!("{:>14}: {:>9.2?}", "total", total.elapsed());
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status.lines().filter(|l| l.starts_with("VmHWM")) {
            println!("{line}");
        }
    }
}
