//! A campus's criteria: one row per criterion with a status mark (✓ met, ✗ not met, ? unknown) and the figure.

use crate::canvas::ChartError;
use crate::common::{err, fit, frame, no_data, px, style, text, width};
use crate::palette;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Whether a criterion is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionStatus {
    Met,
    NotMet,
    Unknown,
}

impl CriterionStatus {
    /// The mark: ✓, ✗ or ?.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Met => "✓",
            Self::NotMet => "✗",
            Self::Unknown => "?",
        }
    }

    /// The legend text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "atteint",
            Self::NotMet => "non atteint",
            Self::Unknown => "inconnu",
        }
    }

    fn colour(self) -> RGBColor {
        match self {
            Self::Met => palette::REFERENCE,
            Self::NotMet => palette::ALARM,
            Self::Unknown => palette::TEXT_MUTED,
        }
    }
}

/// One criterion: its French label, its status and the figure behind it, e.g. « 85,3 % (cible : 80 %) ».
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub label: String,
    pub status: CriterionStatus,
    pub figure: String,
}

/// A campus's scorecard; every text in French.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorecardChart {
    pub title: String,
    pub criteria: Vec<Criterion>,
    /// Source and data date.
    pub footer: String,
}

/// Draws `chart` on `area`. With no criterion it says « Aucune donnée ».
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &ScorecardChart,
) -> Result<(), ChartError> {
    let body = frame(area, &chart.title, &chart.footer)?;
    if chart.criteria.is_empty() {
        return no_data(&body);
    }
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));
    let legend_h = 30;
    let n = i32::try_from(chart.criteria.len()).unwrap_or(1).max(1);
    let row = ((h - legend_h - 4) / n).clamp(8, 44);
    let font: u32 = if row >= 30 {
        16
    } else if row >= 22 {
        14
    } else {
        11
    };
    let mark_size: u32 = font + 8;
    let label_style = style(font, BLACK, false, HPos::Left, VPos::Center);
    let figure_style = style(font, BLACK, true, HPos::Right, VPos::Center);
    let figure_w = chart
        .criteria
        .iter()
        .map(|c| width(&body, &c.figure, &figure_style))
        .max()
        .unwrap_or(0)
        .min(w * 2 / 5);
    let mark_x = 36;
    let label_x = 64;
    let figure_right = w - 20;
    let label_max = figure_right - figure_w - 24 - label_x;
    for (i, c) in chart.criteria.iter().enumerate() {
        let y0 = 2 + row * i32::try_from(i).unwrap_or(0);
        let centre = y0 + row / 2;
        if i % 2 == 0 {
            body.draw(&Rectangle::new(
                [(16, y0), (w - 16, y0 + row)],
                RGBColor(0xF4, 0xF7, 0xFA).filled(),
            ))
            .map_err(err)?;
        }
        text(
            &body,
            c.status.mark(),
            (mark_x, centre),
            &style(
                mark_size,
                c.status.colour(),
                true,
                HPos::Center,
                VPos::Center,
            ),
        )?;
        text(
            &body,
            fit(&body, &c.label, &label_style, label_max),
            (label_x, centre),
            &label_style,
        )?;
        let figure_colour = if c.status == CriterionStatus::NotMet {
            palette::ALARM
        } else {
            BLACK
        };
        text(
            &body,
            fit(&body, &c.figure, &figure_style, figure_w),
            (figure_right, centre),
            &style(font, figure_colour, true, HPos::Right, VPos::Center),
        )?;
    }
    body.draw(&PathElement::new(
        vec![(16, 2 + row * n + 2), (w - 16, 2 + row * n + 2)],
        palette::GRID.stroke_width(1),
    ))
    .map_err(err)?;
    let mut x = 20;
    let y = (2 + row * n + 18).min(h - 12);
    for status in [
        CriterionStatus::Met,
        CriterionStatus::NotMet,
        CriterionStatus::Unknown,
    ] {
        let count = chart.criteria.iter().filter(|c| c.status == status).count();
        text(
            &body,
            status.mark(),
            (x, y),
            &style(18, status.colour(), true, HPos::Left, VPos::Center),
        )?;
        let legend = format!("{} ({count})", status.label());
        let legend_style = style(14, palette::TEXT_MUTED, false, HPos::Left, VPos::Center);
        let lw = width(&body, &legend, &legend_style);
        text(&body, legend, (x + 20, y), &legend_style)?;
        x += 20 + lw + 24;
    }
    Ok(())
}
