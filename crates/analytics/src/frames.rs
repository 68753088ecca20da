//! The reports that count, as one wide polars frame: a row per campus and year, a column per grid field that an
//! indicator uses (money in cents, as floats), plus the campus's région.

use crate::dataset::Dataset;
use crate::error::Result;
use pilotage_domain::indicators::{Pooling, INDICATORS};
use pilotage_domain::{AnnualReport, FieldValue, IndicatorGrid, RegionCode};
use polars::prelude::*;
use std::collections::HashMap;

pub const CAMPUS: &str = "campus_id";
pub const REGION: &str = "region";
pub const YEAR: &str = "year";

/// The grid fields the indicators are computed from (numerators, denominators and weights), each once.
pub fn indicator_fields() -> Vec<&'static str> {
    let mut fields: Vec<&'static str> = Vec::new();
    for ind in INDICATORS {
        let weights = match ind.pooling {
            Pooling::WeightedMean(terms) => terms,
            _ => &[],
        };
        for term in ind
            .numerator
            .iter()
            .chain(ind.denominator.unwrap_or(&[]))
            .chain(weights)
        {
            if !fields.contains(&term.field) {
                fields.push(term.field);
            }
        }
    }
    fields
}

/// The reports that count, in the dataset's order, restricted to the academic start years `years` if given,
/// each with its campus's région (`None` for a campus the dataset does not know).
pub fn counted_reports<'a>(
    data: &'a Dataset,
    years: Option<&[i32]>,
) -> Vec<(&'a AnnualReport, Option<RegionCode>)> {
    // First campus of an id wins, as `Dataset::region_of` does.
    let mut regions: HashMap<&str, RegionCode> = HashMap::with_capacity(data.campuses.len());
    for c in &data.campuses {
        regions.entry(c.id.as_str()).or_insert(c.region_code);
    }
    data.reports
        .iter()
        .filter(|r| data.counts(r.status))
        .filter(|r| years.is_none_or(|ys| ys.contains(&r.academic_year.start_year())))
        .map(|r| (r, regions.get(r.campus_id.as_str()).copied()))
        .collect()
}

/// A grid field's number, read by name (money in cents).
fn by_name(grid: &IndicatorGrid, field: &str) -> Option<f64> {
    match grid.get(field) {
        Some(FieldValue::Count(v)) | Some(FieldValue::Money(v)) => Some(v as f64),
        Some(FieldValue::Decimal(v)) => Some(v),
        _ => None,
    }
}

/// A count, an amount in cents or a decimal, as a float.
trait Number: Copy {
    fn number(self) -> f64;
}

impl Number for i64 {
    fn number(self) -> f64 {
        self as f64
    }
}

impl Number for f64 {
    fn number(self) -> f64 {
        self
    }
}

/// A direct reader of a field the indicators use: looking a field up by name for each of 100 000 reports costs
/// more than the statistics. Fields not listed here (a new indicator's) are read by name.
fn reader(field: &str) -> Option<fn(&IndicatorGrid) -> Option<f64>> {
    macro_rules! readers {
        ($($name:ident),* $(,)?) => {
            match field {
                $(stringify!($name) => Some(|g: &IndicatorGrid| g.$name.map(Number::number)),)*
                _ => None,
            }
        };
    }
    readers!(
        students_enrolled,
        prog_private,
        outcome_success,
        outcome_dropout,
        outcome_reorientation,
        outcome_failure,
        tutors_fte,
        copil_meetings_count,
        avg_weekly_presence_hours,
        survey_respondents,
        survey_would_not_have_studied,
        exp_staff,
        exp_premises,
        exp_equipment,
        exp_operations,
        exp_communication,
        exp_other,
        rev_state,
        rev_local_authority,
        rev_region,
        rev_partners,
        rev_in_kind,
        rev_other,
    )
}

/// A row per report of `rows`: campus, région, academic start year and every field an indicator uses.
pub fn reports_frame(rows: &[(&AnnualReport, Option<RegionCode>)]) -> Result<DataFrame> {
    let mut columns = vec![
        Column::new(
            CAMPUS.into(),
            rows.iter()
                .map(|(r, _)| r.campus_id.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            REGION.into(),
            rows.iter()
                .map(|(_, region)| region.map(|c| c.as_str()))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            YEAR.into(),
            rows.iter()
                .map(|(r, _)| r.academic_year.start_year())
                .collect::<Vec<i32>>(),
        ),
    ];
    for field in indicator_fields() {
        let values: Vec<Option<f64>> = match reader(field) {
            Some(read) => rows.iter().map(|(r, _)| read(&r.grid)).collect(),
            None => rows.iter().map(|(r, _)| by_name(&r.grid, field)).collect(),
        };
        columns.push(Column::new(field.into(), values));
    }
    Ok(DataFrame::new(rows.len(), columns)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pilotage_domain::GRID_FIELDS;

    #[test]
    fn direct_readers_read_what_the_names_read() {
        let mut grid = IndicatorGrid::default();
        for (i, spec) in GRID_FIELDS.iter().enumerate() {
            let value = match spec.kind {
                pilotage_domain::FieldKind::Decimal => Some(FieldValue::Decimal(i as f64 + 0.5)),
                pilotage_domain::FieldKind::Texts => continue,
                pilotage_domain::FieldKind::Money => Some(FieldValue::Money(i as i64 * 100)),
                pilotage_domain::FieldKind::Count => Some(FieldValue::Count(i as i64)),
            };
            grid.set(spec.name, value).unwrap();
        }
        for field in indicator_fields() {
            let read = reader(field).unwrap_or_else(|| panic!("{field} has no direct reader"));
            assert_eq!(read(&grid), by_name(&grid, field), "{field}");
            assert_eq!(read(&IndicatorGrid::default()), None, "{field}");
        }
    }
}
