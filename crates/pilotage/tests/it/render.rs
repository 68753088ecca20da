//! Every dashboard renders for the demo network to a PNG of the expected size and an SVG that parses and carries
//! its French title; an empty network and a campus with no reports render too.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use chrono::Utc;
use pilotage::fixtures::Fixtures;
use pilotage_analytics::{Dataset, Scope};
use pilotage_charts::dashboard::{height, render, Format, WIDTH};
use pilotage_charts::dashboard_spec::{DashboardSpec, ScopeKind};
use pilotage_domain::{AcademicYear, RegionCode};
use pilotage_store::testing::TestDatabase;

fn year() -> AcademicYear {
    "2025-2026".parse().unwrap()
}

fn scope_for(kind: ScopeKind) -> Scope {
    match kind {
        ScopeKind::National => Scope::Nation,
        ScopeKind::Region => Scope::Region(RegionCode::BFC),
        ScopeKind::Campus => Scope::Campus("nevers".parse().unwrap()),
    }
}

fn check(spec: &DashboardSpec, data: &Dataset, scope: &Scope) {
    let png = render(spec, data, scope, year(), Utc::now(), Format::Png).unwrap();
    let image = image::load_from_memory(&png).unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (WIDTH, height(spec)),
        "{}",
        spec.name
    );
    let svg =
        String::from_utf8(render(spec, data, scope, year(), Utc::now(), Format::Svg).unwrap())
            .unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: String = doc
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(texts.contains(&spec.title), "{}: title missing", spec.name);
}

#[test]
fn every_dashboard_renders_for_the_demo_network() {
    let db = TestDatabase::sqlite().unwrap();
    let mut conn = db.connect().unwrap();
    pilotage::seed::run(&mut conn, &Fixtures::embedded().unwrap(), Utc::now(), true).unwrap();
    let data = pilotage_store::dataset::load(&mut conn, false).unwrap();
    for spec in DashboardSpec::built_in().unwrap() {
        check(&spec, &data, &scope_for(spec.scope));
    }
    let national = DashboardSpec::built_in()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "national")
        .unwrap();
    let svg = String::from_utf8(
        render(
            &national,
            &data,
            &Scope::Nation,
            year(),
            Utc::now(),
            Format::Svg,
        )
        .unwrap(),
    )
    .unwrap();
    // The headline tiles show what the statistics endpoint answers: 85 campuses, 1 942 students, 85,4 %.
    for figure in ["1\u{a0}942", "85,4\u{a0}%"] {
        assert!(
            svg.contains(figure),
            "{figure} missing from the national dashboard"
        );
    }
}

#[test]
fn an_empty_network_and_a_campus_without_reports_render() {
    let empty = Dataset::default();
    for spec in DashboardSpec::built_in().unwrap() {
        check(&spec, &empty, &scope_for(spec.scope));
        let svg = String::from_utf8(
            render(
                &spec,
                &empty,
                &scope_for(spec.scope),
                year(),
                Utc::now(),
                Format::Svg,
            )
            .unwrap(),
        )
        .unwrap();
        assert!(svg.contains("Aucune donnée"), "{}", spec.name);
    }
    let mut data = Dataset::default();
    let fixtures = Fixtures::embedded().unwrap();
    data.campuses = fixtures.campuses.clone();
    let campus = DashboardSpec::built_in()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "campus")
        .unwrap();
    check(&campus, &data, &Scope::Campus("nevers".parse().unwrap()));
}
