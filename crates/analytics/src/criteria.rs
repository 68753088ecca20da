//! The brand-criteria scorecard of each campus for a year: met / not met / unknown with the figure behind each,
//! and how many campuses meet them all.

use crate::completeness::expected;
use crate::dataset::{Dataset, Deadlines};
use crate::error::Result;
use crate::values::campus_values_for;
use pilotage_domain::criteria::{CriterionStatus, Measure, BRAND_CRITERIA};
use pilotage_domain::{
    AcademicYear, AnnualReport, CampusId, DeadlineKind, FlashSurveyStatus, RegionCode, Timeliness,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    pub criterion: &'static str,
    pub label: &'static str,
    pub status: CriterionStatus,
    /// The figure behind the status (an indicator value, 1/0 for yes/no facts), when known.
    pub figure: Option<f64>,
    pub threshold: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub campus_id: CampusId,
    pub campus_name: String,
    pub region_code: RegionCode,
    pub academic_year: AcademicYear,
    pub criteria: Vec<CriterionResult>,
    pub all_met: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorecardSummary {
    pub academic_year: AcademicYear,
    pub campuses: u32,
    pub meeting_all: u32,
    pub scorecards: Vec<Scorecard>,
}

fn yes_no(met: bool) -> (CriterionStatus, Option<f64>) {
    if met {
        (CriterionStatus::Met, Some(1.0))
    } else {
        (CriterionStatus::NotMet, Some(0.0))
    }
}

/// The scorecards of the expected campuses and of those that reported, for `year`.
pub fn scorecard(data: &Dataset, year: AcademicYear) -> Result<ScorecardSummary> {
    let values = campus_values_for(data, Some(&[year.start_year()]))?;
    // Each campus's values by indicator; the first value of a campus and indicator wins, as a search would find.
    let mut by_campus: HashMap<&CampusId, HashMap<&str, Option<f64>>> = HashMap::new();
    for v in &values {
        by_campus
            .entry(&v.campus_id)
            .or_default()
            .entry(v.indicator)
            .or_insert(v.value);
    }
    let mut reports: HashMap<&CampusId, &AnnualReport> = HashMap::new();
    for r in data.reports.iter().filter(|r| r.academic_year == year) {
        reports.entry(&r.campus_id).or_insert(r);
    }
    let answered: HashSet<&CampusId> = data
        .flash_surveys
        .iter()
        .filter(|s| s.academic_year == year && s.status == FlashSurveyStatus::Submitted)
        .map(|s| &s.campus_id)
        .collect();
    let deadlines = Deadlines::of(data, year);
    let mut scorecards = Vec::new();
    for campus in &data.campuses {
        let campus_values = by_campus.get(&campus.id);
        let reported = campus_values.is_some();
        if !reported && !expected(campus, year) {
            continue;
        }
        let report = reports.get(&campus.id);
        let criteria = BRAND_CRITERIA
            .iter()
            .map(|c| {
                let (status, figure) = match c.measure {
                    Measure::Indicator(name) => {
                        let value = campus_values.and_then(|v| v.get(name).copied()).flatten();
                        (c.judge(value), value)
                    }
                    Measure::Partnership => yes_no(
                        campus
                            .partner_establishment
                            .as_ref()
                            .is_some_and(|p| !p.trim().is_empty()),
                    ),
                    Measure::ReportOnTime => {
                        let deadline = deadlines.due(&campus.id, DeadlineKind::AnnualReport);
                        yes_no(
                            Timeliness::of(report.and_then(|r| r.submitted_at), deadline, deadline)
                                == Timeliness::OnTime,
                        )
                    }
                    Measure::FlashSurveyAnswered => yes_no(answered.contains(&campus.id)),
                };
                CriterionResult {
                    criterion: c.name,
                    label: c.label,
                    status,
                    figure,
                    threshold: c.threshold,
                }
            })
            .collect::<Vec<_>>();
        let all_met = criteria.iter().all(|c| c.status == CriterionStatus::Met);
        scorecards.push(Scorecard {
            campus_id: campus.id.clone(),
            campus_name: campus.name.clone(),
            region_code: campus.region_code,
            academic_year: year,
            criteria,
            all_met,
        });
    }
    scorecards.sort_by(|a, b| (a.region_code, &a.campus_id).cmp(&(b.region_code, &b.campus_id)));
    Ok(ScorecardSummary {
        academic_year: year,
        campuses: scorecards.len() as u32,
        meeting_all: scorecards.iter().filter(|s| s.all_met).count() as u32,
        scorecards,
    })
}
