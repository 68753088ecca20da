//! Gap analysis: for one indicator, the campuses that miss their target, with their gap to it (bars left of
//! zero, in the alarm colour), worst first; beyond `max_bars` the rest is counted in a line of text. An « at
//! most » target (students per tutor ≤ 20) is a limit: a campus above it is « au-dessus de la limite », and its
//! difference is written as it is (`+3,27 étudiants par tuteur`). On a campus's dashboard the items are its
//! indicators, each in its own unit, drawn in percent of their target.

use crate::canvas::ChartError;
use crate::common::{err, fit, frame, no_data, px, style, text, truncate_label};
use crate::palette;
use crate::rows::{widest, Rows, MARGIN};
use crate::units::Unit;
use pilotage_domain::Direction;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Names longer than this are cut with « … ».
pub const MAX_LABEL_CHARS: usize = 40;

/// A campus (or, on a campus's dashboard, an indicator), its value and its target.
#[derive(Debug, Clone, PartialEq)]
pub struct GapItem {
    pub label: String,
    /// The value measured.
    pub value: f64,
    pub target: f64,
    /// At least the target (a success rate) or at most (a limit: students per tutor).
    pub direction: Direction,
    /// The unit of `value` and `target`.
    pub unit: Unit,
}

impl GapItem {
    /// The value minus the target, as read: `+3,27` students per tutor over a limit of 20 at 23,27.
    pub fn difference(&self) -> f64 {
        self.value - self.target
    }

    /// The shortfall: negative when the target is missed, whichever way — below an « at least » target, or above
    /// an « at most » limit.
    pub fn gap(&self) -> f64 {
        match self.direction {
            Direction::AtLeast => self.value - self.target,
            Direction::AtMost => self.target - self.value,
        }
    }

    /// The shortfall in percent of the target (the plain shortfall for a target of zero).
    pub fn relative_gap(&self) -> f64 {
        if self.target == 0.0 {
            self.gap()
        } else {
            self.gap() / self.target.abs() * 100.0
        }
    }

    /// The difference to the target with its sign and unit: `−5,0 pts`, `+3,27 étudiants par tuteur`.
    pub fn difference_text(&self) -> String {
        self.unit.format_gap_full(self.difference())
    }
}

/// The campuses that miss their target on one indicator, or the indicators a campus misses; every text in
/// French.
#[derive(Debug, Clone, PartialEq)]
pub struct DivergingChart {
    pub title: String,
    /// What the gaps are, e.g. « Taux de réussite » (the unit is written on the ticks).
    pub x_label: String,
    /// The unit of the axis (of the items' values, when they share one).
    pub unit: Unit,
    /// All the campuses measured (those that reach their target are counted, not drawn).
    pub items: Vec<GapItem>,
    pub max_bars: usize,
    /// The items are one campus's indicators, each in its own unit: bars are drawn in percent of the target.
    pub per_indicator: bool,
    /// Source and data date.
    pub footer: String,
}

/// How the chart speaks of its targets: all « at least » (cibles), all « at most » (limites), or both.
fn kinds(chart: &DivergingChart) -> (bool, bool) {
    let limit = chart.items.iter().any(|i| i.direction == Direction::AtMost);
    let target = chart
        .items
        .iter()
        .any(|i| i.direction == Direction::AtLeast);
    (target, limit)
}

/// The length of an item's bar: its shortfall, in percent of the target for a campus's indicators.
fn bar_length(chart: &DivergingChart, item: &GapItem) -> f64 {
    if chart.per_indicator {
        item.relative_gap()
    } else {
        item.gap()
    }
}

fn missed(chart: &DivergingChart) -> (Vec<&GapItem>, usize) {
    let mut under: Vec<&GapItem> = chart
        .items
        .iter()
        .filter(|i| {
            let g = bar_length(chart, i);
            g.is_finite() && g < 0.0
        })
        .collect();
    under.sort_by(|a, b| bar_length(chart, a).total_cmp(&bar_length(chart, b)));
    let shown = chart.max_bars.max(1);
    let rest = under.len().saturating_sub(shown);
    under.truncate(shown);
    (under, rest)
}

/// The items that miss their target, worst first (label, bar length), and how many more miss it but are not
/// drawn.
pub fn misses(chart: &DivergingChart) -> (Vec<(String, f64)>, usize) {
    let (under, rest) = missed(chart);
    (
        under
            .iter()
            .map(|i| {
                (
                    truncate_label(&i.label, MAX_LABEL_CHARS),
                    bar_length(chart, i),
                )
            })
            .collect(),
        rest,
    )
}

