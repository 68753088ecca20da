//! People's accounts: creating one (checked field by field), deactivating (never the last active admin) and
//! reactivating, each audited.

use super::require_admin;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use pilotage_domain::account::check_email;
use pilotage_domain::{CampusId, RegionCode, Role, User};
use pilotage_store::audit::{self, Written};
use pilotage_store::{atomically, campuses, users, DbConnection};
use serde::Deserialize;
use utoipa::ToSchema;

/// The shortest password accepted for a new account.
pub const MIN_PASSWORD_CHARS: usize = 12;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Coordinators: the campuses they answer for (at least one).
    #[serde(default)]
    pub campus_ids: Vec<CampusId>,
    /// Regional accounts: their région académique.
    pub region_code: Option<RegionCode>,
    /// At least 12 characters.
    pub password: String,
}

/// Every field of `request` that breaks a rule (the campuses' existence is checked against the store later).
pub fn check(request: &NewUserRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Err(message) = check_email(request.email.trim()) {
        errors.push(FieldError::new("email", "invalid_email", message));
    }
    if request.display_name.trim().is_empty() || request.display_name.chars().count() > 200 {
        errors.push(FieldError::new(
            "display_name",
            "required",
            "nom affiché obligatoire (200 caractères au plus)",
        ));
    }
    if request.password.chars().count() < MIN_PASSWORD_CHARS {
        errors.push(FieldError::new(
            "password",
            "too_short",
            format!("{MIN_PASSWORD_CHARS} caractères au moins"),
        ));
    }
    let scoped_campuses = !request.campus_ids.is_empty();
    let scoped_region = request.region_code.is_some();
    let scope_error = match request.role {
        Role::Coordinator if !scoped_campuses => Some((
            "campus_ids",
            "un compte de coordination nomme au moins un campus",
        )),
        Role::Coordinator if scoped_region => Some((
            "region_code",
            "un compte de coordination ne nomme pas de région",
        )),
        Role::Regional if !scoped_region => Some((
            "region_code",
            "un compte régional nomme sa région académique",
        )),
        Role::Regional if scoped_campuses => {
            Some(("campus_ids", "un compte régional ne nomme pas de campus"))
        }
        Role::Analyst | Role::Ministry | Role::Admin if scoped_campuses || scoped_region => Some((
            "role",
            "seuls les comptes de coordination (campus) et régionaux (région) ont une portée",
        )),
        _ => None,
    };
    if let Some((field, message)) = scope_error {
        errors.push(FieldError::new(field, "scope", message));
    }
    errors
}

/// Creates an account for an admin (403 otherwise): 422 with every broken field (an unknown campus named beside
/// `campus_ids`), 409 when the e-mail address is taken; audited.
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    request: &NewUserRequest,
    now: DateTime<Utc>,
) -> ApiResult<User> {
    require_admin(caller)?;
    let mut errors = check(request);
    for id in &request.campus_ids {
        if !campuses::exists(conn, id)? {
            errors.push(FieldError::new(
                "campus_ids",
                "unknown_campus",
                format!("aucun campus « {id} »"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation("compte invalide", errors));
    }
    let new = users::NewUser {
        email: request.email.trim(),
        display_name: request.display_name.trim(),
        role: request.role,
        campus_ids: &request.campus_ids,
        region_code: request.region_code,
        password: &request.password,
    };
    atomically(conn, |conn| {
        let user = users::create(conn, &new, now)?;
        audit::record_write(
            conn,
            &caller.subject,
            now,
            "created",
            Written::User(&user.email),
        )?;
        Ok(user)
    })
}

/// The one rule of deactivation: there is always an active admin, or nobody could manage accounts any more.
pub const LAST_ADMIN: &str = "le dernier administrateur actif ne peut pas être désactivé : il doit toujours rester \
                              au moins un compte administrateur actif ; activez ou créez d'abord un autre \
                              administrateur";

fn absent(id: i64) -> ApiError {
    ApiError::NotFound(format!("utilisateur {id} introuvable"))
}

/// Deactivates an account for an admin (403 otherwise): it can no longer sign in and its tokens are refused; 409
/// for the last active admin; nothing written when it already is inactive.
pub fn deactivate(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    now: DateTime<Utc>,
) -> ApiResult<User> {
    require_admin(caller)?;
    atomically(conn, |conn| {
        // Locked first (PostgreSQL), so that two admins deactivating each other cannot both pass the rule.
        let admins = users::active_admin_ids_for_update(conn)?;
        let user = users::get(conn, id)?.ok_or_else(|| absent(id))?;
        if !user.active {
            return Ok(user);
        }
        if user.role == Role::Admin && admins.iter().all(|admin| *admin == id) {
            return Err(ApiError::Conflict(LAST_ADMIN.into()));
        }
        let user = users::set_active(conn, id, false, now)?;
        audit::record_write(
            conn,
            &caller.subject,
            now,
            "deactivated",
            Written::User(&user.email),
        )?;
        Ok(user)
    })
}

/// Reactivates an account for an admin (403 otherwise); nothing written when it already is active.
pub fn reactivate(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    now: DateTime<Utc>,
) -> ApiResult<User> {
    require_admin(caller)?;
    atomically(conn, |conn| {
        let user = users::get(conn, id)?.ok_or_else(|| absent(id))?;
        if user.active {
            return Ok(user);
        }
        let user = users::set_active(conn, id, true, now)?;
        audit::record_write(
            conn,
            &caller.subject,
            now,
            "reactivated",
            Written::User(&user.email),
        )?;
        Ok(user)
    })
}

/// Every account, for an admin (403 otherwise).
pub fn list(conn: &mut DbConnection, caller: &Caller) -> ApiResult<Vec<User>> {
    require_admin(caller)?;
    Ok(users::list(conn)?)
}
