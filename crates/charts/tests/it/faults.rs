//! One test per chart fault of issue 18, each on what the chart draws (its SVG texts, its scales) or on the
//! figures a dashboard builds from a network; every one failed on the charts as they were.

use pilotage_analytics::Scope;
use pilotage_charts::canvas::{png, rasterise, svg};
use pilotage_charts::dashboard::{render, Format};
use pilotage_charts::dashboard_spec::DashboardSpec;
use pilotage_charts::diverging_chart::{self, DivergingChart, GapItem};
use pilotage_charts::funnel_chart::{self, FunnelChart, FunnelPoint};
use pilotage_charts::map_chart::{self, MapChart, MapPoint, MapStatus};
use pilotage_charts::series_chart::{self, SeriesChart, SeriesLine};
use pilotage_charts::units::Unit;
use pilotage_domain::Direction;

#[path = "../../../analytics/benches/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

const FOOTER: &str = "Source : Pilotage — données au 29/11/2026";

/// The texts of an SVG document, in document order.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

fn dashboard(name: &str, scope: &Scope) -> Vec<String> {
    let data = synthetic::network(85);
    let spec = DashboardSpec::built_in()
        .unwrap()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap();
    let now = chrono::Utc::now();
    let bytes = render(
        &spec,
        &data,
        scope,
        synthetic::last_year(),
        now,
        Format::Svg,
    )
    .unwrap();
    texts(&String::from_utf8(bytes).unwrap())
}

fn first_campus() -> Scope {
    let data = synthetic::network(85);
    Scope::Campus(data.campuses[0].id.clone())
}

// ------------------------------------------------------------------ the campus headcount on its own scale

#[test]
fn a_campus_headcount_is_not_drawn_on_the_national_totals_scale() {
    let years: Vec<String> = (2020..2026).map(|y| format!("{y}-{}", y + 1)).collect();
    let chart = SeriesChart {
        title: "Effectif accueilli — Nevers".into(),
        y_label: "Effectif accueilli".into(),
        unit: Unit::Students,
        years,
        scope: SeriesLine {
            name: "Nevers".into(),
            values: vec![
                Some(18.0),
                Some(21.0),
                Some(24.0),
                Some(22.0),
                Some(25.0),
                Some(27.0),
            ],
        },
        national: Some(SeriesLine {
            name: "Total national".into(),
            values: vec![
                Some(1400.0),
                Some(1550.0),
                Some(1700.0),
                Some(1800.0),
                Some(1900.0),
                Some(1942.0),
            ],
        }),
        target: None,
        national_apart: true,
        reference: None,
        footer: FOOTER.into(),
    };
    let plots = series_chart::plots(&chart);
    assert_eq!(plots.len(), 2, "the national total gets its own plot");
    let (campus_lines, (_, campus_top)) = &plots[0];
    assert_eq!(campus_lines, &vec!["Nevers".to_owned()]);
    assert!(
        *campus_top < 50.0,
        "the campus's axis stops near its values: {campus_top}"
    );
    let (national_lines, (_, national_top)) = &plots[1];
    assert_eq!(national_lines, &vec!["Total national".to_owned()]);
    assert!(*national_top >= 1942.0);
    // The campus dashboard draws its headcount so.
    let t = dashboard("campus", &first_campus());
    assert!(
        t.iter()
            .any(|x| x.contains("total national, sur son échelle")),
        "{t:?}"
    );
}

// ------------------------------------------------------------------ gaps keep their sign and decimals

fn gaps_chart(items: Vec<GapItem>, unit: Unit) -> DivergingChart {
    DivergingChart {
        title: "Écarts — 2025-2026".into(),
        x_label: "Écart".into(),
        unit,
        items,
        max_bars: 20,
        per_indicator: false,
        footer: FOOTER.into(),
    }
}

fn item(label: &str, value: f64, target: f64, direction: Direction, unit: Unit) -> GapItem {
    GapItem {
        label: label.into(),
        value,
        target,
        direction,
        unit,
    }
}

