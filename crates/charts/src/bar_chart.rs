//! Horizontal bars comparing categories (régions, campuses) on one indicator, sorted descending, with the value
//! at each bar's end, an optional reference line (the national value) and, beyond `max_bars` categories, one
//! bar « Autres (k) » for the rest.

use crate::canvas::ChartError;
use crate::common::{
    dashed, err, frame, halo_text, no_data, px, style, text, truncate_label, width,
};
use crate::palette;
use crate::rows::{widest, Rows, MARGIN};
use crate::units::Unit;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_never_sits_on_the_reference_line() {
        // A bar ending 3 px before the line: its figure (40 px wide) would cross it; it goes past the line.
        let (at, side) = value_label_at(100, false, 40, Some(103));
        assert!(matches!(side, HPos::Left));
        assert!(at > 103, "{at}");
        // Far from the line: right after the bar.
        assert_eq!(value_label_at(100, false, 40, Some(300)).0, 106);
        assert_eq!(value_label_at(100, false, 40, Some(50)).0, 106);
        assert_eq!(value_label_at(100, false, 40, None).0, 106);
        // A negative bar written leftwards: moved left of the line.
        let (at, side) = value_label_at(100, true, 40, Some(80));
        assert!(matches!(side, HPos::Right));
        assert!(at < 80, "{at}");
    }
}

/// Names longer than this are cut with « … ».
pub const MAX_LABEL_CHARS: usize = 32;

/// One category and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct BarItem {
    pub label: String,
    pub value: f64,
}

/// A reference value drawn as a vertical line, e.g. « national » and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct BarReference {
    pub label: String,
    pub value: f64,
}

/// Categories compared on one indicator; every text in French.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    /// What the values are, e.g. « Taux de réussite » (the unit is written on the ticks).
    pub x_label: String,
    pub unit: Unit,
    pub items: Vec<BarItem>,
    pub reference: Option<BarReference>,
    /// At most this many categories get their own bar; the rest are one bar « Autres (k) ».
    pub max_bars: usize,
    /// The value of the rest (computed by the caller: a pooled rate, a sum…); `None` writes « — », not a zero.
    pub others: Option<f64>,
    /// Source and data date.
    pub footer: String,
}

/// One drawn bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub is_others: bool,
}

/// The bars drawn, top to bottom: the categories with a finite value sorted descending, the first `max_bars` of
/// them, then « Autres (k) » when k categories are left over.
pub fn bars(chart: &BarChart) -> Vec<Bar> {
    let mut items: Vec<&BarItem> = chart.items.iter().filter(|i| i.value.is_finite()).collect();
    items.sort_by(|a, b| b.value.total_cmp(&a.value));
    let shown = chart.max_bars.max(1);
    let mut out: Vec<Bar> = items
        .iter()
        .take(shown)
        .map(|i| Bar {
            label: truncate_label(&i.label, MAX_LABEL_CHARS),
            value: Some(i.value),
            is_others: false,
        })
        .collect();
    let rest = items.len().saturating_sub(shown);
    if rest > 0 {
        out.push(Bar {
            label: format!("Autres ({rest})"),
            value: chart.others.filter(|v| v.is_finite()),
            is_others: true,
        });
    }
    out
}

/// Where a bar's value is written: past the bar's `end` (left of it for a negative value), moved past the
/// reference line at `line` when it would cross it, so that the line and the figure never overlap. Returns the
/// anchor x and its side.
pub fn value_label_at(end: i32, negative: bool, label_w: i32, line: Option<i32>) -> (i32, HPos) {
    const GAP: i32 = 6;
    const CLEAR: i32 = 4;
    if negative {
        let at = end - GAP;
        return match line {
            Some(x) if at - label_w - CLEAR < x && x < at + CLEAR => (x - GAP, HPos::Right),
            _ => (at, HPos::Right),
        };
    }
    let at = end + GAP;
    match line {
        Some(x) if at - CLEAR < x && x < at + label_w + CLEAR => (x + GAP, HPos::Left),
        _ => (at, HPos::Left),
    }
}

