//! The follow-up list: every campus the caller may see that is expected to report for a year (or has a report),
//! with the state of that report (`missing` when none was started).

use crate::auth::Caller;
use crate::error::ApiResult;
use chrono::{DateTime, Utc};
use pilotage_domain::{
    AcademicYear, CampusId, CampusStatus, DeadlineKind, Progress, RegionCode, Timeliness,
};
use pilotage_store::{campuses, deadlines, reports, DbConnection};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportSummary {
    pub campus_id: CampusId,
    pub campus_name: String,
    pub region_code: RegionCode,
    pub academic_year: AcademicYear,
    /// `draft`, `submitted`, `returned`, `accepted`, or `missing` (not started).
    pub status: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub deadline: DateTime<Utc>,
    pub timeliness: Timeliness,
    pub late: bool,
    /// Where the campus stands: `upcoming` (à venir), `in_progress` (en cours), `late` (en retard), `missing`
    /// (manquant: the year's reporting closed without it), `on_time` or `submitted_late`.
    pub progress: Progress,
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportSummaryPage {
    pub items: Vec<ReportSummary>,
    pub total: i64,
}

/// Every campus the caller may see (in `region` if given) that is expected to report for `year` or has a report,
/// with the state of that report, ordered by région then campus.
pub fn summaries(
    conn: &mut DbConnection,
    caller: &Caller,
    year: AcademicYear,
    region: Option<RegionCode>,
    now: DateTime<Utc>,
) -> ApiResult<Vec<ReportSummary>> {
    let campuses: Vec<_> = campuses::all(conn)?
        .into_iter()
        .filter(|c| caller.sees(c) && region.is_none_or(|r| c.region_code == r))
        .collect();
    let mut by_campus: HashMap<CampusId, _> = reports::list_for_year(conn, year)?
        .into_iter()
        .map(|r| (r.campus_id.clone(), r))
        .collect();
    let due = deadlines::due(conn, year, DeadlineKind::AnnualReport)?;
    let closing = deadlines::due(conn, year, DeadlineKind::AnnualReportClosing)?;
    let exceptions: HashMap<CampusId, DateTime<Utc>> = deadlines::exceptions(conn, Some(year))?
        .into_iter()
        .filter(|e| e.kind == DeadlineKind::AnnualReport)
        .map(|e| (e.campus_id, e.due_at))
        .collect();
    let mut items = Vec::new();
    for campus in campuses {
        let report = by_campus.remove(&campus.id);
        let expected =
            campus.opening_year <= year.start_year() && campus.status != CampusStatus::Closed;
        if report.is_none() && !expected {
            continue;
        }
        let deadline = exceptions.get(&campus.id).copied().unwrap_or(due);
        let submitted_at = report.as_ref().and_then(|r| r.submitted_at);
        let timeliness = Timeliness::of(submitted_at, deadline, now);
        let progress = Progress::of(report.is_some(), submitted_at, deadline, closing, now);
        items.push(ReportSummary {
            status: report
                .as_ref()
                .map_or("missing", |r| r.status.as_str())
                .to_owned(),
            version: report.as_ref().map_or(0, |r| r.version),
            campus_id: campus.id,
            campus_name: campus.name,
            region_code: campus.region_code,
            academic_year: year,
            submitted_at,
            deadline,
            timeliness,
            late: timeliness.is_late(),
            progress,
        });
    }
    items.sort_by(|a, b| (a.region_code, &a.campus_id).cmp(&(b.region_code, &b.campus_id)));
    Ok(items)
}