/// The line above the bars: how many miss, worded as targets (« sous leur cible ») or limits (« au-dessus de la
/// limite »); or, when none misses, that all reach their target or stay within the limit.
pub fn summary(chart: &DivergingChart) -> String {
    let measured = chart.items.iter().filter(|i| i.gap().is_finite()).count();
    let (shown, rest) = missed(chart);
    let missing = shown.len() + rest;
    let (target, limit) = kinds(chart);
    if chart.per_indicator {
        return match (missing, target, limit) {
            (0, true, true) => {
                format!("Cibles atteintes et limites respectées ({measured} indicateurs mesurés)")
            }
            (0, _, true) => "Dans la limite".to_owned(),
            (0, _, _) => "Cibles atteintes".to_owned(),
            (1, _, _) => format!("1 indicateur sur {measured} hors de sa cible ou de sa limite"),
            _ => {
                format!("{missing} indicateurs sur {measured} hors de leur cible ou de leur limite")
            }
        };
    }
    let state = match (target, limit) {
        (false, true) => "au-dessus de la limite",
        (true, true) => "hors de leur cible ou de leur limite",
        _ => "sous leur cible",
    };
    if missing == 0 {
        let ok = match (target, limit) {
            (false, true) => "restent dans la limite",
            (true, true) => "atteignent leur cible ou restent dans la limite",
            _ => "atteignent leur cible",
        };
        return if measured == 1 {
            let ok = match (target, limit) {
                (false, true) => "reste dans la limite",
                _ => "atteint sa cible",
            };
            format!("Le campus mesuré {ok}")
        } else {
            format!("Les {measured} campus mesurés {ok}")
        };
    }
    if rest > 0 {
        format!(
            "{missing} campus sur {measured} {state} ; les {} plus éloignés sont montrés, Autres : {rest} campus",
            shown.len()
        )
    } else {
        format!("{missing} campus sur {measured} {state}")
    }
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
    let (shown, _) = missed(chart);
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));
    let summary = summary(chart);
    if shown.is_empty() {
        return text(
            &body,
            summary,
            (w / 2, h / 2),
            &style(20, palette::TEXT_MUTED, false, HPos::Center, VPos::Center),
        );
    }
    let summary_style = style(14, palette::TEXT_MUTED, false, HPos::Left, VPos::Top);
    text(
        &body,
        fit(&body, &summary, &summary_style, w - 32),
        (MARGIN, 0),
        &summary_style,
    )?;
    let labels: Vec<String> = shown
        .iter()
        .map(|i| truncate_label(&i.label, MAX_LABEL_CHARS))
        .collect();
    let bands = Rows::new(&body, 34, h - 48, labels.iter().map(String::as_str));
    let (top, bottom) = (bands.top, bands.bottom);
    let value_style = style(bands.font, BLACK, false, HPos::Right, VPos::Center);
    // A campus's indicators each say their own target or limit beside their difference.
    let gaps: Vec<String> = shown
        .iter()
        .map(|i| {
            if chart.per_indicator {
                let kind = match i.direction {
                    Direction::AtLeast => "cible",
                    Direction::AtMost => "limite",
                };
                format!(
                    "{} ({kind} : {})",
                    i.difference_text(),
                    i.unit.format(i.target)
                )
            } else {
                i.difference_text()
            }
        })
        .collect();
    let value_w = widest(&body, gaps.iter().map(String::as_str), &value_style);
    let worst = shown
        .iter()
        .map(|i| bar_length(chart, i))
        .fold(0.0, f64::min);
    // A campus's indicators write their long figures right of the target line; campuses, left of their bar.
    let (left, right) = if chart.per_indicator {
        (bands.names_edge() + 16, w - MARGIN - value_w - 14)
    } else {
        (bands.names_edge() + 12 + value_w + 8, w - 40)
    };
    let (target, limit) = kinds(chart);
    let description = if chart.per_indicator {
        "Écart à la cible ou à la limite, en % de celle-ci".to_owned()
    } else {
        chart.x_label.clone()
    };
    let axis_unit = if chart.per_indicator {
        Unit::Percent
    } else {
        chart.unit
    };
    // The axis measures how far each one is from its target: written without a sign, as a distance.
    let scale = bands.axis_with(
        &body,
        (worst, 0.0),
        (left, right),
        &|v, step| {
            let distance = axis_unit.format_axis(v.abs(), step);
            // Gaps of percentages are percentage points.
            match distance.strip_suffix("\u{a0}%") {
                Some(n) if !chart.per_indicator => format!("{n}\u{a0}pts"),
                _ => distance,
            }
        },
        &description,
    )?;
    let zero = scale.map(0.0);
    let thickness = bands.thickness();
    for (i, (label, gap_text)) in labels.iter().zip(gaps).enumerate() {
        let centre = bands.centre(i);
        bands.name(&body, i, label, &bands.name_style)?;
        let end = shown
            .get(i)
            .map_or(zero, |item| scale.map(bar_length(chart, item)));
        body.draw(&Rectangle::new(
            [
                (end, centre - thickness / 2),
                (zero, centre + thickness / 2),
            ],
            palette::ALARM.filled(),
        ))
        .map_err(err)?;
        if chart.per_indicator {
            text(
                &body,
                gap_text,
                (zero + 8, centre),
                &style(bands.font, BLACK, false, HPos::Left, VPos::Center),
            )?;
        } else {
            text(&body, gap_text, (end - 6, centre), &value_style)?;
        }
    }
    body.draw(&PathElement::new(
        vec![(zero, top - 4), (zero, bottom)],
        BLACK.stroke_width(2),
    ))
    .map_err(err)?;
    let caption = match (target, limit) {
        (false, true) => "limite",
        (true, true) => "cible ou limite",
        _ => "cible",
    };
    text(
        &body,
        caption,
        (zero, top - 4),
        &style(12, BLACK, false, HPos::Center, VPos::Bottom),
    )
}
