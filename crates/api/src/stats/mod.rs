//! Statistics for steering the network: indicator definitions, series, gaps, completeness, criteria and outliers,
//! computed from the store and kept until any write moves the data version, and scoped by role (a regional client sees its région's
//! campuses and the national figures; a coordinator its campuses, their régions and the nation).

mod completeness;
mod criteria;
mod gaps;
mod indicators;
mod outliers;
mod series;

pub use completeness::stats_completeness;
pub use criteria::stats_criteria;
pub use gaps::stats_gaps;
pub use indicators::stats_indicators;
pub use outliers::stats_outliers;
pub use series::stats_series;

pub use pilotage_app::stats::{
    completeness_for, drafts_allowed, with_dataset, with_versioned_dataset, year_or_default,
    Confidential, Visibility,
};

use actix_web::http::header::ContentType;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use pilotage_analytics::Dataset;
use pilotage_app::auth::Caller;
use pilotage_app::error::ApiError;
use pilotage_app::freshness::{Answer, DataVersion};
use pilotage_app::state::AppState;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct YearQuery {
    /// Academic year (default: the year whose report is due this year, e.g. 2025-2026 during 2026-2027).
    pub year: Option<String>,
    /// Count drafts and returned reports too (analysts only).
    pub drafts: Option<bool>,
}

/// Answers with the JSON `work` computes from the dataset, kept for this path, query, caller's scope and `extra`
/// (what else the answer depends on, e.g. the year resolved) until the data version moves. Errors are not kept.
pub(crate) async fn cached_answer<T, F>(
    state: &AppState,
    req: &HttpRequest,
    caller: Caller,
    extra: &str,
    drafts: bool,
    work: F,
) -> Result<HttpResponse, ApiError>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&Caller, &Dataset) -> Result<T, ApiError> + Send + 'static,
{
    let key = answer_key(req, &caller, &format!("{extra}|{drafts}"));
    if let Some(answer) = request_version(req).and_then(|v| state.freshness.answer(&key, v)) {
        return Ok(json_response(answer.body));
    }
    let (version, bytes) = with_versioned_dataset(state, drafts, move |data| {
        let answer = work(&caller, data)?;
        serde_json::to_vec(&answer).map_err(|e| ApiError::Internal(e.to_string()))
    })
    .await?;
    let body = Bytes::from(bytes);
    let answer = Answer {
        etag: None,
        body: body.clone(),
    };
    state.freshness.keep_answer(key, version, answer);
    Ok(json_response(body))
}

/// The data version the `Caller` extractor read for this request.
pub(crate) fn request_version(req: &HttpRequest) -> Option<i64> {
    req.extensions().get::<DataVersion>().map(|v| v.0)
}

/// The key of a kept answer: what was asked (path, query, `extra`) and who asked (role and scope).
pub(crate) fn answer_key(req: &HttpRequest, caller: &Caller, extra: &str) -> String {
    format!(
        "{}?{}|{extra}|{}|{:?}|{:?}",
        req.path(),
        req.query_string(),
        caller.role,
        caller.campus_ids,
        caller.region
    )
}

fn json_response(bytes: Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::json())
        .body(bytes)
}
