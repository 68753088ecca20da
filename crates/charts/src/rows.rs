//! What the bar, stacked and diverging charts share: one horizontal band per category, the categories' names
//! right-aligned in a column on the left, a value axis under the bands, and a legend of coloured squares.

use crate::canvas::ChartError;
use crate::common::{err, fit, px, style, text, ticks, value_axis, width, Scale};
use crate::units::Unit;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The space left of the names' column (and right of the values).
pub(crate) const MARGIN: i32 = 16;

/// The widest of `texts` in `style`, in pixels (0 for none).
pub(crate) fn widest<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    texts: impl IntoIterator<Item = &'a str>,
    style: &TextStyle<'static>,
) -> i32 {
    texts
        .into_iter()
        .map(|t| width(area, t, style))
        .max()
        .unwrap_or(0)
}

/// One band per category between `top` and `bottom`, and the names' column.
pub(crate) struct Rows {
    pub top: i32,
    pub bottom: i32,
    /// The height of a band.
    pub row: i32,
    /// The text size that fits a band: 14, 12 or 10 pixels.
    pub font: u32,
    /// The width of the names' column.
    pub label_w: i32,
    /// The names' style: right-aligned on the column's edge, centred on the band.
    pub name_style: TextStyle<'static>,
}

impl Rows {
    /// A band for each of `labels` between `top` and `bottom` of `area`; the names' column as wide as the widest
    /// name, but at most two fifths of the area.
    pub(crate) fn new<'a, DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        top: i32,
        bottom: i32,
        labels: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let labels: Vec<&str> = labels.into_iter().collect();
        let count = i32::try_from(labels.len()).unwrap_or(i32::MAX).max(1);
        let row = ((bottom - top) / count).max(1);
        let font = if row >= 22 {
            14
        } else if row >= 16 {
            12
        } else {
            10
        };
        let name_style = style(font, BLACK, false, HPos::Right, VPos::Center);
        let label_w = widest(area, labels, &name_style).min(px(area.dim_in_pixel().0) * 2 / 5);
        Self {
            top,
            bottom,
            row,
            font,
            label_w,
            name_style,
        }
    }

    /// The vertical centre of band `i`.
    pub(crate) fn centre(&self, i: usize) -> i32 {
        self.top + self.row * i32::try_from(i).unwrap_or(0) + self.row / 2
    }

    /// The thickness of a bar in a band.
    pub(crate) fn thickness(&self) -> i32 {
        (self.row * 7 / 10).clamp(2, 30)
    }

    /// The right edge of the names' column.
    pub(crate) fn names_edge(&self) -> i32 {
        MARGIN + self.label_w
    }

    /// Writes the name of band `i` in `style`, cut with « … » to the names' column.
    pub(crate) fn name<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        i: usize,
        label: &str,
        style: &TextStyle<'static>,
    ) -> Result<(), ChartError> {
        text(
            area,
            fit(area, label, &self.name_style, self.label_w),
            (self.names_edge(), self.centre(i)),
            style,
        )
    }

    /// Draws the value axis under the bands for values from `lo` to `hi` (widened to round ticks) between the
    /// pixels `left` and `right`, its ticks written in `unit` and `description` below; returns its scale.
    pub(crate) fn axis<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (lo, hi): (f64, f64),
        (left, right): (i32, i32),
        unit: Unit,
        description: &str,
    ) -> Result<Scale, ChartError> {
        self.axis_with(
            area,
            (lo, hi),
            (left, right),
            &|v, step| unit.format_axis(v, step),
            description,
        )
    }

    /// As [`Rows::axis`], the ticks written by `label(value, step)`.
    pub(crate) fn axis_with<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (lo, hi): (f64, f64),
        (left, right): (i32, i32),
        label: &dyn Fn(f64, f64) -> String,
        description: &str,
    ) -> Result<Scale, ChartError> {
        let (d0, d1, step, tick_values) = ticks(lo, hi, 5);
        let scale = Scale {
            d0,
            d1,
            r0: left,
            r1: right,
        };
        value_axis(
            area,
            &scale,
            &tick_values,
            self.top,
            self.bottom,
            &|v| label(v, step),
            description,
        )?;
        Ok(scale)
    }
}

/// A legend on one line at the top of `area`: a coloured square and the name of each entry.
pub(crate) fn legend<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: impl IntoIterator<Item = (RGBColor, &'a str)>,
) -> Result<(), ChartError> {
    let legend_style = style(14, BLACK, false, HPos::Left, VPos::Center);
    let mut x = MARGIN;
    for (colour, name) in entries {
        area.draw(&Rectangle::new([(x, 2), (x + 16, 18)], colour.filled()))
            .map_err(err)?;
        let name_w = width(area, name, &legend_style);
        text(area, name, (x + 22, 10), &legend_style)?;
        x += 22 + name_w + 22;
    }
    Ok(())
}
