//! `GET /api/v1/stats/completeness?year=`: expected, submitted, on time, late and missing reports and flash
//! surveys for the nation and the régions the caller may see, and the campuses to follow up.

use super::{with_dataset, year_or_default, Visibility, YearQuery};
use crate::auth::Caller;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use pilotage_analytics::{completeness, Completeness, Scope};
use pilotage_domain::AcademicYear;

#[utoipa::path(
    tag = "stats",
    params(YearQuery),
    responses(
        (status = 200, description = "Counts per scope and the follow-up list", body = Object),
        (status = 400, description = "Malformed year", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
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

/// Completeness of `year` for the nation and the régions the caller may see, and the campuses to follow up among
/// those it may see.
pub(crate) async fn completeness_for(
    state: &AppState,
    caller: Caller,
    year: AcademicYear,
) -> ApiResult<Completeness> {
    let now = state.now();
    with_dataset(state, false, move |data| {
        let visible = Visibility::of(&caller, data);
        let mut answer = completeness(data, year, now)?;
        answer.scopes.retain(|s| {
            s.scope
                .parse::<Scope>()
                .is_ok_and(|scope| visible.scope(&scope))
        });
        answer.follow_up.retain(|f| visible.campus(&f.campus_id));
        Ok(answer)
    })
    .await
}
