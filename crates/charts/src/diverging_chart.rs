//! Gap analysis: for one indicator, the campuses that miss their target, with their gap to it (bars left of
//! zero, in the alarm colour), worst first; beyond `max_bars` the rest is counted in a line of text.

use crate::canvas::ChartError;
use crate::common::{
    err, fit, frame, no_data, px, style, text, ticks, truncate_label, value_axis, width, Scale,
};
use crate::palette;
use crate::units::Unit;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Names longer than this are cut with « … ».
pub const MAX_LABEL_CHARS: usize = 32;

/// A campus, its value and its target.
#[derive(Debug, Clone, PartialEq)]
pub struct GapItem {
    pub label: String,
    pub value: f64,
    pub target: f64,
}

impl GapItem {
    /// The value minus the target: negative when the target is missed.
    pub fn gap(&self) -> f64 {
        self.value - self.target
    }
}

/// The campuses that miss their target on one indicator; every text in French.
#[derive(Debug, Clone, PartialEq)]
pub struct DivergingChart {
    pub title: String,
    /// What the gaps are, e.g. « Écart à la cible du taux de réussite » (the unit is written on the ticks).
    pub x_label: String,
    pub unit: Unit,
    /// All the campuses measured (those that reach their target are counted, not drawn).
    pub items: Vec<GapItem>,
    pub max_bars: usize,
    /// Source and data date.
    pub footer: String,
}

/// The campuses under their target, worst first (label, gap), and how many more are under it but not drawn.
pub fn misses(chart: &DivergingChart) -> (Vec<(String, f64)>, usize) {
    let mut under: Vec<(String, f64)> = chart
        .items
        .iter()
        .map(|i| (truncate_label(&i.label, MAX_LABEL_CHARS), i.gap()))
        .filter(|(_, g)| g.is_finite() && *g < 0.0)
        .collect();
    under.sort_by(|a, b| a.1.total_cmp(&b.1));
    let shown = chart.max_bars.max(1);
    let rest = under.len().saturating_sub(shown);
    under.truncate(shown);
    (under, rest)
}

/// Draws `chart` on `area`. With no measured campus it says « Aucune donnée »; when every campus reaches its
/// target it says so.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &DivergingChart,
) -> Result<(), ChartError> {
    let body = frame(area, &chart.title, &chart.footer)?;
    let measured = chart.items.iter().filter(|i| i.gap().is_finite()).count();
    if measured == 0 {
        return no_data(&body);
    }
    let (shown, rest) = misses(chart);
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));
    if shown.is_empty() {
        return text(
            &body,
            if measured == 1 {
                "Le campus mesuré atteint sa cible".to_owned()
            } else {
                format!("Les {measured} campus mesurés atteignent leur cible")
            },
            (w / 2, h / 2),
            &style(20, palette::TEXT_MUTED, false, HPos::Center, VPos::Center),
        );
    }
    let summary = if rest > 0 {
        format!(
            "{} campus sur {measured} sous leur cible ; les {} plus éloignés sont montrés, Autres : {rest} campus",
            shown.len() + rest,
            shown.len()
        )
    } else {
        format!("{} campus sur {measured} sous leur cible", shown.len())
    };
    let summary_style = style(14, palette::TEXT_MUTED, false, HPos::Left, VPos::Top);
    text(
        &body,
        fit(&body, &summary, &summary_style, w - 32),
        (16, 0),
        &summary_style,
    )?;
    let top = 28;
    let bottom = h - 48;
    let count = i32::try_from(shown.len()).unwrap_or(i32::MAX).max(1);
    let row = ((bottom - top) / count).max(1);
    let font = if row >= 22 {
        14
    } else if row >= 16 {
        12
    } else {
        10
    };
    let name_style = style(font, BLACK, false, HPos::Right, VPos::Center);
    let value_style = style(font, BLACK, false, HPos::Right, VPos::Center);
    let label_w = shown
        .iter()
        .map(|(l, _)| width(&body, l, &name_style))
        .max()
        .unwrap_or(0)
        .min(w * 2 / 5);
    let value_w = shown
        .iter()
        .map(|(_, g)| width(&body, &chart.unit.format_gap(*g), &value_style))
        .max()
        .unwrap_or(0);
    let worst = shown.iter().map(|(_, g)| *g).fold(0.0, f64::min);
    let (d0, _, step, tick_values) = ticks(worst, 0.0, 5);
    let left = 16 + label_w + 12 + value_w + 8;
    let right = w - 40;
    let scale = Scale {
        d0,
        d1: 0.0,
        r0: left,
        r1: right,
    };
    let tick_values: Vec<f64> = tick_values.into_iter().filter(|v| *v <= 0.0).collect();
    value_axis(
        &body,
        &scale,
        &tick_values,
        top,
        bottom,
        &|v| chart.unit.format_axis(v, step),
        &chart.x_label,
    )?;
    let zero = scale.map(0.0);
    let thickness = (row * 7 / 10).clamp(2, 30);
    for (i, (label, gap)) in shown.iter().enumerate() {
        let centre = top + row * i32::try_from(i).unwrap_or(0) + row / 2;
        text(
            &body,
            fit(&body, label, &name_style, label_w),
            (16 + label_w, centre),
            &name_style,
        )?;
        let end = scale.map(*gap);
        body.draw(&Rectangle::new(
            [
                (end, centre - thickness / 2),
                (zero, centre + thickness / 2),
            ],
            palette::ALARM.filled(),
        ))
        .map_err(err)?;
        text(
            &body,
            chart.unit.format_gap(*gap),
            (end - 6, centre),
            &value_style,
        )?;
    }
    body.draw(&PathElement::new(
        vec![(zero, top - 4), (zero, bottom)],
        BLACK.stroke_width(2),
    ))
    .map_err(err)?;
    text(
        &body,
        "cible",
        (zero, top - 4),
        &style(12, BLACK, false, HPos::Center, VPos::Bottom),
    )
}
