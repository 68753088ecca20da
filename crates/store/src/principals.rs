//! Who a token names: a person (by e-mail address) or an API client (by id), and whether they may still act.

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::schema::{api_clients, users};
use crate::time::from_db;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// What a token's subject allows: whether the account is active, and when it was last deactivated (its tokens
/// issued until then are refused, even once it is active again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub active: bool,
    pub last_deactivated_at: Option<DateTime<Utc>>,
}

/// The standing of the user or API client named `subject`: `None` when neither exists (a token issued by the
/// operator with `pilotage token` for a subject of their choice). A user wins over a client of the same name. Both
/// are looked up in one statement.
pub fn standing(conn: &mut DbConnection, subject: &str) -> StoreResult<Option<Standing>> {
    let email = subject.trim().to_lowercase();
    let user_active = users::table
        .filter(users::email.eq(&email))
        .select(users::active)
        .single_value();
    let user_deactivated = users::table
        .filter(users::email.eq(&email))
        .select(users::last_deactivated_at)
        .single_value();
    let client_active = api_clients::table
        .find(subject)
        .select(api_clients::active)
        .single_value();
    let client_deactivated = api_clients::table
        .find(subject)
        .select(api_clients::last_deactivated_at)
        .single_value();
    let (user_active, user_deactivated, client_active, client_deactivated) = diesel::select((
        user_active,
        user_deactivated,
        client_active,
        client_deactivated,
    ))
    .get_result::<(Option<bool>, Option<_>, Option<bool>, Option<_>)>(conn)?;
    let standing = |active: bool, deactivated: Option<chrono::NaiveDateTime>| Standing {
        active,
        last_deactivated_at: deactivated.map(from_db),
    };
    Ok(match (user_active, client_active) {
        (Some(active), _) => Some(standing(active, user_deactivated)),
        (None, Some(active)) => Some(standing(active, client_deactivated)),
        (None, None) => None,
    })
}

/// Whether the user or API client named `subject` is active: `None` when neither exists (see [`standing`]).
pub fn active(conn: &mut DbConnection, subject: &str) -> StoreResult<Option<bool>> {
    Ok(standing(conn, subject)?.map(|s| s.active))
}
