//! Annual reports: drafts saved field by field with their history, review transitions, reads for one campus
//! or a whole year. Every write runs in one transaction: a report is never half written. This module holds the
//! rows and the reads; [`write`] the saves, transitions and imports.

mod write;

pub use write::{import, save_draft, transition};

use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::schema::{annual_reports, gap_explanations, report_values};
use crate::time::from_db;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::grid::field;
use pilotage_domain::{
    AcademicYear, AnnualReport, CampusId, FieldKind, FieldValue, IndicatorGrid, Narrative,
    ReportStatus,
};
use std::collections::{BTreeMap, HashMap};

#[derive(Queryable, Selectable)]
#[diesel(table_name = annual_reports)]
struct ReportRow {
    id: i64,
    campus_id: String,
    academic_year: String,
    status: String,
    achievements: Option<String>,
    financial_comment: Option<String>,
    submitted_at: Option<NaiveDateTime>,
    reviewed_at: Option<NaiveDateTime>,
    review_comment: Option<String>,
    version: i64,
    updated_at: NaiveDateTime,
}

impl ReportRow {
    fn status(&self) -> StoreResult<ReportStatus> {
        ReportStatus::parse(&self.status)
            .ok_or_else(|| StoreError::corrupt(format!("statut {}", self.status)))
    }
}

fn not_found(campus: &CampusId, year: AcademicYear) -> StoreError {
    StoreError::NotFound(format!("rapport {campus} {year}"))
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = report_values, treat_none_as_default_value = false)]
struct ValueRow {
    report_id: i64,
    field: String,
    int_value: Option<i64>,
    real_value: Option<f64>,
    text_value: Option<String>,
}

impl ValueRow {
    fn new(report_id: i64, name: &str, value: &FieldValue) -> StoreResult<Self> {
        let (int_value, real_value, text_value) = match value {
            FieldValue::Count(v) | FieldValue::Money(v) => (Some(*v), None, None),
            FieldValue::Decimal(v) => (None, Some(*v), None),
            FieldValue::Texts(t) => (
                None,
                None,
                Some(serde_json::to_string(t).map_err(StoreError::corrupt)?),
            ),
        };
        Ok(Self {
            report_id,
            field: name.to_owned(),
            int_value,
            real_value,
            text_value,
        })
    }

    fn value(&self) -> StoreResult<Option<FieldValue>> {
        let Some(spec) = field(&self.field) else {
            // A field dropped from the grid since it was stored: ignored, its history stays in the audit log.
            return Ok(None);
        };
        let bad = || StoreError::corrupt(format!("valeur du champ {}", self.field));
        Ok(Some(match spec.kind {
            FieldKind::Count => FieldValue::Count(self.int_value.ok_or_else(bad)?),
            FieldKind::Money => FieldValue::Money(self.int_value.ok_or_else(bad)?),
            FieldKind::Decimal => FieldValue::Decimal(self.real_value.ok_or_else(bad)?),
            FieldKind::Texts => FieldValue::Texts(
                serde_json::from_str(self.text_value.as_deref().ok_or_else(bad)?)
                    .map_err(|_| bad())?,
            ),
        }))
    }
}

/// The text form of a value in the audit log.
fn audit_text(value: &Option<FieldValue>) -> Option<String> {
    value.as_ref().and_then(|v| serde_json::to_string(v).ok())
}

/// Who makes a change, when, and against which version they read (optimistic concurrency).
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    pub actor: &'a str,
    pub expected_version: Option<i64>,
    pub at: DateTime<Utc>,
}

/// What a coordinator saves: the grid, the narrative and the gap explanations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub grid: IndicatorGrid,
    pub narrative: Narrative,
    pub gap_explanations: BTreeMap<String, String>,
}

fn find_row(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
) -> StoreResult<Option<ReportRow>> {
    Ok(annual_reports::table
        .filter(annual_reports::campus_id.eq(campus.as_str()))
        .filter(annual_reports::academic_year.eq(year.to_string()))
        .select(ReportRow::as_select())
        .first(conn)
        .optional()?)
}

