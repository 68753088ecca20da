//! Campuses placed by longitude and latitude, coloured by a status, on the outlines of the régions (shipped in
//! `data/regions.geojson`, see [`crate::geo`]): metropolitan France on the left, the five overseas régions in
//! insets on the right (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte), each on its own scale. A région's
//! dashboard zooms on the région, its neighbours drawn in grey. Late and missing campuses are named beside their
//! mark.

use crate::canvas::ChartError;
use crate::common::{err, frame, halo_text, no_data, px, style, text, width, Scale};
use crate::geo::{clip, regions, RegionShape};
use crate::palette;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Metropolitan France: longitudes.
pub const METRO_LON: (f64, f64) = (-5.5, 10.0);
/// Metropolitan France: latitudes.
pub const METRO_LAT: (f64, f64) = (41.0, 51.5);

/// What a campus's dot says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapStatus {
    /// Not due yet (« à venir » or « en cours »): a ring, nothing to see.
    NotDue,
    OnTime,
    Late,
    Missing,
}

impl MapStatus {
    pub const ALL: [Self; 4] = [Self::NotDue, Self::OnTime, Self::Late, Self::Missing];

    /// The legend text.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotDue => "pas encore dû",
            Self::OnTime => "transmis à temps",
            Self::Late => "en retard",
            Self::Missing => "manquant",
        }
    }

    fn colour(self) -> RGBColor {
        match self {
            Self::NotDue => palette::TEXT_MUTED,
            Self::OnTime => palette::WITHIN,
            Self::Late => palette::WARNING,
            Self::Missing => palette::ALARM,
        }
    }
}

/// One campus on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    pub label: String,
    pub lon: f64,
    pub lat: f64,
    pub status: MapStatus,
}

/// Campuses on a map; every text in French.
#[derive(Debug, Clone, PartialEq)]
pub struct MapChart {
    pub title: String,
    pub points: Vec<MapPoint>,
    /// The INSEE code of the région the map zooms on (a région's dashboard); `None` for all of France.
    pub focus: Option<String>,
    /// Source and data date.
    pub footer: String,
}

/// An overseas région: its name and bounds (lon min, lon max, lat min, lat max).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overseas {
    pub name: &'static str,
    pub lon: (f64, f64),
    pub lat: (f64, f64),
}

/// The overseas régions drawn in insets, in the order of their département codes (971 to 976).
pub const OVERSEAS: [Overseas; 5] = [
    Overseas {
        name: "Guadeloupe",
        lon: (-61.9, -60.9),
        lat: (15.8, 16.6),
    },
    Overseas {
        name: "Martinique",
        lon: (-61.3, -60.75),
        lat: (14.35, 14.95),
    },
    Overseas {
        name: "Guyane",
        lon: (-54.7, -51.5),
        lat: (2.0, 6.0),
    },
    Overseas {
        name: "La Réunion",
        lon: (55.15, 55.9),
        lat: (-21.45, -20.8),
    },
    Overseas {
        name: "Mayotte",
        lon: (44.95, 45.35),
        lat: (-13.05, -12.6),
    },
];

/// Where a campus is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// On the map of metropolitan France.
    Metropole,
    /// In the inset of `OVERSEAS[i]`.
    Overseas(usize),
    /// Nowhere: counted as off the map.
    OffMap,
}

/// Where a campus at `(lon, lat)` is drawn.
pub fn placement(lon: f64, lat: f64) -> Placement {
    let inside = |v: f64, (a, b): (f64, f64)| v >= a && v <= b;
    if !(lon.is_finite() && lat.is_finite()) {
        return Placement::OffMap;
    }
    if lat >= 30.0 {
        return if inside(lon, METRO_LON) && inside(lat, METRO_LAT) {
            Placement::Metropole
        } else {
            Placement::OffMap
        };
    }
    OVERSEAS
        .iter()
        .position(|o| {
            inside(lon, (o.lon.0 - 0.3, o.lon.1 + 0.3))
                && inside(lat, (o.lat.0 - 0.3, o.lat.1 + 0.3))
        })
        .map_or(Placement::OffMap, Placement::Overseas)
}

