//! Statistics under the caller's scope and the disclosure rule: the dataset read once per data version and
//! worked on off the async runtime, what figures a regional client may not see exactly (`Confidential`), what of the
//! network a caller may see (`Visibility`), and the completeness of a year.

mod completeness;
mod network;

pub use completeness::completeness_for;
pub use network::{
    criteria, network_table, parse_query, NetworkQuery, NetworkRow, NetworkTable, RowStatus,
    SortKey,
};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::paths;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use pilotage_analytics::{observations, AnalyticsError, Audience, Dataset, ObsStatus, Scope};
use pilotage_domain::{AcademicYear, CampusId, RegionCode, Role};
use pilotage_store::data_version;
use std::collections::HashSet;
use std::sync::Arc;

impl From<AnalyticsError> for ApiError {
    fn from(e: AnalyticsError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

/// The year asked for, or the year being reported on.
pub fn year_or_default(year: Option<&str>, now: DateTime<Utc>) -> Result<AcademicYear, ApiError> {
    match year {
        Some(y) => paths::year(y),
        None => AcademicYear::containing(now)
            .and_then(|y| y.previous())
            .map_err(|e| ApiError::Internal(e.to_string())),
    }
}

/// 403 unless an analyst asks for drafts.
pub fn drafts_allowed(caller: &Caller, drafts: Option<bool>) -> Result<bool, ApiError> {
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
pub async fn with_dataset<T, F>(state: &AppState, drafts: bool, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Dataset) -> Result<T, ApiError> + Send + 'static,
{
    with_versioned_dataset(state, drafts, work)
        .await
        .map(|(_, answer)| answer)
}

/// As [`with_dataset`], with the data version the dataset was read at.
pub async fn with_versioned_dataset<T, F>(
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
                    let data = Arc::new(pilotage_store::dataset::load(&mut conn, drafts)?);
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

/// The figures a regional client may not see exactly: those the open-data export hides (1 to 4 students, and the
/// complementary cells that would let one be recomputed). Internal roles see everything.
pub struct Confidential(Option<HashSet<(String, String, String)>>);

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
pub struct Visibility {
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
