//! Charts of the Campus connecté network, drawn with plotters: the same drawing code renders PNG and SVG, with a
//! font bundled in the binary (DejaVu Sans), French labels and French number formats.

pub mod canvas;
pub mod dashboard_spec;
pub mod format;
pub mod funnel;
pub mod funnel_chart;
pub mod palette;