/// Draws `chart` on `area`. With no finite value it says « Aucune donnée », never a zero.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &BarChart,
) -> Result<(), ChartError> {
    let body = frame(area, &chart.title, &chart.footer)?;
    let bars = bars(chart);
    if bars.is_empty() {
        return no_data(&body);
    }
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));
    let reference = chart.reference.as_ref().filter(|r| r.value.is_finite());
    let top = if reference.is_some() { 24 } else { 6 };
    let bands = Rows::new(&body, top, h - 48, bars.iter().map(|b| b.label.as_str()));
    let (top, bottom, font) = (bands.top, bands.bottom, bands.font);
    let value_style = style(font, BLACK, false, HPos::Left, VPos::Center);
    let value_text =
        |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| chart.unit.format_full(v));
    let value_texts: Vec<String> = bars.iter().map(|b| value_text(b.value)).collect();
    let value_w = widest(&body, value_texts.iter().map(String::as_str), &value_style);
    let values: Vec<f64> = bars
        .iter()
        .filter_map(|b| b.value)
        .chain(reference.map(|r| r.value))
        .collect();
    let lo = values.iter().copied().fold(0.0, f64::min);
    let hi = values.iter().copied().fold(0.0, f64::max);
    let neg_pad = if lo < 0.0 { value_w + 8 } else { 0 };
    let left = bands.names_edge() + 10 + neg_pad;
    // Room on the right for a figure pushed past the reference line.
    let right = w - MARGIN - value_w - 8 - if reference.is_some() { 12 } else { 0 };
    let scale = bands.axis(&body, (lo, hi), (left, right), chart.unit, &chart.x_label)?;
    let zero = scale.map(0.0);
    let thickness = bands.thickness();
    // Bars, then the reference line over them, then the values over the line.
    for (i, bar) in bars.iter().enumerate() {
        let centre = bands.centre(i);
        if let Some(v) = bar.value {
            let end = scale.map(v);
            let colour = if bar.is_others {
                RGBColor(0x99, 0x99, 0x99)
            } else {
                palette::WITHIN
            };
            body.draw(&Rectangle::new(
                [
                    (zero.min(end), centre - thickness / 2),
                    (zero.max(end), centre + thickness / 2),
                ],
                colour.filled(),
            ))
            .map_err(err)?;
        }
    }
    if let Some(r) = reference {
        let x = scale.map(r.value);
        dashed(
            &body,
            vec![(x, top - 4), (x, bottom)],
            palette::REFERENCE,
            2,
        )?;
        let caption = format!("{} : {}", r.label, chart.unit.format_full(r.value));
        let caption_style = style(13, palette::REFERENCE, true, HPos::Center, VPos::Bottom);
        let half = width(&body, &caption, &caption_style) / 2;
        let cx = x.clamp(half + 4, (w - half - 4).max(half + 4));
        text(&body, caption, (cx, top - 6), &caption_style)?;
    }
    for (i, bar) in bars.iter().enumerate() {
        let centre = bands.centre(i);
        let label_colour = if bar.is_others {
            palette::TEXT_MUTED
        } else {
            BLACK
        };
        bands.name(
            &body,
            i,
            &bar.label,
            &style(font, label_colour, bar.is_others, HPos::Right, VPos::Center),
        )?;
        match bar.value {
            Some(v) => {
                let end = scale.map(v);
                let label = value_text(Some(v));
                let label_w = width(&body, &label, &value_style);
                let line = reference.map(|r| scale.map(r.value));
                let (at, anchor) = value_label_at(end, v < 0.0, label_w, line);
                halo_text(
                    &body,
                    label,
                    (at, centre),
                    &style(font, BLACK, false, anchor, VPos::Center),
                )?;
            }
            None => text(&body, "—", (zero + 6, centre), &value_style)?,
        }
    }
    body.draw(&PathElement::new(
        vec![(zero, top), (zero, bottom)],
        palette::TEXT_MUTED.stroke_width(1),
    ))
    .map_err(err)?;
    Ok(())
}
