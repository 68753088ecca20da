//! `PUT /api/v1/campuses/{campus_id}` (analyst, admin): replaces the campus's attributes.

use crate::extract::{self, Json};
use actix_web::{put, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{Campus, Role};
use pilotage_store::audit;
use pilotage_store::{atomically, campuses};

#[utoipa::path(
    tag = "campuses",
    params(("campus_id" = String, Path, description = "Campus id")),
    request_body = Campus,
    responses(
        (status = 200, description = "Updated", body = Campus),
        (status = 400, description = "Malformed JSON or id", body = Problem),
        (status = 403, description = "Not an analyst or admin", body = Problem),
        (status = 404, description = "No such campus", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Invalid attributes, or an id that differs from the path", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}")]
pub async fn update_campus(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: Json<Campus>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Analyst, Role::Admin])?;
    let id = extract::campus_id(&path)?;
    let campus = body.0;
    if campus.id != id {
        return Err(ApiError::field(
            "id",
            "id_mismatch",
            format!(
                "l'identifiant « {} » diffère de celui de l'adresse « {id} »",
                campus.id
            ),
        ));
    }
    super::check(&campus)?;
    let now = state.now();
    let updated = campus.clone();
    db::run(&state, move |conn| {
        atomically(conn, |conn| {
            let Some(old) = campuses::get(conn, &campus.id)? else {
                return Err(pilotage_app::auth::not_found_campus(&campus.id));
            };
            campuses::upsert(conn, &campus, now)?;
            audit::record_campus_update(conn, &caller.subject, now, &old, &campus)?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(updated))
}
