//! `GET /api/v1/deadlines/{year}`: the dates of an academic year.

use crate::extract;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::deadlines::Deadlines;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;

#[utoipa::path(
    tag = "deadlines",
    params(("year" = String, Path, description = "Academic year")),
    responses(
        (status = 200, description = "The year's dates", body = Deadlines),
        (status = 400, description = "Malformed year", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/deadlines/{year}")]
pub async fn get_deadlines(
    state: web::Data<AppState>,
    _caller: Caller,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let year = extract::year(&path)?;
    let body = db::run(&state, move |conn| Ok(Deadlines::load(conn, year)?)).await?;
    Ok(HttpResponse::Ok().json(body))
}
