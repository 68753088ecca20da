//! Writing annual reports: the draft a coordinator saves (only what changed, in a few statements, each change in
//! the history), the review transitions, and the import of whole reports. Each write is one transaction.

use super::{
    assemble, audit_text, find_row, load_full, not_found, Draft, Edit, ReportRow, ValueRow,
};
use crate::audit::{self, Change, Entity};
use crate::connection::{insert_many, DbConnection};
use crate::error::{StoreError, StoreResult};
use crate::schema::{annual_reports, gap_explanations, report_values};
use crate::time::{from_db, to_db};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::notification::MailContext;
use pilotage_domain::{
    AcademicYear, AnnualReport, CampusId, ReportAction, ReportStatus, WorkflowError, GRID_FIELDS,
};
use std::collections::BTreeSet;

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
/// submission, from which timeliness is computed; later submissions are in the history. The notices are written
/// in the same transaction, the e-mails pointing at `mail`'s public address and naming its contact.
pub fn transition(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    action: ReportAction,
    comment: Option<&str>,
    edit: &Edit<'_>,
    mail: &MailContext,
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
        crate::notifications::report_transition(
            conn, campus, year, action, next, comment, now, mail,
        )?;
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
