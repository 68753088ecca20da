//! The network as a table an analyst can question: one row per campus and indicator of a year — its value, the
//! target that applies (the national defaults of the specification when none is stored), the gap, its status, the
//! campus's explanation and the brand criteria the campus misses — filtered by région, indicator, status and
//! missed criterion, and sorted. For the operator and the ministry only: exact figures, drafts left out.

use super::with_dataset;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use pilotage_analytics::{gap_analysis, scorecard, Dataset, Scope};
use pilotage_domain::criteria::{CriterionStatus, BRAND_CRITERIA};
use pilotage_domain::indicators::{indicator, Indicator, INDICATORS};
use pilotage_domain::{AcademicYear, CampusId, GapStatus, RegionCode, Role, Target};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Where a campus's indicator stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowStatus {
    Met,
    Missed,
    /// A target, but no value to compare (a field not reported, a zero denominator).
    Undefined,
    NoTarget,
}

impl RowStatus {
    pub const ALL: [Self; 4] = [Self::Missed, Self::Met, Self::Undefined, Self::NoTarget];

    /// The name used in the page's address (`statut=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "atteinte",
            Self::Missed => "non-atteinte",
            Self::Undefined => "non-calculable",
            Self::NoTarget => "sans-cible",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "cible atteinte",
            Self::Missed => "cible non atteinte",
            Self::Undefined => "non calculable",
            Self::NoTarget => "sans cible",
        }
    }
}

/// What the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Campus,
    Region,
    Indicator,
    Value,
    /// The gap relative to the target, worst shortfall first in ascending order.
    Gap,
}

impl SortKey {
    pub const ALL: [Self; 5] = [
        Self::Campus,
        Self::Region,
        Self::Indicator,
        Self::Value,
        Self::Gap,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Campus => "campus",
            Self::Region => "region",
            Self::Indicator => "indicateur",
            Self::Value => "valeur",
            Self::Gap => "ecart",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Campus => "campus",
            Self::Region => "région",
            Self::Indicator => "indicateur",
            Self::Value => "valeur",
            Self::Gap => "écart à la cible",
        }
    }
}

/// The question asked of the network.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkQuery {
    pub region: Option<RegionCode>,
    pub indicator: Option<&'static str>,
    pub status: Option<RowStatus>,
    /// Only campuses that miss this brand criterion (its name).
    pub criterion: Option<&'static str>,
    pub sort: SortKey,
    pub descending: bool,
}

/// One campus and indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkRow {
    pub campus_id: CampusId,
    pub campus_name: String,
    pub region_code: RegionCode,
    pub indicator: &'static Indicator,
    pub value: Option<f64>,
    pub target: Option<Target>,
    /// Value − target, in the indicator's unit.
    pub gap: Option<f64>,
    /// The gap in percent of the target (for sorting campuses of different sizes).
    pub relative_gap: Option<f64>,
    pub status: RowStatus,
    pub explanation: Option<String>,
    /// French labels of the brand criteria the campus does not meet this year.
    pub criteria_missed: Vec<&'static str>,
}

/// The rows that answer `query`, and how many campuses reported.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkTable {
    pub year: AcademicYear,
    pub rows: Vec<NetworkRow>,
    pub campuses_reporting: usize,
}

/// The table of `year` answering `query`: 403 for roles outside the operator and the ministry.
pub async fn network_table(
    state: &AppState,
    caller: &Caller,
    year: AcademicYear,
    query: NetworkQuery,
) -> ApiResult<NetworkTable> {
    caller.require(&[Role::Analyst, Role::Ministry, Role::Admin])?;
    with_dataset(state, false, move |data| table(data, year, &query)).await
}

fn table(data: &Dataset, year: AcademicYear, query: &NetworkQuery) -> ApiResult<NetworkTable> {
    // The dataset already holds the specification's national defaults for every year it has reports of
    // (`pilotage_store::dataset::load`), and the table only has rows for those years.
    let gaps = gap_analysis(data, year)?;
    let cards = scorecard(data, year)?;
    let missed: HashMap<&CampusId, Vec<(&'static str, &'static str)>> = cards
        .scorecards
        .iter()
        .map(|card| {
            let names = card
                .criteria
                .iter()
                .filter(|c| c.status == CriterionStatus::NotMet)
                .map(|c| (c.criterion, c.label))
                .collect();
            (&card.campus_id, names)
        })
        .collect();
    let values = pilotage_analytics::campus_values_for_year(data, year)?;
    let reports: HashMap<&CampusId, &pilotage_domain::AnnualReport> = data
        .reports
        .iter()
        .filter(|r| r.academic_year == year && data.counts(r.status))
        .map(|r| (&r.campus_id, r))
        .collect();
    let mut rows = Vec::new();
    for v in &values {
        let Some(ind) = indicator(v.indicator) else {
            continue;
        };
        let entry = gaps
            .iter()
            .find(|g| g.indicator == v.indicator)
            .and_then(|g| {
                g.campuses
                    .iter()
                    .find(|e| e.scope == Scope::Campus(v.campus_id.clone()))
            });
        let status = match entry.map(|e| e.gap.status) {
            None => RowStatus::NoTarget,
            Some(GapStatus::Met) => RowStatus::Met,
            Some(GapStatus::Missed) => RowStatus::Missed,
            Some(GapStatus::Undefined) => RowStatus::Undefined,
        };
        let campus_missed = missed.get(&v.campus_id).cloned().unwrap_or_default();
        let row = NetworkRow {
            campus_id: v.campus_id.clone(),
            campus_name: data
                .campuses
                .iter()
                .find(|c| c.id == v.campus_id)
                .map_or_else(|| v.campus_id.to_string(), |c| c.name.clone()),
            region_code: v.region_code,
            indicator: ind,
            value: v.value,
            target: entry.map(|e| e.target.clone()),
            gap: entry.and_then(|e| e.gap.absolute),
            relative_gap: entry.and_then(|e| e.gap.relative),
            status,
            explanation: reports
                .get(&v.campus_id)
                .and_then(|r| r.gap_explanations.get(v.indicator))
                .filter(|t| !t.trim().is_empty())
                .cloned(),
            criteria_missed: campus_missed.iter().map(|(_, label)| *label).collect(),
        };
        let keep = query.region.is_none_or(|r| r == row.region_code)
            && query.indicator.is_none_or(|i| i == ind.name)
            && query.status.is_none_or(|s| s == row.status)
            && query
                .criterion
                .is_none_or(|c| campus_missed.iter().any(|(name, _)| *name == c));
        if keep {
            rows.push(row);
        }
    }
    sort(&mut rows, query.sort, query.descending);
    Ok(NetworkTable {
        year,
        rows,
        campuses_reporting: reports.len(),
    })
}

