//! Headline tiles: a row of boxes, each with a big French-formatted number and a small label below
//! (« 85 campus », « 1 942 étudiants », « 85,4 % de réussite »); a missing value is « — » with « Aucune donnée ».

use crate::canvas::ChartError;
use crate::common::{err, fit, fitting_size, frame, no_data, px, style, text, width};
use crate::palette;
use crate::units::Unit;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One tile: a value (`None` when unknown), its unit and the label written below, e.g. « de réussite ».
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub value: Option<f64>,
    pub unit: Unit,
    pub label: String,
}

/// A row of headline tiles; every text in French.
#[derive(Debug, Clone, PartialEq)]
pub struct Tiles {
    pub title: String,
    pub tiles: Vec<Tile>,
    /// Source and data date.
    pub footer: String,
}

/// The big text of a tile: the value written short (`95 %`, `4 701 €`), or « — ».
pub fn headline(tile: &Tile) -> String {
    tile.value
        .filter(|v| v.is_finite())
        .map_or_else(|| "—".to_owned(), |v| tile.unit.format_short(v))
}

/// `label` on at most two lines of `max_width` pixels.
fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    label: &str,
    s: &TextStyle<'static>,
    max_width: i32,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in label.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if current.is_empty() || width(area, &candidate, s) <= max_width || lines.len() == 1 {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_owned();
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
        .into_iter()
        .map(|l| fit(area, &l, s, max_width))
        .collect()
}

/// Draws `tiles` on `area`. With no tile it says « Aucune donnée ».
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    tiles: &Tiles,
) -> Result<(), ChartError> {
    let body = frame(area, &tiles.title, &tiles.footer)?;
    if tiles.tiles.is_empty() {
        return no_data(&body);
    }
    let (w, h) = body.dim_in_pixel();
    let (w, h) = (px(w), px(h));
    let n = i32::try_from(tiles.tiles.len()).unwrap_or(1).max(1);
    let gap = 14;
    let tile_w = ((w - 32 - gap * (n - 1)) / n).max(10);
    let tile_h = (h - 12).clamp(10, 170);
    let headlines: Vec<String> = tiles.tiles.iter().map(headline).collect();
    // One size for every number, the largest at which all fit.
    let sizes = [44, 40, 36, 32, 28, 24, 20, 16];
    let big = headlines
        .iter()
        .map(|t| fitting_size(&body, t, &sizes, true, tile_w - 36))
        .min()
        .unwrap_or(24);
    let label_size = if tile_w >= 150 { 16 } else { 13 };
    for (i, (tile, head)) in tiles.tiles.iter().zip(headlines).enumerate() {
        let x0 = 16 + (tile_w + gap) * i32::try_from(i).unwrap_or(0);
        let y0 = 4;
        let known = tile.value.is_some_and(f64::is_finite);
        body.draw(&Rectangle::new(
            [(x0, y0), (x0 + tile_w, y0 + tile_h)],
            RGBColor(0xF4, 0xF7, 0xFA).filled(),
        ))
        .map_err(err)?;
        body.draw(&Rectangle::new(
            [(x0, y0), (x0 + tile_w, y0 + tile_h)],
            palette::GRID.stroke_width(1),
        ))
        .map_err(err)?;
        body.draw(&Rectangle::new(
            [(x0, y0), (x0 + 5, y0 + tile_h)],
            palette::WITHIN.filled(),
        ))
        .map_err(err)?;
        let centre = x0 + tile_w / 2 + 2;
        let colour = if known {
            palette::WITHIN
        } else {
            palette::TEXT_MUTED
        };
        let big_y = y0 + tile_h * 2 / 5;
        text(
            &body,
            head,
            (centre, big_y),
            &style(big, colour, true, HPos::Center, VPos::Center),
        )?;
        let label_style = style(label_size, BLACK, false, HPos::Center, VPos::Top);
        let mut y = big_y + px(big) * 3 / 4;
        for line in wrap(&body, &tile.label, &label_style, tile_w - 16) {
            text(&body, line, (centre, y), &label_style)?;
            y += px(label_size) + 4;
        }
        if !known {
            text(
                &body,
                "Aucune donnée",
                (centre, y + 2),
                &style(
                    label_size.saturating_sub(2),
                    palette::TEXT_MUTED,
                    false,
                    HPos::Center,
                    VPos::Top,
                ),
            )?;
        }
    }
    Ok(())
}
