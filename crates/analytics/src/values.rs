//! Indicator values of every campus and year, from the domain's indicator table: numerator, denominator, value
//! (null when undefined) and, for shares of students, the 95 % Wilson score interval.

use crate::dataset::Dataset;
use crate::error::Result;
use crate::frames::{counted_reports, reports_frame, CAMPUS, REGION, YEAR};
use pilotage_domain::indicators::{wilson_interval, Indicator, Pooling, Term, INDICATORS};
use pilotage_domain::{AcademicYear, CampusId, RegionCode};
use polars::prelude::*;
use serde::Serialize;

pub const INDICATOR: &str = "indicator";
pub const NUMERATOR: &str = "numerator";
pub const DENOMINATOR: &str = "denominator";
pub const WEIGHT: &str = "weight";
pub const VALUE: &str = "value";

/// `Σ sign × field` as a polars expression (null when a field is null).
fn linear(terms: &[Term]) -> Expr {
    terms
        .iter()
        .map(|t| col(t.field) * lit(f64::from(t.sign)))
        .reduce(|a, b| a + b)
        .unwrap_or_else(|| lit(NULL).cast(DataType::Float64))
}

/// The value of an indicator from its numerator and denominator columns.
pub fn value_expr(indicator: &Indicator, numerator: Expr, denominator: Expr) -> Expr {
    match indicator.denominator {
        Some(_) => when(denominator.clone().neq(lit(0.0)))
            .then(numerator / denominator * lit(indicator.factor))
            .otherwise(lit(NULL).cast(DataType::Float64)),
        None => numerator * lit(indicator.factor),
    }
}

/// One frame per indicator, in table order: a row per counted report of the academic start years `years` (every
/// year if `None`) with its campus, région, year, numerator, denominator, weight and value. Statistics work on
/// each indicator's frame apart, then stack the (small) results: no 14-fold long frame keyed by name.
pub(crate) fn indicator_parts(
    data: &Dataset,
    years: Option<&[i32]>,
) -> Result<Vec<(&'static Indicator, LazyFrame)>> {
    let rows = counted_reports(data, years);
    let wide = reports_frame(&rows)?.lazy();
    Ok(INDICATORS
        .iter()
        .map(|ind| (ind, indicator_frame(&wide, ind, true)))
        .collect())
}

/// An indicator's figures over a wide frame, a row per row of it; with `keys`, also campus, région, year and
/// weight.
fn indicator_frame(wide: &LazyFrame, ind: &Indicator, keys: bool) -> LazyFrame {
    let numerator = linear(ind.numerator);
    let denominator = ind
        .denominator
        .map_or_else(|| lit(NULL).cast(DataType::Float64), linear);
    let mut columns = if keys {
        vec![col(CAMPUS), col(REGION), col(YEAR)]
    } else {
        Vec::new()
    };
    columns.extend([
        numerator.clone().alias(NUMERATOR),
        denominator.clone().alias(DENOMINATOR),
    ]);
    if keys {
        let weight = match ind.pooling {
            Pooling::WeightedMean(terms) => linear(terms),
            _ => lit(NULL).cast(DataType::Float64),
        };
        columns.push(weight.alias(WEIGHT));
    }
    columns.push(value_expr(ind, numerator, denominator).alias(VALUE));
    wide.clone().select(columns)
}

/// An indicator of one campus for one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampusValue {
    pub campus_id: CampusId,
    pub region_code: RegionCode,
    pub academic_year: AcademicYear,
    pub indicator: &'static str,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// 95 % Wilson score interval, in percent, for shares of students.
    pub confidence_interval: Option<[f64; 2]>,
}

pub(crate) fn f64s(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    Ok(df
        .column(name)?
        .as_materialized_series()
        .cast(&DataType::Float64)?
        .f64()?
        .iter()
        .collect())
}

pub(crate) fn strings(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    Ok(df
        .column(name)?
        .as_materialized_series()
        .str()?
        .iter()
        .map(|s| s.map(str::to_owned))
        .collect())
}

pub(crate) fn i32s(df: &DataFrame, name: &str) -> Result<Vec<Option<i32>>> {
    Ok(df
        .column(name)?
        .as_materialized_series()
        .cast(&DataType::Int32)?
        .i32()?
        .iter()
        .collect())
}

/// Every campus value (of the reports that count), ordered by campus, year and indicator table order.
pub fn campus_values(data: &Dataset) -> Result<Vec<CampusValue>> {
    campus_values_for(data, None)
}

/// The campus values of the academic start years `years` (every year if `None`), in the order of
/// [`campus_values`].
///
/// Polars computes the formulas; the rows are matched back to their reports by position (the frame stacks one
/// block of rows per indicator, each in report order), which spares reading campus and year back as strings.
/// The values of every campus that reported for `year` (a counted report), one per indicator.
pub fn campus_values_for_year(data: &Dataset, year: AcademicYear) -> Result<Vec<CampusValue>> {
    campus_values_for(data, Some(&[year.start_year()]))
}

pub(crate) fn campus_values_for(data: &Dataset, years: Option<&[i32]>) -> Result<Vec<CampusValue>> {
    let rows = counted_reports(data, years);
    let n = rows.len();
    let wide = reports_frame(&rows)?.lazy();
    let parts: Vec<LazyFrame> = INDICATORS
        .iter()
        .map(|ind| indicator_frame(&wide, ind, false))
        .collect();
    let df = concat(parts, UnionArgs::default())?.collect()?;
    let (values, numerators, denominators) = (
        f64s(&df, VALUE)?,
        f64s(&df, NUMERATOR)?,
        f64s(&df, DENOMINATOR)?,
    );
    // Reports of campuses the dataset knows, by campus and year; reports of the same campus and year (which the
    // store forbids) keep their order.
    let mut order: Vec<(&str, AcademicYear, usize)> = (0..n)
        .filter(|&i| rows[i].1.is_some())
        .map(|i| (rows[i].0.campus_id.as_str(), rows[i].0.academic_year, i))
        .collect();
    order.sort_unstable();
    let mut out = Vec::with_capacity(order.len() * INDICATORS.len());
    for run in order.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        for (k, ind) in INDICATORS.iter().enumerate() {
            for &(_, _, i) in run {
                let (report, region) = rows[i];
                let Some(region_code) = region else {
                    continue;
                };
                let at = k * n + i;
                let (value, numerator, denominator) = (
                    values.get(at).copied().flatten(),
                    numerators.get(at).copied().flatten(),
                    denominators.get(at).copied().flatten(),
                );
                let confidence_interval = match (ind.proportion, numerator, denominator) {
                    (true, Some(n), Some(d)) => wilson_interval(n, d).map(|(lo, hi)| [lo, hi]),
                    _ => None,
                };
                out.push(CampusValue {
                    campus_id: report.campus_id.clone(),
                    region_code,
                    academic_year: report.academic_year,
                    indicator: ind.name,
                    value: value.filter(|v| v.is_finite()),
                    numerator,
                    denominator,
                    confidence_interval,
                });
            }
        }
    }
    Ok(out)
}