fn order_of(name: &str) -> usize {
    INDICATORS
        .iter()
        .position(|i| i.name == name)
        .unwrap_or(usize::MAX)
}

/// Sorts by `key`, rows without a figure last whatever the direction, then by campus and indicator.
fn sort(rows: &mut [NetworkRow], key: SortKey, descending: bool) {
    let figure = |r: &NetworkRow| match key {
        SortKey::Value => r.value,
        SortKey::Gap => r.relative_gap.or(r.gap),
        _ => None,
    };
    rows.sort_by(|a, b| {
        let tie = || {
            (a.campus_name.as_str(), order_of(a.indicator.name))
                .cmp(&(b.campus_name.as_str(), order_of(b.indicator.name)))
        };
        let primary = match key {
            SortKey::Campus => a.campus_name.cmp(&b.campus_name),
            SortKey::Region => a.region_code.name().cmp(b.region_code.name()),
            SortKey::Indicator => order_of(a.indicator.name).cmp(&order_of(b.indicator.name)),
            SortKey::Value | SortKey::Gap => match (figure(a), figure(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        let primary = if descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(tie)
    });
}

/// The brand criteria an analyst may filter on: (name, French label).
pub fn criteria() -> Vec<(&'static str, &'static str)> {
    BRAND_CRITERIA.iter().map(|c| (c.name, c.label)).collect()
}

fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

/// The query of the page's address, every bad value named: `region`, `indicateur`, `statut`, `critere`, `tri`,
/// `ordre` (empty values mean « tous »).
pub fn parse_query(
    region: Option<&str>,
    indicator_name: Option<&str>,
    status: Option<&str>,
    criterion: Option<&str>,
    sort_key: Option<&str>,
    order: Option<&str>,
) -> Result<NetworkQuery, ApiError> {
    let mut errors = Vec::new();
    let region = given(region).and_then(|r| {
        r.parse::<RegionCode>()
            .map_err(|_| {
                errors.push(crate::error::FieldError::new(
                    "region",
                    "unknown",
                    format!("région « {r} » inconnue : choisissez une région de la liste"),
                ))
            })
            .ok()
    });
    let indicator_name = given(indicator_name).and_then(|name| match indicator(name) {
        Some(ind) => Some(ind.name),
        None => {
            errors.push(crate::error::FieldError::new(
                "indicateur",
                "unknown",
                format!("indicateur « {name} » inconnu : choisissez un indicateur de la liste"),
            ));
            None
        }
    });
    let status = given(status).and_then(|s| match RowStatus::parse(s) {
        Some(s) => Some(s),
        None => {
            errors.push(crate::error::FieldError::new(
                "statut",
                "unknown",
                format!(
                    "statut « {s} » inconnu : atteinte, non-atteinte, non-calculable ou sans-cible"
                ),
            ));
            None
        }
    });
    let criterion =
        given(criterion).and_then(|c| match BRAND_CRITERIA.iter().find(|k| k.name == c) {
            Some(k) => Some(k.name),
            None => {
                errors.push(crate::error::FieldError::new(
                    "critere",
                    "unknown",
                    format!("critère « {c} » inconnu : choisissez un critère de la liste"),
                ));
                None
            }
        });
    let sort = match given(sort_key) {
        None => SortKey::default(),
        Some(k) => SortKey::parse(k).unwrap_or_else(|| {
            errors.push(crate::error::FieldError::new(
                "tri",
                "unknown",
                format!("tri « {k} » inconnu : campus, region, indicateur, valeur ou ecart"),
            ));
            SortKey::default()
        }),
    };
    let descending = match given(order) {
        None | Some("croissant") => false,
        Some("decroissant") => true,
        Some(o) => {
            errors.push(crate::error::FieldError::new(
                "ordre",
                "unknown",
                format!("ordre « {o} » inconnu : croissant ou decroissant"),
            ));
            false
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::validation(
            "la question posée au réseau n'a pas pu être lue",
            errors,
        ));
    }
    Ok(NetworkQuery {
        region,
        indicator: indicator_name,
        status,
        criterion,
        sort,
        descending,
    })
}
