//! The brand-criteria scorecard of each campus for a year: met / not met / unknown with the figure behind each,
//! and how many campuses meet them all.

use crate::completeness::expected;
use crate::dataset::Dataset;
use crate::error::Result;
use crate::values::campus_values;
use pilotage_domain::criteria::{CriterionStatus, Measure, BRAND_CRITERIA};
use pilotage_domain::{
    AcademicYear, CampusId, DeadlineKind, FlashSurveyStatus, RegionCode, Timeliness,
};
use serde::Serialize;

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
    let values: Vec<_> = campus_values(data)?
        .into_iter()
        .filter(|v| v.academic_year == year)
        .collect();
    let mut scorecards = Vec::new();
    for campus in &data.campuses {
        let reported = values.iter().any(|v| v.campus_id == campus.id);
        if !reported && !expected(campus, year) {
            continue;
        }
        let report = data
            .reports
            .iter()
            .find(|r| r.campus_id == campus.id && r.academic_year == year);
        let criteria = BRAND_CRITERIA
            .iter()
            .map(|c| {
                let (status, figure) = match c.measure {
                    Measure::Indicator(name) => {
                        let value = values
                            .iter()
                            .find(|v| v.campus_id == campus.id && v.indicator == name)
                            .and_then(|v| v.value);
                        (c.judge(value), value)
                    }
                    Measure::Partnership => yes_no(
                        campus
                            .partner_establishment
                            .as_ref()
                            .is_some_and(|p| !p.trim().is_empty()),
                    ),
                    Measure::ReportOnTime => {
                        let deadline = data.due(&campus.id, year, DeadlineKind::AnnualReport);
                        yes_no(
                            Timeliness::of(report.and_then(|r| r.submitted_at), deadline, deadline)
                                == Timeliness::OnTime,
                        )
                    }
                    Measure::FlashSurveyAnswered => yes_no(data.flash_surveys.iter().any(|s| {
                        s.campus_id == campus.id
                            && s.academic_year == year
                            && s.status == FlashSurveyStatus::Submitted
                    })),
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
