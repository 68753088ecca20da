#![doc = include_str!("../README.md")]

mod aggregates;
mod completeness;
mod criteria;
mod dataset;
mod disclosure;
mod error;
mod export;
mod frames;
mod gaps;
mod observations;
mod outliers;
mod sdmx;
mod values;

pub use aggregates::{aggregates, series, Aggregate, SeriesPoint};
pub use completeness::{
    completeness, expected, progress, Completeness, CompletenessCount, FollowUp, ScopeCompleteness,
};
pub use criteria::{scorecard, CriterionResult, Scorecard, ScorecardSummary};
pub use dataset::{Dataset, Scope, YearCalendar};
pub use disclosure::withheld;
pub use error::AnalyticsError;
pub use export::{
    export, export_observations, observations_frame, ExportFormat, UnknownExportFormat,
};
pub use gaps::{gap_analysis, GapEntry, IndicatorGaps};
pub use observations::{
    mark_provisional, observations, unit_measure, Audience, ObsStatus, Observation,
};
pub use outliers::{forecast_accuracy, outliers, ForecastEntry, Outlier};
pub use sdmx::{dataflow, sdmx_time_period};
pub use values::{campus_values, campus_values_for_year, CampusValue};
