//! Statistics of the Campus connecté network, computed with polars lazy frames: indicator values of every campus
//! and year, pooled national and regional aggregates with distributions, series, gaps against targets,
//! completeness and timeliness, the brand-criteria scorecard, outliers, and exports with disclosure control.

mod aggregates;
mod completeness;
mod criteria;
mod dataset;
mod error;
mod frames;
mod gaps;
mod outliers;
mod values;

pub use aggregates::{aggregates, series, Aggregate, SeriesPoint};
pub use completeness::{
    completeness, Completeness, CompletenessCount, FollowUp, ScopeCompleteness,
};
pub use criteria::{scorecard, CriterionResult, Scorecard, ScorecardSummary};
pub use dataset::{Dataset, Scope, YearCalendar};
pub use error::AnalyticsError;
pub use gaps::{gap_analysis, GapEntry, IndicatorGaps};
pub use outliers::{forecast_accuracy, outliers, ForecastEntry, Outlier};
pub use values::{campus_values, CampusValue};
