//! `GET /api/v1/campuses/{campus_id}/renewal?from=&to=`: the renewal record as JSON.

use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::renewal::{read_record, SpanQuery};
use pilotage_app::state::AppState;
use pilotage_domain::renewal::RenewalRecord;

#[utoipa::path(
    tag = "renewal",
    params(("campus_id" = String, Path, description = "Campus id"), SpanQuery),
    responses(
        (status = 200, description = "The record: both criteria grids with their figures per year (a missing year is null with a note), the establishment's part, the forecast budget beside the actual budgets", body = RenewalRecord),
        (status = 400, description = "Malformed campus id or year", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 422, description = "`from` after `to`, or a span over 12 years", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}/renewal")]
pub async fn get_renewal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<SpanQuery>,
) -> ApiResult<HttpResponse> {
    let record = read_record(&state, caller, &path, query.into_inner()).await?;
    Ok(HttpResponse::Ok().json(record))
}
