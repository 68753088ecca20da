//! Settings kept in the database (e.g. the JWT secret generated at first start).

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::schema::settings;
use crate::time::to_db;
use chrono::Utc;
use diesel::prelude::*;

pub fn get(conn: &mut DbConnection, key: &str) -> StoreResult<Option<String>> {
    Ok(settings::table
        .filter(settings::key.eq(key))
        .select(settings::value)
        .first(conn)
        .optional()?)
}

pub fn set(conn: &mut DbConnection, key: &str, value: &str) -> StoreResult<()> {
    let now = to_db(Utc::now());
    crate::atomically(conn, |conn| {
        let updated = diesel::update(settings::table.filter(settings::key.eq(key)))
            .set((settings::value.eq(value), settings::updated_at.eq(now)))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(settings::table)
                .values((
                    settings::key.eq(key),
                    settings::value.eq(value),
                    settings::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Removes `key`; whether it was there.
pub fn remove(conn: &mut DbConnection, key: &str) -> StoreResult<bool> {
    Ok(diesel::delete(settings::table.filter(settings::key.eq(key))).execute(conn)? > 0)
}

/// The value of `key`, storing `init()` first if there is none. When two instances race, both get the value
/// stored first.
pub fn get_or_init(
    conn: &mut DbConnection,
    key: &str,
    init: impl FnOnce() -> String,
) -> StoreResult<String> {
    if let Some(value) = get(conn, key)? {
        return Ok(value);
    }
    let inserted = diesel::insert_into(settings::table)
        .values((
            settings::key.eq(key),
            settings::value.eq(init()),
            settings::updated_at.eq(to_db(Utc::now())),
        ))
        .execute(conn);
    match inserted {
        Ok(_)
        | Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => {
            get(conn, key)?.ok_or_else(|| crate::StoreError::NotFound(format!("paramètre {key}")))
        }
        Err(e) => Err(e.into()),
    }
}