#[test]
fn half_an_hour_short_is_a_miss_with_its_sign_not_zero() {
    let chart = gaps_chart(
        vec![
            item("Nevers", 11.5, 12.0, Direction::AtLeast, Unit::Hours),
            item("Autun", 13.0, 12.0, Direction::AtLeast, Unit::Hours),
        ],
        Unit::Hours,
    );
    let t = texts(&svg(1000, 500, |a| diverging_chart::draw(a, &chart)).unwrap());
    assert!(t.iter().any(|x| x == "−0\u{a0}h\u{a0}30"), "{t:?}");
    // The bar's figure is the only signed one: the axis measures distances.
    assert_eq!(t.iter().filter(|x| x.starts_with('−')).count(), 1, "{t:?}");
    assert!(
        t.iter().any(|x| x == "1 campus sur 2 sous leur cible"),
        "{t:?}"
    );
}

// ------------------------------------------------------------------ at-most targets are limits

#[test]
fn a_campus_above_a_limit_is_said_to_be_above_it() {
    let chart = gaps_chart(
        vec![
            item(
                "Nevers",
                23.27,
                20.0,
                Direction::AtMost,
                Unit::StudentsPerTutor,
            ),
            item(
                "Autun",
                12.0,
                20.0,
                Direction::AtMost,
                Unit::StudentsPerTutor,
            ),
        ],
        Unit::StudentsPerTutor,
    );
    assert_eq!(
        diverging_chart::summary(&chart),
        "1 campus sur 2 au-dessus de la limite"
    );
    let t = texts(&svg(1000, 500, |a| diverging_chart::draw(a, &chart)).unwrap());
    assert!(
        t.iter().any(|x| x == "+3,27\u{a0}étudiants par tuteur"),
        "{t:?}"
    );
    assert!(t.iter().any(|x| x == "limite"), "{t:?}");
    assert!(
        !t.iter()
            .any(|x| x.contains("sous leur cible") || x == "cible"),
        "{t:?}"
    );
    let within = gaps_chart(
        vec![item(
            "Autun",
            12.0,
            20.0,
            Direction::AtMost,
            Unit::StudentsPerTutor,
        )],
        Unit::StudentsPerTutor,
    );
    assert_eq!(
        diverging_chart::summary(&within),
        "Le campus mesuré reste dans la limite"
    );
    // The national gaps dashboard words the tutor ratio as a limit.
    let t = dashboard("gaps", &Scope::Nation);
    assert!(
        t.iter().any(|x| x.contains("Dépassement de la limite")),
        "{t:?}"
    );
}

// ------------------------------------------------------------------ PNG text is shaped

/// The widest run of blank columns between the first and the last inked column of a PNG.
fn widest_blank_run(png_bytes: &[u8]) -> (u32, u32) {
    let image = image::load_from_memory(png_bytes).unwrap().to_luma8();
    let inked: Vec<bool> = (0..image.width())
        .map(|x| (0..image.height()).any(|y| image.get_pixel(x, y).0[0] < 160))
        .collect();
    let first = inked.iter().position(|i| *i).unwrap();
    let last = inked.iter().rposition(|i| *i).unwrap();
    let mut widest = 0;
    let mut run = 0;
    for &i in &inked[first..=last] {
        run = if i { 0 } else { run + 1 };
        widest = widest.max(run);
    }
    (widest, u32::try_from(last - first).unwrap())
}

fn word<DB: plotters::prelude::DrawingBackend>(
    area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), pilotage_charts::canvas::ChartError> {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let fail = pilotage_charts::canvas::ChartError::from_display;
    area.fill(&WHITE).map_err(fail)?;
    let style = TextStyle::from(("sans-serif", 40).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Top));
    area.draw(&Text::new("Nouvelle-Aquitaine", (10, 10), style))
        .map_err(fail)
}

#[test]
#[allow(clippy::redundant_closure)] // `word` is generic over the backend's lifetime: the closure picks it per call
fn png_text_is_shaped_like_the_svg() {
    let bytes = png(500, 70, |a| word(a)).unwrap();
    // The PNG is the SVG rasterised (one drawing, the SVG's text shaping), not a second drawing.
    let document = svg(500, 70, |a| word(a)).unwrap();
    assert_eq!(bytes, rasterise(&document, 500, 70).unwrap());
    // No hole inside a word: letters are spaced by the font's advances and kerning.
    let (blank, span) = widest_blank_run(&bytes);
    assert!(blank <= 6, "a {blank} px hole in « Nouvelle-Aquitaine »");
    assert!(span > 250, "the word is drawn: {span} px");
}

