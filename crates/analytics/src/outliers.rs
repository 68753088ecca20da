//! Outliers of a year: campus values far from their peers (robust z-score on the median and the median absolute
//! deviation, only for campuses with enough students that noise is not flagged) and large year-on-year jumps; and
//! the accuracy of the flash survey's forecast against the actual enrolment.

use crate::dataset::Dataset;
use crate::error::Result;
use crate::frames::{CAMPUS, REGION, YEAR};
use crate::values::{f64s, i32s, indicator_parts, strings, DENOMINATOR, INDICATOR, VALUE};
use pilotage_domain::flash_survey::forecast_error;
use pilotage_domain::indicators::{indicator, Better, Indicator, Unit};
use pilotage_domain::{AcademicYear, CampusId, RegionCode};
use polars::prelude::*;
use serde::Serialize;

/// Campuses with fewer students (or respondents, or tutors' students) are not flagged: their rates are noise.
pub const MIN_DENOMINATOR: f64 = 10.0;
/// A robust z-score beyond this is far from the peers (Iglewicz and Hoaglin's 3.5).
pub const Z_LIMIT: f64 = 3.5;
/// A jump of a rate by this many points from one year to the next is flagged.
pub const JUMP_POINTS: f64 = 25.0;
/// A jump of another indicator by this share of last year's value is flagged.
pub const JUMP_RELATIVE: f64 = 0.5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlier {
    pub campus_id: CampusId,
    pub region_code: RegionCode,
    pub academic_year: AcademicYear,
    pub indicator: &'static str,
    pub value: f64,
    /// `far_from_peers` or `year_on_year_jump`.
    pub kind: &'static str,
    /// The robust z-score, or the previous year's value.
    pub score: f64,
    /// Why it was flagged, in French.
    pub reason: String,
}

