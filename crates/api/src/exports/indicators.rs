//! `GET /api/v1/exports/indicators?format=csv|json|parquet|sdmx-csv|sdmx-json`: every indicator of every campus,
//! région and the nation, for every year. Internal roles get exact figures; a regional client gets its own région's
//! campuses, its own région's aggregate and the nation — never another région's figures, exactly as `/stats/series`
//! and the dashboards answer 404 for them — with disclosure control (counts of 1 to 4 students suppressed, status
//! C, with the secondary suppression that keeps them from being recomputed).

use crate::stats::with_dataset;
use actix_web::{get, web, HttpResponse};
use pilotage_analytics::Observation;
use pilotage_analytics::{
    export_observations, mark_provisional, observations, Audience, ExportFormat,
};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::{Campus, Role};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct ExportQuery {
    /// `csv` (default), `json`, `parquet`, `sdmx-csv` or `sdmx-json`.
    pub format: Option<String>,
}

/// What a regional client's export keeps: the nation, its own région's aggregate and its own région's campuses;
/// `None` for the other roles (everything). A regional caller without a région (refused with 401 before getting
/// here) would keep the nation only.
fn regional_scope(caller: &Caller, campuses: &[Campus]) -> Option<impl Fn(&Observation) -> bool> {
    if caller.role != Role::Regional {
        return None;
    }
    let region = caller.region;
    let own: Vec<String> = campuses
        .iter()
        .filter(|c| Some(c.region_code) == region)
        .map(|c| c.id.to_string())
        .collect();
    let own_region = region.map(|r| r.to_string());
    Some(move |o: &Observation| match o.area_level {
        "nation" => true,
        "region" => own_region.as_deref() == Some(o.ref_area.as_str()),
        _ => own.contains(&o.ref_area),
    })
}

#[utoipa::path(
    tag = "stats",
    params(ExportQuery),
    responses(
        (status = 200, description = "The export, as a file in the format asked for; for a regional client only its own région's campuses, its région's aggregate and the nation, under disclosure control"),
        (status = 403, description = "Coordinators do not export the network's figures", body = Problem),
        (status = 422, description = "Unknown format", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/exports/indicators")]
pub async fn export_indicators(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ExportQuery>,
) -> ApiResult<HttpResponse> {
    let format: ExportFormat = query.format.as_deref().unwrap_or("csv").parse().map_err(
        |e: pilotage_analytics::UnknownExportFormat| {
            ApiError::field("format", "unknown_format", e.to_string())
        },
    )?;
    let audience =
        match caller.role {
            Role::Analyst | Role::Ministry | Role::Admin => Audience::Internal,
            Role::Regional => Audience::Public,
            Role::Coordinator => return Err(ApiError::Forbidden(
                "les exports du réseau sont réservés à l'opérateur, au ministère et aux régions"
                    .into(),
            )),
        };
    let now = state.now();
    let bytes = with_dataset(&state, false, move |data| {
        let mut rows = observations(data, audience)?;
        mark_provisional(data, &mut rows, now)?;
        if let Some(keep) = regional_scope(&caller, &data.campuses) {
            rows.retain(|o| keep(o));
        }
        Ok(export_observations(data, &rows, format)?)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"indicateurs.{}\"",
                format.extension()
            ),
        ))
        .body(bytes))
}
