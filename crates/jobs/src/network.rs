//! What the deadline jobs share: the campuses, the years a date can concern, and what each campus has handed in.

use anyhow::Result;
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, Campus, DeadlineKind};
use pilotage_store::{campuses, flash_surveys, reports, DbConnection};
use std::collections::HashSet;

/// The two things campuses hand in by a deadline.
pub const HANDED_IN_KINDS: [DeadlineKind; 2] =
    [DeadlineKind::AnnualReport, DeadlineKind::FlashSurvey];

/// Every campus, by id.
pub fn all_campuses(conn: &mut DbConnection) -> Result<Vec<Campus>> {
    let (campuses, _) = campuses::list(conn, &campuses::CampusFilter::default(), 0, i64::MAX)?;
    Ok(campuses)
}

/// The academic years whose deadlines can fall near `at`: the one containing it and its neighbours.
pub fn years_around(at: DateTime<Utc>) -> Vec<AcademicYear> {
    let Ok(current) = AcademicYear::containing(at) else {
        return Vec::new();
    };
    [current.previous().ok(), Some(current), current.next().ok()]
        .into_iter()
        .flatten()
        .collect()
}

/// The campuses that had handed in `kind` for `year` by `at` (a report submitted or accepted, a flash survey
/// submitted, and first submitted no later than `at`: a job run by hand for a past time sees the past).
pub fn handed_in(
    conn: &mut DbConnection,
    kind: DeadlineKind,
    year: AcademicYear,
    at: DateTime<Utc>,
) -> Result<HashSet<String>> {
    let by = |submitted: Option<DateTime<Utc>>| submitted.is_none_or(|t| t <= at);
    Ok(match kind {
        DeadlineKind::FlashSurvey => flash_surveys::submitted_campuses(conn, year)?
            .into_iter()
            .filter(|(_, submitted)| by(*submitted))
            .map(|(campus, _)| campus)
            .collect(),
        _ => reports::statuses_for_year(conn, year)?
            .into_iter()
            .filter(|(_, (status, submitted))| status.is_handed_in() && by(*submitted))
            .map(|(campus, _)| campus)
            .collect(),
    })
}
