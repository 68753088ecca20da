//! Every chart type renders to a PNG of the expected size and to an SVG that parses and carries its French title
//! and French-formatted numbers; with no data each says « Aucune donnée ». `every_chart_is_written_for_a_look`
//! writes all the PNGs to `<temp>/pilotage-charts/` for a person to look at.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use pilotage_charts::bar_chart::{self, BarChart, BarItem, BarReference};
use pilotage_charts::canvas::{png, svg, ChartError};
use pilotage_charts::diverging_chart::{self, DivergingChart, GapItem};
use pilotage_charts::map_chart::{self, MapChart, MapPoint, MapStatus, Placement};
use pilotage_charts::scorecard_chart::{self, Criterion, CriterionStatus, ScorecardChart};
use pilotage_charts::series_chart::{self, SeriesChart, SeriesLine};
use pilotage_charts::stacked_chart::{self, StackedChart, StackedRow};
use pilotage_charts::tiles::{self, Tile, Tiles};
use pilotage_charts::units::Unit;
use pilotage_domain::Direction;
use plotters::coord::Shift;
use plotters::prelude::*;

const FOOTER: &str = "Source : Pilotage, rapports annuels transmis — données au 29/11/2026";

// ---------------------------------------------------------------- sample data

fn years() -> Vec<String> {
    (2020..2026).map(|y| format!("{y}-{}", y + 1)).collect()
}

fn series() -> SeriesChart {
    SeriesChart {
        title: "Taux de réussite — Campus connecté de Nevers".into(),
        y_label: "Taux de réussite des étudiants (%)".into(),
        unit: Unit::Percent,
        years: years(),
        scope: SeriesLine {
            name: "Campus connecté de Nevers".into(),
            values: vec![
                Some(78.6),
                Some(82.4),
                None,
                Some(88.9),
                Some(85.3),
                Some(90.0),
            ],
        },
        national: Some(SeriesLine {
            name: "National".into(),
            values: vec![
                Some(80.1),
                Some(81.7),
                Some(83.0),
                Some(84.2),
                Some(85.4),
                None,
            ],
        }),
        target: Some(SeriesLine {
            name: "Cible".into(),
            values: vec![
                None,
                Some(80.0),
                Some(80.0),
                Some(85.0),
                Some(85.0),
                Some(87.5),
            ],
        }),
        national_apart: false,
        reference: None,
        footer: FOOTER.into(),
    }
}

const REGIONS: [&str; 18] = [
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
    "Guadeloupe",
    "Martinique",
    "Guyane",
    "La Réunion",
    "Mayotte",
];

fn campus_names() -> Vec<String> {
    let towns = [
        "Nevers",
        "Autun",
        "Bar-le-Duc",
        "Saint-Dié-des-Vosges",
        "Carhaix",
        "Guingamp",
        "Millau",
        "Cahors",
        "Privas",
        "Aurillac",
        "Tulle",
        "Guéret",
        "Lons-le-Saunier",
        "Vesoul",
        "Chaumont",
        "Châteaudun",
        "Issoudun",
        "Dieppe",
        "Fécamp",
        "Saint-Laurent-du-Maroni",
        "Kourou",
        "Le Lamentin",
        "Basse-Terre",
        "Saint-Pierre",
        "Mamoudzou",
        "Digne-les-Bains",
        "Gap",
        "Corte",
        "Sarlat-la-Canéda",
        "Mont-de-Marsan",
    ];
    towns
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i == 3 {
                format!("Campus connecté de la communauté d'agglomération de {t}")
            } else {
                format!("Campus connecté {}", pilotage_domain::french::of_place(t))
            }
        })
        .collect()
}

fn bars(max_bars: usize) -> BarChart {
    BarChart {
        title: "Dépense par étudiant selon le campus — 2025-2026".into(),
        x_label: "Dépense par étudiant (€)".into(),
        unit: Unit::Euros,
        items: campus_names()
            .into_iter()
            .enumerate()
            .map(|(i, label)| BarItem {
                label,
                value: 2100.0 + (f64::from(u32::try_from(i * 37 % 30).unwrap())) * 140.5,
            })
            .collect(),
        reference: Some(BarReference {
            label: "national".into(),
            value: 4701.0,
        }),
        max_bars,
        others: Some(3950.0),
        footer: FOOTER.into(),
    }
}

