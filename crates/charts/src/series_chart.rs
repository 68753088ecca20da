//! An indicator over academic years: the scope's values, the national values for comparison and the target, one
//! line each; a missing year is a gap in the line, never a zero.

use crate::canvas::ChartError;
use crate::common::{
    dashed, err, fit, frame, halo_text, no_data, px, style, text, ticks, width, Scale,
};
use crate::palette;
use crate::units::Unit;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One line: its legend name and one value per academic year (`None` for a missing year).
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesLine {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// An indicator over academic years; every text in French.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesChart {
    pub title: String,
    /// What the values are, e.g. « Taux de réussite » (the unit is written on the ticks).
    pub y_label: String,
    pub unit: Unit,
    /// The academic years, in order: « 2020-2021 », « 2021-2022 »…
    pub years: Vec<String>,
    /// The scope's values (a campus, a région), e.g. « Campus de Nevers ».
    pub scope: SeriesLine,
    /// The national values, for comparison.
    pub national: Option<SeriesLine>,
    /// The target, which may change by year.
    pub target: Option<SeriesLine>,
    /// The national line is a total (a head count summed over the network), not comparable with the scope's
    /// value: it gets its own panel and scale under the scope's, instead of flattening the scope's line on zero.
    pub national_apart: bool,
    /// A fixed reference drawn as a horizontal line with its caption, e.g. « Référence nationale (cahier des
    /// charges) » and 4 850 €.
    pub reference: Option<(String, f64)>,
    /// Source and data date.
    pub footer: String,
}

/// The runs of consecutive years with a value, as `(year index, value)`: what is joined by a line. A missing or
/// non-finite value ends a run, so a missing year is a gap, not a zero. Values beyond `years` are ignored.
pub fn segments(values: &[Option<f64>], years: usize) -> Vec<Vec<(usize, f64)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for (i, value) in values.iter().take(years).enumerate() {
        match value.filter(|v| v.is_finite()) {
            Some(v) => run.push((i, v)),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Diamond,
}

struct Look {
    colour: RGBColor,
    stroke: u32,
    dashed: bool,
    marker: Marker,
}

fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kind: Marker,
    (x, y): (i32, i32),
    size: i32,
    colour: RGBColor,
) -> Result<(), ChartError> {
    match kind {
        Marker::Circle => area.draw(&Circle::new((x, y), size, colour.filled())),
        Marker::Square => area.draw(&Rectangle::new(
            [(x - size, y - size), (x + size, y + size)],
            colour.filled(),
        )),
        Marker::Diamond => area.draw(&Polygon::new(
            vec![
                (x, y - size - 1),
                (x + size + 1, y),
                (x, y + size + 1),
                (x - size - 1, y),
            ],
            colour.filled(),
        )),
    }
    .map_err(err)
}

/// The value range a plot of `chart` shows for `values`: padded, from zero when the values are all well above
/// it, percentages within [0, 100]. Returns (low, high, step, ticks).
pub fn value_range(unit: Unit, values: &[f64]) -> (f64, f64, f64, Vec<f64>) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.1).max(hi.abs() * 0.05).max(1e-9);
    let mut lo_pad = lo - pad;
    let hi_pad = hi + pad;
    if lo >= 0.0 && (lo_pad < 0.0 || lo < 0.3 * hi) {
        lo_pad = 0.0;
    }
    let (mut y0, mut y1, step, mut tick_values) = ticks(lo_pad, hi_pad, 6);
    if unit == Unit::Percent && lo >= 0.0 && hi <= 100.0 {
        y0 = y0.max(0.0);
        y1 = y1.min(100.0);
        tick_values.retain(|v| (y0..=y1).contains(v));
    }
    (y0, y1, step, tick_values)
}

/// The plots of `chart`, top to bottom: each its lines (by legend name) and the range of its value axis. One
/// plot, or two when the national line is a total drawn apart.
pub fn plots(chart: &SeriesChart) -> Vec<(Vec<String>, (f64, f64))> {
    looks(chart)
        .into_iter()
        .map(|plot| {
            let values = plot_values(chart, &plot);
            let (y0, y1, _, _) = value_range(chart.unit, &values);
            (
                plot.lines.iter().map(|(l, _)| l.name.clone()).collect(),
                (y0, y1),
            )
        })
        .collect()
}

struct Plot<'a> {
    lines: Vec<(&'a SeriesLine, Look)>,
    reference: Option<&'a (String, f64)>,
    y_label: String,
}

