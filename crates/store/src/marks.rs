//! What the deadline and closing jobs recorded against a campus: marked late when a deadline passed without its
//! report, locked when the closing date passed on an unsent draft.

use crate::connection::{insert_unique, DbConnection};
use crate::error::StoreResult;
use crate::schema::deadline_marks;
use crate::time::{from_db, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{AcademicYear, CampusId, DeadlineKind};

/// A mark the jobs put on a campus's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Late,
    Locked,
}

impl Mark {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Late => "late",
            Self::Locked => "locked",
        }
    }
}

/// Puts a mark; `false` when it was already there.
pub fn put(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    kind: DeadlineKind,
    mark: Mark,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    if marked_at(conn, campus, year, kind, mark)?.is_some() {
        return Ok(false);
    }
    // A concurrent run (two `pilotage jobs run deadline` at once) that put the same mark first: skipped.
    insert_unique(conn, |conn| {
        diesel::insert_into(deadline_marks::table)
            .values((
                deadline_marks::campus_id.eq(campus.as_str()),
                deadline_marks::academic_year.eq(year.to_string()),
                deadline_marks::kind.eq(kind.as_str()),
                deadline_marks::mark.eq(mark.as_str()),
                deadline_marks::marked_at.eq(to_db(at)),
            ))
            .execute(conn)
    })
}

/// When the mark was put, if it is there.
pub fn marked_at(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    kind: DeadlineKind,
    mark: Mark,
) -> StoreResult<Option<DateTime<Utc>>> {
    let at: Option<NaiveDateTime> = deadline_marks::table
        .filter(deadline_marks::campus_id.eq(campus.as_str()))
        .filter(deadline_marks::academic_year.eq(year.to_string()))
        .filter(deadline_marks::kind.eq(kind.as_str()))
        .filter(deadline_marks::mark.eq(mark.as_str()))
        .select(deadline_marks::marked_at)
        .first(conn)
        .optional()?;
    Ok(at.map(from_db))
}

/// Removes a mark (a lock exception granted after the closing unlocks the report).
pub fn clear(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    kind: DeadlineKind,
    mark: Mark,
) -> StoreResult<bool> {
    let n = diesel::delete(
        deadline_marks::table
            .filter(deadline_marks::campus_id.eq(campus.as_str()))
            .filter(deadline_marks::academic_year.eq(year.to_string()))
            .filter(deadline_marks::kind.eq(kind.as_str()))
            .filter(deadline_marks::mark.eq(mark.as_str())),
    )
    .execute(conn)?;
    Ok(n > 0)
}

/// The campuses carrying a mark for a year and kind, by id.
pub fn campuses_marked(
    conn: &mut DbConnection,
    year: AcademicYear,
    kind: DeadlineKind,
    mark: Mark,
) -> StoreResult<Vec<String>> {
    Ok(deadline_marks::table
        .filter(deadline_marks::academic_year.eq(year.to_string()))
        .filter(deadline_marks::kind.eq(kind.as_str()))
        .filter(deadline_marks::mark.eq(mark.as_str()))
        .order(deadline_marks::campus_id.asc())
        .select(deadline_marks::campus_id)
        .load(conn)?)
}