fn mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    status: MapStatus,
    (x, y): (i32, i32),
    r: i32,
) -> Result<(), ChartError> {
    let c = status.colour();
    if status == MapStatus::NotDue {
        area.draw(&Circle::new((x, y), r, WHITE.filled()))
            .map_err(err)?;
        return area
            .draw(&Circle::new((x, y), r, c.stroke_width(2)))
            .map_err(err);
    }
    let shape: Vec<(i32, i32)> = match status {
        MapStatus::NotDue | MapStatus::OnTime => Vec::new(),
        MapStatus::Late => vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
        MapStatus::Missing => vec![
            (x, y - r - 1),
            (x + r + 1, y),
            (x, y + r + 1),
            (x - r - 1, y),
        ],
    };
    if shape.is_empty() {
        area.draw(&Circle::new((x, y), r, c.filled()))
            .map_err(err)?;
        area.draw(&Circle::new((x, y), r, WHITE.stroke_width(1)))
            .map_err(err)
    } else {
        let mut outline = shape.clone();
        outline.extend(shape.first().copied());
        area.draw(&Polygon::new(shape, c.filled())).map_err(err)?;
        area.draw(&PathElement::new(outline, WHITE.stroke_width(1)))
            .map_err(err)
    }
}

/// A box of `(x0, y0, x1, y1)` pixels fitted with equal-ish aspect to bounds, returning the two scales.
fn fit_box(
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    lon: (f64, f64),
    lat: (f64, f64),
) -> (Scale, Scale, (i32, i32, i32, i32)) {
    let k = ((lat.0 + lat.1) / 2.0).to_radians().cos().abs().max(0.1);
    let units_w = (lon.1 - lon.0) * k;
    let units_h = lat.1 - lat.0;
    let s = (f64::from(x1 - x0) / units_w).min(f64::from(y1 - y0) / units_h);
    let bw = (units_w * s).round() as i32;
    let bh = (units_h * s).round() as i32;
    let bx = x0 + (x1 - x0 - bw) / 2;
    let by = y0 + (y1 - y0 - bh) / 2;
    (
        Scale {
            d0: lon.0,
            d1: lon.1,
            r0: bx,
            r1: bx + bw,
        },
        Scale {
            d0: lat.1,
            d1: lat.0,
            r0: by,
            r1: by + bh,
        },
        (bx, by, bx + bw, by + bh),
    )
}

/// A pixel box: left, top, right, bottom.
pub type PixelBox = (i32, i32, i32, i32);

/// The sea, the land, the zoomed région and the borders.
const SEA: RGBColor = RGBColor(0xF1, 0xF5, 0xF9);
const LAND: RGBColor = RGBColor(0xE3, 0xE6, 0xEA);
const FOCUS: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
const BORDER: RGBColor = RGBColor(0x8A, 0x8A, 0x8A);

/// One framed map: which bounds, in which pixel box, the région zoomed on.
struct View<'a> {
    lon: (f64, f64),
    lat: (f64, f64),
    pixels: (i32, i32, i32, i32),
    focus: Option<&'a str>,
}

/// The pixel box of the metropolitan map and of each overseas inset (in the order of [`OVERSEAS`]), for a
/// national map in a body of `w` × `h` pixels: France on the left, the insets in two columns on the right.
pub fn national_layout(w: i32, h: i32) -> (PixelBox, Vec<PixelBox>) {
    let top = 52;
    let bottom = h - 8;
    let metro_w = ((w - 48) * 11 / 20).min((bottom - top) * 21 / 20);
    let metro = (16, top, 16 + metro_w, bottom);
    let x0 = metro.2 + 24;
    let col_w = (w - 16 - x0 - 16) / 2;
    let row_h = (bottom - top) / 3;
    let insets = (0..OVERSEAS.len())
        .map(|i| {
            let i = i32::try_from(i).unwrap_or(0);
            let (col, row) = (i % 2, i / 2);
            let ix = x0 + col * (col_w + 16);
            let iy = top + row * row_h;
            (ix, iy + 22, ix + col_w, iy + row_h - 8)
        })
        .collect();
    (metro, insets)
}

fn project(lon_scale: &Scale, lat_scale: &Scale, (lon, lat): (f64, f64)) -> (i32, i32) {
    (lon_scale.map(lon), lat_scale.map(lat))
}

