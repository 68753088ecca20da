//! Who a token names: a person (by e-mail address) or an API client (by id), and whether they may still act.

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::schema::{api_clients, data_version, users};
use diesel::prelude::*;

/// The data version, and whether the user or API client named `subject` is active (`None` when neither exists: a
/// token issued by the operator with `pilotage token` for a subject of their choice; a user wins over a client of
/// the same name). Read together in one statement: what every authenticated request needs before anything else.
pub fn versioned(conn: &mut DbConnection, subject: &str) -> StoreResult<(i64, Option<bool>)> {
    let user = users::table
        .filter(users::email.eq(subject.trim().to_lowercase()))
        .select(users::active)
        .single_value();
    let client = api_clients::table
        .find(subject)
        .select(api_clients::active)
        .single_value();
    let (version, user, client): (i64, Option<bool>, Option<bool>) = data_version::table
        .find(1)
        .select((data_version::version, user, client))
        .first(conn)?;
    Ok((version, user.or(client)))
}
