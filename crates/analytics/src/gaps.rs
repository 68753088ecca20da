//! The gap analysis of a year: each indicator against its target for the nation, each région and each campus;
//! the campuses that miss it, worst first.

use crate::aggregates::aggregates;
use crate::dataset::{Dataset, Scope};
use crate::error::Result;
use crate::values::campus_values;
use pilotage_domain::indicators::INDICATORS;
use pilotage_domain::target::{applicable, Gap, GapStatus, Target, TargetScope};
use pilotage_domain::AcademicYear;
use serde::Serialize;

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

fn scoped_target(
    targets: &[Target],
    indicator: &str,
    year: AcademicYear,
    scope: &TargetScope,
) -> Option<Target> {
    targets
        .iter()
        .find(|t| t.indicator == indicator && t.academic_year == year && &t.scope == scope)
        .cloned()
}

/// How far a gap is from its target, comparable across campuses: the relative shortfall, else the absolute one.
fn shortfall(gap: &Gap) -> f64 {
    gap.relative.or(gap.absolute).map_or(0.0, f64::abs)
}

pub fn gap_analysis(data: &Dataset, year: AcademicYear) -> Result<Vec<IndicatorGaps>> {
    let aggregates: Vec<_> = aggregates(data)?
        .into_iter()
        .filter(|a| a.academic_year == year)
        .collect();
    let values: Vec<_> = campus_values(data)?
        .into_iter()
        .filter(|v| v.academic_year == year)
        .collect();
    let mut out = Vec::new();
    for ind in INDICATORS {
        let of_scope = |scope: &Scope| {
            aggregates
                .iter()
                .find(|a| &a.scope == scope && a.indicator == ind.name)
                .and_then(|a| a.value)
        };
        let national =
            scoped_target(&data.targets, ind.name, year, &TargetScope::Nation).map(|t| GapEntry {
                gap: t.gap(of_scope(&Scope::Nation)),
                scope: Scope::Nation,
                target: t,
            });
        let mut regions = Vec::new();
        for a in aggregates.iter().filter(|a| a.indicator == ind.name) {
            if let Scope::Region(r) = a.scope {
                let target = scoped_target(&data.targets, ind.name, year, &TargetScope::Region(r))
                    .or_else(|| scoped_target(&data.targets, ind.name, year, &TargetScope::Nation));
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
            .filter(|v| v.indicator == ind.name)
            .filter_map(|v| {
                let t =
                    applicable(&data.targets, ind.name, year, &v.campus_id, v.region_code)?.clone();
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
