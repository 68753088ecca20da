//! `GET/POST /api/v1/admin/users`, `DELETE /api/v1/admin/users/{id}` (deactivates; never the last active admin),
//! `POST /api/v1/admin/users/{id}/reactivate`.

use crate::extract::Json;
use actix_web::{delete, get, post, web, HttpResponse};
use pilotage_app::admin;
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{CampusId, RegionCode, Role, User};
use serde::Serialize;
use utoipa::ToSchema;

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

pub use pilotage_app::admin::users::NewUserRequest;

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
    let list = db::run(&state, move |conn| admin::users::list(conn, &caller)).await?;
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
    let request = body.0;
    let now = state.now();
    let user = db::run(&state, move |conn| {
        admin::users::create(conn, &caller, &request, now)
    })
    .await?;
    Ok(HttpResponse::Created().json(UserView::from(user)))
}

fn user_id(path: &str) -> ApiResult<i64> {
    path.parse()
        .map_err(|_| ApiError::BadRequest(format!("paramètre id « {path} » : entier attendu")))
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
    let id = user_id(&path)?;
    let now = state.now();
    let user = db::run(&state, move |conn| {
        admin::users::deactivate(conn, &caller, id, now)
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
    let id = user_id(&path)?;
    let now = state.now();
    let user = db::run(&state, move |conn| {
        admin::users::reactivate(conn, &caller, id, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(UserView::from(user)))
}
