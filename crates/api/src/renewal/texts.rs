//! `PUT /api/v1/campuses/{campus_id}/renewal/texts`: the campus's own text for criteria of the grids.

use crate::extract::{self, Json};
use actix_web::{put, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::renewal::{refuse, writable};
use pilotage_app::state::AppState;
use pilotage_domain::renewal::inputs::check_texts;
use pilotage_store::renewal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Texts by criterion code (`space_layout`, `socio_economic_relations`, …). Only the criteria given change; a
/// blank text removes the criterion's text.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextsRequest {
    pub texts: BTreeMap<String, String>,
}

#[utoipa::path(
    tag = "renewal",
    params(("campus_id" = String, Path, description = "Campus id")),
    request_body = TextsRequest,
    responses(
        (status = 200, description = "Every text of the campus after the change", body = TextsRequest),
        (status = 400, description = "Malformed JSON or campus id", body = Problem),
        (status = 403, description = "Neither a coordinator of the campus nor an analyst", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Unknown criterion or text too long, named by field", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/renewal/texts")]
pub async fn put_renewal_texts(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: Json<TextsRequest>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path)?;
    let now = state.now();
    let texts = db::run(&state, move |conn| {
        writable(conn, &caller, &id)?;
        refuse(check_texts(&body.0.texts))?;
        renewal::set_texts(conn, &id, &body.0.texts, &caller.subject, now)?;
        Ok(renewal::texts(conn, &id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(TextsRequest { texts }))
}
