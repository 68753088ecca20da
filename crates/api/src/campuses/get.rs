//! `GET /api/v1/campuses/{campus_id}`.

use crate::extract;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::Campus;
use pilotage_store::campuses;

#[utoipa::path(
    tag = "campuses",
    params(("campus_id" = String, Path, description = "Campus id, e.g. nevers")),
    responses(
        (status = 200, description = "The campus", body = Campus),
        (status = 400, description = "Malformed campus id", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}")]
pub async fn get_campus(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path)?;
    let campus = db::run(&state, {
        let id = id.clone();
        move |conn| Ok(campuses::get(conn, &id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(caller.visible(&id, campus)?))
}
