//! Timestamps are stored as UTC without a zone (portable over both backends); these convert at the boundary.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

/// To the microsecond, PostgreSQL's precision, on both backends: what was written reads back the same.
pub(crate) fn to_db(at: DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc().trunc_subsecs(6)
}

pub(crate) fn from_db(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}
