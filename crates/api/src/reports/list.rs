//! `GET /api/v1/reports`: the review queue and follow-up list — every campus the caller may see, with the state of
//! its report for a year (`missing` when none was started).

use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, Problem};
use crate::extract;
use crate::pagination::PageParams;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_domain::{AcademicYear, CampusId, CampusStatus, DeadlineKind, RegionCode, Timeliness};
use pilotage_store::{campuses, deadlines, reports, DbConnection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ReportQuery {
    /// Academic year (default: the year whose report is due this year, e.g. 2025-2026 during 2026-2027).
    pub year: Option<String>,
    /// `draft`, `submitted`, `returned`, `accepted` or `missing`.
    pub status: Option<String>,
    /// Région académique code.
    pub region: Option<String>,
    /// Only late (`true`) or only not late (`false`).
    pub late: Option<bool>,
}

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
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportSummaryPage {
    pub items: Vec<ReportSummary>,
    pub total: i64,
}

const STATUSES: [&str; 5] = ["draft", "submitted", "returned", "accepted", "missing"];

#[utoipa::path(
    tag = "reports",
    params(ReportQuery, PageParams),
    responses(
        (status = 200, description = "Campuses and the state of their report, ordered by région then campus", body = ReportSummaryPage),
        (status = 400, description = "Malformed year", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 422, description = "Unknown status or région, bad page", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ReportQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let (offset, limit) = page.checked()?;
    let now = state.now();
    let year = match &query.year {
        Some(y) => extract::year(y)?,
        None => AcademicYear::containing(now)
            .and_then(|y| y.previous())
            .map_err(|e| ApiError::Internal(e.to_string()))?,
    };
    if let Some(s) = query.status.as_deref().filter(|s| !STATUSES.contains(s)) {
        return Err(ApiError::field(
            "status",
            "unknown_status",
            format!("« {s} » : statuts possibles {}", STATUSES.join(", ")),
        ));
    }
    let region = query
        .region
        .as_deref()
        .map(|r| {
            r.parse::<RegionCode>()
                .map_err(|e| ApiError::field("region", "unknown_region", e.to_string()))
        })
        .transpose()?;
    let (status, late) = (query.status.clone(), query.late);
    let mut items = db::run(&state, move |conn| {
        summaries(conn, &caller, year, region, now)
    })
    .await?;
    items.retain(|i| {
        status.as_deref().is_none_or(|s| i.status == s) && late.is_none_or(|l| i.late == l)
    });
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    let items = items
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(0))
        .take(usize::try_from(limit).unwrap_or(0))
        .collect();
    Ok(HttpResponse::Ok().json(ReportSummaryPage { items, total }))
}

/// Every campus the caller may see (in `region` if given) that is expected to report for `year` or has a report,
/// with the state of that report, ordered by région then campus.
pub(crate) fn summaries(
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
        });
    }
    items.sort_by(|a, b| (a.region_code, &a.campus_id).cmp(&(b.region_code, &b.campus_id)));
    Ok(items)
}
