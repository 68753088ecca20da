//! Who a token names: a person (by e-mail address) or an API client (by id), and whether they may still act.

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::schema::{api_clients, users};
use diesel::prelude::*;

/// Whether the user or API client named `subject` is active: `None` when neither exists (a token issued by the
/// operator with `pilotage token` for a subject of their choice).
pub fn active(conn: &mut DbConnection, subject: &str) -> StoreResult<Option<bool>> {
    let user: Option<bool> = users::table
        .filter(users::email.eq(subject.trim().to_lowercase()))
        .select(users::active)
        .first(conn)
        .optional()?;
    if user.is_some() {
        return Ok(user);
    }
    Ok(api_clients::table
        .find(subject)
        .select(api_clients::active)
        .first(conn)
        .optional()?)
}
