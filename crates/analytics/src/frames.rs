//! The reports that count, as one wide polars frame: a row per campus and year, a column per numeric grid field
//! (money in cents, as floats), plus the campus's région.

use crate::dataset::Dataset;
use crate::error::Result;
use pilotage_domain::{FieldKind, FieldValue, GRID_FIELDS};
use polars::prelude::*;

pub const CAMPUS: &str = "campus_id";
pub const REGION: &str = "region";
pub const YEAR: &str = "year";

/// The numeric fields of the grid (every field but the workshop themes).
pub fn numeric_fields() -> impl Iterator<Item = &'static str> {
    GRID_FIELDS
        .iter()
        .filter(|f| f.kind != FieldKind::Texts)
        .map(|f| f.name)
}

/// A row per counted report: campus, région, academic start year and every numeric field.
pub fn reports_frame(data: &Dataset) -> Result<DataFrame> {
    let rows: Vec<_> = data
        .reports
        .iter()
        .filter(|r| data.counts(r.status))
        .collect();
    let mut columns = vec![
        Column::new(
            CAMPUS.into(),
            rows.iter()
                .map(|r| r.campus_id.to_string())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            REGION.into(),
            rows.iter()
                .map(|r| data.region_of(&r.campus_id).map(|c| c.to_string()))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            YEAR.into(),
            rows.iter()
                .map(|r| r.academic_year.start_year())
                .collect::<Vec<i32>>(),
        ),
    ];
    for field in numeric_fields() {
        let values: Vec<Option<f64>> = rows
            .iter()
            .map(|r| match r.grid.get(field) {
                Some(FieldValue::Count(v)) | Some(FieldValue::Money(v)) => Some(v as f64),
                Some(FieldValue::Decimal(v)) => Some(v),
                _ => None,
            })
            .collect();
        columns.push(Column::new(field.into(), values));
    }
    Ok(DataFrame::new(rows.len(), columns)?)
}
