//! Statistics for steering the network: indicator definitions, series, gaps, completeness, criteria and outliers,
//! computed from the store and kept until any write moves the data version, and scoped by role (a regional client sees its région's
//! campuses and the national figures; a coordinator its campuses, their régions and the nation).

mod completeness;
mod criteria;
pub mod dataset;
mod gaps;
mod indicators;
mod outliers;
mod series;

pub(crate) use completeness::completeness_for;
pub use completeness::stats_completeness;
pub use criteria::stats_criteria;
pub use gaps::stats_gaps;
pub use indicators::stats_indicators;
pub use outliers::stats_outliers;
pub use series::stats_series;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::extract;
use crate::freshness::{Answer, DataVersion};
use crate::state::AppState;
use actix_web::http::header::ContentType;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_analytics::{observations, AnalyticsError, Audience, Dataset, ObsStatus, Scope};
use pilotage_domain::{AcademicYear, CampusId, RegionCode, Role};
use pilotage_store::data_version;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;
use utoipa::IntoParams;

impl From<AnalyticsError> for ApiError {
    fn from(e: AnalyticsError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct YearQuery {
    /// Academic year (default: the year whose report is due this year, e.g. 2025-2026 during 2026-2027).
    pub year: Option<String>,
    /// Count drafts and returned reports too (analysts only).
    pub drafts: Option<bool>,
}

/// The year asked for, or the year being reported on.
pub fn year_or_default(year: Option<&str>, now: DateTime<Utc>) -> Result<AcademicYear, ApiError> {
    match year {
        Some(y) => extract::year(y),
        None => AcademicYear::containing(now)
            .and_then(|y| y.previous())
            .map_err(|e| ApiError::Internal(e.to_string())),
    }
}

/// 403 unless an analyst asks for drafts.
pub(crate) fn drafts_allowed(caller: &Caller, drafts: Option<bool>) -> Result<bool, ApiError> {
    match drafts {
        Some(true) if caller.role != Role::Analyst => Err(ApiError::Forbidden(
            "seuls les analystes peuvent inclure les brouillons".into(),
        )),
        other => Ok(other.unwrap_or(false)),
    }
}

/// Runs `work` on the dataset in a thread of its own, outside the async runtime: polars blocks in place, which a
/// current-thread runtime (an actix worker, and its blocking pool) does not allow. The dataset is read from the
/// store only when the data version has moved since it was last read.
pub(crate) async fn with_dataset<T, F>(
    state: &AppState,
    drafts: bool,
    work: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Dataset) -> Result<T, ApiError> + Send + 'static,
{
    with_versioned_dataset(state, drafts, work)
        .await
        .map(|(_, answer)| answer)
}

/// As [`with_dataset`], with the data version the dataset was read at.
pub(crate) async fn with_versioned_dataset<T, F>(
    state: &AppState,
    drafts: bool,
    work: F,
) -> Result<(i64, T), ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Dataset) -> Result<T, ApiError> + Send + 'static,
{
    let pool = state.pool.clone();
    let freshness = Arc::clone(&state.freshness);
    let (tx, rx) = futures_channel::oneshot::channel();
    std::thread::Builder::new()
        .name("pilotage-stats".into())
        .spawn(move || {
            let result = pool
                .get()
                .map_err(|e| ApiError::Unavailable(format!("base de données : {e}")))
                .and_then(|mut conn| {
                    // The version is read before the data: a dataset is never labelled newer than it is.
                    let version = data_version::current(&mut conn)?;
                    if let Some(data) = freshness.dataset(version, drafts) {
                        return Ok((version, data));
                    }
                    let data = Arc::new(dataset::load(&mut conn, drafts)?);
                    freshness.keep_dataset(version, drafts, Arc::clone(&data));
                    Ok((version, data))
                })
                .and_then(|(version, data)| Ok((version, work(&data)?)));
            let _ = tx.send(result);
        })
        .map_err(|e| ApiError::Unavailable(format!("calcul impossible : {e}")))?;
    rx.await
        .map_err(|_| ApiError::Internal("statistics thread stopped".into()))?
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

/// The figures a regional client may not see exactly: those the open-data export hides (1 to 4 students, and the
/// complementary cells that would let one be recomputed). Internal roles see everything.
pub(crate) struct Confidential(Option<HashSet<(String, String, String)>>);

impl Confidential {
    pub fn for_caller(caller: &Caller, data: &Dataset) -> Result<Self, ApiError> {
        if caller.role != Role::Regional {
            return Ok(Self(None));
        }
        let hidden = observations(data, Audience::Public)?
            .into_iter()
            .filter(|o| o.obs_status == ObsStatus::Confidential)
            .map(|o| (o.indicator.to_owned(), o.ref_area, o.time_period))
            .collect();
        Ok(Self(Some(hidden)))
    }

    /// Whether the reader is under disclosure control: numerators and denominators are never shown to them (a
    /// denominator is a head count, and beside a rate it gives the numerator).
    pub fn controlled(&self) -> bool {
        self.0.is_some()
    }

    /// Whether the figure of `indicator` for `scope` in `year` must be withheld.
    pub fn hides(&self, indicator: &str, scope: &Scope, year: AcademicYear) -> bool {
        let Some(hidden) = &self.0 else { return false };
        let area = match scope {
            Scope::Nation => "FR".to_owned(),
            Scope::Region(r) => r.to_string(),
            Scope::Campus(c) => c.to_string(),
        };
        hidden.contains(&(indicator.to_owned(), area, year.to_string()))
    }
}

/// What of the network a caller may see figures of.
pub(crate) struct Visibility {
    all: bool,
    campuses: HashSet<CampusId>,
    regions: HashSet<RegionCode>,
}

impl Visibility {
    pub fn of(caller: &Caller, data: &Dataset) -> Self {
        let all = matches!(caller.role, Role::Analyst | Role::Ministry | Role::Admin);
        let campuses: HashSet<CampusId> = data
            .campuses
            .iter()
            .filter(|c| caller.sees(c))
            .map(|c| c.id.clone())
            .collect();
        let mut regions: HashSet<RegionCode> = data
            .campuses
            .iter()
            .filter(|c| campuses.contains(&c.id))
            .map(|c| c.region_code)
            .collect();
        if let Some(r) = caller.region {
            regions.insert(r);
        }
        Self {
            all,
            campuses,
            regions,
        }
    }

    pub fn campus(&self, id: &CampusId) -> bool {
        self.all || self.campuses.contains(id)
    }

    pub fn region(&self, region: RegionCode) -> bool {
        self.all || self.regions.contains(&region)
    }

    pub fn scope(&self, scope: &Scope) -> bool {
        match scope {
            Scope::Nation => true,
            Scope::Region(r) => self.region(*r),
            Scope::Campus(c) => self.campus(c),
        }
    }
}
