//! Charts of the Campus connecté network, drawn with plotters: the same drawing code renders PNG and SVG, with a
//! font bundled in the binary (DejaVu Sans), French labels and French number formats.

pub mod bar_chart;
pub mod canvas;
mod common;
pub mod dashboard;
pub mod dashboard_spec;
pub mod diverging_chart;
pub mod format;
pub mod funnel;
pub mod funnel_chart;
pub mod map_chart;
pub mod palette;
mod rows;
pub mod scorecard_chart;
pub mod series_chart;
pub mod stacked_chart;
pub mod tiles;
pub mod units;

pub use common::truncate_label;