fn looks(chart: &SeriesChart) -> Vec<Plot<'_>> {
    let national = chart.national.as_ref().map(|l| {
        (
            l,
            Look {
                colour: palette::REFERENCE,
                stroke: 2,
                dashed: false,
                marker: Marker::Square,
            },
        )
    });
    let target = chart.target.as_ref().map(|l| {
        (
            l,
            Look {
                colour: palette::LIMIT_998,
                stroke: 2,
                dashed: true,
                marker: Marker::Diamond,
            },
        )
    });
    let scope = (
        &chart.scope,
        Look {
            colour: palette::WITHIN,
            stroke: 3,
            dashed: false,
            marker: Marker::Circle,
        },
    );
    let reference = chart.reference.as_ref().filter(|(_, v)| v.is_finite());
    if chart.national_apart {
        let mut plots = vec![Plot {
            lines: target.into_iter().chain([scope]).collect(),
            reference,
            y_label: chart.y_label.clone(),
        }];
        if let Some(n) = national {
            plots.push(Plot {
                lines: vec![n],
                reference: None,
                y_label: format!("{} — total national, sur son échelle", chart.y_label),
            });
        }
        plots
    } else {
        vec![Plot {
            lines: national.into_iter().chain(target).chain([scope]).collect(),
            reference,
            y_label: chart.y_label.clone(),
        }]
    }
}

fn plot_values(chart: &SeriesChart, plot: &Plot<'_>) -> Vec<f64> {
    let n = chart.years.len();
    plot.lines
        .iter()
        .flat_map(|(l, _)| l.values.iter().take(n).flatten().copied())
        .chain(plot.reference.map(|(_, v)| *v))
        .filter(|v| v.is_finite())
        .collect()
}

/// Draws `chart` on `area`. With no year or no value at all it says « Aucune donnée », never a zero.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &SeriesChart,
) -> Result<(), ChartError> {
    let body = frame(area, &chart.title, &chart.footer)?;
    let n = chart.years.len();
    let plots = looks(chart);
    let any_value = plots.iter().any(|p| {
        p.lines
            .iter()
            .any(|(l, _)| l.values.iter().take(n).flatten().any(|v| v.is_finite()))
    });
    if n == 0 || !any_value {
        return no_data(&body);
    }
    if plots.len() == 2 {
        let (_, h) = body.dim_in_pixel();
        let (upper, lower) = body.split_vertically(h * 3 / 5);
        let mut parts = plots.into_iter();
        if let Some(p) = parts.next() {
            draw_plot(&upper, chart, &p)?;
        }
        if let Some(p) = parts.next() {
            draw_plot(&lower, chart, &p)?;
        }
        return Ok(());
    }
    for p in &plots {
        draw_plot(&body, chart, p)?;
    }
    Ok(())
}

