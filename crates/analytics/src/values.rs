//! Indicator values of every campus and year, from the domain's indicator table: numerator, denominator, value
//! (null when undefined) and, for shares of students, the 95 % Wilson score interval.

use crate::dataset::Dataset;
use crate::error::Result;
use crate::frames::{reports_frame, CAMPUS, REGION, YEAR};
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

/// One long frame: a row per campus, year and indicator.
pub fn values_frame(data: &Dataset) -> Result<LazyFrame> {
    let wide = reports_frame(data)?.lazy();
    let parts: Vec<LazyFrame> = INDICATORS
        .iter()
        .map(|ind| {
            let numerator = linear(ind.numerator);
            let denominator = ind
                .denominator
                .map_or_else(|| lit(NULL).cast(DataType::Float64), linear);
            let weight = match ind.pooling {
                Pooling::WeightedMean(terms) => linear(terms),
                _ => lit(NULL).cast(DataType::Float64),
            };
            wide.clone().select([
                col(CAMPUS),
                col(REGION),
                col(YEAR),
                lit(ind.name).alias(INDICATOR),
                numerator.clone().alias(NUMERATOR),
                denominator.clone().alias(DENOMINATOR),
                weight.alias(WEIGHT),
                value_expr(ind, numerator, denominator).alias(VALUE),
            ])
        })
        .collect();
    Ok(concat(parts, UnionArgs::default())?)
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
    let df = values_frame(data)?.collect()?;
    let (campuses, regions, years) = (
        strings(&df, CAMPUS)?,
        strings(&df, REGION)?,
        i32s(&df, YEAR)?,
    );
    let (indicators, values) = (strings(&df, INDICATOR)?, f64s(&df, VALUE)?);
    let (numerators, denominators) = (f64s(&df, NUMERATOR)?, f64s(&df, DENOMINATOR)?);
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let (Some(campus), Some(region), Some(year), Some(name)) =
            (&campuses[i], &regions[i], years[i], &indicators[i])
        else {
            continue;
        };
        let (Ok(campus_id), Ok(region_code), Ok(academic_year), Some(ind)) = (
            campus.parse::<CampusId>(),
            region.parse::<RegionCode>(),
            AcademicYear::starting(year),
            pilotage_domain::indicators::indicator(name),
        ) else {
            continue;
        };
        let (numerator, denominator) = (numerators[i], denominators[i]);
        let confidence_interval = match (ind.proportion, numerator, denominator) {
            (true, Some(n), Some(d)) => wilson_interval(n, d).map(|(lo, hi)| [lo, hi]),
            _ => None,
        };
        out.push(CampusValue {
            campus_id,
            region_code,
            academic_year,
            indicator: ind.name,
            value: values[i].filter(|v| v.is_finite()),
            numerator,
            denominator,
            confidence_interval,
        });
    }
    let order = |name: &str| {
        INDICATORS
            .iter()
            .position(|i| i.name == name)
            .unwrap_or(usize::MAX)
    };
    out.sort_by(|a, b| {
        (&a.campus_id, a.academic_year, order(a.indicator)).cmp(&(
            &b.campus_id,
            b.academic_year,
            order(b.indicator),
        ))
    });
    Ok(out)
}
