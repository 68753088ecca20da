//! `POST /api/v1/campuses` (analyst, admin).

use crate::extract::Json;
use actix_web::{post, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{Campus, Role};
use pilotage_store::audit::{self, Written};
use pilotage_store::{atomically, campuses};

#[utoipa::path(
    tag = "campuses",
    request_body = Campus,
    responses(
        (status = 201, description = "Created", body = Campus),
        (status = 400, description = "Malformed JSON", body = Problem),
        (status = 403, description = "Not an analyst or admin", body = Problem),
        (status = 409, description = "The id is taken", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Invalid attributes", body = Problem),
    ),
    security(("bearer" = []))
)]
#[post("/campuses")]
pub async fn create_campus(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<Campus>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Analyst, Role::Admin])?;
    let campus = body.0;
    super::check(&campus)?;
    let now = state.now();
    let created = campus.clone();
    db::run(&state, move |conn| {
        atomically(conn, |conn| {
            campuses::create(conn, &campus, now)?;
            audit::record_write(
                conn,
                &caller.subject,
                now,
                "created",
                Written::Campus(&campus.id),
            )?;
            Ok(())
        })
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/campuses/{}", created.id)))
        .json(created))
}