fn assemble(
    row: ReportRow,
    values: Vec<ValueRow>,
    explanations: Vec<(String, String)>,
) -> StoreResult<AnnualReport> {
    let mut grid = IndicatorGrid::default();
    for v in &values {
        if let Some(value) = v.value()? {
            grid.set(&v.field, Some(value))
                .map_err(StoreError::corrupt)?;
        }
    }
    Ok(AnnualReport {
        campus_id: row.campus_id.parse().map_err(StoreError::corrupt)?,
        academic_year: row.academic_year.parse().map_err(StoreError::corrupt)?,
        status: row.status()?,
        grid,
        narrative: Narrative {
            achievements: row.achievements,
            financial_comment: row.financial_comment,
        },
        gap_explanations: explanations.into_iter().collect(),
        submitted_at: row.submitted_at.map(from_db),
        reviewed_at: row.reviewed_at.map(from_db),
        review_comment: row.review_comment,
        version: row.version,
        updated_at: from_db(row.updated_at),
    })
}

/// Reads the full reports of the given rows (values and explanations in two queries).
fn load_full(conn: &mut DbConnection, rows: Vec<ReportRow>) -> StoreResult<Vec<AnnualReport>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut values: HashMap<i64, Vec<ValueRow>> = HashMap::new();
    let mut explanations: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    // Chunks keep the IN list under SQLite's bound-parameter limit.
    for chunk in ids.chunks(500) {
        let rows: Vec<ValueRow> = report_values::table
            .filter(report_values::report_id.eq_any(chunk))
            .select(ValueRow::as_select())
            .load(conn)?;
        for v in rows {
            values.entry(v.report_id).or_default().push(v);
        }
        let rows: Vec<(i64, String, String)> = gap_explanations::table
            .filter(gap_explanations::report_id.eq_any(chunk))
            .select((
                gap_explanations::report_id,
                gap_explanations::indicator,
                gap_explanations::explanation,
            ))
            .load(conn)?;
        for (id, indicator, text) in rows {
            explanations.entry(id).or_default().push((indicator, text));
        }
    }
    rows.into_iter()
        .map(|row| {
            let id = row.id;
            assemble(
                row,
                values.remove(&id).unwrap_or_default(),
                explanations.remove(&id).unwrap_or_default(),
            )
        })
        .collect()
}

pub fn get(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
) -> StoreResult<Option<AnnualReport>> {
    match find_row(conn, campus, year)? {
        Some(row) => Ok(load_full(conn, vec![row])?.pop()),
        None => Ok(None),
    }
}

/// Every report of an academic year, ordered by campus.
pub fn list_for_year(
    conn: &mut DbConnection,
    year: AcademicYear,
) -> StoreResult<Vec<AnnualReport>> {
    let rows = annual_reports::table
        .filter(annual_reports::academic_year.eq(year.to_string()))
        .order(annual_reports::campus_id)
        .select(ReportRow::as_select())
        .load(conn)?;
    load_full(conn, rows)
}

/// Every report, ordered by year then campus.
pub fn list_all(conn: &mut DbConnection) -> StoreResult<Vec<AnnualReport>> {
    let rows = annual_reports::table
        .order((annual_reports::academic_year, annual_reports::campus_id))
        .select(ReportRow::as_select())
        .load(conn)?;
    load_full(conn, rows)
}

/// A report's status and first submission time.
pub type StatusSince = (ReportStatus, Option<DateTime<Utc>>);

/// The status and first submission time of every annual report of a year, by campus id (cheap: no values read).
pub fn statuses_for_year(
    conn: &mut DbConnection,
    year: AcademicYear,
) -> StoreResult<HashMap<String, StatusSince>> {
    let rows: Vec<(String, String, Option<NaiveDateTime>)> = annual_reports::table
        .filter(annual_reports::academic_year.eq(year.to_string()))
        .select((
            annual_reports::campus_id,
            annual_reports::status,
            annual_reports::submitted_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(campus, status, submitted_at)| {
            let status = ReportStatus::parse(&status)
                .ok_or_else(|| StoreError::corrupt(format!("statut {status}")))?;
            Ok((campus, (status, submitted_at.map(from_db))))
        })
        .collect()
}
