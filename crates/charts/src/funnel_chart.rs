//! The funnel plot of campus rates against their denominators, with the 95 % and 99,8 % limits around the
//! national rate; drawn on any plotters backend (PNG or SVG).

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
        (Z_95, palette::LIMIT_95, "limites à 95 %"),
        (Z_998, palette::LIMIT_998, "limites à 99,8 %"),
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
    ctx.draw_series(points.iter().map(|p| {
        let colour = match position(p.rate, p0, p.n) {
            Some(Position::Alarm) => palette::ALARM,
            Some(Position::Warning) => palette::WARNING,
            _ => palette::WITHIN,
        };
        Circle::new((p.n, p.rate), 5, colour.filled())
    }))
    .map_err(err)?;
    ctx.configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(palette::GRID)
        .label_font(("sans-serif", 14))
        .draw()
        .map_err(err)?;
    Ok(())
}
