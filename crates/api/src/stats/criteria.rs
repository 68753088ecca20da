//! `GET /api/v1/stats/criteria?year=[&campus=]`: the brand-criteria scorecards of the campuses the caller may see.

use super::{cached_answer, drafts_allowed, year_or_default, Confidential, Visibility};
use crate::extract;
use actix_web::{get, web, HttpRequest, HttpResponse};
use pilotage_analytics::{scorecard, Scope};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::criteria::{Measure, BRAND_CRITERIA};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct CriteriaQuery {
    /// Academic year.
    pub year: Option<String>,
    /// One campus only.
    pub campus: Option<String>,
    /// Count drafts too (analysts only).
    pub drafts: Option<bool>,
}

#[utoipa::path(
    tag = "stats",
    params(CriteriaQuery),
    responses(
        (status = 200, description = "Scorecards (met / not met / unknown with the figure), and how many campuses meet every criterion", body = Object),
        (status = 400, description = "Malformed year or campus id", body = Problem),
        (status = 403, description = "Drafts asked for by a non-analyst", body = Problem),
        (status = 404, description = "A campus outside the caller's scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/stats/criteria")]
pub async fn stats_criteria(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: web::Query<CriteriaQuery>,
) -> ApiResult<HttpResponse> {
    let year = year_or_default(query.year.as_deref(), state.now())?;
    let campus = query
        .campus
        .as_deref()
        .map(extract::campus_id)
        .transpose()?;
    let drafts = drafts_allowed(&caller, query.drafts)?;
    cached_answer(
        &state,
        &req,
        caller,
        &year.to_string(),
        drafts,
        move |caller, data| {
            let visible = Visibility::of(caller, data);
            if let Some(id) = &campus {
                if !visible.campus(id) || !data.campuses.iter().any(|c| &c.id == id) {
                    return Err(ApiError::NotFound(format!("campus « {id} » introuvable")));
                }
            }
            let confidential = Confidential::for_caller(caller, data)?;
            let mut summary = scorecard(data, year)?;
            for card in &mut summary.scorecards {
                let scope = Scope::Campus(card.campus_id.clone());
                for c in &mut card.criteria {
                    let measured = BRAND_CRITERIA
                        .iter()
                        .find(|b| b.name == c.criterion)
                        .and_then(|b| match b.measure {
                            Measure::Indicator(name) => Some(name),
                            _ => None,
                        });
                    if measured.is_some_and(|name| confidential.hides(name, &scope, year)) {
                        c.figure = None;
                    }
                }
            }
            summary.scorecards.retain(|s| {
                visible.campus(&s.campus_id) && campus.as_ref().is_none_or(|c| &s.campus_id == c)
            });
            summary.campuses = summary.scorecards.len() as u32;
            summary.meeting_all = summary.scorecards.iter().filter(|s| s.all_met).count() as u32;
            Ok(summary)
        },
    )
    .await
}
