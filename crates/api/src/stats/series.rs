//! `GET /api/v1/stats/series?indicator=&scope=&from=&to=`: an indicator over years for the nation, a région or a
//! campus, against its targets, with year-on-year change.

use super::{cached_answer, drafts_allowed, Confidential, Visibility};
use crate::extract;
use actix_web::{get, web, HttpRequest, HttpResponse};
use pilotage_analytics::{series, Scope, SeriesPoint};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::indicators::indicator;
use pilotage_domain::AcademicYear;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct SeriesQuery {
    /// Indicator name (see /stats/indicators).
    pub indicator: String,
    /// `national` (default), `region:CODE` or `campus:ID`.
    pub scope: Option<String>,
    /// First academic year.
    pub from: Option<String>,
    /// Last academic year.
    pub to: Option<String>,
    /// Count drafts too (analysts only).
    pub drafts: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesAnswer {
    pub indicator: String,
    pub label: String,
    pub scope: String,
    /// One point per year: value, numerator, denominator, campuses, change, target and gap.
    #[schema(value_type = Vec<Object>)]
    pub points: Vec<SeriesPoint>,
}

#[utoipa::path(
    tag = "stats",
    params(SeriesQuery),
    responses(
        (status = 200, description = "The series", body = SeriesAnswer),
        (status = 400, description = "Malformed year", body = Problem),
        (status = 403, description = "Drafts asked for by a non-analyst", body = Problem),
        (status = 404, description = "A région or campus outside the caller's scope", body = Problem),
        (status = 422, description = "Unknown indicator or malformed scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/stats/series")]
pub async fn stats_series(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: web::Query<SeriesQuery>,
) -> ApiResult<HttpResponse> {
    let ind = indicator(&query.indicator).ok_or_else(|| {
        ApiError::field(
            "indicator",
            "unknown_indicator",
            format!(
                "indicateur « {} » inconnu (voir /api/v1/stats/indicators)",
                query.indicator
            ),
        )
    })?;
    let scope: Scope = query
        .scope
        .as_deref()
        .unwrap_or("national")
        .parse()
        .map_err(|e: String| ApiError::field("scope", "invalid_scope", e))?;
    let from = query.from.as_deref().map(extract::year).transpose()?;
    let to = query.to.as_deref().map(extract::year).transpose()?;
    let drafts = drafts_allowed(&caller, query.drafts)?;
    cached_answer(&state, &req, caller, "", drafts, move |caller, data| {
        if !Visibility::of(caller, data).scope(&scope) {
            return Err(ApiError::NotFound(format!(
                "portée « {scope} » introuvable"
            )));
        }
        let confidential = Confidential::for_caller(caller, data)?;
        let mut points = series(data, ind.name, &scope, from, to)?;
        let hidden = |year: AcademicYear| confidential.hides(ind.name, &scope, year);
        for p in &mut points {
            if confidential.controlled() {
                (p.numerator, p.denominator) = (None, None);
            }
            // A change from a withheld year would give that year's value back.
            let previous = p.academic_year.previous().ok();
            if hidden(p.academic_year) || previous.is_some_and(hidden) {
                p.change = None;
            }
            if hidden(p.academic_year) {
                p.value = None;
                p.gap = p.target.as_ref().map(|t| t.gap(None));
            }
        }
        Ok(SeriesAnswer {
            indicator: ind.name.into(),
            label: ind.label.into(),
            scope: scope.to_string(),
            points,
        })
    })
    .await
}
