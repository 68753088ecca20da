//! `GET /api/v1/stats/indicators`: the indicator table — names, French labels, formulas, units, pooling.

use actix_web::{get, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::error::ApiResult;
use pilotage_domain::indicators::INDICATORS;

#[utoipa::path(
    tag = "stats",
    responses(
        (status = 200, description = "Every indicator: name, label, unit, better direction, numerator and denominator terms, factor, pooling", body = Vec<Object>),
    ),
    security(("bearer" = []))
)]
#[get("/stats/indicators")]
pub async fn stats_indicators(_caller: Caller) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(INDICATORS))
}
