//! Regional systems' API clients: creating one with a key shown once (only its hash is kept), deactivating and
//! reactivating, each audited.

use super::require_admin;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use pilotage_domain::{ApiClient, RegionCode};
use pilotage_store::audit::{self, Written};
use pilotage_store::{api_clients, atomically, DbConnection};
use rand::RngCore;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiClient {
    /// Lowercase letters, digits and dashes, e.g. `rectorat-bfc`.
    pub client_id: String,
    pub name: String,
    pub region_code: RegionCode,
}

/// Every field of `request` that breaks a rule.
pub fn check(client_id: &str, name: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if client_id.parse::<pilotage_domain::CampusId>().is_err() {
        errors.push(FieldError::new(
            "client_id",
            "invalid",
            "lettres minuscules, chiffres et tirets simples, 64 caractères au plus",
        ));
    }
    if name.trim().is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            "required",
            "nom obligatoire (200 caractères au plus)",
        ));
    }
    errors
}

/// A new client and its key, which is never stored nor shown again.
#[derive(Debug)]
pub struct Created {
    pub client: ApiClient,
    pub key: String,
}

/// Creates a client for an admin (403 otherwise): 422 for a bad id or name, 409 when the id is taken; audited.
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    request: &NewApiClient,
    now: DateTime<Utc>,
) -> ApiResult<Created> {
    require_admin(caller)?;
    let errors = check(&request.client_id, &request.name);
    if !errors.is_empty() {
        return Err(ApiError::validation("client invalide", errors));
    }
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let client = atomically(conn, |conn| {
        let client = api_clients::create(
            conn,
            &request.client_id,
            request.name.trim(),
            request.region_code,
            &key,
            now,
        )?;
        audit::record_write(
            conn,
            &caller.subject,
            now,
            "created",
            Written::ApiClient(&client.client_id),
        )?;
        Ok::<_, ApiError>(client)
    })?;
    Ok(Created { client, key })
}

/// Deactivates (`active` false) or reactivates a client for an admin (403 otherwise), audited; nothing is written
/// when it already is so. A deactivated client gets no more tokens and its tokens are refused.
pub fn set_active(
    conn: &mut DbConnection,
    caller: &Caller,
    client_id: &str,
    active: bool,
    now: DateTime<Utc>,
) -> ApiResult<ApiClient> {
    require_admin(caller)?;
    atomically(conn, |conn| {
        let client = api_clients::get(conn, client_id)?
            .ok_or_else(|| ApiError::NotFound(format!("client {client_id} introuvable")))?;
        if client.active == active {
            return Ok(client);
        }
        let client = api_clients::set_active(conn, client_id, active, now)?;
        let action = if active { "reactivated" } else { "deactivated" };
        audit::record_write(
            conn,
            &caller.subject,
            now,
            action,
            Written::ApiClient(&client.client_id),
        )?;
        Ok(client)
    })
}

/// Every client, for an admin (403 otherwise).
pub fn list(conn: &mut DbConnection, caller: &Caller) -> ApiResult<Vec<ApiClient>> {
    require_admin(caller)?;
    Ok(api_clients::list(conn)?)
}
