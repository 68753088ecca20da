//! `GET /api/v1/dashboards`: the dashboards described in `dashboards/*.toml`.

use actix_web::{get, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult};
use pilotage_charts::dashboard_spec::{DashboardSpec, ScopeKind};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardInfo {
    pub name: String,
    /// French title.
    pub title: String,
    /// `national`, `region` or `campus`: what `scope` the dashboard takes.
    pub scope: String,
    /// e.g. `/api/v1/dashboards/national.png?year=2025-2026`.
    pub png: String,
    pub svg: String,
}

#[utoipa::path(
    tag = "dashboards",
    responses(
        (status = 200, description = "The dashboards", body = Vec<DashboardInfo>),
    ),
    security(("bearer" = []))
)]
#[get("/dashboards")]
pub async fn list_dashboards(_caller: Caller) -> ApiResult<HttpResponse> {
    let specs = DashboardSpec::built_in().map_err(|e| ApiError::Internal(e.to_string()))?;
    let list: Vec<DashboardInfo> = specs
        .into_iter()
        .map(|s| DashboardInfo {
            png: format!("/api/v1/dashboards/{}.png", s.name),
            svg: format!("/api/v1/dashboards/{}.svg", s.name),
            scope: match s.scope {
                ScopeKind::National => "national",
                ScopeKind::Region => "region",
                ScopeKind::Campus => "campus",
            }
            .into(),
            name: s.name,
            title: s.title,
        })
        .collect();
    Ok(HttpResponse::Ok().json(list))
}
