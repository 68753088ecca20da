//! The data version: a counter that every write to the data bumps in its own transaction (database triggers of
//! migration `2026-11-29-000004_security`). What is computed from the data can be cached under the version read
//! before computing it, and is stale once the version has moved, on this instance or any other.

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::schema::data_version;
use diesel::prelude::*;

/// The current data version (one indexed row).
pub fn current(conn: &mut DbConnection) -> StoreResult<i64> {
    Ok(data_version::table
        .find(1)
        .select(data_version::version)
        .first(conn)?)
}
