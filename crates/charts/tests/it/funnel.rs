//! The funnel plot renders to a PNG of the expected size and to an SVG that parses and carries its French title;
//! with no data it says so.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use pilotage_charts::canvas::{png, svg};
use pilotage_charts::funnel_chart::{draw, FunnelChart, FunnelPoint};

fn chart(points: Vec<FunnelPoint>) -> FunnelChart {
    FunnelChart {
        title: "Taux de réussite des campus selon leur effectif — 2025-2026".into(),
        x_label: "Étudiants accueillis".into(),
        y_label: "Taux de réussite".into(),
        p0: Some(85.3),
        points,
        footer: "Source : Pilotage, rapports annuels transmis — données au 29/11/2026".into(),
    }
}

fn network() -> Vec<FunnelPoint> {
    [
        (6.0, 66.7),
        (12.0, 91.7),
        (18.0, 83.3),
        (22.0, 86.4),
        (25.0, 96.0),
        (31.0, 74.2),
        (45.0, 86.7),
        (60.0, 68.3),
        (87.0, 88.5),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (n, rate))| FunnelPoint {
        label: format!("campus-{i}"),
        n,
        rate,
    })
    .collect()
}

#[test]
fn the_funnel_renders_to_png_and_svg() {
    let c = chart(network());
    let bytes = png(1000, 640, |area| draw(area, &c)).unwrap();
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1000, 640));
    let text = svg(1000, 640, |area| draw(area, &c)).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let texts: String = doc
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" | ");
    assert!(
        texts.contains("Taux de réussite des campus selon leur effectif — 2025-2026"),
        "{texts}"
    );
    assert!(texts.contains("taux national : 85,3\u{a0}%"), "{texts}");
    assert!(texts.contains("Étudiants accueillis"), "{texts}");
    std::fs::write(std::env::temp_dir().join("pilotage-funnel.png"), &bytes).unwrap();
}

#[test]
fn no_data_is_drawn_as_such_never_as_zero() {
    for c in [
        chart(Vec::new()),
        FunnelChart {
            p0: None,
            ..chart(network())
        },
    ] {
        let text = svg(800, 500, |area| draw(area, &c)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let texts: Vec<_> = doc
            .descendants()
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        assert!(texts.contains(&"Aucune donnée"), "{texts:?}");
        assert!(png(800, 500, |area| draw(area, &c)).is_ok());
    }
}
