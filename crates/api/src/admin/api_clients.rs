//! `GET/POST /api/v1/admin/api-clients`, `DELETE /api/v1/admin/api-clients/{client_id}` (deactivates),
//! `POST /api/v1/admin/api-clients/{client_id}/reactivate`. A new client's key is shown once; only its hash is kept.

use crate::extract::Json;
use actix_web::{delete, get, post, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, FieldError, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{ApiClient, RegionCode, Role};
use pilotage_store::audit::{self, Written};
use pilotage_store::{api_clients, atomically};
use rand::RngCore;
use serde::{Deserialize, Serialize};
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiClient {
    /// Lowercase letters, digits and dashes, e.g. `rectorat-bfc`.
    pub client_id: String,
    pub name: String,
    pub region_code: RegionCode,
}

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
    caller.require(&[Role::Admin])?;
    let list = db::run(&state, |conn| Ok(api_clients::list(conn)?)).await?;
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
    caller.require(&[Role::Admin])?;
    let request = body.0;
    let mut errors = Vec::new();
    if request
        .client_id
        .parse::<pilotage_domain::CampusId>()
        .is_err()
    {
        errors.push(FieldError::new(
            "client_id",
            "invalid",
            "lettres minuscules, chiffres et tirets simples, 64 caractères au plus",
        ));
    }
    if request.name.trim().is_empty() || request.name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            "required",
            "nom obligatoire (200 caractères au plus)",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation("client invalide", errors));
    }
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let now = state.now();
    let shown = key.clone();
    let client = db::run(&state, move |conn| {
        atomically(conn, |conn| {
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
            Ok(client)
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(NewApiClientResponse {
        client: client.into(),
        client_key: shown,
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
    caller.require(&[Role::Admin])?;
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
    caller.require(&[Role::Admin])?;
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
        atomically(conn, |conn| {
            let client = api_clients::get(conn, &client_id)?
                .ok_or_else(|| ApiError::NotFound(format!("client {client_id} introuvable")))?;
            if client.active == active {
                return Ok(client);
            }
            let client = api_clients::set_active(conn, &client_id, active, now)?;
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
    })
    .await
}
