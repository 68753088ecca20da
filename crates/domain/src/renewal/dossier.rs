//! The whole renewal record of a campus: the computed criteria grid over the span, the partner establishment's
//! part, and the forecast budget beside the actual budgets of the span.

use super::budget::{BudgetCheck, BudgetYear};
use super::coming_years;
use super::figures::{Figure, SpanYear};
use super::inputs::{EstablishmentAction, GrantUse, RenewalInputs};
use super::record::{assess, complete, failing, CriterionRecord};
use crate::academic_year::AcademicYear;
use crate::campus::{Campus, CampusId, ConventionPeriod};
use crate::region::RegionCode;
use serde::Serialize;

/// Who the record is about.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordCampus {
    pub id: CampusId,
    pub name: String,
    pub region_code: RegionCode,
    pub local_authority: String,
    pub partner_establishment: Option<String>,
    pub convention: ConventionPeriod,
}

/// One year of the span: reported, or missing and why.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordYear {
    pub academic_year: AcademicYear,
    pub reported: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'static str>,
}

/// Part 2: what the partner establishment commits to for the coming convention, and its grant received so far.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EstablishmentPart {
    pub coming_years: Vec<AcademicYear>,
    pub actions: Vec<EstablishmentAction>,
    pub grant_uses: Vec<GrantUse>,
    /// The grant the reports declare over the span (euros).
    pub grant_received: Figure,
}

/// Part 3: the forecast for each coming year, and the actual budget of each year of the span.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetPart {
    pub forecast: Vec<BudgetCheck>,
    pub actual: Vec<BudgetCheck>,
    /// Every coming year written, balanced and co-financed at 50 % at least, with no rule firing.
    pub forecast_complete_and_sound: bool,
}

/// A campus's renewal record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenewalRecord {
    pub campus: RecordCampus,
    pub from: AcademicYear,
    pub to: AcademicYear,
    pub years: Vec<RecordYear>,
    /// Part 1: both criteria grids.
    pub criteria: Vec<CriterionRecord>,
    /// Every year of the span already due has a handed-in report.
    pub complete: bool,
    /// Whether the campus would qualify today: the record is complete and every judged criterion is met.
    pub qualifies: bool,
    /// The judged criteria not met, or without figures.
    pub failing: Vec<&'static str>,
    pub establishment: EstablishmentPart,
    pub budget: BudgetPart,
}

/// Whether the forecast holds every coming year with no rule firing.
pub fn forecast_sound(forecast: &[BudgetCheck]) -> bool {
    !forecast.is_empty()
        && forecast.iter().all(|c| {
            c.note.is_none()
                && c.issues.is_empty()
                && c.balanced == Some(true)
                && c.cofinanced == Some(true)
        })
}

/// The forecast of each coming year (missing years noted).
pub fn forecast_checks(coming: &[AcademicYear], budget: &[BudgetYear]) -> Vec<BudgetCheck> {
    coming
        .iter()
        .map(|y| {
            budget
                .iter()
                .find(|b| b.academic_year == *y)
                .map_or_else(|| BudgetCheck::forecast_missing(*y), BudgetCheck::forecast)
        })
        .collect()
}

impl RenewalRecord {
    /// The verdict in one French sentence: qualifies, or why not.
    pub fn verdict(&self) -> String {
        if self.qualifies {
            return "Le campus remplit aujourd'hui tous les critères mesurables sur la période."
                .to_owned();
        }
        let mut reasons = Vec::new();
        if !self.failing.is_empty() {
            // By the specification's wording (the codes are for machines: the JSON's `failing`).
            let labels: Vec<&str> = self
                .criteria
                .iter()
                .filter(|c| self.failing.contains(&c.code))
                .map(|c| c.label)
                .collect();
            reasons.push(format!(
                "critères mesurables non atteints ou sans données : {}",
                labels.join(" ; ")
            ));
        }
        let missing: Vec<String> = self
            .years
            .iter()
            .filter(|y| !y.reported && y.note != Some(super::record::NOTE_NOT_DUE))
            .map(|y| y.academic_year.to_string())
            .collect();
        if !missing.is_empty() {
            reasons.push(format!(
                "rapports annuels manquants : {}",
                missing.join(", ")
            ));
        }
        format!(
            "Le campus ne remplit pas aujourd'hui les critères ({}).",
            reasons.join(" ; ")
        )
    }

    /// The record of the span `from`–`to` from its years (see [`super::span_year`]) and what was written for the
    /// application.
    pub fn build(
        campus: &Campus,
        (from, to): (AcademicYear, AcademicYear),
        years: &[SpanYear],
        inputs: RenewalInputs,
    ) -> Self {
        let criteria = assess(years, &inputs.texts);
        let failing = failing(&criteria);
        let coming = coming_years(campus.convention);
        let forecast = forecast_checks(&coming, &inputs.budget);
        let actual = years
            .iter()
            .map(|y| BudgetCheck::actual(y.academic_year, y.grid.as_ref(), y.note))
            .collect();
        Self {
            campus: RecordCampus {
                id: campus.id.clone(),
                name: campus.name.clone(),
                region_code: campus.region_code,
                local_authority: campus.local_authority.clone(),
                partner_establishment: campus.partner_establishment.clone(),
                convention: campus.convention,
            },
            from,
            to,
            years: years
                .iter()
                .map(|y| RecordYear {
                    academic_year: y.academic_year,
                    reported: y.grid.is_some(),
                    note: y.note,
                })
                .collect(),
            complete: complete(years),
            qualifies: failing.is_empty() && complete(years),
            failing,
            criteria,
            establishment: EstablishmentPart {
                coming_years: coming,
                actions: inputs.plan.actions,
                grant_uses: inputs.plan.grant_uses,
                grant_received: Figure::euros("establishment_grant", years),
            },
            budget: BudgetPart {
                forecast_complete_and_sound: forecast_sound(&forecast),
                forecast,
                actual,
            },
        }
    }
}
