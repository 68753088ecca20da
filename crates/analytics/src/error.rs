//! The analytics error: a polars failure or an export that could not be written (a bug, never bad user input:
//! inputs are typed domain values).

#[derive(Debug, thiserror::Error)]
#[error("calcul statistique impossible : {0}")]
pub struct AnalyticsError(pub String);

impl From<polars::error::PolarsError> for AnalyticsError {
    fn from(e: polars::error::PolarsError) -> Self {
        // The first line says what failed; the rest is polars's query plan.
        Self(e.to_string().lines().next().unwrap_or_default().to_owned())
    }
}

/// The error of an export (`what`: its format) that could not be written.
pub(crate) fn failed(what: &str, e: impl std::fmt::Display) -> AnalyticsError {
    AnalyticsError(format!("export {what} impossible : {e}"))
}

pub type Result<T> = std::result::Result<T, AnalyticsError>;