// ------------------------------------------------------------------ the map has outlines, at a readable size

#[test]
fn the_map_draws_the_regions_and_is_large_enough_to_read() {
    let shapes = pilotage_charts::geo::regions().unwrap();
    assert_eq!(shapes.len(), 18);
    let (metro, insets) = map_chart::national_layout(1588, 772);
    assert!(
        metro.2 - metro.0 >= 600 && metro.3 - metro.1 >= 600,
        "{metro:?}"
    );
    assert_eq!(insets.len(), 5);
    assert!(
        insets.iter().all(|b| b.2 - b.0 >= 250 && b.3 - b.1 >= 150),
        "{insets:?}"
    );
    let chart = MapChart {
        title: "Rapports annuels".into(),
        points: vec![
            MapPoint {
                label: "Nevers".into(),
                lon: 3.16,
                lat: 46.99,
                status: MapStatus::OnTime,
            },
            MapPoint {
                label: "Hirson".into(),
                lon: 4.08,
                lat: 49.92,
                status: MapStatus::Missing,
            },
            MapPoint {
                label: "Kourou".into(),
                lon: -52.65,
                lat: 5.16,
                status: MapStatus::Late,
            },
        ],
        focus: None,
        footer: FOOTER.into(),
    };
    let document = svg(1600, 860, |a| map_chart::draw(a, &chart)).unwrap();
    let doc = roxmltree::Document::parse(&document).unwrap();
    let land = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("polygon")
                && n.attribute("fill")
                    .is_some_and(|f| f.eq_ignore_ascii_case("#E3E6EA"))
        })
        .count();
    // The 13 metropolitan régions and each inset's own région at least.
    assert!(land >= 18, "{land} région outlines");
    let t = texts(&document);
    for name in [
        "Guadeloupe — aucun campus",
        "Guyane — 1 campus",
        "Mayotte — aucun campus",
        "Hirson",
        "Kourou",
    ] {
        assert!(t.iter().any(|x| x == name), "{name}: {t:?}");
    }
    // The late and missing are named, the on-time are not.
    assert!(!t.iter().any(|x| x == "Nevers"), "{t:?}");
    // The national dashboard's map row is tall.
    let spec = DashboardSpec::built_in()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "national")
        .unwrap();
    assert!(pilotage_charts::dashboard::height(&spec) >= 70 + 200 + 3 * 540 + 860);
}

// ------------------------------------------------------------------ the funnel plot speaks plainly

#[test]
fn the_funnel_names_its_outliers_and_explains_every_colour_plainly() {
    let mut points: Vec<FunnelPoint> = (0..20)
        .map(|i| FunnelPoint {
            label: format!("Campus {i}"),
            n: 20.0 + f64::from(i) * 5.0,
            rate: 85.0,
        })
        .collect();
    points.push(FunnelPoint {
        label: "Hirson".into(),
        n: 110.0,
        rate: 55.0,
    });
    points.push(FunnelPoint {
        label: "Vesoul".into(),
        n: 100.0,
        rate: 76.0,
    });
    let chart = FunnelChart {
        title: "Réussite des campus selon leur effectif".into(),
        x_label: funnel_chart::X_LABEL.into(),
        y_label: "Taux de réussite".into(),
        p0: Some(85.0),
        points,
        footer: FOOTER.into(),
    };
    let t = texts(&svg(800, 540, |a| funnel_chart::draw(a, &chart)).unwrap());
    assert!(t.iter().any(|x| x == "Hirson"), "{t:?}");
    assert!(t.iter().any(|x| x == "Vesoul"), "{t:?}");
    assert!(
        !t.iter().any(|x| x == "Campus 3"),
        "within the range, not named: {t:?}"
    );
    for legend in [
        "campus dans la fourchette attendue (20)",
        "campus hors de la fourchette attendue (nommé) (1)",
        "campus hors de la fourchette élargie (nommé) (1)",
    ] {
        assert!(t.iter().any(|x| x == legend), "{legend}: {t:?}");
    }
    assert!(
        !t.iter()
            .any(|x| x.contains("99,8") || x.contains("dénominateur")),
        "{t:?}"
    );
}

