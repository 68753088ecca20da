//! `GET/POST /api/v1/admin/api-clients`, `DELETE /api/v1/admin/api-clients/{client_id}` (deactivates),
//! `POST /api/v1/admin/api-clients/{client_id}/reactivate`. A new client's key is shown once; only its hash is kept.

use crate::extract::Json;
use actix_web::{delete, get, post, web, HttpResponse};
use pilotage_app::admin;
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{ApiClient, RegionCode, Role};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiClientView {
    pub client_id: String,
    pub name: String,
    pub role: Role,
    pub region_code: Option<RegionCode>,
    pub active: bool,
}

impl From<ApiClient> for ApiClientView {
    fn from(c: ApiClient) -> Self {
        Self {
            client_id: c.client_id,
            name: c.name,
            role: c.role,
            region_code: c.region_code,
            active: c.active,
        }
    }
}

pub use pilotage_app::admin::api_clients::NewApiClient;

#[derive(Debug, Serialize, ToSchema)]
pub struct NewApiClientResponse {
    pub client: ApiClientView,
    /// Shown once: exchange it at `POST /api/v1/auth/token`.
    pub client_key: String,
}

#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, description = "Every client", body = Vec<ApiClientView>),
        (status = 403, description = "Not an admin", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/admin/api-clients")]
pub async fn list_api_clients(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<HttpResponse> {
    let list = db::run(&state, move |conn| admin::api_clients::list(conn, &caller)).await?;
    Ok(HttpResponse::Ok().json(
        list.into_iter()
            .map(ApiClientView::from)
            .collect::<Vec<_>>(),
    ))
}

#[utoipa::path(
    tag = "admin",
    request_body = NewApiClient,
    responses(
        (status = 201, description = "Created; the key is shown once", body = NewApiClientResponse),
        (status = 400, description = "Malformed JSON", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 409, description = "Client id taken", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Invalid client id or name", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/admin/api-clients")]
pub async fn create_api_client(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<NewApiClient>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let now = state.now();
    let created = db::run(&state, move |conn| {
        admin::api_clients::create(conn, &caller, &request, now)
    })
    .await?;
    Ok(HttpResponse::Created().json(NewApiClientResponse {
        client: created.client.into(),
        client_key: created.key,
    }))
}

#[utoipa::path(
    tag = "admin",
    params(("client_id" = String, Path)),
    responses(
        (status = 200, description = "Deactivated (or already so): no more tokens for this client, and its tokens answer 401", body = ApiClientView),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such client", body = Problem),
    ),
    security(("bearer" = []))
)]
#[delete("/admin/api-clients/{client_id}")]
pub async fn deactivate_api_client(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let client = set_active(&state, caller, path.into_inner(), false).await?;
    Ok(HttpResponse::Ok().json(ApiClientView::from(client)))
}

#[utoipa::path(
    tag = "admin",
    params(("client_id" = String, Path)),
    responses(
        (status = 200, description = "Active again (or already so): the client gets tokens with its key; the tokens issued before its deactivation stay refused", body = ApiClientView),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such client", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/admin/api-clients/{client_id}/reactivate")]
pub async fn reactivate_api_client(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let client = set_active(&state, caller, path.into_inner(), true).await?;
    Ok(HttpResponse::Ok().json(ApiClientView::from(client)))
}

/// Deactivates or reactivates a client, audited; nothing is written when it already is so.
async fn set_active(
    state: &AppState,
    caller: Caller,
    client_id: String,
    active: bool,
) -> ApiResult<ApiClient> {
    let now = state.now();
    db::run(state, move |conn| {
        admin::api_clients::set_active(conn, &caller, &client_id, active, now)
    })
    .await
}