fn fr(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

/// How a year-on-year jump of an indicator is judged.
enum JumpRule {
    /// A rate: a change of [`JUMP_POINTS`] points.
    Points,
    /// Another figure: a change of [`JUMP_RELATIVE`] of last year's value, when that value was at least this.
    Relative { min_previous: f64 },
}

/// `None` where a jump says nothing: a handful of meetings (1 → 2 doubles), or a balance that should be zero.
fn jump_rule(ind: &Indicator) -> Option<JumpRule> {
    match ind.unit {
        Unit::Percent => Some(JumpRule::Points),
        Unit::Meetings => None,
        _ if ind.better == Better::Neither => None,
        Unit::Students => Some(JumpRule::Relative {
            min_previous: MIN_DENOMINATOR,
        }),
        _ => Some(JumpRule::Relative { min_previous: 0.0 }),
    }
}

pub fn outliers(data: &Dataset, year: AcademicYear) -> Result<Vec<Outlier>> {
    let eligible = col(VALUE).is_not_null().and(
        col(DENOMINATOR)
            .is_null()
            .or(col(DENOMINATOR).gt_eq(lit(MIN_DENOMINATOR))),
    );
    // Only the year and the one before matter: peers are compared within a year, and a jump is from the year
    // just before (an earlier last value is not a jump).
    let years = [year.start_year() - 1, year.start_year()];
    let mut parts = Vec::new();
    for (ind, values) in indicator_parts(data, Some(&years))? {
        let base = values
            .filter(eligible.clone())
            .sort([CAMPUS, YEAR], SortMultipleOptions::default());
        // The row before in the same campus (rows are sorted by campus and year): a shift within each campus,
        // without a window over thousands of groups.
        let same_campus = when(col(CAMPUS).shift(lit(1)).eq(col(CAMPUS)));
        let median = col(VALUE).median().over([col(YEAR)])?;
        let deviation = (col(VALUE) - median.clone()).abs();
        let z = lit(0.6745) * (col(VALUE) - col("median")) / col("mad");
        let far = col("mad").gt(lit(0.0)).and(z.abs().gt(lit(Z_LIMIT)));
        let change = col(VALUE) - col("previous");
        let jump = match jump_rule(ind) {
            None => lit(false),
            Some(JumpRule::Points) => change.abs().gt_eq(lit(JUMP_POINTS)),
            Some(JumpRule::Relative { min_previous }) => col("previous")
                .abs()
                .gt_eq(lit(min_previous))
                .and(col("previous").neq(lit(0.0)))
                .and((change / col("previous")).abs().gt_eq(lit(JUMP_RELATIVE))),
        };
        let after_last_year = col("previous_year")
            .eq(lit(year.start_year() - 1))
            .and(jump);
        parts.push(
            base.with_columns([median.alias("median"), deviation.alias("deviation")])
                .with_columns([col("deviation").median().over([col(YEAR)])?.alias("mad")])
                .with_columns([
                    same_campus
                        .clone()
                        .then(col(VALUE).shift(lit(1)))
                        .otherwise(lit(NULL).cast(DataType::Float64))
                        .alias("previous"),
                    same_campus
                        .then(col(YEAR).shift(lit(1)))
                        .otherwise(lit(NULL).cast(DataType::Int32))
                        .alias("previous_year"),
                ])
                .filter(col(YEAR).eq(lit(year.start_year())))
                // The candidates only (checked again below), so that few rows are read back.
                .filter(far.fill_null(false).or(after_last_year.fill_null(false)))
                .select([
                    col(CAMPUS),
                    col(REGION),
                    lit(ind.name).alias(INDICATOR),
                    col(VALUE),
                    col("median"),
                    col("mad"),
                    col("previous"),
                    col("previous_year"),
                ]),
        );
    }
    let df = concat(parts, UnionArgs::default())?.collect()?;
    let (campuses, regions, indicators) = (
        strings(&df, CAMPUS)?,
        strings(&df, REGION)?,
        strings(&df, INDICATOR)?,
    );
    let (values, medians, mads) = (f64s(&df, VALUE)?, f64s(&df, "median")?, f64s(&df, "mad")?);
    let (previous, previous_year) = (f64s(&df, "previous")?, i32s(&df, "previous_year")?);
    let mut out = Vec::new();
    for i in 0..df.height() {
        let (Some(c), Some(r), Some(name), Some(value)) =
            (&campuses[i], &regions[i], &indicators[i], values[i])
        else {
            continue;
        };
        let (Ok(campus_id), Ok(region_code), Some(ind)) = (
            c.parse::<CampusId>(),
            r.parse::<RegionCode>(),
            indicator(name),
        ) else {
            continue;
        };
        if let (Some(median), Some(mad)) = (medians[i], mads[i]) {
            if mad > 0.0 {
                let z = 0.6745 * (value - median) / mad;
                if z.abs() > Z_LIMIT {
                    out.push(Outlier {
                        campus_id: campus_id.clone(),
                        region_code,
                        academic_year: year,
                        indicator: ind.name,
                        value,
                        kind: "far_from_peers",
                        score: z,
                        reason: format!(
                            "{} : {} contre une médiane de {} (score z robuste {})",
                            ind.label,
                            fr(value),
                            fr(median),
                            fr(z)
                        ),
                    });
                }
            }
        }
        if let (Some(before), Some(y)) = (previous[i], previous_year[i]) {
            if y + 1 == year.start_year() {
                let jump = match jump_rule(ind) {
                    None => false,
                    Some(JumpRule::Points) => (value - before).abs() >= JUMP_POINTS,
                    Some(JumpRule::Relative { min_previous }) => {
                        before.abs() >= min_previous
                            && before != 0.0
                            && ((value - before) / before).abs() >= JUMP_RELATIVE
                    }
                };
                if jump {
                    out.push(Outlier {
                        campus_id,
                        region_code,
                        academic_year: year,
                        indicator: ind.name,
                        value,
                        kind: "year_on_year_jump",
                        score: before,
                        reason: format!(
                            "{} : {} après {} l'année précédente",
                            ind.label,
                            fr(value),
                            fr(before)
                        ),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| {
        (a.indicator, &a.campus_id, a.kind).cmp(&(b.indicator, &b.campus_id, b.kind))
    });
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastEntry {
    pub campus_id: CampusId,
    pub academic_year: AcademicYear,
    pub forecast: i64,
    pub actual: i64,
    /// (forecast − actual) / actual, in percent.
    pub error: Option<f64>,
}

/// The flash survey's forecast enrolment against the annual report's actual one, for every campus with both.
pub fn forecast_accuracy(data: &Dataset, year: AcademicYear) -> Vec<ForecastEntry> {
    let mut out: Vec<_> = data
        .flash_surveys
        .iter()
        .filter(|s| s.academic_year == year)
        .filter_map(|s| {
            let forecast = s.survey.forecast_students_enrolled?;
            let report = data.reports.iter().find(|r| {
                r.campus_id == s.campus_id && r.academic_year == year && data.counts(r.status)
            })?;
            let actual = report.grid.students_enrolled?;
            Some(ForecastEntry {
                campus_id: s.campus_id.clone(),
                academic_year: year,
                forecast,
                actual,
                error: forecast_error(forecast, actual),
            })
        })
        .collect();
    out.sort_by(|a, b| a.campus_id.cmp(&b.campus_id));
    out
}
