//! Deadlines (defaults from the academic year unless an analyst set another) and per-campus lock exceptions.

use crate::audit::{self, Change, Entity};
use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::marks::{self, Mark};
use crate::schema::{deadlines, lock_exceptions};
use crate::time::{from_db, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{AcademicYear, CampusId, DeadlineKind, LockException};

/// The deadline of `kind` for `year`: the one set by an analyst, else the default.
pub fn due(
    conn: &mut DbConnection,
    year: AcademicYear,
    kind: DeadlineKind,
) -> StoreResult<DateTime<Utc>> {
    let set: Option<NaiveDateTime> = deadlines::table
        .find((year.to_string(), kind.as_str()))
        .select(deadlines::due_at)
        .first(conn)
        .optional()?;
    Ok(set.map(from_db).unwrap_or_else(|| kind.default_due(year)))
}

/// Sets the deadline of `kind` for `year`.
pub fn set_due(
    conn: &mut DbConnection,
    year: AcademicYear,
    kind: DeadlineKind,
    due_at: DateTime<Utc>,
    actor: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    crate::atomically(conn, |conn| {
        let previous = due(conn, year, kind)?;
        let key = deadlines::table.find((year.to_string(), kind.as_str()));
        let values = (
            deadlines::due_at.eq(to_db(due_at)),
            deadlines::updated_by.eq(actor),
            deadlines::updated_at.eq(to_db(now)),
        );
        if diesel::update(key).set(values).execute(conn)? == 0 {
            diesel::insert_into(deadlines::table)
                .values((
                    deadlines::academic_year.eq(year.to_string()),
                    deadlines::kind.eq(kind.as_str()),
                    values,
                ))
                .execute(conn)?;
        }
        let change = Change {
            entity: Entity::Deadline,
            campus_id: None,
            academic_year: Some(year),
            action: "value_changed",
            field: Some(kind.as_str()),
            old_value: Some(previous.to_rfc3339()),
            new_value: Some(due_at.to_rfc3339()),
            comment: None,
        };
        audit::record(conn, actor, now, change)
    })
}

/// Grants (or replaces) a lock exception.
pub fn grant_exception(
    conn: &mut DbConnection,
    exception: &LockException,
    actor: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let campus = exception.campus_id.as_str();
    let year = exception.academic_year.to_string();
    crate::atomically(conn, |conn| {
        diesel::delete(
            lock_exceptions::table
                .filter(lock_exceptions::campus_id.eq(campus))
                .filter(lock_exceptions::academic_year.eq(&year))
                .filter(lock_exceptions::kind.eq(exception.kind.as_str())),
        )
        .execute(conn)?;
        diesel::insert_into(lock_exceptions::table)
            .values((
                lock_exceptions::campus_id.eq(campus),
                lock_exceptions::academic_year.eq(&year),
                lock_exceptions::kind.eq(exception.kind.as_str()),
                lock_exceptions::due_at.eq(to_db(exception.due_at)),
                lock_exceptions::reason.eq(&exception.reason),
                lock_exceptions::granted_by.eq(actor),
                lock_exceptions::created_at.eq(to_db(now)),
            ))
            .execute(conn)?;
        let change = Change {
            entity: Entity::Deadline,
            campus_id: Some(&exception.campus_id),
            academic_year: Some(exception.academic_year),
            action: "lock_exception_granted",
            field: Some(exception.kind.as_str()),
            old_value: None,
            new_value: Some(exception.due_at.to_rfc3339()),
            comment: Some(&exception.reason),
        };
        audit::record(conn, actor, now, change)?;
        // A later date lifts what the deadline and closing jobs recorded against the campus.
        if exception.due_at > now {
            for mark in [Mark::Late, Mark::Locked] {
                marks::clear(
                    conn,
                    &exception.campus_id,
                    exception.academic_year,
                    exception.kind,
                    mark,
                )?;
            }
        }
        Ok(())
    })
}

type ExceptionRow = (String, String, String, NaiveDateTime, String);

const EXCEPTION_COLUMNS: (
    lock_exceptions::campus_id,
    lock_exceptions::academic_year,
    lock_exceptions::kind,
    lock_exceptions::due_at,
    lock_exceptions::reason,
) = (
    lock_exceptions::campus_id,
    lock_exceptions::academic_year,
    lock_exceptions::kind,
    lock_exceptions::due_at,
    lock_exceptions::reason,
);

fn into_domain((campus, year, kind, due_at, reason): ExceptionRow) -> StoreResult<LockException> {
    Ok(LockException {
        campus_id: campus.parse().map_err(StoreError::corrupt)?,
        academic_year: year.parse().map_err(StoreError::corrupt)?,
        kind: DeadlineKind::parse(&kind)
            .ok_or_else(|| StoreError::corrupt(format!("échéance {kind}")))?,
        due_at: from_db(due_at),
        reason,
    })
}

/// Lock exceptions, optionally of one year.
pub fn exceptions(
    conn: &mut DbConnection,
    year: Option<AcademicYear>,
) -> StoreResult<Vec<LockException>> {
    let mut q = lock_exceptions::table.into_boxed();
    if let Some(year) = year {
        q = q.filter(lock_exceptions::academic_year.eq(year.to_string()));
    }
    let rows: Vec<ExceptionRow> = q
        .order((
            lock_exceptions::academic_year,
            lock_exceptions::campus_id,
            lock_exceptions::kind,
        ))
        .select(EXCEPTION_COLUMNS)
        .load(conn)?;
    rows.into_iter().map(into_domain).collect()
}

/// The lock exception of one campus for a year and kind, if granted.
pub fn exception(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    kind: DeadlineKind,
) -> StoreResult<Option<LockException>> {
    let row: Option<ExceptionRow> = lock_exceptions::table
        .filter(lock_exceptions::campus_id.eq(campus.as_str()))
        .filter(lock_exceptions::academic_year.eq(year.to_string()))
        .filter(lock_exceptions::kind.eq(kind.as_str()))
        .select(EXCEPTION_COLUMNS)
        .first(conn)
        .optional()?;
    row.map(into_domain).transpose()
}

/// The deadline that applies to one campus: its lock exception if it has one, else the year's deadline.
pub fn due_for_campus(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    kind: DeadlineKind,
) -> StoreResult<DateTime<Utc>> {
    match exception(conn, campus, year, kind)? {
        Some(granted) => Ok(granted.due_at),
        None => due(conn, year, kind),
    }
}