fn diverging() -> DivergingChart {
    DivergingChart {
        title: "Campus sous leur cible de taux de réussite — 2025-2026".into(),
        x_label: "Écart à la cible (points de pourcentage)".into(),
        unit: Unit::Percent,
        items: campus_names()
            .into_iter()
            .enumerate()
            .map(|(i, label)| GapItem {
                label,
                value: 60.0 + f64::from(u32::try_from(i * 13 % 30).unwrap()) * 1.1,
                target: 80.0,
                direction: Direction::AtLeast,
                unit: Unit::Percent,
            })
            .collect(),
        max_bars: 12,
        per_indicator: false,
        footer: FOOTER.into(),
    }
}

fn stacked() -> StackedChart {
    StackedChart {
        title: "Rapports annuels 2025-2026 par région".into(),
        x_label: "Nombre de campus".into(),
        segments: vec!["à temps".into(), "en retard".into(), "manquant".into()],
        rows: REGIONS
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let i = f64::from(u32::try_from(i).unwrap());
                StackedRow {
                    label: (*r).into(),
                    values: vec![(i * 7.0) % 9.0 + 1.0, i % 3.0, (i * 5.0) % 4.0 % 3.0],
                }
            })
            .collect(),
        footer: FOOTER.into(),
    }
}

fn map() -> MapChart {
    let places = [
        (3.16, 46.99),
        (4.30, 46.95),
        (5.16, 48.77),
        (6.95, 48.28),
        (-3.57, 48.28),
        (-3.15, 48.56),
        (3.08, 44.10),
        (1.44, 44.45),
        (4.60, 44.73),
        (2.44, 44.93),
        (1.77, 45.27),
        (1.87, 46.17),
        (5.55, 46.67),
        (6.15, 47.62),
        (5.14, 48.11),
        (1.33, 48.07),
        (1.99, 46.95),
        (1.08, 49.92),
        (0.37, 49.76),
        (9.15, 42.30),
        (-54.03, 5.50),
        (-52.65, 5.16),
        (-60.99, 14.61),
        (-61.73, 16.00),
        (55.48, -21.34),
        (45.23, -12.78),
        (6.24, 44.09),
        (6.08, 44.56),
        (1.22, 44.89),
        (-0.50, 43.89),
        (f64::NAN, f64::NAN),
    ];
    MapChart {
        title: "Rapports annuels 2025-2026 : transmission par campus".into(),
        points: places
            .iter()
            .enumerate()
            .map(|(i, &(lon, lat))| MapPoint {
                label: format!("campus-{i}"),
                lon,
                lat,
                status: match i % 7 {
                    0 | 3 => MapStatus::Late,
                    5 => MapStatus::Missing,
                    _ => MapStatus::OnTime,
                },
            })
            .collect(),
        focus: None,
        footer: FOOTER.into(),
    }
}

fn headline_tiles() -> Tiles {
    Tiles {
        title: "Le réseau des Campus connectés en 2025-2026".into(),
        tiles: vec![
            Tile {
                value: Some(85.0),
                unit: Unit::Count,
                label: "campus".into(),
            },
            Tile {
                value: Some(1942.0),
                unit: Unit::Count,
                label: "étudiants".into(),
            },
            Tile {
                value: Some(85.4),
                unit: Unit::Percent,
                label: "de réussite".into(),
            },
            Tile {
                value: Some(4701.0),
                unit: Unit::Euros,
                label: "par étudiant".into(),
            },
            Tile {
                value: Some(95.0),
                unit: Unit::Percent,
                label: "de rapports reçus".into(),
            },
            Tile {
                value: None,
                unit: Unit::Hours,
                label: "de tutorat par étudiant".into(),
            },
        ],
        footer: FOOTER.into(),
    }
}

