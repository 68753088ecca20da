//! People with a login: creation with an argon2 password hash, look-up, authentication.

use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::password;
use crate::schema::{user_campuses, users};
use crate::time::to_db;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{CampusId, RegionCode, Role, User};

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub campus_ids: &'a [CampusId],
    pub region_code: Option<RegionCode>,
    pub password: &'a str,
}

type UserRow = (i64, String, String, String, Option<String>, bool);

const COLUMNS: (
    users::id,
    users::email,
    users::display_name,
    users::role,
    users::region_code,
    users::active,
) = (
    users::id,
    users::email,
    users::display_name,
    users::role,
    users::region_code,
    users::active,
);

fn assemble(
    conn: &mut DbConnection,
    (id, email, display_name, role, region, active): UserRow,
) -> StoreResult<User> {
    let campus_ids: Vec<String> = user_campuses::table
        .filter(user_campuses::user_id.eq(id))
        .order(user_campuses::campus_id)
        .select(user_campuses::campus_id)
        .load(conn)?;
    Ok(User {
        id,
        email,
        display_name,
        role: Role::parse(&role).ok_or_else(|| StoreError::corrupt(format!("rôle {role}")))?,
        campus_ids: campus_ids
            .into_iter()
            .map(|c| c.parse().map_err(StoreError::corrupt))
            .collect::<StoreResult<_>>()?,
        region_code: region
            .map(|r| r.parse().map_err(StoreError::corrupt))
            .transpose()?,
        active,
    })
}

/// E-mail addresses are compared without case.
fn normalise(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates a user; `Conflict` if the e-mail address is taken.
pub fn create(
    conn: &mut DbConnection,
    user: &NewUser<'_>,
    now: DateTime<Utc>,
) -> StoreResult<User> {
    let email = normalise(user.email);
    let hash = password::hash(user.password)?;
    crate::atomically(conn, |conn| {
        if find_by_email(conn, &email)?.is_some() {
            return Err(StoreError::Conflict(format!("l'utilisateur {email}")));
        }
        diesel::insert_into(users::table)
            .values((
                users::email.eq(&email),
                users::display_name.eq(user.display_name),
                users::password_hash.eq(&hash),
                users::role.eq(user.role.as_str()),
                users::region_code.eq(user.region_code.map(|r| r.as_str())),
                users::active.eq(true),
                users::created_at.eq(to_db(now)),
                users::updated_at.eq(to_db(now)),
            ))
            .execute(conn)?;
        let id: i64 = users::table
            .filter(users::email.eq(&email))
            .select(users::id)
            .first(conn)?;
        for campus in user.campus_ids {
            diesel::insert_into(user_campuses::table)
                .values((
                    user_campuses::user_id.eq(id),
                    user_campuses::campus_id.eq(campus.as_str()),
                ))
                .execute(conn)?;
        }
        get(conn, id)?.ok_or_else(|| StoreError::NotFound(format!("utilisateur {email}")))
    })
}

pub fn get(conn: &mut DbConnection, id: i64) -> StoreResult<Option<User>> {
    let row: Option<UserRow> = users::table
        .find(id)
        .select(COLUMNS)
        .first(conn)
        .optional()?;
    row.map(|r| assemble(conn, r)).transpose()
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> StoreResult<Option<User>> {
    let row: Option<UserRow> = users::table
        .filter(users::email.eq(normalise(email)))
        .select(COLUMNS)
        .first(conn)
        .optional()?;
    row.map(|r| assemble(conn, r)).transpose()
}

/// Every user, ordered by e-mail address.
pub fn list(conn: &mut DbConnection) -> StoreResult<Vec<User>> {
    let rows: Vec<UserRow> = users::table
        .order(users::email)
        .select(COLUMNS)
        .load(conn)?;
    rows.into_iter().map(|r| assemble(conn, r)).collect()
}

/// The active user with this e-mail address and password, if any.
pub fn authenticate(
    conn: &mut DbConnection,
    email: &str,
    secret: &str,
) -> StoreResult<Option<User>> {
    let row: Option<(i64, String)> = users::table
        .filter(users::email.eq(normalise(email)))
        .filter(users::active.eq(true))
        .select((users::id, users::password_hash))
        .first(conn)
        .optional()?;
    match row {
        Some((id, hash)) if password::verify(secret, &hash) => get(conn, id),
        Some(_) => Ok(None),
        // No such account: the same argon2 cost, so that timing does not tell.
        None => {
            password::verify_absent(secret);
            Ok(None)
        }
    }
}

/// Replaces a user's password.
pub fn set_password(
    conn: &mut DbConnection,
    id: i64,
    secret: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let hash = password::hash(secret)?;
    let n = diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound(format!("utilisateur {id}")));
    }
    Ok(())
}

/// Activates or deactivates a user (a deactivated user cannot log in, and its tokens are refused); `NotFound` if
/// there is none. A deactivation records its time: the tokens issued until then stay refused once the user is
/// reactivated.
pub fn set_active(
    conn: &mut DbConnection,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> StoreResult<User> {
    let target = users::table.find(id);
    let n = if active {
        diesel::update(target)
            .set((users::active.eq(true), users::updated_at.eq(to_db(now))))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                users::active.eq(false),
                users::updated_at.eq(to_db(now)),
                users::last_deactivated_at.eq(Some(to_db(now))),
            ))
            .execute(conn)?
    };
    if n == 0 {
        return Err(StoreError::NotFound(format!("utilisateur {id}")));
    }
    get(conn, id)?.ok_or_else(|| StoreError::NotFound(format!("utilisateur {id}")))
}

/// The ids of the active admins. On PostgreSQL their rows stay locked (`FOR UPDATE`) until the end of the
/// enclosing transaction, so that two admins deactivating each other at once cannot both succeed and leave no
/// active admin; SQLite's writers are serialised already (`BEGIN IMMEDIATE`, see [`crate::atomically`]). Call it
/// in the write's transaction, before reading the account to change.
pub fn active_admin_ids_for_update(conn: &mut DbConnection) -> StoreResult<Vec<i64>> {
    let query = users::table
        .filter(users::active.eq(true))
        .filter(users::role.eq(Role::Admin.as_str()))
        .order(users::id)
        .select(users::id);
    Ok(match conn {
        DbConnection::Pg(pg) => query.for_update().load(pg)?,
        DbConnection::Sqlite(sqlite) => query.load(sqlite)?,
    })
}

/// The active coordinators of a campus (to whom its reminders go).
pub fn coordinators_of(conn: &mut DbConnection, campus: &CampusId) -> StoreResult<Vec<User>> {
    let ids: Vec<i64> = user_campuses::table
        .inner_join(users::table)
        .filter(user_campuses::campus_id.eq(campus.as_str()))
        .filter(users::active.eq(true))
        .filter(users::role.eq(Role::Coordinator.as_str()))
        .order(users::email)
        .select(users::id)
        .load(conn)?;
    let mut out = Vec::new();
    for id in ids {
        out.extend(get(conn, id)?);
    }
    Ok(out)
}

/// The active users of one role, by e-mail address.
pub fn active_with_role(conn: &mut DbConnection, role: Role) -> StoreResult<Vec<User>> {
    let rows: Vec<UserRow> = users::table
        .filter(users::active.eq(true))
        .filter(users::role.eq(role.as_str()))
        .order(users::email)
        .select(COLUMNS)
        .load(conn)?;
    rows.into_iter().map(|r| assemble(conn, r)).collect()
}
