//! National and regional figures per year: pooled values (ratio of sums, never the mean of campus rates), totals,
//! the distribution of campus values, and series over years with year-on-year change.

use crate::dataset::{Dataset, Scope};
use crate::error::Result;
use crate::frames::{REGION, YEAR};
use crate::values::{
    campus_values, f64s, i32s, indicator_parts, strings, DENOMINATOR, INDICATOR, NUMERATOR, VALUE,
    WEIGHT,
};
use pilotage_domain::indicators::{indicator, Pooling};
use pilotage_domain::target::{Gap, Target, TargetScope};
use pilotage_domain::AcademicYear;
use polars::prelude::*;
use serde::Serialize;

/// One indicator for one scope and year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    pub scope: Scope,
    pub academic_year: AcademicYear,
    pub indicator: &'static str,
    /// The pooled value (ratio of sums), the total, or the weighted mean, as the indicator pools.
    pub value: Option<f64>,
    /// Σ numerators and Σ denominators over the campuses where both are known (pooled ratios).
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Campuses with a value.
    pub campuses: u32,
    pub min: Option<f64>,
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
    pub max: Option<f64>,
}

fn group_aggregates(frame: LazyFrame, keys: Vec<Expr>) -> LazyFrame {
    let ratio_rows = col(NUMERATOR)
        .is_not_null()
        .and(col(DENOMINATOR).is_not_null());
    let weighted_rows = col(NUMERATOR).is_not_null().and(col(WEIGHT).is_not_null());
    frame.group_by(keys).agg([
        col(NUMERATOR)
            .filter(ratio_rows.clone())
            .sum()
            .alias("ratio_num"),
        col(DENOMINATOR)
            .filter(ratio_rows.clone())
            .sum()
            .alias("ratio_den"),
        ratio_rows.cast(DataType::UInt32).sum().alias("ratio_n"),
        col(NUMERATOR).sum().alias("total"),
        col(NUMERATOR)
            .is_not_null()
            .cast(DataType::UInt32)
            .sum()
            .alias("total_n"),
        (col(NUMERATOR) * col(WEIGHT))
            .filter(weighted_rows.clone())
            .sum()
            .alias("weighted_sum"),
        col(WEIGHT).filter(weighted_rows).sum().alias("weights"),
        col(VALUE).count().alias("n"),
        col(VALUE).min().alias("min"),
        col(VALUE)
            .quantile(lit(0.25), QuantileMethod::Linear)
            .alias("q1"),
        col(VALUE).median().alias("median"),
        col(VALUE)
            .quantile(lit(0.75), QuantileMethod::Linear)
            .alias("q3"),
        col(VALUE).max().alias("max"),
    ])
}

/// Every indicator for the nation and each région, for every year with counted reports.
pub fn aggregates(data: &Dataset) -> Result<Vec<Aggregate>> {
    aggregates_for(data, None)
}

/// The aggregates of the academic start years `years` (every year if `None`), in the order of [`aggregates`].
pub(crate) fn aggregates_for(data: &Dataset, years: Option<&[i32]>) -> Result<Vec<Aggregate>> {
    let columns = [
        INDICATOR,
        YEAR,
        REGION,
        "ratio_num",
        "ratio_den",
        "ratio_n",
        "total",
        "total_n",
        "weighted_sum",
        "weights",
        "n",
        "min",
        "q1",
        "median",
        "q3",
        "max",
    ]
    .map(col);
    let mut groups = Vec::new();
    for (ind, values) in indicator_parts(data, years)? {
        groups.push(
            group_aggregates(values.clone(), vec![col(YEAR)])
                .with_columns([
                    lit(ind.name).alias(INDICATOR),
                    lit(NULL).cast(DataType::String).alias(REGION),
                ])
                .select(columns.clone()),
        );
        groups.push(
            group_aggregates(values, vec![col(YEAR), col(REGION)])
                .with_column(lit(ind.name).alias(INDICATOR))
                .select(columns.clone()),
        );
    }
    let df = concat(
        groups,
        UnionArgs {
            to_supertypes: true,
            ..Default::default()
        },
    )?
    .collect()?;
    let get = |name: &str| f64s(&df, name);
    let (indicators, years, regions) = (
        strings(&df, INDICATOR)?,
        i32s(&df, YEAR)?,
        strings(&df, REGION)?,
    );
    let (ratio_num, ratio_den, ratio_n) = (get("ratio_num")?, get("ratio_den")?, get("ratio_n")?);
    let (total, total_n, weighted_sum, weights) = (
        get("total")?,
        get("total_n")?,
        get("weighted_sum")?,
        get("weights")?,
    );
    let (n, min, q1, median, q3, max) = (
        get("n")?,
        get("min")?,
        get("q1")?,
        get("median")?,
        get("q3")?,
        get("max")?,
    );
    let mut out = Vec::new();
    for i in 0..df.height() {
        let (Some(name), Some(year)) = (&indicators[i], years[i]) else {
            continue;
        };
        let (Some(ind), Ok(academic_year)) = (indicator(name), AcademicYear::starting(year)) else {
            continue;
        };
        let scope = match &regions[i] {
            None => Scope::Nation,
            Some(code) => match code.parse() {
                Ok(r) => Scope::Region(r),
                Err(_) => continue,
            },
        };
        let some = |count: Option<f64>| count.is_some_and(|c| c > 0.0);
        let (value, numerator, denominator) = match ind.pooling {
            Pooling::Ratio if some(ratio_n[i]) => {
                let v = ind.from_sums(ratio_num[i], ratio_den[i]);
                (v.value, ratio_num[i], ratio_den[i])
            }
            Pooling::Sum if some(total_n[i]) => {
                (ind.from_sums(total[i], None).value, total[i], None)
            }
            Pooling::WeightedMean(_) => match (weighted_sum[i], weights[i]) {
                (Some(s), Some(w)) if w != 0.0 => (Some(s / w * ind.factor), Some(s), Some(w)),
                _ => (None, None, None),
            },
            _ => (None, None, None),
        };
        out.push(Aggregate {
            scope,
            academic_year,
            indicator: ind.name,
            value,
            numerator,
            denominator,
            campuses: n[i].map_or(0, |v| v as u32),
            min: min[i],
            q1: q1[i],
            median: median[i],
            q3: q3[i],
            max: max[i],
        });
    }
    out.sort_by(|a, b| {
        (&a.scope, a.academic_year, a.indicator).cmp(&(&b.scope, b.academic_year, b.indicator))
    });
    Ok(out)
}

