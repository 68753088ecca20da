//! Render time of the national dashboard (PNG and SVG) for the 85-campus synthetic network. Goal: under 200 ms
//! for the PNG. Run: `cargo bench -p pilotage-charts -- --warm-up-time 1 --measurement-time 5`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the benchmark failing

#[path = "../../analytics/benches/support/synthetic.rs"]
mod synthetic;

use criterion::{criterion_group, criterion_main, Criterion};
use pilotage_analytics::Scope;
use pilotage_charts::dashboard::{render, Format};
use pilotage_charts::dashboard_spec::DashboardSpec;

fn national(c: &mut Criterion) {
    let data = synthetic::network(85);
    let year = synthetic::last_year();
    let spec = DashboardSpec::built_in()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "national")
        .unwrap();
    let now = chrono::Utc::now();
    let mut group = c.benchmark_group("national dashboard, 85 campuses");
    group.sample_size(10);
    group.bench_function("png", |b| {
        b.iter(|| render(&spec, &data, &Scope::Nation, year, now, Format::Png).unwrap())
    });
    group.bench_function("svg", |b| {
        b.iter(|| render(&spec, &data, &Scope::Nation, year, now, Format::Svg).unwrap())
    });
    group.finish();
}

criterion_group!(benches, national);
criterion_main!(benches);
