//! Exports of every indicator for the ministry and open data.

mod indicators;

pub use indicators::export_indicators;
