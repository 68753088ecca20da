//! What every chart shares: the title and footer frame, « Aucune donnée », text helpers, scales and ticks.

use crate::canvas::ChartError;
use crate::palette;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub(crate) fn err(e: impl std::fmt::Display) -> ChartError {
    ChartError::from_display(e)
}

/// A pixel length as a coordinate.
pub(crate) fn px(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// A text style of `size` pixels in `colour`, anchored at `(h, v)`.
pub(crate) fn style(
    size: u32,
    colour: RGBColor,
    bold: bool,
    h: HPos,
    v: VPos,
) -> TextStyle<'static> {
    // `FontDesc::style` keeps the regular face's glyphs: the bold face must be asked for when the font is made.
    let weight = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let font = FontDesc::new(FontFamily::SansSerif, f64::from(size), weight);
    TextStyle {
        font,
        color: colour.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// Draws `text` at `at` with `style`.
pub(crate) fn text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: impl Into<String>,
    at: (i32, i32),
    style: &TextStyle<'static>,
) -> Result<(), ChartError> {
    let text: String = text.into();
    area.draw(&Text::new(text, at, style.clone())).map_err(err)
}

/// Draws `text` at `at` with `style` on a white patch, so that it stays legible over lines and bars.
pub(crate) fn halo_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text_: impl Into<String>,
    at: (i32, i32),
    style: &TextStyle<'static>,
) -> Result<(), ChartError> {
    let text_: String = text_.into();
    let (w, h) = area
        .estimate_text_size(&text_, style)
        .map_or((0, 0), |(w, h)| (px(w), px(h)));
    let x0 = match style.pos.h_pos {
        HPos::Left => at.0,
        HPos::Center => at.0 - w / 2,
        HPos::Right => at.0 - w,
    };
    let y0 = match style.pos.v_pos {
        VPos::Top => at.1,
        VPos::Center => at.1 - h / 2,
        VPos::Bottom => at.1 - h,
    };
    area.draw(&Rectangle::new(
        [(x0 - 2, y0 - 1), (x0 + w + 2, y0 + h + 1)],
        WHITE.mix(0.85).filled(),
    ))
    .map_err(err)?;
    text(area, text_, at, style)
}

/// The width in pixels of `text` in `style` (a generous guess when the font cannot measure it).
pub(crate) fn width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'static>,
) -> i32 {
    let guess = || {
        let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX / 2);
        px(chars.saturating_mul(style.font.get_size().max(1.0) as u32) * 6 / 10)
    };
    area.estimate_text_size(text, style)
        .map_or_else(|_| guess(), |(w, _)| px(w))
}

/// The key French names are sorted by: lower case, accents and ligatures dropped (« Île-de-France » sorts
/// with the I, « Écully » with the E), hyphens and apostrophes read as spaces; then the name itself, so that the
/// order is total.
pub fn collation_key(name: &str) -> (String, String) {
    let mut key = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => key.push('a'),
            'é' | 'è' | 'ê' | 'ë' => key.push('e'),
            'î' | 'ï' | 'í' | 'ì' => key.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => key.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => key.push('u'),
            'ÿ' | 'ý' => key.push('y'),
            'ç' => key.push('c'),
            'ñ' => key.push('n'),
            'œ' => key.push_str("oe"),
            'æ' => key.push_str("ae"),
            '-' | '\'' | '’' => key.push(' '),
            other => key.push(other),
        }
    }
    (key, name.to_owned())
}

/// `name` cut to `max_chars` characters, ending with « … » when cut.
pub fn truncate_label(name: &str, max_chars: usize) -> String {
    if name.chars().count() <= max_chars {
        return name.to_owned();
    }
    let kept: String = name.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// `text` cut (with « … ») so that it fits `max_width` pixels in `style`.
pub(crate) fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'static>,
    max_width: i32,
) -> String {
    let mut chars = text.chars().count();
    let mut candidate = text.to_owned();
    while chars > 1 && width(area, &candidate, style) > max_width {
        chars -= 1;
        candidate = truncate_label(text, chars);
    }
    candidate
}

/// The largest size among `sizes` (in decreasing order) at which `text` fits `max_width`, else the last one.
pub(crate) fn fitting_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    sizes: &[u32],
    bold: bool,
    max_width: i32,
) -> u32 {
    for &size in sizes {
        let s = style(size, BLACK, bold, HPos::Left, VPos::Top);
        if width(area, text, &s) <= max_width {
            return size;
        }
    }
    sizes.last().copied().unwrap_or(12)
}

/// Fills `area` with white, writes the title at the top and the footer (source, data date) at the bottom, and
/// returns the area left between them.
pub(crate) fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    footer: &str,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    area.fill(&WHITE).map_err(err)?;
    let (w, h) = area.dim_in_pixel();
    let (rest, foot) = area.split_vertically(h.saturating_sub(28));
    let foot_style = style(14, palette::TEXT_MUTED, false, HPos::Left, VPos::Top);
    let footer = fit(&foot, footer, &foot_style, px(w) - 24);
    text(&foot, footer, (12, 6), &foot_style)?;
    let size = fitting_size(&rest, title, &[24, 21, 18, 16], true, px(w) - 28);
    let title_style = style(size, BLACK, true, HPos::Left, VPos::Top);
    let title = fit(&rest, title, &title_style, px(w) - 28);
    text(&rest, title, (14, 12), &title_style)?;
    let (_, body) = rest.split_vertically(48);
    Ok(body)
}