/// Draws the régions' outlines in `view` and returns its two scales and its box.
fn draw_outlines<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    shapes: &[RegionShape],
    view: &View<'_>,
) -> Result<(Scale, Scale, PixelBox), ChartError> {
    let (lon_scale, lat_scale, bx) = fit_box(view.pixels, view.lon, view.lat);
    body.draw(&Rectangle::new([(bx.0, bx.1), (bx.2, bx.3)], SEA.filled()))
        .map_err(err)?;
    for shape in shapes {
        let fill = match view.focus {
            Some(code) if code == shape.insee_code => FOCUS,
            _ => LAND,
        };
        for ring in &shape.rings {
            let pixels: Vec<(i32, i32)> = ring
                .iter()
                .map(|&p| project(&lon_scale, &lat_scale, p))
                .collect();
            let clipped = clip(&pixels, bx);
            if clipped.len() < 3 {
                continue;
            }
            body.draw(&Polygon::new(clipped.clone(), fill.filled()))
                .map_err(err)?;
            let mut outline = clipped.clone();
            outline.extend(clipped.first().copied());
            body.draw(&PathElement::new(outline, BORDER.stroke_width(1)))
                .map_err(err)?;
        }
    }
    // The focused région's border again, on top and thicker.
    if let Some(code) = view.focus {
        for shape in shapes.iter().filter(|s| s.insee_code == code) {
            for ring in &shape.rings {
                let pixels: Vec<(i32, i32)> = ring
                    .iter()
                    .map(|&p| project(&lon_scale, &lat_scale, p))
                    .collect();
                let mut clipped = clip(&pixels, bx);
                if clipped.len() < 3 {
                    continue;
                }
                clipped.extend(clipped.first().copied());
                body.draw(&PathElement::new(clipped, BLACK.stroke_width(2)))
                    .map_err(err)?;
            }
        }
    }
    body.draw(&Rectangle::new(
        [(bx.0, bx.1), (bx.2, bx.3)],
        palette::GRID.stroke_width(1),
    ))
    .map_err(err)?;
    Ok((lon_scale, lat_scale, bx))
}

/// Draws the marks of `points` in a view, the missing ones last, on top; then names the late and missing
/// ones beside their mark, each label moved off the others. `taken` holds the boxes already written.
fn draw_points<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    points: &[&MapPoint],
    scales: (&Scale, &Scale, (i32, i32, i32, i32)),
    radius: i32,
    taken: &mut Vec<(i32, i32, i32, i32)>,
) -> Result<(), ChartError> {
    let (lon_scale, lat_scale, bx) = scales;
    let order = |s: MapStatus| match s {
        MapStatus::NotDue | MapStatus::OnTime => 0,
        MapStatus::Late => 1,
        MapStatus::Missing => 2,
    };
    let mut drawn: Vec<&&MapPoint> = points.iter().collect();
    drawn.sort_by_key(|p| order(p.status));
    for p in &drawn {
        let at = project(lon_scale, lat_scale, (p.lon, p.lat));
        mark(body, p.status, at, radius)?;
        taken.push((at.0 - radius, at.1 - radius, at.0 + radius, at.1 + radius));
    }
    let label_style = style(13, BLACK, false, HPos::Left, VPos::Top);
    for p in drawn.iter().filter(|p| order(p.status) > 0) {
        let (x, y) = project(lon_scale, lat_scale, (p.lon, p.lat));
        let tw = width(body, &p.label, &label_style);
        let th = 15;
        let r = radius + 4;
        let candidates = [
            (x + r, y - th / 2),
            (x - r - tw, y - th / 2),
            (x + r, y - th - r / 2),
            (x + r, y + r / 2),
            (x - r - tw, y - th - r / 2),
            (x - r - tw, y + r / 2),
            (x - tw / 2, y - th - r),
            (x - tw / 2, y + r),
        ];
        let boxed = |c: (i32, i32)| (c.0 - 2, c.1 - 1, c.0 + tw + 2, c.1 + th + 1);
        let free = |c: &(i32, i32)| {
            let b = boxed(*c);
            b.0 >= bx.0
                && b.2 <= bx.2
                && b.1 >= bx.1
                && b.3 <= bx.3
                && !taken
                    .iter()
                    .any(|t| b.0 < t.2 && t.0 < b.2 && b.1 < t.3 && t.1 < b.3)
        };
        let at = candidates
            .iter()
            .find(|c| free(c))
            .copied()
            .unwrap_or((x + r, y - th / 2));
        taken.push(boxed(at));
        halo_text(body, p.label.clone(), at, &label_style)?;
    }
    Ok(())
}

