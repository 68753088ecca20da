//! Reads everything the statistics need from the store, as the domain's `Dataset`.

use crate::{campuses, deadlines, flash_surveys, reports, targets, DbConnection, StoreResult};
use pilotage_domain::dataset::{Dataset, YearCalendar};
use pilotage_domain::default_targets::with_national_defaults;
use pilotage_domain::DeadlineKind;

/// The whole network: campuses, every report and flash survey, targets (the specification's national defaults
/// where none is stored), the years' dates and lock exceptions;
/// `include_drafts` is kept in the dataset (analysts only may ask for it).
pub fn load(conn: &mut DbConnection, include_drafts: bool) -> StoreResult<Dataset> {
    let reports = reports::list_all(conn)?;
    let flash_surveys = flash_surveys::list_all(conn)?;
    let mut years: Vec<_> = reports
        .iter()
        .map(|r| r.academic_year)
        .chain(flash_surveys.iter().map(|s| s.academic_year))
        .collect();
    years.sort();
    years.dedup();
    // The specification's national targets apply every year no analyst set one for (its brand criteria and the
    // success rate): every statistic compares with the same targets as the report's own page.
    let mut targets = targets::list(conn, None)?;
    for year in &years {
        targets = with_national_defaults(targets, *year);
    }
    let calendar = years
        .into_iter()
        .map(|year| {
            Ok(YearCalendar {
                year,
                annual_report_due: deadlines::due(conn, year, DeadlineKind::AnnualReport)?,
                flash_survey_due: deadlines::due(conn, year, DeadlineKind::FlashSurvey)?,
                annual_report_closing: deadlines::due(
                    conn,
                    year,
                    DeadlineKind::AnnualReportClosing,
                )?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Dataset {
        campuses: campuses::all(conn)?,
        reports,
        flash_surveys,
        targets,
        calendar,
        exceptions: deadlines::exceptions(conn, None)?,
        include_drafts,
    })
}
