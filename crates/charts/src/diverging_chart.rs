//! Gap analysis: for one indicator, the campuses that miss their target, with their gap to it (bars left of
//! zero, in the alarm colour), worst first; beyond `max_bars` the rest is counted in a line of text.

use crate::canvas::ChartError;
use crate::common::{err, fit, frame, no_data, px, style, text, truncate_label};
use crate::palette;
use crate::rows::{widest, Rows, MARGIN};
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
        (MARGIN, 0),
        &summary_style,
    )?;
    let bands = Rows::new(&body, 28, h - 48, shown.iter().map(|(l, _)| l.as_str()));
    let (top, bottom) = (bands.top, bands.bottom);
    let value_style = style(bands.font, BLACK, false, HPos::Right, VPos::Center);
    let gaps: Vec<String> = shown
        .iter()
        .map(|(_, g)| chart.unit.format_gap(*g))
        .collect();
    let value_w = widest(&body, gaps.iter().map(String::as_str), &value_style);
    let worst = shown.iter().map(|(_, g)| *g).fold(0.0, f64::min);
    let left = bands.names_edge() + 12 + value_w + 8;
    let right = w - 40;
    let scale = bands.axis(
        &body,
        (worst, 0.0),
        (left, right),
        chart.unit,
        &chart.x_label,
    )?;
    let zero = scale.map(0.0);
    let thickness = bands.thickness();
    for (i, ((label, gap), gap_text)) in shown.iter().zip(gaps).enumerate() {
        let centre = bands.centre(i);
        bands.name(&body, i, label, &bands.name_style)?;
        let end = scale.map(*gap);
        body.draw(&Rectangle::new(
            [
                (end, centre - thickness / 2),
                (zero, centre + thickness / 2),
            ],
            palette::ALARM.filled(),
        ))
        .map_err(err)?;
        text(&body, gap_text, (end - 6, centre), &value_style)?;
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
