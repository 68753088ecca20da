//! The renewal record (dossier de poursuite du dispositif): the specification's criteria grids computed over a
//! span of a campus's reports, what the campus and its establishment write for the application, and the checks of
//! the three-year forecast budget.

pub mod budget;
pub mod criteria;
pub mod disclosure;
pub mod dossier;
pub mod figures;
pub mod inputs;
pub mod record;

pub use budget::{BudgetCheck, BudgetIssue, BudgetKind, BudgetYear};
pub use criteria::{renewal_criterion, Basis, Grid, RenewalCriterion, RENEWAL_CRITERIA};
pub use disclosure::{withhold_small_counts, CONFIDENTIAL};
pub use dossier::{BudgetPart, EstablishmentPart, RecordCampus, RecordYear, RenewalRecord};
pub use figures::{Figure, FigureUnit, SpanYear, YearValue};
pub use inputs::{EstablishmentAction, EstablishmentPlan, GrantUse, InputIssue, RenewalInputs};
pub use record::{assess, complete, failing, figures_of, span_year, Assessment, CriterionRecord};

use crate::academic_year::{AcademicYear, AcademicYearError};
use crate::campus::ConventionPeriod;

/// Longest span a record covers.
pub const MAX_SPAN_YEARS: i32 = 12;

/// The academic years from `from` to `to`, both included.
pub fn years_between(from: AcademicYear, to: AcademicYear) -> Vec<AcademicYear> {
    (from.start_year()..=to.start_year())
        .filter_map(|y| AcademicYear::starting(y).ok())
        .collect()
}

/// The first and last years of the campus's current convention (the record's default span); a last year beyond
/// the years the service accepts is cut to the last one accepted.
pub fn convention_years(
    convention: ConventionPeriod,
) -> Result<(AcademicYear, AcademicYear), AcademicYearError> {
    let from = AcademicYear::starting(convention.start_year)?;
    let to = (convention.start_year..convention.end_year)
        .rev()
        .find_map(|y| AcademicYear::starting(y).ok())
        .unwrap_or(from);
    Ok((from, to))
}

/// The three academic years of the convention applied for: those following the current convention.
pub fn coming_years(convention: ConventionPeriod) -> Vec<AcademicYear> {
    (0..3)
        .filter_map(|i| AcademicYear::starting(convention.end_year.saturating_add(i)).ok())
        .collect()
}

#[cfg(test)]
mod tests;
