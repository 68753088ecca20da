//! `PUT /api/v1/targets` (analyst): sets a target, replacing the one with the same indicator, scope and year.

use crate::extract::Json;
use actix_web::{put, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_app::targets::set_as_analyst;
use pilotage_domain::Target;

#[utoipa::path(
    tag = "targets",
    request_body = Target,
    responses(
        (status = 201, description = "Created", body = Target),
        (status = 200, description = "Replaced", body = Target),
        (status = 400, description = "Malformed JSON", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Unknown indicator or campus, bad scope or value", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/targets")]
pub async fn set_target(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<Target>,
) -> ApiResult<HttpResponse> {
    let target = body.0;
    let now = state.now();
    let saved = target.clone();
    let created = db::run(&state, move |conn| {
        set_as_analyst(conn, &caller, &target, now)
    })
    .await?;
    Ok(if created {
        HttpResponse::Created().json(saved)
    } else {
        HttpResponse::Ok().json(saved)
    })
}
