//! `POST /api/v1/webhooks`, `GET /api/v1/webhooks`, `DELETE /api/v1/webhooks/{id}`: regional systems register
//! where Pilotage should POST the events they want (report submitted, accepted, returned; deadline passed),
//! signed with a secret shown once. Admins see every webhook.

use crate::extract::Json;
use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, FieldError, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{Event, Role};
use pilotage_jobs::webhook_url;
use pilotage_store::{api_clients, webhooks};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookView {
    pub id: i64,
    pub client_id: String,
    pub url: String,
    pub events: Vec<Event>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

impl From<webhooks::Webhook> for WebhookView {
    fn from(w: webhooks::Webhook) -> Self {
        Self {
            id: w.id,
            client_id: w.client_id,
            url: w.url,
            events: w.events,
            active: w.active,
            created_at: w.created_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    /// An `https://` URL whose host is a public address (no user information; `http://` to loopback only when
    /// `PILOTAGE_WEBHOOK_ALLOW_LOOPBACK=on`, in development), 2 000 characters at most.
    pub url: String,
    /// At least one of `report.submitted`, `report.accepted`, `report.returned`, `deadline.passed`.
    pub events: Vec<Event>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NewWebhookResponse {
    pub webhook: WebhookView,
    /// Shown once: the key of the `X-Pilotage-Signature` HMAC-SHA256 of `TIMESTAMP.BODY`.
    pub secret: String,
}

/// The API client behind the caller, or 403: webhooks belong to API clients (regional systems).
fn client_of(conn: &mut pilotage_store::DbConnection, caller: &Caller) -> ApiResult<String> {
    match api_clients::get(conn, &caller.subject)? {
        Some(client) if client.active => Ok(client.client_id),
        _ => Err(ApiError::Forbidden(
            "les webhooks sont enregistrés par les clients d'API (systèmes régionaux), avec leur jeton client".into(),
        )),
    }
}

#[utoipa::path(
    tag = "webhooks",
    request_body = NewWebhook,
    responses(
        (status = 201, description = "Registered; the secret is shown once", body = NewWebhookResponse),
        (status = 400, description = "Malformed JSON", body = Problem),
        (status = 403, description = "Not an API client", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Bad URL (not https, user information, a loopback, private, link-local, multicast or reserved address), no event or an unknown one", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/webhooks")]
pub async fn register_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<NewWebhook>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Regional, Role::Ministry, Role::Admin])?;
    let request = body.0;
    let mut errors = Vec::new();
    // Parsed, scheme and user information checked, the host's addresses resolved and checked (off the async
    // threads: resolution blocks); each delivery checks again.
    let raw = request.url.trim().to_owned();
    let policy = state.webhooks;
    let checked = web::block(move || webhook_url::check_for_registration(&raw, &policy))
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task: {e}")))?;
    if let Err(refusal) = checked {
        errors.push(FieldError::new("url", "invalid", refusal.0));
    }
    if request.events.is_empty() {
        errors.push(FieldError::new(
            "events",
            "required",
            "au moins un événement : report.submitted, report.accepted, report.returned, deadline.passed",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation("webhook invalide", errors));
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let shown = secret.clone();
    let now = state.now();
    let webhook = db::run(&state, move |conn| {
        let client = client_of(conn, &caller)?;
        let mut events = request.events.clone();
        events.sort_by_key(|e| e.as_str());
        events.dedup();
        Ok(webhooks::register(
            conn,
            &client,
            request.url.trim(),
            &events,
            &secret,
            now,
        )?)
    })
    .await?;
    Ok(HttpResponse::Created().json(NewWebhookResponse {
        webhook: webhook.into(),
        secret: shown,
    }))
}

#[utoipa::path(
    tag = "webhooks",
    responses(
        (status = 200, description = "The caller's webhooks (every webhook for an admin)", body = Vec<WebhookView>),
        (status = 403, description = "Not an API client nor an admin", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/webhooks")]
pub async fn list_webhooks(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Regional, Role::Ministry, Role::Admin])?;
    let list = db::run(&state, move |conn| {
        let client = match caller.role {
            Role::Admin => None,
            _ => Some(client_of(conn, &caller)?),
        };
        Ok(webhooks::list(conn, client.as_deref())?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list.into_iter().map(WebhookView::from).collect::<Vec<_>>()))
}

#[utoipa::path(
    tag = "webhooks",
    params(("id" = i64, Path, description = "The webhook's id")),
    responses(
        (status = 204, description = "Stopped: no more deliveries"),
        (status = 403, description = "Not an API client", body = Problem),
        (status = 404, description = "The caller has no such webhook", body = Problem),
        (status = 422, description = "The id is not a whole number", body = Problem),
    ),
    security(("bearer" = []))
)]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Regional, Role::Ministry, Role::Admin])?;
    let raw = path.into_inner();
    let id: i64 = raw.parse().map_err(|_| {
        ApiError::field(
            "id",
            "invalid",
            format!("« {raw} » n'est pas un identifiant de webhook"),
        )
    })?;
    let now = state.now();
    let removed = db::run(&state, move |conn| {
        let client = client_of(conn, &caller)?;
        Ok(webhooks::deactivate(conn, &client, id, now)?)
    })
    .await?;
    if removed {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::NotFound(format!("pas de webhook {id}")))
    }
}
