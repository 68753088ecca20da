//! The funnel plot of campus rates against their denominators, with the 95 % and 99,8 % limits around the
//! national rate; drawn on any plotters backend (PNG or SVG). Everything is said in plain French: the limits are
//! « fourchettes » (the range where 19 campus in 20, or 499 in 500, fall by chance alone), each colour of dot is in
//! the legend, and the campuses outside the expected range are named beside their dot.

use crate::canvas::ChartError;
use crate::funnel::{limits, position, Position, Z_95, Z_998};
use crate::palette;
use pilotage_domain::french as format;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One campus on the funnel.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelPoint {
    pub label: String,
    /// The denominator (students).
    pub n: f64,
    /// The rate, in percent.
    pub rate: f64,
}

/// What a funnel plot shows; every text in French.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelChart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// The national (pooled) rate the limits are drawn around, in percent; `None` when undefined.
    pub p0: Option<f64>,
    pub points: Vec<FunnelPoint>,
    /// Source and data date.
    pub footer: String,
}

/// The legend of the 95 % limits, in plain French.
pub const LIMIT_95: &str = "fourchette attendue (19 campus sur 20 y sont)";
/// The legend of the 99,8 % limits.
pub const LIMIT_998: &str = "fourchette élargie (499 campus sur 500 y sont)";
/// The legend of the dots within the 95 % limits.
pub const DOT_WITHIN: &str = "campus dans la fourchette attendue";
/// The legend of the dots outside the 95 % limits but within the 99,8 % ones.
pub const DOT_WARNING: &str = "campus hors de la fourchette attendue (nommé)";
/// The legend of the dots outside the 99,8 % limits.
pub const DOT_ALARM: &str = "campus hors de la fourchette élargie (nommé)";
/// The horizontal axis, in plain French.
pub const X_LABEL: &str = "Nombre d'étudiants sur lequel le taux du campus est calculé";

fn position_of(p: &FunnelPoint, p0: f64) -> Position {
    position(p.rate, p0, p.n).unwrap_or(Position::Within)
}

fn dot_colour(position: Position) -> RGBColor {
    match position {
        Position::Alarm => palette::ALARM,
        Position::Warning => palette::WARNING,
        Position::Within => palette::WITHIN,
    }
}

fn err(e: impl std::fmt::Display) -> ChartError {
    ChartError::from_display(e)
}

