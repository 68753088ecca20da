//! One drawing, two outputs: a chart is a function that draws on a plotters drawing area; it is rendered to PNG
//! (an RGB bitmap encoded with `image`) or to SVG (a string) by the same code, with the bundled font.

use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Once;

#[derive(Debug, thiserror::Error)]
#[error("rendu du graphique impossible : {0}")]
pub struct ChartError(pub String);

impl ChartError {
    pub fn from_display(e: impl std::fmt::Display) -> Self {
        Self(e.to_string())
    }
}

/// Registers DejaVu Sans (bundled in the binary) as the `sans-serif` family, once.
pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are DejaVu's own, compiled in: registration only fails on a corrupt font, which would be a
        // build defect; every drawing then falls back to failing with a ChartError, not a panic.
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold());
    });
}

/// Renders `draw` as a PNG of `width` × `height` pixels.
pub fn png<F>(width: u32, height: u32, draw: F) -> Result<Vec<u8>, ChartError>
where
    F: FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<(), ChartError>,
{
    register_fonts();
    let mut pixels = vec![255u8; (width as usize) * (height as usize) * 3];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        draw(&area)?;
        area.present().map_err(ChartError::from_display)?;
    }
    let image = image::RgbImage::from_raw(width, height, pixels)
        .ok_or_else(|| ChartError("tampon d'image incohérent".into()))?;
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(ChartError::from_display)?;
    Ok(out.into_inner())
}

/// Renders `draw` as an SVG document of `width` × `height`.
pub fn svg<F>(width: u32, height: u32, draw: F) -> Result<String, ChartError>
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
{
    register_fonts();
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
        draw(&area)?;
        area.present().map_err(ChartError::from_display)?;
    }
    Ok(text)
}