fn scorecard() -> ScorecardChart {
    let c = |label: &str, status, figure: &str| Criterion {
        label: label.into(),
        status,
        figure: figure.into(),
    };
    ScorecardChart {
        title: "Campus connecté de Nevers — critères 2025-2026".into(),
        criteria: vec![
            c(
                "Taux de réussite au moins égal à la cible",
                CriterionStatus::Met,
                "88,9 % (cible : 85 %)",
            ),
            c(
                "Taux d'assiduité",
                CriterionStatus::Met,
                "92,0 % (cible : 90 %)",
            ),
            c(
                "Heures de tutorat par étudiant",
                CriterionStatus::NotMet,
                "31 h (cible : 40 h)",
            ),
            c(
                "Rapport annuel transmis à temps",
                CriterionStatus::Met,
                "le 12/10/2026",
            ),
            c(
                "Dépense par étudiant",
                CriterionStatus::NotMet,
                "6 120 € (plafond : 5 500 €)",
            ),
            c(
                "Conventions avec les universités signées",
                CriterionStatus::Unknown,
                "non renseigné",
            ),
            c(
                "Comité de pilotage réuni dans l'année",
                CriterionStatus::Met,
                "2 réunions",
            ),
        ],
        footer: FOOTER.into(),
    }
}

// ---------------------------------------------------------------- helpers

// The PNG is drawn on the SVG backend, then rasterised (see `canvas::png`).
type Png<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Svg<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawPng = Box<dyn Fn(&Png<'_>) -> Result<(), ChartError>>;
type DrawSvg = Box<dyn Fn(&Svg<'_>) -> Result<(), ChartError>>;

/// A chart both ways, with its size.
struct Case {
    name: &'static str,
    size: (u32, u32),
    png: DrawPng,
    svg: DrawSvg,
}

macro_rules! case {
    ($name:expr, $size:expr, $module:ident, $data:expr) => {{
        let (a, b) = ($data, $data);
        Case {
            name: $name,
            size: $size,
            png: Box::new(move |area| $module::draw(area, &a)),
            svg: Box::new(move |area| $module::draw(area, &b)),
        }
    }};
}

fn cases() -> Vec<Case> {
    vec![
        case!("series", (1000, 600), series_chart, series()),
        case!("bar", (1000, 720), bar_chart, bars(20)),
        case!("diverging", (1000, 600), diverging_chart, diverging()),
        case!("stacked", (1000, 720), stacked_chart, stacked()),
        case!("map", (900, 900), map_chart, map()),
        case!("tiles", (1200, 260), tiles, headline_tiles()),
        case!("scorecard", (900, 460), scorecard_chart, scorecard()),
    ]
}

fn render_png(case: &Case) -> Vec<u8> {
    png(case.size.0, case.size.1, |area| (case.png)(area)).unwrap()
}

fn svg_texts(case: &Case) -> (String, Vec<String>) {
    let text = svg(case.size.0, case.size.1, |area| (case.svg)(area)).unwrap();
    let texts = {
        let doc = roxmltree::Document::parse(&text).unwrap();
        doc.descendants()
            .filter_map(|n| n.text())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    };
    (text, texts)
}

fn has(texts: &[String], needle: &str) -> bool {
    texts.iter().any(|t| t.contains(needle))
}

// ---------------------------------------------------------------- tests

#[test]
fn every_chart_renders_to_png_and_svg_in_french() {
    let expected: [(&str, &str, &str); 7] = [
        (
            "series",
            "Taux de réussite — Campus connecté de Nevers",
            "88,9\u{a0}%",
        ),
        (
            "bar",
            "Dépense par étudiant selon le campus — 2025-2026",
            "4\u{a0}701\u{a0}€",
        ),
        (
            "diverging",
            "Campus sous leur cible de taux de réussite — 2025-2026",
            "−20,0\u{a0}pts",
        ),
        (
            "stacked",
            "Rapports annuels 2025-2026 par région",
            "Île-de-France",
        ),
        (
            "map",
            "Rapports annuels 2025-2026 : transmission par campus",
            "transmis à temps",
        ),
        (
            "tiles",
            "Le réseau des Campus connectés en 2025-2026",
            "1\u{a0}942",
        ),
        (
            "scorecard",
            "Campus connecté de Nevers — critères 2025-2026",
            "6 120 € (plafond : 5 500 €)",
        ),
    ];
    for (case, (name, title, number)) in cases().iter().zip(expected) {
        assert_eq!(case.name, name);
        let bytes = render_png(case);
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), case.size, "{name}");
        let (_, texts) = svg_texts(case);
        assert!(has(&texts, title), "{name}: {texts:?}");
        assert!(has(&texts, number), "{name}: {texts:?}");
        assert!(has(&texts, "Source : Pilotage"), "{name}: {texts:?}");
        assert!(
            !has(&texts, "Aucune donnée") || name == "tiles",
            "{name}: {texts:?}"
        );
    }
}

