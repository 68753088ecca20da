//! Completeness by région: one horizontal stacked bar per région (e.g. à temps, en retard, manquant), the
//! counts inside the segments that have room and the total at the end, with a legend.

use crate::canvas::ChartError;
use crate::common::{err, frame, ink_on, no_data, px, style, text, truncate_label, width};
use crate::palette;
use crate::rows::{legend, Rows, MARGIN};
use crate::units::Unit;
use pilotage_domain::french as format;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Names longer than this are cut with « … ».
pub const MAX_LABEL_CHARS: usize = 32;

/// The colours of the segments, in order: blue, orange, vermillion, then the rest of the palette.
pub const SEGMENT_COLOURS: [RGBColor; 6] = [
    palette::WITHIN,
    palette::WARNING,
    palette::ALARM,
    palette::LIMIT_998,
    palette::LIMIT_95,
    palette::REFERENCE,
];

/// One row (a région) and its count in each segment, in the order of [`StackedChart::segments`].
#[derive(Debug, Clone, PartialEq)]
pub struct StackedRow {
    pub label: String,
    pub values: Vec<f64>,
}

/// Stacked horizontal bars; every text in French.
#[derive(Debug, Clone, PartialEq)]
pub struct StackedChart {
    pub title: String,
    /// What is counted, e.g. « Nombre de campus » .
    pub x_label: String,
    /// The segment names, e.g. « à temps », « en retard », « manquant » (at most six get a colour of their own).
    pub segments: Vec<String>,
    pub rows: Vec<StackedRow>,
    /// Source and data date.
    pub footer: String,
}

fn colour(i: usize) -> RGBColor {
    SEGMENT_COLOURS
        .get(i % SEGMENT_COLOURS.len())
        .copied()
        .unwrap_or(palette::WITHIN)
}

/// Draws `chart` on `area`. With no row or only empty rows it says « Aucune donnée ».
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &StackedChart,
) -> Result<(), ChartError> {
    let body = frame(area, &chart.title, &chart.footer)?;
    let total = |r: &StackedRow| -> f64 {
        r.values
            .iter()
            .take(chart.segments.len())
            .filter(|v| v.is_finite() && **v > 0.0)
            .sum()
    };
    let rows: Vec<&StackedRow> = chart.rows.iter().filter(|r| total(r) > 0.0).collect();
    if rows.is_empty() || chart.segments.is_empty() {
        return no_data(&body);
    }
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));

    legend(
        &body,
        chart
            .segments
            .iter()
            .enumerate()
            .map(|(i, name)| (colour(i), name.as_str())),
    )?;
    let labels: Vec<String> = rows
        .iter()
        .map(|r| truncate_label(&r.label, MAX_LABEL_CHARS))
        .collect();
    let bands = Rows::new(&body, 32, h - 48, labels.iter().map(String::as_str));
    let font = bands.font;
    let max_total = rows.iter().map(|r| total(r)).fold(0.0, f64::max);
    let total_style = style(font, BLACK, true, HPos::Left, VPos::Center);
    let total_w = width(&body, &format::count(max_total), &total_style);
    let left = bands.names_edge() + 10;
    let right = w - MARGIN - total_w - 8;
    let scale = bands.axis(
        &body,
        (0.0, max_total),
        (left, right),
        Unit::Count,
        &chart.x_label,
    )?;
    let thickness = bands.thickness();
    for (i, (r, label)) in rows.iter().zip(labels).enumerate() {
        let centre = bands.centre(i);
        bands.name(&body, i, &label, &bands.name_style)?;
        let mut cumulative = 0.0;
        for (j, v) in r.values.iter().take(chart.segments.len()).enumerate() {
            if !(v.is_finite() && *v > 0.0) {
                continue;
            }
            let start = scale.map(cumulative);
            cumulative += v;
            let end = scale.map(cumulative);
            let c = colour(j);
            body.draw(&Rectangle::new(
                [
                    (start, centre - thickness / 2),
                    (end, centre + thickness / 2),
                ],
                c.filled(),
            ))
            .map_err(err)?;
            body.draw(&Rectangle::new(
                [
                    (start, centre - thickness / 2),
                    (end, centre + thickness / 2),
                ],
                WHITE.stroke_width(1),
            ))
            .map_err(err)?;
            let label = format::count(*v);
            let inside = style(
                font.saturating_sub(1),
                ink_on(c),
                false,
                HPos::Center,
                VPos::Center,
            );
            if width(&body, &label, &inside) + 6 <= end - start {
                text(&body, label, ((start + end) / 2, centre), &inside)?;
            }
        }
        text(
            &body,
            format::count(cumulative),
            (scale.map(cumulative) + 6, centre),
            &total_style,
        )?;
    }
    Ok(())
}
