//! Who a token names: a person (by e-mail address) or an API client (by id), and whether they may still act.

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::schema::{api_clients, users};
use diesel::prelude::*;

/// Whether the user or API client named `subject` is active: `None` when neither exists (a token issued by the
/// operator with `pilotage token` for a subject of their choice). A user wins over a client of the same name. Both
/// are looked up in one statement.
pub fn active(conn: &mut DbConnection, subject: &str) -> StoreResult<Option<bool>> {
    let user = users::table
        .filter(users::email.eq(subject.trim().to_lowercase()))
        .select(users::active)
        .single_value();
    let client = api_clients::table
        .find(subject)
        .select(api_clients::active)
        .single_value();
    let (user, client): (Option<bool>, Option<bool>) =
        diesel::select((user, client)).get_result(conn)?;
    Ok(user.or(client))
}