fn draw_plot<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    chart: &SeriesChart,
    plot: &Plot<'_>,
) -> Result<(), ChartError> {
    let n = chart.years.len();
    let lines = &plot.lines;
    let values = plot_values(chart, plot);
    if values.is_empty() {
        return no_data(body);
    }
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));

    // Legend, in drawing order reversed so that the scope comes first.
    let legend_style = style(14, BLACK, false, HPos::Left, VPos::Center);
    let mut x = 16;
    for (line, look) in lines.iter().rev() {
        let y = 10;
        if look.dashed {
            dashed(body, vec![(x, y), (x + 28, y)], look.colour, look.stroke)?;
        } else {
            body.draw(&PathElement::new(
                vec![(x, y), (x + 28, y)],
                look.colour.stroke_width(look.stroke),
            ))
            .map_err(err)?;
        }
        marker(body, look.marker, (x + 14, y), 4, look.colour)?;
        let name = fit(body, &line.name, &legend_style, (w - x - 60).max(40));
        let name_w = width(body, &name, &legend_style);
        text(body, name, (x + 36, y), &legend_style)?;
        x += 36 + name_w + 24;
    }

    // Value scale.
    let (y0, y1, step, tick_values) = value_range(chart.unit, &values);
    let tick_style = style(13, palette::TEXT_MUTED, false, HPos::Right, VPos::Center);
    let tick_labels: Vec<(f64, String)> = tick_values
        .iter()
        .map(|&v| (v, chart.unit.format_axis(v, step)))
        .collect();
    let tick_w = tick_labels
        .iter()
        .map(|(_, t)| width(body, t, &tick_style))
        .max()
        .unwrap_or(30);
    let left = 16 + tick_w + 10;
    let right = w - 24;
    let top = 58;
    let bottom = h - 34;
    let scale = Scale {
        d0: y0,
        d1: y1,
        r0: bottom,
        r1: top,
    };
    let y_label = match chart.unit.axis_unit() {
        Some(u) if !plot.y_label.contains(&format!("({u})")) => format!("{} ({u})", plot.y_label),
        _ => plot.y_label.clone(),
    };
    text(
        body,
        fit(
            body,
            &y_label,
            &style(14, BLACK, false, HPos::Left, VPos::Top),
            w - 32,
        ),
        (16, 30),
        &style(14, BLACK, false, HPos::Left, VPos::Top),
    )?;
    for (v, label) in &tick_labels {
        let y = scale.map(*v);
        body.draw(&PathElement::new(
            vec![(left, y), (right, y)],
            palette::GRID.stroke_width(1),
        ))
        .map_err(err)?;
        text(body, label.clone(), (left - 8, y), &tick_style)?;
    }
    body.draw(&PathElement::new(
        vec![(left, bottom), (right, bottom)],
        palette::TEXT_MUTED.stroke_width(1),
    ))
    .map_err(err)?;
    if let Some((caption, value)) = plot.reference {
        let y = scale.map(*value);
        dashed(body, vec![(left, y), (right, y)], palette::ALARM, 2)?;
        halo_text(
            body,
            format!("{caption} : {}", chart.unit.format_full(*value)),
            (right - 4, y - 4),
            &style(13, palette::ALARM, true, HPos::Right, VPos::Bottom),
        )?;
    }

    // Years.
    let count = i32::try_from(n).unwrap_or(i32::MAX);
    let slot = (right - left) / count.max(1);
    let x_of = |i: usize| left + slot * i32::try_from(i).unwrap_or(0) + slot / 2;
    let mut year_size = 14;
    let widest = |size: u32| {
        let s = style(size, BLACK, false, HPos::Center, VPos::Top);
        chart
            .years
            .iter()
            .map(|y| width(body, y, &s))
            .max()
            .unwrap_or(0)
    };
    while year_size > 11 && widest(year_size) > slot - 6 {
        year_size -= 1;
    }
    let every = if widest(year_size) > slot - 6 { 2 } else { 1 };
    let year_style = style(year_size, BLACK, false, HPos::Center, VPos::Top);
    for (i, year) in chart.years.iter().enumerate() {
        let x = x_of(i);
        body.draw(&PathElement::new(
            vec![(x, bottom), (x, bottom + 3)],
            palette::TEXT_MUTED.stroke_width(1),
        ))
        .map_err(err)?;
        if i % every == 0 {
            text(body, year.clone(), (x, bottom + 10), &year_style)?;
        }
    }

    // Lines, then points, then the values of the plot's main line (the scope's, or the national total's).
    for (line, look) in lines {
        for run in segments(&line.values, n) {
            let points: Vec<(i32, i32)> =
                run.iter().map(|&(i, v)| (x_of(i), scale.map(v))).collect();
            if look.dashed {
                dashed(body, points.clone(), look.colour, look.stroke)?;
            } else {
                body.draw(&PathElement::new(
                    points.clone(),
                    look.colour.stroke_width(look.stroke),
                ))
                .map_err(err)?;
            }
            for p in points {
                marker(body, look.marker, p, 5, look.colour)?;
            }
        }
    }
    let Some((main, main_look)) = lines.last() else {
        return Ok(());
    };
    // Its values, above their point unless another line's point is just above it.
    let others: Vec<(usize, i32)> = lines
        .iter()
        .filter(|(l, _)| !std::ptr::eq(*l, *main))
        .flat_map(|(l, _)| segments(&l.values, n).into_iter().flatten())
        .map(|(i, v)| (i, scale.map(v)))
        .collect();
    for run in segments(&main.values, n) {
        for (i, v) in run {
            let y = scale.map(v);
            let crowded_above = others
                .iter()
                .any(|&(j, oy)| j == i && oy <= y + 4 && oy >= y - 30);
            let (at, anchor) = if crowded_above && y + 30 < bottom {
                (y + 9, VPos::Top)
            } else {
                (y - 9, VPos::Bottom)
            };
            let value_style = style(13, main_look.colour, true, HPos::Center, anchor);
            halo_text(body, chart.unit.format(v), (x_of(i), at), &value_style)?;
        }
    }
    Ok(())
}
