//! Reads everything the statistics need from the store, as the analytics crate's `Dataset`.

use pilotage_analytics::{Dataset, YearCalendar};
use pilotage_domain::DeadlineKind;
use pilotage_store::{
    campuses, deadlines, flash_surveys, reports, targets, DbConnection, StoreResult,
};

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
    let calendar = years
        .into_iter()
        .map(|year| {
            Ok(YearCalendar {
                year,
                annual_report_due: deadlines::due(conn, year, DeadlineKind::AnnualReport)?,
                flash_survey_due: deadlines::due(conn, year, DeadlineKind::FlashSurvey)?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Dataset {
        campuses: campuses::all(conn)?,
        reports,
        flash_surveys,
        targets: targets::list(conn, None)?,
        calendar,
        exceptions: deadlines::exceptions(conn, None)?,
        include_drafts,
    })
}