/// Draws `chart` on `area`. With no campus it says « Aucune donnée ».
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &MapChart,
) -> Result<(), ChartError> {
    let body = frame(area, &chart.title, &chart.footer)?;
    if chart.points.is_empty() {
        return no_data(&body);
    }
    let shapes = regions()?;
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));
    let focus = chart
        .focus
        .as_deref()
        .and_then(|code| shapes.iter().find(|s| s.insee_code == code));
    // Which view each campus is drawn in: the zoomed région, or France and its insets.
    let inside = |v: f64, (a, b): (f64, f64)| v >= a && v <= b;
    let mut taken: Vec<(i32, i32, i32, i32)> = Vec::new();
    let off_map = if let Some(shape) = focus {
        let ((lon0, lon1), (lat0, lat1)) = shape.bounds();
        let pad_lon = (lon1 - lon0) * 0.08;
        let pad_lat = (lat1 - lat0) * 0.08;
        let view = View {
            lon: (lon0 - pad_lon, lon1 + pad_lon),
            lat: (lat0 - pad_lat, lat1 + pad_lat),
            pixels: (16, 52, w - 16, h - 8),
            focus: Some(shape.insee_code.as_str()),
        };
        let (xs, ys, bx) = draw_outlines(&body, shapes, &view)?;
        let here: Vec<&MapPoint> = chart
            .points
            .iter()
            .filter(|p| inside(p.lon, view.lon) && inside(p.lat, view.lat))
            .collect();
        draw_points(&body, &here, (&xs, &ys, bx), 7, &mut taken)?;
        chart.points.len() - here.len()
    } else {
        let (metro, insets) = national_layout(w, h);
        let view = View {
            lon: METRO_LON,
            lat: METRO_LAT,
            pixels: metro,
            focus: None,
        };
        let (xs, ys, bx) = draw_outlines(&body, shapes, &view)?;
        let placed: Vec<(&MapPoint, Placement)> = chart
            .points
            .iter()
            .map(|p| (p, placement(p.lon, p.lat)))
            .collect();
        let off_map = placed
            .iter()
            .filter(|(_, at)| *at == Placement::OffMap)
            .count();
        let metro_points: Vec<&MapPoint> = placed
            .iter()
            .filter(|(_, at)| *at == Placement::Metropole)
            .map(|(p, _)| *p)
            .collect();
        draw_points(&body, &metro_points, (&xs, &ys, bx), 6, &mut taken)?;
        for (index, (region, pixels)) in OVERSEAS.iter().zip(insets).enumerate() {
            let Some(shape) = shapes.iter().find(|s| s.name == region.name) else {
                continue;
            };
            let ((lon0, lon1), (lat0, lat1)) = shape.bounds();
            let pad_lon = (lon1 - lon0) * 0.08;
            let pad_lat = (lat1 - lat0) * 0.08;
            let here: Vec<&MapPoint> = placed
                .iter()
                .filter(|(_, at)| *at == Placement::Overseas(index))
                .map(|(p, _)| *p)
                .collect();
            let view = View {
                lon: (lon0 - pad_lon, lon1 + pad_lon),
                lat: (lat0 - pad_lat, lat1 + pad_lat),
                pixels,
                focus: None,
            };
            let (ixs, iys, ibx) = draw_outlines(&body, shapes, &view)?;
            let count = here.len();
            let caption = match count {
                0 => format!("{} — aucun campus", region.name),
                1 => format!("{} — 1 campus", region.name),
                n => format!("{} — {n} campus", region.name),
            };
            text(
                &body,
                caption,
                (ibx.0, ibx.1 - 4),
                &style(14, BLACK, true, HPos::Left, VPos::Bottom),
            )?;
            draw_points(&body, &here, (&ixs, &iys, ibx), 6, &mut taken)?;
        }
        text(
            &body,
            "France métropolitaine",
            (bx.0 + 6, bx.1 + 6),
            &style(14, BLACK, true, HPos::Left, VPos::Top),
        )?;
        off_map
    };

    // Legend, with the counts.
    let legend_style = style(14, BLACK, false, HPos::Left, VPos::Center);
    let mut x = 22;
    for status in MapStatus::ALL {
        let n = chart.points.iter().filter(|p| p.status == status).count();
        let label = format!("{} ({n})", status.label());
        mark(&body, status, (x, 10), 6)?;
        let label_w = width(&body, &label, &legend_style);
        text(&body, label, (x + 12, 10), &legend_style)?;
        x += 12 + label_w + 28;
    }
    let note = if off_map > 0 {
        format!(
            "Campus en retard ou manquants nommés sur la carte. {off_map} campus hors cadre (coordonnées inconnues ou hors carte)"
        )
    } else {
        "Campus en retard ou manquants nommés sur la carte".to_owned()
    };
    let _ = x;
    let note_style = style(13, palette::TEXT_MUTED, false, HPos::Left, VPos::Center);
    let note = crate::common::fit(&body, &note, &note_style, w - 32);
    text(&body, note, (16, 32), &note_style)
}
