//! Flash surveys: one row per campus and academic year, saved with their history.

use crate::audit::{self, Change, Entity};
use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::schema::flash_surveys as fs;
use crate::time::{from_db, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{AcademicYear, CampusId, FlashSurvey, FlashSurveyRecord, FlashSurveyStatus};

#[derive(Clone, Copy, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = fs, treat_none_as_null = true)]
struct SurveyFields {
    forecast_students_enrolled: Option<i64>,
    forecast_prog_licence: Option<i64>,
    forecast_prog_master: Option<i64>,
    forecast_prog_doctorate: Option<i64>,
    forecast_prog_daeu: Option<i64>,
    forecast_prog_bts: Option<i64>,
    forecast_prog_other_public: Option<i64>,
    forecast_prog_private: Option<i64>,
    final_outcome_success: Option<i64>,
    final_outcome_dropout: Option<i64>,
    final_outcome_reorientation: Option<i64>,
    final_outcome_failure: Option<i64>,
    final_outcome_pending: Option<i64>,
}

impl From<&FlashSurvey> for SurveyFields {
    fn from(s: &FlashSurvey) -> Self {
        Self {
            forecast_students_enrolled: s.forecast_students_enrolled,
            forecast_prog_licence: s.forecast_prog_licence,
            forecast_prog_master: s.forecast_prog_master,
            forecast_prog_doctorate: s.forecast_prog_doctorate,
            forecast_prog_daeu: s.forecast_prog_daeu,
            forecast_prog_bts: s.forecast_prog_bts,
            forecast_prog_other_public: s.forecast_prog_other_public,
            forecast_prog_private: s.forecast_prog_private,
            final_outcome_success: s.final_outcome_success,
            final_outcome_dropout: s.final_outcome_dropout,
            final_outcome_reorientation: s.final_outcome_reorientation,
            final_outcome_failure: s.final_outcome_failure,
            final_outcome_pending: s.final_outcome_pending,
        }
    }
}

impl From<SurveyFields> for FlashSurvey {
    fn from(s: SurveyFields) -> Self {
        Self {
            forecast_students_enrolled: s.forecast_students_enrolled,
            forecast_prog_licence: s.forecast_prog_licence,
            forecast_prog_master: s.forecast_prog_master,
            forecast_prog_doctorate: s.forecast_prog_doctorate,
            forecast_prog_daeu: s.forecast_prog_daeu,
            forecast_prog_bts: s.forecast_prog_bts,
            forecast_prog_other_public: s.forecast_prog_other_public,
            forecast_prog_private: s.forecast_prog_private,
            final_outcome_success: s.final_outcome_success,
            final_outcome_dropout: s.final_outcome_dropout,
            final_outcome_reorientation: s.final_outcome_reorientation,
            final_outcome_failure: s.final_outcome_failure,
            final_outcome_pending: s.final_outcome_pending,
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = fs)]
struct SurveyRow {
    id: i64,
    campus_id: String,
    academic_year: String,
    status: String,
    submitted_at: Option<NaiveDateTime>,
    version: i64,
    #[diesel(embed)]
    fields: SurveyFields,
}

impl SurveyRow {
    fn into_domain(self) -> StoreResult<FlashSurveyRecord> {
        Ok(FlashSurveyRecord {
            campus_id: self.campus_id.parse().map_err(StoreError::corrupt)?,
            academic_year: self.academic_year.parse().map_err(StoreError::corrupt)?,
            status: FlashSurveyStatus::parse(&self.status)
                .ok_or_else(|| StoreError::corrupt(format!("statut d'enquête {}", self.status)))?,
            submitted_at: self.submitted_at.map(from_db),
            version: self.version,
            survey: self.fields.into(),
        })
    }
}

fn find(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
) -> StoreResult<Option<SurveyRow>> {
    Ok(fs::table
        .filter(fs::campus_id.eq(campus.as_str()))
        .filter(fs::academic_year.eq(year.to_string()))
        .select(SurveyRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn get(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
) -> StoreResult<Option<FlashSurveyRecord>> {
    find(conn, campus, year)?
        .map(SurveyRow::into_domain)
        .transpose()
}

pub fn list_for_year(
    conn: &mut DbConnection,
    year: AcademicYear,
) -> StoreResult<Vec<FlashSurveyRecord>> {
    let rows: Vec<SurveyRow> = fs::table
        .filter(fs::academic_year.eq(year.to_string()))
        .order(fs::campus_id)
        .select(SurveyRow::as_select())
        .load(conn)?;
    rows.into_iter().map(SurveyRow::into_domain).collect()
}

pub fn list_all(conn: &mut DbConnection) -> StoreResult<Vec<FlashSurveyRecord>> {
    let rows: Vec<SurveyRow> = fs::table
        .order((fs::academic_year, fs::campus_id))
        .select(SurveyRow::as_select())
        .load(conn)?;
    rows.into_iter().map(SurveyRow::into_domain).collect()
}

/// Saves the survey's figures and, with `submit`, hands it in (first submission time kept). Each changed figure is
/// recorded in the history.
pub fn save(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    survey: &FlashSurvey,
    submit: bool,
    edit: &crate::reports::Edit<'_>,
) -> StoreResult<FlashSurveyRecord> {
    let now = edit.at;
    crate::atomically(conn, |conn| {
        let existing = find(conn, campus, year)?;
        if let Some(row) = &existing {
            StoreError::check_version(edit.expected_version, row.version)?;
        }
        let before: FlashSurvey = match &existing {
            Some(row) => FlashSurvey::from(row.fields),
            None => FlashSurvey::default(),
        };
        let was_submitted = existing
            .as_ref()
            .is_some_and(|r| r.status == FlashSurveyStatus::Submitted.as_str());
        let status = if submit || was_submitted {
            FlashSurveyStatus::Submitted
        } else {
            FlashSurveyStatus::Draft
        };
        let submitted_at = existing
            .as_ref()
            .and_then(|r| r.submitted_at)
            .or(submit.then(|| to_db(now)));
        let fields = SurveyFields::from(survey);
        match &existing {
            Some(row) => {
                diesel::update(fs::table.find(row.id))
                    .set((
                        &fields,
                        fs::status.eq(status.as_str()),
                        fs::submitted_at.eq(submitted_at),
                        fs::version.eq(fs::version + 1),
                        fs::updated_at.eq(to_db(now)),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(fs::table)
                    .values((
                        &fields,
                        fs::campus_id.eq(campus.as_str()),
                        fs::academic_year.eq(year.to_string()),
                        fs::status.eq(status.as_str()),
                        fs::submitted_at.eq(submitted_at),
                        fs::version.eq(1i64),
                        fs::created_at.eq(to_db(now)),
                        fs::updated_at.eq(to_db(now)),
                    ))
                    .execute(conn)?;
            }
        }
        for ((name, old), (_, new)) in before.fields().into_iter().zip(survey.fields()) {
            if old != new {
                let change = Change {
                    entity: Entity::FlashSurvey,
                    campus_id: Some(campus),
                    academic_year: Some(year),
                    action: "value_changed",
                    field: Some(name),
                    old_value: old.map(|v| v.to_string()),
                    new_value: new.map(|v| v.to_string()),
                    comment: None,
                };
                audit::record(conn, edit.actor, now, change)?;
            }
        }
        if submit && !was_submitted {
            let change = Change {
                entity: Entity::FlashSurvey,
                campus_id: Some(campus),
                academic_year: Some(year),
                action: "status_changed",
                field: Some("status"),
                old_value: existing.as_ref().map(|r| r.status.clone()),
                new_value: Some(FlashSurveyStatus::Submitted.as_str().into()),
                comment: None,
            };
            audit::record(conn, edit.actor, now, change)?;
        }
        get(conn, campus, year)?
            .ok_or_else(|| StoreError::NotFound(format!("enquête flash {campus} {year}")))
    })
}

/// Reopens a submitted survey as a draft, for its coordinator to correct (the first submission time is kept, so
/// that its timeliness does not change); recorded in the history with the analyst's reason.
pub fn reopen(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    reason: &str,
    edit: &crate::reports::Edit<'_>,
) -> StoreResult<FlashSurveyRecord> {
    crate::atomically(conn, |conn| {
        let row = find(conn, campus, year)?
            .ok_or_else(|| StoreError::NotFound(format!("enquête flash {campus} {year}")))?;
        StoreError::check_version(edit.expected_version, row.version)?;
        diesel::update(fs::table.find(row.id))
            .set((
                fs::status.eq(FlashSurveyStatus::Draft.as_str()),
                fs::version.eq(fs::version + 1),
                fs::updated_at.eq(to_db(edit.at)),
            ))
            .execute(conn)?;
        let change = Change {
            entity: Entity::FlashSurvey,
            campus_id: Some(campus),
            academic_year: Some(year),
            action: "status_changed",
            field: Some("status"),
            old_value: Some(row.status.clone()),
            new_value: Some(FlashSurveyStatus::Draft.as_str().into()),
            comment: Some(reason),
        };
        audit::record(conn, edit.actor, edit.at, change)?;
        get(conn, campus, year)?
            .ok_or_else(|| StoreError::NotFound(format!("enquête flash {campus} {year}")))
    })
}

/// Loads a survey as it stands (the demo network) if the campus has none for that year. Returns whether inserted.
pub fn import(
    conn: &mut DbConnection,
    record: &FlashSurveyRecord,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    crate::atomically(conn, |conn| {
        if find(conn, &record.campus_id, record.academic_year)?.is_some() {
            return Ok(false);
        }
        diesel::insert_into(fs::table)
            .values((
                &SurveyFields::from(&record.survey),
                fs::campus_id.eq(record.campus_id.as_str()),
                fs::academic_year.eq(record.academic_year.to_string()),
                fs::status.eq(record.status.as_str()),
                fs::submitted_at.eq(record.submitted_at.map(to_db)),
                fs::version.eq(1i64),
                fs::created_at.eq(to_db(at)),
                fs::updated_at.eq(to_db(at)),
            ))
            .execute(conn)?;
        Ok(true)
    })
}

/// The campuses whose flash survey of a year is submitted, with when (cheap: no answers are read).
pub fn submitted_campuses(
    conn: &mut DbConnection,
    year: AcademicYear,
) -> StoreResult<std::collections::HashMap<String, Option<DateTime<Utc>>>> {
    let rows: Vec<(String, Option<NaiveDateTime>)> = fs::table
        .filter(fs::academic_year.eq(year.to_string()))
        .filter(fs::status.eq(FlashSurveyStatus::Submitted.as_str()))
        .select((fs::campus_id, fs::submitted_at))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(campus, at)| (campus, at.map(from_db)))
        .collect())
}