#[test]
fn every_chart_says_aucune_donnee_without_data() {
    let empty = vec![
        case!(
            "series",
            (800, 500),
            series_chart,
            SeriesChart {
                scope: SeriesLine {
                    name: "Campus".into(),
                    values: vec![None; 6]
                },
                national: None,
                target: Some(SeriesLine {
                    name: "Cible".into(),
                    values: Vec::new()
                }),
                ..series()
            }
        ),
        case!(
            "series-no-year",
            (800, 500),
            series_chart,
            SeriesChart {
                years: Vec::new(),
                ..series()
            }
        ),
        case!(
            "bar",
            (800, 500),
            bar_chart,
            BarChart {
                items: vec![BarItem {
                    label: "Corse".into(),
                    value: f64::NAN
                }],
                ..bars(20)
            }
        ),
        case!(
            "diverging",
            (800, 500),
            diverging_chart,
            DivergingChart {
                items: Vec::new(),
                ..diverging()
            }
        ),
        case!(
            "stacked",
            (800, 500),
            stacked_chart,
            StackedChart {
                rows: vec![StackedRow {
                    label: "Corse".into(),
                    values: vec![0.0, 0.0, 0.0]
                }],
                ..stacked()
            }
        ),
        case!(
            "map",
            (800, 500),
            map_chart,
            MapChart {
                points: Vec::new(),
                ..map()
            }
        ),
        case!(
            "tiles",
            (800, 200),
            tiles,
            Tiles {
                tiles: Vec::new(),
                ..headline_tiles()
            }
        ),
        case!(
            "scorecard",
            (800, 400),
            scorecard_chart,
            ScorecardChart {
                criteria: Vec::new(),
                ..scorecard()
            }
        ),
    ];
    for case in &empty {
        let (_, texts) = svg_texts(case);
        assert!(
            texts.iter().any(|t| t == "Aucune donnée"),
            "{}: {texts:?}",
            case.name
        );
        assert!(
            !texts
                .iter()
                .any(|t| t == "0" || t.starts_with("0\u{a0}") || t.starts_with("0,")),
            "{}: {texts:?}",
            case.name
        );
        let decoded = image::load_from_memory(&render_png(case)).unwrap();
        assert_eq!((decoded.width(), decoded.height()), case.size);
    }
}

