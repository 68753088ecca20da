//! `GET /api/v1/stats/gaps?year=`: each indicator against its targets for the nation, the régions and the campuses
//! the caller may see; the campuses that miss, worst first.

use super::{cached_answer, drafts_allowed, year_or_default, Confidential, Visibility, YearQuery};
use actix_web::{get, web, HttpRequest, HttpResponse};
use pilotage_analytics::gap_analysis;
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;

#[utoipa::path(
    tag = "stats",
    params(YearQuery),
    responses(
        (status = 200, description = "Per indicator: national, regional and campus gaps, and the campuses that miss", body = Object),
        (status = 400, description = "Malformed year", body = Problem),
        (status = 403, description = "Drafts asked for by a non-analyst", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/stats/gaps")]
pub async fn stats_gaps(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: web::Query<YearQuery>,
) -> ApiResult<HttpResponse> {
    let year = year_or_default(query.year.as_deref(), state.now())?;
    let drafts = drafts_allowed(&caller, query.drafts)?;
    cached_answer(
        &state,
        &req,
        caller,
        &year.to_string(),
        drafts,
        move |caller, data| {
            let visible = Visibility::of(caller, data);
            let confidential = Confidential::for_caller(caller, data)?;
            let mut gaps = gap_analysis(data, year)?;
            for g in &mut gaps {
                let indicator = g.indicator;
                for entry in g
                    .regions
                    .iter_mut()
                    .chain(g.campuses.iter_mut())
                    .chain(g.missed.iter_mut())
                {
                    if confidential.hides(indicator, &entry.scope, year) {
                        entry.gap = entry.target.gap(None);
                    }
                }
                g.regions.retain(|e| visible.scope(&e.scope));
                g.campuses.retain(|e| visible.scope(&e.scope));
                g.missed.retain(|e| visible.scope(&e.scope));
            }
            Ok(serde_json::json!({ "academic_year": year, "indicators": gaps }))
        },
    )
    .await
}
