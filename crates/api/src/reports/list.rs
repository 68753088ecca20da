//! `GET /api/v1/reports`: the review queue and follow-up list — every campus the caller may see, with the state of
//! its report for a year (`missing` when none was started).

use crate::extract;
use crate::pagination::PageParams;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::reports::{summaries, ReportSummaryPage};
use pilotage_app::state::AppState;
use pilotage_domain::{AcademicYear, RegionCode};
use serde::Deserialize;
use utoipa::IntoParams;

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

const STATUSES: [&str; 5] = ["draft", "submitted", "returned", "accepted", "missing"];

#[utoipa::path(
    tag = "reports",
    params(ReportQuery, PageParams),
    responses(
        (status = 200, description = "Campuses and the state of their report, ordered by région then campus", body = ReportSummaryPage),
        (status = 400, description = "Malformed year", body = Problem),
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