#[test]
fn a_missing_tile_shows_a_dash_and_aucune_donnee() {
    let case = case!("tiles", (1200, 260), tiles, headline_tiles());
    let (_, texts) = svg_texts(&case);
    assert!(texts.iter().any(|t| t == "—"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Aucune donnée"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "95\u{a0}%"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "4\u{a0}701\u{a0}€"), "{texts:?}");
}

#[test]
fn beyond_max_bars_the_rest_is_one_bar_autres() {
    let chart = bars(20);
    let drawn = bar_chart::bars(&chart);
    assert_eq!(drawn.len(), 21);
    let last = drawn.last().unwrap();
    assert_eq!(last.label, "Autres (10)");
    assert!(last.is_others);
    assert_eq!(last.value, Some(3950.0));
    let values: Vec<f64> = drawn.iter().take(20).map(|b| b.value.unwrap()).collect();
    assert!(
        values.windows(2).all(|w| w[0] >= w[1]),
        "sorted descending: {values:?}"
    );
    // The long name is cut to 32 characters with an ellipsis.
    assert!(drawn
        .iter()
        .all(|b| b.label.chars().count() <= bar_chart::MAX_LABEL_CHARS));
    assert!(drawn.iter().any(|b| b.label.ends_with('…')), "{drawn:?}");
    let case = case!("bar", (1000, 720), bar_chart, bars(20));
    let (_, texts) = svg_texts(&case);
    assert!(texts.iter().any(|t| t == "Autres (10)"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "3\u{a0}950\u{a0}€"), "{texts:?}");
    assert!(has(&texts, "national : 4\u{a0}701\u{a0}€"), "{texts:?}");
    // With few enough categories, no « Autres ».
    assert!(bar_chart::bars(&bars(40)).iter().all(|b| !b.is_others));
    // Without the rest's value, « — », never a zero bar.
    let unknown = BarChart {
        others: None,
        ..bars(20)
    };
    assert_eq!(bar_chart::bars(&unknown).last().unwrap().value, None);
}

#[test]
fn the_gaps_are_sorted_worst_first_and_the_rest_counted() {
    let chart = diverging();
    let (shown, rest) = diverging_chart::misses(&chart);
    assert_eq!(shown.len(), 12);
    assert!(shown.windows(2).all(|w| w[0].1 <= w[1].1));
    assert!(shown.iter().all(|(_, g)| *g < 0.0));
    assert_eq!(rest, 7);
    let case = case!("diverging", (1000, 600), diverging_chart, diverging());
    let (_, texts) = svg_texts(&case);
    assert!(has(&texts, "Autres : 7 campus"), "{texts:?}");
}

#[test]
fn missing_years_are_gaps_not_zeros() {
    let chart = series();
    let runs = series_chart::segments(&chart.scope.values, chart.years.len());
    assert_eq!(
        runs,
        vec![
            vec![(0, 78.6), (1, 82.4)],
            vec![(3, 88.9), (4, 85.3), (5, 90.0)]
        ]
    );
    assert_eq!(
        series_chart::segments(&[None, Some(f64::NAN), None], 3),
        Vec::<Vec<(usize, f64)>>::new()
    );
    // In the SVG, the scope's points (circles of radius 5) are exactly the 5 known years, none at the baseline.
    let case = case!("series", (1000, 600), series_chart, series());
    let (text, _) = svg_texts(&case);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let circles: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("r") == Some("5"))
        .map(|n| n.attribute("cy").unwrap().parse().unwrap())
        .collect();
    assert_eq!(circles.len(), 5, "{circles:?}");
    let baseline = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| n.attribute("points"))
        .filter_map(|p| {
            let ys: Vec<f64> = p
                .split_whitespace()
                .filter_map(|xy| xy.split(',').nth(1)?.parse().ok())
                .collect();
            (ys.len() == 2 && ys[0] == ys[1]).then_some(ys[0])
        })
        .fold(0.0, f64::max);
    assert!(
        circles.iter().all(|cy| *cy < baseline - 10.0),
        "{circles:?} vs {baseline}"
    );
    // The national line lacks 2025-2026: 5 squares, not 6.
    let squares = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("rect")
                && n.attribute("width") == Some("10")
                && n.attribute("fill")
                    .is_some_and(|f| f.eq_ignore_ascii_case("#009E73"))
        })
        .count();
    assert_eq!(squares, 5);
}

#[test]
fn campuses_are_placed_in_metropole_or_their_inset() {
    assert_eq!(map_chart::placement(2.35, 48.86), Placement::Metropole);
    assert_eq!(map_chart::placement(9.15, 42.30), Placement::Metropole);
    assert_eq!(map_chart::placement(55.48, -21.34), Placement::Overseas(3));
    assert_eq!(map_chart::placement(-52.65, 5.16), Placement::Overseas(2));
    assert_eq!(map_chart::placement(f64::NAN, 48.0), Placement::OffMap);
    assert_eq!(map_chart::placement(-149.5, -17.5), Placement::OffMap);
    let case = case!("map", (900, 900), map_chart, map());
    let (_, texts) = svg_texts(&case);
    for name in [
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "La Réunion",
        "Mayotte",
        "1 campus hors cadre",
    ] {
        assert!(has(&texts, name), "{name}: {texts:?}");
    }
}

#[test]
fn every_chart_is_written_for_a_look() {
    let dir = std::env::temp_dir().join("pilotage-charts");
    std::fs::create_dir_all(&dir).unwrap();
    for case in cases() {
        std::fs::write(dir.join(format!("{}.png", case.name)), render_png(&case)).unwrap();
    }
    let small = case!(
        "bar-few",
        (800, 360),
        bar_chart,
        BarChart {
            items: bars(20).items.into_iter().take(5).collect(),
            ..bars(20)
        }
    );
    std::fs::write(dir.join("bar-few.png"), render_png(&small)).unwrap();
    let empty = case!(
        "empty",
        (800, 400),
        series_chart,
        SeriesChart {
            years: Vec::new(),
            ..series()
        }
    );
    std::fs::write(dir.join("empty.png"), render_png(&empty)).unwrap();
}
