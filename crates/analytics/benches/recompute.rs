//! The full recomputation of the network's statistics (campus values, aggregates, and for the last year the gap
//! analysis, completeness, scorecard and outliers) on synthetic networks of 85, 1 000 and 10 000 campuses over
//! ten years. Run: `cargo bench -p pilotage-analytics -- --warm-up-time 1 --measurement-time 5`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failure is the benchmark failing

#[path = "support/synthetic.rs"]
mod synthetic;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pilotage_analytics::{
    aggregates, campus_values, completeness, gap_analysis, outliers, scorecard, Dataset,
};
use std::hint::black_box;

/// Everything the service recomputes after a change, for the last year of the network.
fn full_recomputation(data: &Dataset) -> usize {
    let year = synthetic::last_year();
    let now = year.flash_survey_deadline() + chrono::Duration::days(30);
    let values = campus_values(data).unwrap();
    let aggregates = aggregates(data).unwrap();
    let gaps = gap_analysis(data, year).unwrap();
    let completeness = completeness(data, year, now).unwrap();
    let scorecard = scorecard(data, year).unwrap();
    let outliers = outliers(data, year).unwrap();
    values.len()
        + aggregates.len()
        + gaps.len()
        + completeness.follow_up.len()
        + scorecard.scorecards.len()
        + outliers.len()
}

fn recompute(c: &mut Criterion) {
    let mut group = c.benchmark_group("full_recomputation");
    group.sample_size(10);
    for campuses in [85, 1_000, 10_000] {
        let data = synthetic::network(campuses);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{campuses}x10")),
            &data,
            |b, data| b.iter(|| full_recomputation(black_box(data))),
        );
    }
    group.finish();
    // The peak resident memory of the whole run (the 10 000-campus network and its statistics included).
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
            eprintln!("peak memory of the benchmark process: {}", line.trim());
        }
    }
}

criterion_group!(benches, recompute);
criterion_main!(benches);
