//! One drawing, two outputs: a chart is a function that draws on a plotters drawing area; it is rendered to PNG
//! (the SVG rasterised by resvg, its text shaped with the bundled font, encoded with `image`) or to SVG (a
//! string) by the same code.

use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::{Once, OnceLock};

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

/// Renders `draw` as a PNG of `width` × `height` pixels: drawn as SVG by the same code, then rasterised by resvg
/// with the bundled DejaVu Sans, so that text is shaped (kerning, ligatures, accents) as a browser would, not
/// glyph by glyph.
pub fn png<F>(width: u32, height: u32, draw: F) -> Result<Vec<u8>, ChartError>
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), ChartError>,
{
    let document = svg(width, height, draw)?;
    rasterise(&document, width, height)
}

/// The font database of the PNGs: DejaVu Sans regular and bold, answering for `sans-serif`.
fn fonts() -> &'static std::sync::Arc<resvg::usvg::fontdb::Database> {
    static FONTS: OnceLock<std::sync::Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(dejavu::sans::regular().to_vec());
        db.load_font_data(dejavu::sans::bold().to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        std::sync::Arc::new(db)
    })
}

/// An SVG document rasterised to a PNG of `width` × `height` pixels on white.
pub fn rasterise(document: &str, width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let options = resvg::usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fonts().clone(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(document, &options).map_err(ChartError::from_display)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ChartError("taille d'image invalide".into()))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    // Opaque on white: the premultiplied channels are the plain ones.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let image = image::RgbImage::from_raw(width, height, rgb)
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
