//! Timestamps are stored as UTC without a zone (portable over both backends); these convert at the boundary.

use chrono::{DateTime, NaiveDateTime, Utc};

pub(crate) fn to_db(at: DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc()
}

pub(crate) fn from_db(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}
