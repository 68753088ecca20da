//! `GET/POST /api/v1/admin/users`, `DELETE /api/v1/admin/users/{id}` (deactivates; never the last active admin),
//! `POST /api/v1/admin/users/{id}/reactivate`.

use crate::extract::Json;
use actix_web::{delete, get, post, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, FieldError, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::account::check_email;
use pilotage_domain::{CampusId, RegionCode, Role, User};
use pilotage_store::audit::{self, Written};
use pilotage_store::{atomically, campuses, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

const MIN_PASSWORD_CHARS: usize = 12;

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub campus_ids: Vec<CampusId>,
    pub region_code: Option<RegionCode>,
    pub active: bool,
}

impl From<User> for UserView {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            role: u.role,
            campus_ids: u.campus_ids,
            region_code: u.region_code,
            active: u.active,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
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

#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, description = "Every account", body = Vec<UserView>),
        (status = 403, description = "Not an admin", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/admin/users")]
pub async fn list_users(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Admin])?;
    let list = db::run(&state, |conn| Ok(users::list(conn)?)).await?;
    Ok(HttpResponse::Ok().json(list.into_iter().map(UserView::from).collect::<Vec<_>>()))
}

#[utoipa::path(
    tag = "admin",
    request_body = NewUserRequest,
    responses(
        (status = 201, description = "Created", body = UserView),
        (status = 400, description = "Malformed JSON", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 409, description = "E-mail address taken", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Invalid e-mail, password, role scope or unknown campus", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/admin/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<NewUserRequest>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Admin])?;
    let request = body.0;
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
            "seuls les comptes coordinator et regional ont une portée",
        )),
        _ => None,
    };
    if let Some((field, message)) = scope_error {
        errors.push(FieldError::new(field, "scope", message));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation("compte invalide", errors));
    }
    let now = state.now();
    let user = db::run(&state, move |conn| {
        for id in &request.campus_ids {
            if !campuses::exists(conn, id)? {
                return Err(ApiError::field(
                    "campus_ids",
                    "unknown_campus",
                    format!("aucun campus « {id} »"),
                ));
            }
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
    })
    .await?;
    Ok(HttpResponse::Created().json(UserView::from(user)))
}

/// The one rule of deactivation: there is always an active admin, or nobody could manage accounts any more.
const LAST_ADMIN: &str = "le dernier administrateur actif ne peut pas être désactivé : il doit toujours rester au \
                          moins un compte administrateur actif ; activez ou créez d'abord un autre administrateur";

fn user_id(path: &str) -> ApiResult<i64> {
    path.parse()
        .map_err(|_| ApiError::BadRequest(format!("paramètre id « {path} » : entier attendu")))
}

fn absent(id: i64) -> ApiError {
    ApiError::NotFound(format!("utilisateur {id} introuvable"))
}

#[utoipa::path(
    tag = "admin",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "Deactivated (or already so): the account can no longer log in and its tokens answer 401", body = UserView),
        (status = 400, description = "Malformed id", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such user", body = Problem),
        (status = 409, description = "The last active admin, who cannot be deactivated", body = Problem),
    ),
    security(("bearer" = []))
)]
#[delete("/admin/users/{id}")]
pub async fn deactivate_user(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Admin])?;
    let id = user_id(&path)?;
    let now = state.now();
    let user = db::run(&state, move |conn| {
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
    })
    .await?;
    Ok(HttpResponse::Ok().json(UserView::from(user)))
}

#[utoipa::path(
    tag = "admin",
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "Active again (or already so): the account can log in; the tokens issued before its deactivation stay refused", body = UserView),
        (status = 400, description = "Malformed id", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such user", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/admin/users/{id}/reactivate")]
pub async fn reactivate_user(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Admin])?;
    let id = user_id(&path)?;
    let now = state.now();
    let user = db::run(&state, move |conn| {
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
    })
    .await?;
    Ok(HttpResponse::Ok().json(UserView::from(user)))
}
