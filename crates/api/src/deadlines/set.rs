//! `PUT /api/v1/deadlines/{year}` (analyst): moves some of a year's dates.

use super::Deadlines;
use crate::extract::{self, Json};
use actix_web::{put, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::deadlines::set_as_analyst;
pub use pilotage_app::deadlines::DeadlinesUpdate;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::Role;

#[utoipa::path(
    tag = "deadlines",
    params(("year" = String, Path, description = "Academic year")),
    request_body = DeadlinesUpdate,
    responses(
        (status = 200, description = "The year's dates after the change", body = Deadlines),
        (status = 400, description = "Malformed JSON or year", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Dates out of order, far from the year, or not a date", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/deadlines/{year}")]
pub async fn set_deadlines(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: Json<DeadlinesUpdate>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Analyst])?;
    let year = extract::year(&path)?;
    let update = body.0;
    let now = state.now();
    let result = db::run(&state, move |conn| {
        set_as_analyst(conn, &caller, year, update, now)
    })
    .await?;
    Ok(HttpResponse::Ok().json(result))
}
