//! `DELETE /api/v1/targets?indicator=&scope=&year=` (analyst).

use crate::extract;
use actix_web::{delete, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_app::targets::remove_as_analyst;
use pilotage_domain::{Role, TargetScope};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct TargetKey {
    pub indicator: String,
    /// `nation`, `region:CODE` or `campus:ID`.
    pub scope: String,
    pub year: String,
}

#[utoipa::path(
    tag = "targets",
    params(TargetKey),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "Malformed or missing parameter", body = Problem),
        (status = 403, description = "Not an analyst", body = Problem),
        (status = 404, description = "No such target", body = Problem),
        (status = 422, description = "Malformed scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[delete("/targets")]
pub async fn remove_target(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<TargetKey>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Analyst])?;
    let year = extract::year(&query.year)?;
    let scope: TargetScope =
        query
            .scope
            .parse()
            .map_err(|e: pilotage_domain::target::ScopeError| {
                ApiError::field("scope", "invalid_scope", e.to_string())
            })?;
    let indicator = query.indicator.clone();
    let now = state.now();
    let removed = db::run(&state, move |conn| {
        remove_as_analyst(conn, &caller, &indicator, &scope, year, now)
    })
    .await?;
    if removed {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::NotFound(
            "aucune cible pour cet indicateur, cette portée et cette année".into(),
        ))
    }
}
