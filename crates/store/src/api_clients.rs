//! Machine clients (regional systems): a client id and a key whose argon2 hash is stored.

use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::password;
use crate::schema::api_clients;
use crate::time::to_db;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{ApiClient, RegionCode, Role};

type ClientRow = (String, String, String, Option<String>, bool);

const COLUMNS: (
    api_clients::client_id,
    api_clients::name,
    api_clients::role,
    api_clients::region_code,
    api_clients::active,
) = (
    api_clients::client_id,
    api_clients::name,
    api_clients::role,
    api_clients::region_code,
    api_clients::active,
);

fn into_domain((client_id, name, role, region, active): ClientRow) -> StoreResult<ApiClient> {
    Ok(ApiClient {
        client_id,
        name,
        role: Role::parse(&role).ok_or_else(|| StoreError::corrupt(format!("rôle {role}")))?,
        region_code: region
            .map(|r| r.parse().map_err(StoreError::corrupt))
            .transpose()?,
        active,
    })
}

/// Creates a regional client with its key; `Conflict` if the id is taken.
pub fn create(
    conn: &mut DbConnection,
    client_id: &str,
    name: &str,
    region: RegionCode,
    key: &str,
    now: DateTime<Utc>,
) -> StoreResult<ApiClient> {
    let hash = password::hash(key)?;
    crate::atomically(conn, |conn| {
        if get(conn, client_id)?.is_some() {
            return Err(StoreError::Conflict(format!("le client {client_id}")));
        }
        diesel::insert_into(api_clients::table)
            .values((
                api_clients::client_id.eq(client_id),
                api_clients::name.eq(name),
                api_clients::key_hash.eq(hash),
                api_clients::role.eq(Role::Regional.as_str()),
                api_clients::region_code.eq(region.as_str()),
                api_clients::active.eq(true),
                api_clients::created_at.eq(to_db(now)),
            ))
            .execute(conn)?;
        get(conn, client_id)?.ok_or_else(|| StoreError::NotFound(format!("client {client_id}")))
    })
}

pub fn get(conn: &mut DbConnection, client_id: &str) -> StoreResult<Option<ApiClient>> {
    let row: Option<ClientRow> = api_clients::table
        .find(client_id)
        .select(COLUMNS)
        .first(conn)
        .optional()?;
    row.map(into_domain).transpose()
}

pub fn list(conn: &mut DbConnection) -> StoreResult<Vec<ApiClient>> {
    let rows: Vec<ClientRow> = api_clients::table
        .order(api_clients::client_id)
        .select(COLUMNS)
        .load(conn)?;
    rows.into_iter().map(into_domain).collect()
}

/// The active client with this id and key, if any.
pub fn authenticate(
    conn: &mut DbConnection,
    client_id: &str,
    key: &str,
) -> StoreResult<Option<ApiClient>> {
    let row: Option<String> = api_clients::table
        .find(client_id)
        .filter(api_clients::active.eq(true))
        .select(api_clients::key_hash)
        .first(conn)
        .optional()?;
    match row {
        Some(hash) if password::verify(key, &hash) => get(conn, client_id),
        Some(_) => Ok(None),
        // No such account: the same argon2 cost, so that timing does not tell.
        None => {
            password::verify_absent(key);
            Ok(None)
        }
    }
}

/// Activates or deactivates a client (a deactivated client gets no token, and its tokens are refused); `NotFound`
/// if there is none. A deactivation records its time: the tokens issued until then stay refused once the client is
/// reactivated.
pub fn set_active(
    conn: &mut DbConnection,
    client_id: &str,
    active: bool,
    now: DateTime<Utc>,
) -> StoreResult<ApiClient> {
    let target = api_clients::table.find(client_id);
    let n = if active {
        diesel::update(target)
            .set(api_clients::active.eq(true))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                api_clients::active.eq(false),
                api_clients::last_deactivated_at.eq(Some(to_db(now))),
            ))
            .execute(conn)?
    };
    if n == 0 {
        return Err(StoreError::NotFound(format!("client {client_id}")));
    }
    get(conn, client_id)?.ok_or_else(|| StoreError::NotFound(format!("client {client_id}")))
}