/// Writes « Aucune donnée » in the middle of `body`.
pub(crate) fn no_data<DB: DrawingBackend>(body: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
    let (w, h) = body.dim_in_pixel();
    text(
        body,
        "Aucune donnée",
        (px(w / 2), px(h / 2)),
        &style(22, palette::TEXT_MUTED, false, HPos::Center, VPos::Center),
    )
}

/// A linear map from data values to pixels.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: i32,
    pub r1: i32,
}

impl Scale {
    pub(crate) fn map(&self, v: f64) -> i32 {
        let span = self.d1 - self.d0;
        let t = if span.abs() < f64::EPSILON {
            0.5
        } else {
            (v - self.d0) / span
        };
        // `as` saturates: a value far off the scale lands on the edge, never panics.
        (f64::from(self.r0) + t * f64::from(self.r1 - self.r0)).round() as i32
    }
}

/// A "nice" tick step for about `target` intervals across `span`.
pub(crate) fn nice_step(span: f64, target: usize) -> f64 {
    let raw = span / f64::from(u32::try_from(target.max(1)).unwrap_or(1));
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let norm = raw / magnitude;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Ticks covering `[lo, hi]`: the rounded bounds, the step and the tick values.
pub(crate) fn ticks(lo: f64, hi: f64, target: usize) -> (f64, f64, f64, Vec<f64>) {
    let (lo, hi) = if hi - lo > 0.0 {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    };
    let step = nice_step(hi - lo, target);
    let first = (lo / step + 1e-9).floor() * step;
    let last = (hi / step - 1e-9).ceil() * step;
    let mut values = Vec::new();
    let mut v = first;
    while v <= last + step * 1e-6 && values.len() < 60 {
        values.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        v += step;
    }
    (first, last, step, values)
}

/// A dashed segment between two pixels.
pub(crate) fn dashed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: Vec<(i32, i32)>,
    colour: RGBColor,
    stroke: u32,
) -> Result<(), ChartError> {
    area.draw(&DashedPathElement::new(
        points,
        8,
        5,
        colour.stroke_width(stroke),
    ))
    .map_err(err)
}

/// Black or white, whichever reads better on `colour`.
pub(crate) fn ink_on(colour: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = colour;
    let luminance = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
    if luminance > 150.0 {
        BLACK
    } else {
        WHITE
    }
}

/// Draws a bottom value axis across `scale` at `y`, with vertical grid lines up to `top`, ticks written by
/// `label`, and the axis description centred below.
#[allow(clippy::too_many_arguments)]
pub(crate) fn value_axis<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: &Scale,
    tick_values: &[f64],
    top: i32,
    y: i32,
    label: &dyn Fn(f64) -> String,
    description: &str,
) -> Result<(), ChartError> {
    let tick_style = style(13, palette::TEXT_MUTED, false, HPos::Center, VPos::Top);
    for &v in tick_values {
        let x = scale.map(v);
        area.draw(&PathElement::new(
            vec![(x, top), (x, y)],
            palette::GRID.stroke_width(1),
        ))
        .map_err(err)?;
        text(area, label(v), (x, y + 6), &tick_style)?;
    }
    area.draw(&PathElement::new(
        vec![(scale.r0.min(scale.r1), y), (scale.r0.max(scale.r1), y)],
        palette::TEXT_MUTED.stroke_width(1),
    ))
    .map_err(err)?;
    let centre = (scale.r0 + scale.r1) / 2;
    text(
        area,
        description,
        (centre, y + 26),
        &style(14, BLACK, false, HPos::Center, VPos::Top),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cut_with_an_ellipsis() {
        assert_eq!(truncate_label("Bourgogne", 32), "Bourgogne");
        assert_eq!(
            truncate_label("Campus connecté de Saint-Martin-d'Hères", 20),
            "Campus connecté de…"
        );
    }

    #[test]
    fn french_names_sort_without_regard_to_accents_or_codes() {
        let mut names = vec![
            "Île-de-France",
            "Corse",
            "Centre-Val de Loire",
            "Hauts-de-France",
            "Auvergne-Rhône-Alpes",
            "Grand Est",
        ];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            vec![
                "Auvergne-Rhône-Alpes",
                "Centre-Val de Loire",
                "Corse",
                "Grand Est",
                "Hauts-de-France",
                "Île-de-France",
            ]
        );
    }

    #[test]
    fn ticks_cover_the_range() {
        let (lo, hi, step, values) = ticks(63.0, 91.0, 5);
        assert_eq!((lo, hi, step), (60.0, 100.0, 10.0));
        assert_eq!(values.len(), 5);
    }
}