/// Draws `chart` on `area`. With no point or no national rate it says « Aucune donnée », never a zero.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &FunnelChart,
) -> Result<(), ChartError> {
    area.fill(&WHITE).map_err(err)?;
    let (width, height) = area.dim_in_pixel();
    let (body, footer) = area.split_vertically(height.saturating_sub(28));
    footer
        .draw(&Text::new(
            chart.footer.clone(),
            (12, 6),
            ("sans-serif", 14).into_font().color(&palette::TEXT_MUTED),
        ))
        .map_err(err)?;
    let points: Vec<&FunnelPoint> = chart
        .points
        .iter()
        .filter(|p| p.n > 0.0 && p.rate.is_finite())
        .collect();
    let Some(p0) = chart.p0.filter(|_| !points.is_empty()) else {
        body.draw(&Text::new(
            chart.title.clone(),
            (12, 10),
            FontDesc::new(FontFamily::Name("sans-serif"), 24.0, FontStyle::Bold),
        ))
        .map_err(err)?;
        let centre = (
            i32::try_from(width / 2).unwrap_or(0) - 70,
            i32::try_from(height / 2).unwrap_or(0),
        );
        return body
            .draw(&Text::new(
                "Aucune donnée",
                centre,
                ("sans-serif", 22).into_font().color(&palette::TEXT_MUTED),
            ))
            .map_err(err);
    };
    let max_n = points.iter().map(|p| p.n).fold(1.0, f64::max) * 1.08;
    let floor = points
        .iter()
        .map(|p| p.rate)
        .chain(
            limits(
                p0,
                points.iter().map(|p| p.n).fold(f64::INFINITY, f64::min),
                Z_998,
            )
            .map(|l| l.0),
        )
        .fold(100.0, f64::min);
    let y_min = ((floor - 5.0) / 10.0).floor().max(0.0) * 10.0;
    let mut ctx = ChartBuilder::on(&body)
        .caption(
            chart.title.clone(),
            FontDesc::new(FontFamily::Name("sans-serif"), 24.0, FontStyle::Bold),
        )
        .margin(14)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d(0.0..max_n, y_min..100.0)
        .map_err(err)?;
    ctx.configure_mesh()
        .x_desc(chart.x_label.clone())
        .y_desc(chart.y_label.clone())
        .x_label_formatter(&|v| format::count(*v))
        .y_label_formatter(&|v| format::percent(*v))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .light_line_style(palette::GRID)
        .draw()
        .map_err(err)?;
    let steps: Vec<f64> = (1..=200)
        .map(|i| 1.0 + (max_n - 1.0) * f64::from(i) / 200.0)
        .collect();
    for (z, colour, name) in [
        (Z_95, palette::LIMIT_95, LIMIT_95),
        (Z_998, palette::LIMIT_998, LIMIT_998),
    ] {
        for upper in [false, true] {
            let line = steps.iter().filter_map(|n| {
                limits(p0, *n, z).map(|(lo, hi)| (*n, if upper { hi } else { lo }))
            });
            let series = ctx
                .draw_series(LineSeries::new(line, colour.stroke_width(2)))
                .map_err(err)?;
            if !upper {
                series.label(name).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2))
                });
            }
        }
    }
    ctx.draw_series(LineSeries::new(
        [(0.0, p0), (max_n, p0)],
        palette::REFERENCE.stroke_width(2),
    ))
    .map_err(err)?
    .label(format!("taux national : {}", format::percent(p0)))
    .legend(|(x, y)| {
        PathElement::new(
            vec![(x, y), (x + 20, y)],
            palette::REFERENCE.stroke_width(2),
        )
    });
    for (position, name) in [
        (Position::Within, DOT_WITHIN),
        (Position::Warning, DOT_WARNING),
        (Position::Alarm, DOT_ALARM),
    ] {
        let colour = dot_colour(position);
        let these: Vec<&&FunnelPoint> = points
            .iter()
            .filter(|p| position_of(p, p0) == position)
            .collect();
        let count = these.len();
        ctx.draw_series(
            these
                .iter()
                .map(|p| Circle::new((p.n, p.rate), 5, colour.filled())),
        )
        .map_err(err)?
        .label(format!("{name} ({count})"))
        .legend(move |(x, y)| Circle::new((x + 10, y), 5, colour.filled()));
    }
    // The campuses outside the usual range are named beside their dot; the labels avoid one another.
    let base = body.get_base_pixel();
    let label_style = TextStyle::from(("sans-serif", 13).into_font()).color(&BLACK);
    let mut taken: Vec<(i32, i32, i32, i32)> = Vec::new();
    let mut named: Vec<&&FunnelPoint> = points
        .iter()
        .filter(|p| position_of(p, p0) != Position::Within)
        .collect();
    named.sort_by(|a, b| a.n.total_cmp(&b.n));
    for p in named {
        let (x, y) = ctx.backend_coord(&(p.n, p.rate));
        let (x, y) = (x - base.0, y - base.1);
        let label = p.label.clone();
        let (tw, th) = body
            .estimate_text_size(&label, &label_style)
            .map_or((60, 14), |(w, h)| {
                (
                    i32::try_from(w).unwrap_or(60),
                    i32::try_from(h).unwrap_or(14),
                )
            });
        let candidates = [
            (x + 8, y - th / 2),
            (x - 8 - tw, y - th / 2),
            (x + 8, y - th - 6),
            (x + 8, y + 6),
            (x - 8 - tw, y - th - 6),
            (x - 8 - tw, y + 6),
        ];
        let free = |c: &(i32, i32)| {
            let r = (c.0 - 2, c.1 - 1, c.0 + tw + 2, c.1 + th + 1);
            r.0 >= 0
                && r.2 <= i32::try_from(width).unwrap_or(i32::MAX)
                && !taken
                    .iter()
                    .any(|t| r.0 < t.2 && t.0 < r.2 && r.1 < t.3 && t.1 < r.3)
        };
        let at = candidates
            .iter()
            .find(|c| free(c))
            .copied()
            .unwrap_or((x + 8, y - th / 2));
        taken.push((at.0 - 2, at.1 - 1, at.0 + tw + 2, at.1 + th + 1));
        body.draw(&Rectangle::new(
            [(at.0 - 2, at.1 - 1), (at.0 + tw + 2, at.1 + th + 1)],
            WHITE.mix(0.85).filled(),
        ))
        .map_err(err)?;
        body.draw(&Text::new(label, at, label_style.clone()))
            .map_err(err)?;
    }
    ctx.configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(palette::GRID)
        .label_font(("sans-serif", 14))
        .draw()
        .map_err(err)?;
    Ok(())
}