/// One year of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    pub academic_year: AcademicYear,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Campuses behind the value (1 for a campus).
    pub campuses: u32,
    /// Change from the year before (absolute), when both years have a value.
    pub change: Option<f64>,
    /// The target of the scope for the year, and the gap against it.
    pub target: Option<Target>,
    pub gap: Option<Gap>,
}

/// The target set for exactly this scope (a campus falls back on its région's, then the nation's).
fn target_for(
    data: &Dataset,
    indicator: &str,
    scope: &Scope,
    year: AcademicYear,
) -> Option<Target> {
    match scope {
        Scope::Campus(id) => {
            let region = data.region_of(id)?;
            pilotage_domain::target::applicable(&data.targets, indicator, year, id, region).cloned()
        }
        Scope::Region(r) => data
            .targets
            .iter()
            .find(|t| {
                t.indicator == indicator
                    && t.academic_year == year
                    && t.scope == TargetScope::Region(*r)
            })
            .or_else(|| {
                data.targets.iter().find(|t| {
                    t.indicator == indicator
                        && t.academic_year == year
                        && t.scope == TargetScope::Nation
                })
            })
            .cloned(),
        Scope::Nation => data
            .targets
            .iter()
            .find(|t| {
                t.indicator == indicator
                    && t.academic_year == year
                    && t.scope == TargetScope::Nation
            })
            .cloned(),
    }
}

/// An indicator over years for a scope, against its targets, with year-on-year change.
pub fn series(
    data: &Dataset,
    indicator_name: &str,
    scope: &Scope,
    from: Option<AcademicYear>,
    to: Option<AcademicYear>,
) -> Result<Vec<SeriesPoint>> {
    let in_range = |y: AcademicYear| from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t);
    let mut points: Vec<SeriesPoint> = match scope {
        Scope::Campus(id) => campus_values(data)?
            .into_iter()
            .filter(|v| {
                &v.campus_id == id && v.indicator == indicator_name && in_range(v.academic_year)
            })
            .map(|v| SeriesPoint {
                academic_year: v.academic_year,
                value: v.value,
                numerator: v.numerator,
                denominator: v.denominator,
                campuses: 1,
                change: None,
                target: None,
                gap: None,
            })
            .collect(),
        _ => aggregates(data)?
            .into_iter()
            .filter(|a| {
                &a.scope == scope && a.indicator == indicator_name && in_range(a.academic_year)
            })
            .map(|a| SeriesPoint {
                academic_year: a.academic_year,
                value: a.value,
                numerator: a.numerator,
                denominator: a.denominator,
                campuses: a.campuses,
                change: None,
                target: None,
                gap: None,
            })
            .collect(),
    };
    points.sort_by_key(|p| p.academic_year);
    let mut previous: Option<(AcademicYear, Option<f64>)> = None;
    for p in &mut points {
        if let Some((y, Some(v))) = previous {
            if y.next().ok() == Some(p.academic_year) {
                p.change = p.value.map(|now| now - v);
            }
        }
        previous = Some((p.academic_year, p.value));
        p.target = target_for(data, indicator_name, scope, p.academic_year);
        p.gap = p.target.as_ref().map(|t| t.gap(p.value));
    }
    Ok(points)
}
