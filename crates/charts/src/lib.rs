#![doc = include_str!("../README.md")]

pub mod bar_chart;
pub mod canvas;
mod common;
pub mod dashboard;
pub mod dashboard_spec;
pub mod diverging_chart;
pub mod funnel;
pub mod funnel_chart;
pub mod geo;
pub mod map_chart;
pub mod palette;
mod rows;
pub mod scorecard_chart;
pub mod series_chart;
pub mod stacked_chart;
pub mod tiles;
pub mod units;

pub use common::{collation_key, truncate_label};
