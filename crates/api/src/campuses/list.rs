//! `GET /api/v1/campuses`: the campuses the caller may see, filtered and paginated.

use crate::pagination::PageParams;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{Campus, CampusStatus, RegionCode, Role};
use pilotage_store::campuses::{self, CampusFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct CampusQuery {
    /// Région académique code, e.g. `BFC`.
    pub region: Option<String>,
    /// `active`, `suspended` or `closed`.
    pub status: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampusPage {
    pub items: Vec<Campus>,
    pub total: i64,
}

#[utoipa::path(
    tag = "campuses",
    params(CampusQuery, PageParams),
    responses(
        (status = 200, description = "One page of campuses", body = CampusPage),
        (status = 400, description = "Malformed query", body = Problem),
        (status = 422, description = "Invalid filter or page", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses")]
pub async fn list_campuses(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<CampusQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let (offset, limit) = page.checked()?;
    let mut filter = CampusFilter {
        region: query
            .region
            .as_deref()
            .map(|r| {
                r.parse::<RegionCode>()
                    .map_err(|e| ApiError::field("region", "unknown_region", e.to_string()))
            })
            .transpose()?,
        status: query
            .status
            .as_deref()
            .map(|s| {
                CampusStatus::parse(s).ok_or_else(|| {
                    ApiError::field(
                        "status",
                        "unknown_status",
                        "statut attendu : active, suspended ou closed",
                    )
                })
            })
            .transpose()?,
        ids: None,
    };
    match caller.role {
        Role::Coordinator => filter.ids = Some(caller.campus_ids.clone()),
        Role::Regional => {
            if filter.region.is_some_and(|r| Some(r) != caller.region) {
                return Ok(HttpResponse::Ok().json(CampusPage {
                    items: Vec::new(),
                    total: 0,
                }));
            }
            filter.region = caller.region;
        }
        Role::Analyst | Role::Ministry | Role::Admin => {}
    }
    let (items, total) = db::run(&state, move |conn| {
        Ok(campuses::list(conn, &filter, offset, limit)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(CampusPage { items, total }))
}
