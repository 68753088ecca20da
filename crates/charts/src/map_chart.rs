//! Campuses placed by longitude and latitude, coloured by a status, on the bounds of metropolitan France, with
//! the overseas campuses in small insets along the bottom (one per overseas région present). No basemap: a light
//! frame, a graticule and the legend.

use crate::canvas::ChartError;
use crate::common::{err, frame, no_data, px, style, text, width, Scale};
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

/// Draws `chart` on `area`. With no campus it says « Aucune donnée ».
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &MapChart,
) -> Result<(), ChartError> {
    let body = frame(area, &chart.title, &chart.footer)?;
    if chart.points.is_empty() {
        return no_data(&body);
    }
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));
    let placed: Vec<(&MapPoint, Placement)> = chart
        .points
        .iter()
        .map(|p| (p, placement(p.lon, p.lat)))
        .collect();
    let off_map = placed
        .iter()
        .filter(|(_, at)| *at == Placement::OffMap)
        .count();
    let mut insets: Vec<usize> = placed
        .iter()
        .filter_map(|(_, at)| match at {
            Placement::Overseas(i) => Some(*i),
            _ => None,
        })
        .collect();
    insets.sort_unstable();
    insets.dedup();

    // Legend.
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
    if off_map > 0 {
        text(
            &body,
            format!("{off_map} campus hors cadre (coordonnées inconnues ou hors carte)"),
            (x, 10),
            &style(13, palette::TEXT_MUTED, false, HPos::Left, VPos::Center),
        )?;
    }

    let inset_h = if insets.is_empty() { 0 } else { 118 };
    let top = 30;
    let bottom = h - inset_h - 8;
    let (lon_scale, lat_scale, (bx0, by0, bx1, by1)) =
        fit_box((16, top, w - 16, bottom), METRO_LON, METRO_LAT);
    body.draw(&Rectangle::new(
        [(bx0, by0), (bx1, by1)],
        RGBColor(0xF7, 0xF7, 0xF7).filled(),
    ))
    .map_err(err)?;
    let grid_style = style(11, palette::TEXT_MUTED, false, HPos::Left, VPos::Bottom);
    for lon in [-5.0, 0.0, 5.0] {
        let x = lon_scale.map(lon);
        body.draw(&PathElement::new(
            vec![(x, by0), (x, by1)],
            palette::GRID.stroke_width(1),
        ))
        .map_err(err)?;
        let name = if lon < 0.0 {
            "5° O"
        } else if lon > 0.0 {
            "5° E"
        } else {
            "0°"
        };
        text(&body, name, (x + 3, by1 - 2), &grid_style)?;
    }
    for lat in [42.5, 45.0, 47.5, 50.0] {
        let y = lat_scale.map(lat);
        body.draw(&PathElement::new(
            vec![(bx0, y), (bx1, y)],
            palette::GRID.stroke_width(1),
        ))
        .map_err(err)?;
        text(
            &body,
            pilotage_domain::french::number(lat, 1).replace(",0", "") + "° N",
            (bx0 + 3, y - 2),
            &grid_style,
        )?;
    }
    body.draw(&Rectangle::new(
        [(bx0, by0), (bx1, by1)],
        palette::GRID.stroke_width(2),
    ))
    .map_err(err)?;
    text(
        &body,
        "France métropolitaine",
        (bx1 - 6, by0 + 6),
        &style(13, palette::TEXT_MUTED, false, HPos::Right, VPos::Top),
    )?;
    // Missing campuses last, on top: they are the ones to see.
    let order = |s: MapStatus| match s {
        MapStatus::NotDue | MapStatus::OnTime => 0,
        MapStatus::Late => 1,
        MapStatus::Missing => 2,
    };
    let mut drawn: Vec<&(&MapPoint, Placement)> = placed.iter().collect();
    drawn.sort_by_key(|(p, _)| order(p.status));
    for (p, at) in &drawn {
        if *at == Placement::Metropole {
            mark(
                &body,
                p.status,
                (lon_scale.map(p.lon), lat_scale.map(p.lat)),
                6,
            )?;
        }
    }

    // Insets, along the bottom, left to right.
    let slots = i32::try_from(insets.len()).unwrap_or(1).max(1);
    let slot_w = ((w - 32) / slots).min(170);
    for (k, index) in insets.iter().enumerate() {
        let Some(region) = OVERSEAS.get(*index) else {
            continue;
        };
        let x0 = 16 + slot_w * i32::try_from(k).unwrap_or(0);
        let outer = (x0 + 6, bottom + 26, x0 + slot_w - 6, h - 10);
        text(
            &body,
            region.name,
            ((outer.0 + outer.2) / 2, bottom + 22),
            &style(13, BLACK, false, HPos::Center, VPos::Bottom),
        )?;
        let lon = (region.lon.0 - 0.05, region.lon.1 + 0.05);
        let lat = (region.lat.0 - 0.05, region.lat.1 + 0.05);
        let (xs, ys, (ix0, iy0, ix1, iy1)) = fit_box(
            (outer.0 + 4, outer.1 + 4, outer.2 - 4, outer.3 - 4),
            lon,
            lat,
        );
        body.draw(&Rectangle::new(
            [(ix0 - 4, iy0 - 4), (ix1 + 4, iy1 + 4)],
            RGBColor(0xF7, 0xF7, 0xF7).filled(),
        ))
        .map_err(err)?;
        body.draw(&Rectangle::new(
            [(ix0 - 4, iy0 - 4), (ix1 + 4, iy1 + 4)],
            palette::GRID.stroke_width(2),
        ))
        .map_err(err)?;
        for (p, at) in &drawn {
            if *at == Placement::Overseas(*index) {
                mark(&body, p.status, (xs.map(p.lon), ys.map(p.lat)), 5)?;
            }
        }
    }
    Ok(())
}
