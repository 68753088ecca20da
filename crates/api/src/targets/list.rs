//! `GET /api/v1/targets`: the targets the caller may see (national ones, and those of the régions and campuses in
//! their scope).

use crate::extract;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{Target, TargetScope};
use pilotage_store::{campuses, targets};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct TargetQuery {
    /// Academic year.
    pub year: Option<String>,
    /// Indicator name.
    pub indicator: Option<String>,
    /// `nation`, `region:CODE` or `campus:ID`.
    pub scope: Option<String>,
}

#[utoipa::path(
    tag = "targets",
    params(TargetQuery),
    responses(
        (status = 200, description = "Targets, by year, indicator and scope", body = Vec<Target>),
        (status = 400, description = "Malformed year", body = Problem),
        (status = 422, description = "Malformed scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/targets")]
pub async fn list_targets(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<TargetQuery>,
) -> ApiResult<HttpResponse> {
    let year = query.year.as_deref().map(extract::year).transpose()?;
    let scope = query
        .scope
        .as_deref()
        .map(|s| {
            s.parse::<TargetScope>()
                .map_err(|e| ApiError::field("scope", "invalid_scope", e.to_string()))
        })
        .transpose()?;
    let indicator = query.indicator.clone();
    let list = db::run(&state, move |conn| {
        let visible: Vec<_> = campuses::all(conn)?
            .into_iter()
            .filter(|c| caller.sees(c))
            .collect();
        let sees_scope = |s: &TargetScope| match s {
            TargetScope::Nation => true,
            TargetScope::Region(r) => {
                visible.iter().any(|c| c.region_code == *r) || caller.region == Some(*r)
            }
            TargetScope::Campus(id) => visible.iter().any(|c| &c.id == id),
        };
        Ok(targets::list(conn, year)?
            .into_iter()
            .filter(|t| sees_scope(&t.scope))
            .filter(|t| scope.as_ref().is_none_or(|s| &t.scope == s))
            .filter(|t| indicator.as_ref().is_none_or(|i| &t.indicator == i))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}
