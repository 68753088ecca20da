//! The gap analysis of a year: each indicator against its target for the nation, each région and each campus;
//! the campuses that miss it, worst first.

use crate::aggregates::{aggregates_for, Aggregate};
use crate::dataset::{Dataset, Scope};
use crate::error::Result;
use crate::values::{campus_values_for, CampusValue};
use pilotage_domain::indicators::INDICATORS;
use pilotage_domain::target::{Gap, GapStatus, Target, TargetScope};
use pilotage_domain::{AcademicYear, CampusId, RegionCode};
use serde::Serialize;
use std::collections::HashMap;

/// One scope's figure against its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapEntry {
    pub scope: Scope,
    pub target: Target,
    pub gap: Gap,
}

/// An indicator's gaps for a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorGaps {
    pub indicator: &'static str,
    pub label: &'static str,
    pub national: Option<GapEntry>,
    pub regions: Vec<GapEntry>,
    /// Every campus with a target for the indicator.
    pub campuses: Vec<GapEntry>,
    /// The campuses that miss their target, worst first (largest shortfall relative to the target).
    pub missed: Vec<GapEntry>,
}

/// The targets of one year, by indicator and scope; the first target of an indicator and scope wins, as a search
/// through the list would find it.
struct YearTargets<'a> {
    scoped: HashMap<(&'a str, &'a TargetScope), &'a Target>,
    campuses: HashMap<(&'a str, &'a CampusId), &'a Target>,
}

impl<'a> YearTargets<'a> {
    fn of(targets: &'a [Target], year: AcademicYear) -> Self {
        let (mut scoped, mut campuses) = (HashMap::new(), HashMap::new());
        for t in targets.iter().filter(|t| t.academic_year == year) {
            scoped.entry((t.indicator.as_str(), &t.scope)).or_insert(t);
            if let TargetScope::Campus(id) = &t.scope {
                campuses.entry((t.indicator.as_str(), id)).or_insert(t);
            }
        }
        Self { scoped, campuses }
    }

    fn scoped(&self, indicator: &str, scope: &TargetScope) -> Option<Target> {
        self.scoped.get(&(indicator, scope)).map(|t| (*t).clone())
    }

    /// The campus's own target, else its région's, else the nation's (as `target::applicable` chooses).
    fn applicable(&self, indicator: &str, campus: &CampusId, region: RegionCode) -> Option<Target> {
        self.campuses
            .get(&(indicator, campus))
            .map(|t| (*t).clone())
            .or_else(|| self.scoped(indicator, &TargetScope::Region(region)))
            .or_else(|| self.scoped(indicator, &TargetScope::Nation))
    }
}

/// How far a gap is from its target, comparable across campuses: the relative shortfall, else the absolute one.
fn shortfall(gap: &Gap) -> f64 {
    gap.relative.or(gap.absolute).map_or(0.0, f64::abs)
}

pub fn gap_analysis(data: &Dataset, year: AcademicYear) -> Result<Vec<IndicatorGaps>> {
    let years = [year.start_year()];
    let targets = YearTargets::of(&data.targets, year);
    let mut aggregates_of: HashMap<&str, Vec<Aggregate>> = HashMap::new();
    for a in aggregates_for(data, Some(&years))? {
        aggregates_of.entry(a.indicator).or_default().push(a);
    }
    let mut values_of: HashMap<&str, Vec<CampusValue>> = HashMap::new();
    for v in campus_values_for(data, Some(&years))? {
        values_of.entry(v.indicator).or_default().push(v);
    }
    let mut out = Vec::new();
    for ind in INDICATORS {
        let aggregates = aggregates_of.get(ind.name).map_or(&[][..], Vec::as_slice);
        let values = values_of.get(ind.name).map_or(&[][..], Vec::as_slice);
        let of_scope = |scope: &Scope| {
            aggregates
                .iter()
                .find(|a| &a.scope == scope)
                .and_then(|a| a.value)
        };
        let national = targets
            .scoped(ind.name, &TargetScope::Nation)
            .map(|t| GapEntry {
                gap: t.gap(of_scope(&Scope::Nation)),
                scope: Scope::Nation,
                target: t,
            });
        let mut regions = Vec::new();
        for a in aggregates {
            if let Scope::Region(r) = a.scope {
                let target = targets
                    .scoped(ind.name, &TargetScope::Region(r))
                    .or_else(|| targets.scoped(ind.name, &TargetScope::Nation));
                if let Some(t) = target {
                    regions.push(GapEntry {
                        gap: t.gap(a.value),
                        scope: a.scope.clone(),
                        target: t,
                    });
                }
            }
        }
        let campuses: Vec<GapEntry> = values
            .iter()
            .filter_map(|v| {
                let t = targets.applicable(ind.name, &v.campus_id, v.region_code)?;
                Some(GapEntry {
                    gap: t.gap(v.value),
                    scope: Scope::Campus(v.campus_id.clone()),
                    target: t,
                })
            })
            .collect();
        let mut missed: Vec<GapEntry> = campuses
            .iter()
            .filter(|e| e.gap.status == GapStatus::Missed)
            .cloned()
            .collect();
        missed.sort_by(|a, b| {
            shortfall(&b.gap)
                .total_cmp(&shortfall(&a.gap))
                .then_with(|| a.scope.cmp(&b.scope))
        });
        out.push(IndicatorGaps {
            indicator: ind.name,
            label: ind.label,
            national,
            regions,
            campuses,
            missed,
        });
    }
    Ok(out)
}
