//! `GET /api/v1/stats/completeness?year=`: expected, submitted, on time, late and missing reports and flash
//! surveys for the nation and the régions the caller may see, and the campuses to follow up.

use super::{completeness_for, year_or_default, YearQuery};
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;

#[utoipa::path(
    tag = "stats",
    params(YearQuery),
    responses(
        (status = 200, description = "Counts per scope and the follow-up list", body = Object),
        (status = 400, description = "Malformed year", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/stats/completeness")]
pub async fn stats_completeness(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<YearQuery>,
) -> ApiResult<HttpResponse> {
    let now = state.now();
    let year = year_or_default(query.year.as_deref(), now)?;
    let answer = completeness_for(&state, caller, year).await?;
    Ok(HttpResponse::Ok().json(answer))
}
