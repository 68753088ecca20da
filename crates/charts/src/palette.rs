//! Colours readable by colour-blind people (Okabe–Ito), and the greys of text and grids.

use plotters::style::RGBColor;

/// Within the limits: blue.
pub const WITHIN: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Outside 95 %: orange.
pub const WARNING: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Outside 99,8 %: vermillion.
pub const ALARM: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// The national reference line: bluish green.
pub const REFERENCE: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const LIMIT_95: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
pub const LIMIT_998: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
pub const TEXT_MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
