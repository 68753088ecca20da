//! Annual reports: drafts saved field by field with their history, review transitions, reads for one campus
//! or a whole year. Every write runs in one transaction: a report is never half written.

use crate::audit::{self, Change, Entity};
use crate::connection::{insert_many, DbConnection};
use crate::error::{StoreError, StoreResult};
use crate::schema::{annual_reports, gap_explanations, report_values};
use crate::time::{from_db, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::grid::field;
use pilotage_domain::{
    AcademicYear, AnnualReport, CampusId, FieldKind, FieldValue, IndicatorGrid, Narrative,
    ReportAction, ReportStatus, WorkflowError, GRID_FIELDS,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// Creates the report row (a draft at version 0) and returns its id.
fn create_row(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    now: DateTime<Utc>,
) -> StoreResult<ReportRow> {
    diesel::insert_into(annual_reports::table)
        .values((
            annual_reports::campus_id.eq(campus.as_str()),
            annual_reports::academic_year.eq(year.to_string()),
            annual_reports::status.eq(ReportStatus::Draft.as_str()),
            annual_reports::version.eq(0i64),
            annual_reports::created_at.eq(to_db(now)),
            annual_reports::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    find_row(conn, campus, year)?.ok_or_else(|| not_found(campus, year))
}

/// Why a save or a transition was refused.
impl From<WorkflowError> for StoreError {
    fn from(e: WorkflowError) -> Self {
        StoreError::Workflow(e)
    }
}

/// What a save changes, worked out in memory so that it is written in a few statements whatever the number of
/// fields (a first save of a whole grid would otherwise make some 130 round trips to the database).
struct DraftChanges<'a> {
    /// Grid fields whose stored row goes: emptied or changed.
    removed_values: Vec<&'static str>,
    /// Grid fields written anew: typed for the first time or changed.
    new_values: Vec<ValueRow>,
    /// Explanations whose stored row goes, and those written anew.
    removed_explanations: Vec<&'a str>,
    new_explanations: Vec<(&'a str, &'a str)>,
    /// (field, old, new) for the history, in the grid's order, then the narrative, then the explanations.
    audited: Vec<(String, Option<String>, Option<String>)>,
}

impl<'a> DraftChanges<'a> {
    fn between(old: &'a AnnualReport, draft: &'a Draft, report_id: i64) -> StoreResult<Self> {
        let mut changes = Self {
            removed_values: Vec::new(),
            new_values: Vec::new(),
            removed_explanations: Vec::new(),
            new_explanations: Vec::new(),
            audited: Vec::new(),
        };
        for spec in GRID_FIELDS {
            let (before, after) = (old.grid.get(spec.name), draft.grid.get(spec.name));
            if before == after {
                continue;
            }
            if before.is_some() {
                changes.removed_values.push(spec.name);
            }
            if let Some(value) = &after {
                changes
                    .new_values
                    .push(ValueRow::new(report_id, spec.name, value)?);
            }
            changes.audited.push((
                spec.name.to_owned(),
                audit_text(&before),
                audit_text(&after),
            ));
        }
        for (name, before, after) in [
            (
                "achievements",
                &old.narrative.achievements,
                &draft.narrative.achievements,
            ),
            (
                "financial_comment",
                &old.narrative.financial_comment,
                &draft.narrative.financial_comment,
            ),
        ] {
            if before != after {
                changes
                    .audited
                    .push((name.to_owned(), before.clone(), after.clone()));
            }
        }
        let indicators: BTreeSet<&'a String> = old
            .gap_explanations
            .keys()
            .chain(draft.gap_explanations.keys())
            .collect();
        for indicator in indicators {
            let (before, after) = (
                old.gap_explanations.get(indicator),
                draft.gap_explanations.get(indicator),
            );
            if before == after {
                continue;
            }
            if before.is_some() {
                changes.removed_explanations.push(indicator);
            }
            if let Some(text) = after {
                changes.new_explanations.push((indicator, text));
            }
            changes.audited.push((
                format!("gap_explanations.{indicator}"),
                before.cloned(),
                after.cloned(),
            ));
        }
        Ok(changes)
    }

    /// Writes the changed values and explanations: at most one DELETE and one multi-row INSERT for each.
    fn write(&self, conn: &mut DbConnection, report_id: i64) -> StoreResult<()> {
        if !self.removed_values.is_empty() {
            diesel::delete(
                report_values::table
                    .filter(report_values::report_id.eq(report_id))
                    .filter(report_values::field.eq_any(&self.removed_values)),
            )
            .execute(conn)?;
        }
        if !self.new_values.is_empty() {
            insert_many!(conn, report_values::table, &self.new_values)?;
        }
        if !self.removed_explanations.is_empty() {
            diesel::delete(
                gap_explanations::table
                    .filter(gap_explanations::report_id.eq(report_id))
                    .filter(gap_explanations::indicator.eq_any(&self.removed_explanations)),
            )
            .execute(conn)?;
        }
        if !self.new_explanations.is_empty() {
            let rows: Vec<_> = self
                .new_explanations
                .iter()
                .map(|(indicator, text)| {
                    (
                        gap_explanations::report_id.eq(report_id),
                        gap_explanations::indicator.eq(*indicator),
                        gap_explanations::explanation.eq(*text),
                    )
                })
                .collect();
            insert_many!(conn, gap_explanations::table, &rows)?;
        }
        Ok(())
    }
}

/// Saves a draft: each changed field, narrative and explanation is written and recorded in the history.
/// With `expected_version`, a report changed since that version is left untouched (`VersionConflict`).
pub fn save_draft(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    draft: &Draft,
    edit: &Edit<'_>,
) -> StoreResult<AnnualReport> {
    let (actor, expected_version, now) = (edit.actor, edit.expected_version, edit.at);
    crate::atomically(conn, |conn| {
        let mut history = Vec::new();
        let (row, created) = match find_row(conn, campus, year)? {
            Some(row) => (row, false),
            None => {
                history.push(change(campus, year, "created", None, None, None, None));
                (create_row(conn, campus, year, now)?, true)
            }
        };
        StoreError::check_version(expected_version, row.version)?;
        let status = row.status()?;
        status.apply(ReportAction::Edit)?;
        let report_id = row.id;
        let old = if created {
            // Nothing to read yet.
            assemble(row, Vec::new(), Vec::new())?
        } else {
            load_full(conn, vec![row])?
                .pop()
                .ok_or_else(|| not_found(campus, year))?
        };
        let changes = DraftChanges::between(&old, draft, report_id)?;
        changes.write(conn, report_id)?;
        // Every changed value is recorded: who, when, the old and the new value.
        history.extend(changes.audited.iter().map(|(field, before, after)| {
            change(
                campus,
                year,
                "value_changed",
                Some(field),
                before.clone(),
                after.clone(),
                None,
            )
        }));
        audit::record_all(conn, actor, now, history)?;

        diesel::update(annual_reports::table.find(report_id))
            .set((
                annual_reports::achievements.eq(&draft.narrative.achievements),
                annual_reports::financial_comment.eq(&draft.narrative.financial_comment),
                annual_reports::version.eq(annual_reports::version + 1),
                annual_reports::updated_at.eq(to_db(now)),
            ))
            .execute(conn)?;
        // What was just written, without reading it back.
        Ok(AnnualReport {
            grid: draft.grid.clone(),
            narrative: draft.narrative.clone(),
            gap_explanations: draft.gap_explanations.clone(),
            version: old.version + 1,
            updated_at: from_db(to_db(now)),
            ..old
        })
    })
}

fn change<'a>(
    campus: &'a CampusId,
    year: AcademicYear,
    action: &'a str,
    field: Option<&'a str>,
    old_value: Option<String>,
    new_value: Option<String>,
    comment: Option<&'a str>,
) -> Change<'a> {
    Change {
        entity: Entity::AnnualReport,
        campus_id: Some(campus),
        academic_year: Some(year),
        action,
        field,
        old_value,
        new_value,
        comment,
    }
}

/// Applies a review action (submit, return, accept, reopen) and records it. `submitted_at` keeps the first
/// submission, from which timeliness is computed; later submissions are in the history.
pub fn transition(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    action: ReportAction,
    comment: Option<&str>,
    edit: &Edit<'_>,
) -> StoreResult<AnnualReport> {
    let (actor, expected_version, now) = (edit.actor, edit.expected_version, edit.at);
    crate::atomically(conn, |conn| {
        let row = find_row(conn, campus, year)?.ok_or_else(|| not_found(campus, year))?;
        StoreError::check_version(expected_version, row.version)?;
        let status = row.status()?;
        let next = status.apply(action)?;
        let submitted_at = match action {
            ReportAction::Submit => Some(row.submitted_at.unwrap_or(to_db(now))),
            _ => row.submitted_at,
        };
        let (reviewed_at, review_comment) = match action {
            ReportAction::Return | ReportAction::Accept => {
                (Some(to_db(now)), comment.map(str::to_owned))
            }
            _ => (row.reviewed_at, row.review_comment.clone()),
        };
        diesel::update(annual_reports::table.find(row.id))
            .set((
                annual_reports::status.eq(next.as_str()),
                annual_reports::submitted_at.eq(submitted_at),
                annual_reports::reviewed_at.eq(reviewed_at),
                annual_reports::review_comment.eq(&review_comment),
                annual_reports::version.eq(annual_reports::version + 1),
                annual_reports::updated_at.eq(to_db(now)),
            ))
            .execute(conn)?;
        let action_name = match action {
            ReportAction::Reopen => "reopened",
            _ => "status_changed",
        };
        audit::record(
            conn,
            actor,
            now,
            change(
                campus,
                year,
                action_name,
                Some("status"),
                Some(status.as_str().into()),
                Some(next.as_str().into()),
                comment,
            ),
        )?;
        crate::notifications::report_transition(conn, campus, year, action, next, comment, now)?;
        let updated = ReportRow {
            status: next.as_str().to_owned(),
            submitted_at,
            reviewed_at,
            review_comment,
            version: row.version + 1,
            updated_at: to_db(now),
            ..row
        };
        load_full(conn, vec![updated])?
            .pop()
            .ok_or_else(|| not_found(campus, year))
    })
}

/// Loads a whole report as it stands (the demo network, an import): inserted only if the campus has no report for
/// that year. Returns whether it was inserted.
pub fn import(conn: &mut DbConnection, report: &AnnualReport, actor: &str) -> StoreResult<bool> {
    crate::atomically(conn, |conn| {
        if find_row(conn, &report.campus_id, report.academic_year)?.is_some() {
            return Ok(false);
        }
        let now = report.updated_at;
        let row = create_row(conn, &report.campus_id, report.academic_year, now)?;
        for (name, value) in report.grid.values() {
            diesel::insert_into(report_values::table)
                .values(&ValueRow::new(row.id, name, &value)?)
                .execute(conn)?;
        }
        for (indicator, text) in &report.gap_explanations {
            diesel::insert_into(gap_explanations::table)
                .values((
                    gap_explanations::report_id.eq(row.id),
                    gap_explanations::indicator.eq(indicator),
                    gap_explanations::explanation.eq(text),
                ))
                .execute(conn)?;
        }
        diesel::update(annual_reports::table.find(row.id))
            .set((
                annual_reports::status.eq(report.status.as_str()),
                annual_reports::achievements.eq(&report.narrative.achievements),
                annual_reports::financial_comment.eq(&report.narrative.financial_comment),
                annual_reports::submitted_at.eq(report.submitted_at.map(to_db)),
                annual_reports::reviewed_at.eq(report.reviewed_at.map(to_db)),
                annual_reports::review_comment.eq(&report.review_comment),
                annual_reports::version.eq(1i64),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            actor,
            now,
            change(
                &report.campus_id,
                report.academic_year,
                "imported",
                Some("status"),
                None,
                Some(report.status.as_str().into()),
                None,
            ),
        )?;
        Ok(true)
    })
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
