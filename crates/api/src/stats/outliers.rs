//! `GET /api/v1/stats/outliers?year=`: campus values far from their peers and large year-on-year jumps, with the
//! reason each was flagged; and the flash survey's forecast accuracy.

use super::{cached_answer, drafts_allowed, year_or_default, Confidential, Visibility, YearQuery};
use actix_web::{get, web, HttpRequest, HttpResponse};
use pilotage_analytics::{forecast_accuracy, outliers, Scope};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::CampusId;

#[utoipa::path(
    tag = "stats",
    params(YearQuery),
    responses(
        (status = 200, description = "Outliers with their reasons, and forecast accuracy", body = Object),
        (status = 400, description = "Malformed year", body = Problem),
        (status = 403, description = "Drafts asked for by a non-analyst", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/stats/outliers")]
pub async fn stats_outliers(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: web::Query<YearQuery>,
) -> ApiResult<HttpResponse> {
    let year = year_or_default(query.year.as_deref(), state.now())?;
    let drafts = drafts_allowed(&caller, query.drafts)?;
    cached_answer(&state, &req, caller, &year.to_string(), drafts, move |caller, data| {
        let visible = Visibility::of(caller, data);
        let mut flagged = outliers(data, year)?;
        let confidential = Confidential::for_caller(caller, data)?;
        // A jump is flagged against the year before, whose value the reason quotes: both years must be shown.
        let shown = |indicator: &str, campus: &CampusId| {
            let scope = Scope::Campus(campus.clone());
            !confidential.hides(indicator, &scope, year)
                && year
                    .previous()
                    .map_or(true, |p| !confidential.hides(indicator, &scope, p))
        };
        flagged.retain(|o| visible.campus(&o.campus_id) && shown(o.indicator, &o.campus_id));
        let mut forecasts = forecast_accuracy(data, year);
        // The actual enrolment beside each forecast is a head count.
        forecasts.retain(|f| {
            visible.campus(&f.campus_id)
                && !confidential.hides(
                    "enrolment",
                    &Scope::Campus(f.campus_id.clone()),
                    f.academic_year,
                )
        });
        let with_error: Vec<f64> = forecasts.iter().filter_map(|f| f.error).collect();
    let mean_absolute_error = (!with_error.is_empty())
        .then(|| with_error.iter().map(|e| e.abs()).sum::<f64>() / with_error.len() as f64);
        Ok(serde_json::json!({
            "academic_year": year,
            "outliers": flagged,
            "forecast_accuracy": { "mean_absolute_error": mean_absolute_error, "campuses": forecasts },
        }))
    })
    .await
}