// ------------------------------------------------------------------ the cost has its reference

#[test]
fn the_cost_chart_shows_the_specifications_reference() {
    let t = dashboard("national", &Scope::Nation);
    assert!(
        t.iter()
            .any(|x| x == "Référence du cahier des charges : 4\u{a0}850\u{a0}€"),
        "{t:?}"
    );
}

// ------------------------------------------------------------------ régions by French name

#[test]
fn regions_are_listed_by_their_french_name() {
    let t = dashboard("completeness", &Scope::Nation);
    let at = |name: &str| {
        t.iter()
            .position(|x| x == name)
            .unwrap_or_else(|| panic!("{name}: {t:?}"))
    };
    assert!(at("Centre-Val de Loire") < at("Corse"));
    assert!(at("Hauts-de-France") < at("Île-de-France"));
    assert!(at("Île-de-France") < at("La Réunion"));
    assert!(at("Guyane") < at("Hauts-de-France"));
}

// ------------------------------------------------------------------ criteria with units, a title said once

#[test]
fn a_campus_dashboard_writes_units_and_its_name_once() {
    let t = dashboard("campus", &first_campus());
    let title = t
        .iter()
        .find(|x| x.to_lowercase().contains("tableau de bord"))
        .unwrap();
    assert_eq!(title.matches("Campus connecté").count(), 1, "{title}");
    assert!(t.iter().any(|x| x.ends_with("\u{a0}étudiants")), "{t:?}");
    assert!(
        t.iter().any(|x| x.ends_with("\u{a0}étudiants par tuteur")),
        "{t:?}"
    );
    assert!(t.iter().any(|x| x == "oui" || x == "non"), "{t:?}");
    // No bare « 24,0 » or « 1,0 » figure.
    let bare = t.iter().filter(|x| {
        let mut parts = x.split(',');
        matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
            if !a.is_empty() && a.chars().all(|c| c.is_ascii_digit()) && b.len() == 1 && b.chars().all(|c| c.is_ascii_digit()))
    });
    assert_eq!(bare.count(), 0, "{t:?}");
}

// ------------------------------------------------------------------ for a person to look at

/// Writes every built-in dashboard, drawn from the synthetic network (a campus, a metropolitan and an overseas
/// région), as PNG and SVG to `<temp>/pilotage-dashboards/`.
#[test]
fn every_dashboard_is_written_for_a_look() {
    let data = synthetic::network(85);
    let year = synthetic::last_year();
    let now = chrono::Utc::now();
    let dir = std::env::temp_dir().join("pilotage-dashboards");
    std::fs::create_dir_all(&dir).unwrap();
    let campus = data.campuses[0].id.clone();
    for spec in DashboardSpec::built_in().unwrap() {
        let scopes: Vec<(String, Scope)> = match spec.scope {
            pilotage_charts::dashboard_spec::ScopeKind::National => {
                vec![(String::new(), Scope::Nation)]
            }
            pilotage_charts::dashboard_spec::ScopeKind::Region => vec![
                (
                    "-bfc".into(),
                    Scope::Region(pilotage_domain::RegionCode::BFC),
                ),
                (
                    "-guy".into(),
                    Scope::Region(pilotage_domain::RegionCode::GUY),
                ),
            ],
            pilotage_charts::dashboard_spec::ScopeKind::Campus => {
                vec![("-campus".into(), Scope::Campus(campus.clone()))]
            }
        };
        for (suffix, scope) in scopes {
            for format in [Format::Png, Format::Svg] {
                let bytes = render(&spec, &data, &scope, year, now, format).unwrap();
                // A real image of the dashboard: a PNG by its signature, an SVG with the title and the source.
                match format {
                    Format::Png => assert!(
                        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
                        "{}{suffix}.png",
                        spec.name
                    ),
                    Format::Svg => {
                        let svg = String::from_utf8(bytes.clone()).unwrap();
                        assert!(svg.contains("<svg"), "{}{suffix}.svg", spec.name);
                        assert!(
                            svg.contains("Source : Pilotage"),
                            "{}{suffix}.svg",
                            spec.name
                        );
                    }
                }
                let path = dir.join(format!("{}{suffix}.{}", spec.name, format.extension()));
                std::fs::write(path, bytes).unwrap();
            }
        }
    }
}
