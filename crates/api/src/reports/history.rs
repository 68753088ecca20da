//! `GET /api/v1/campuses/{campus_id}/reports/{year}/history`: every value and status change, who and when.

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::paths::ReportPath;
use pilotage_app::reports::ReportContext;
use pilotage_app::state::AppState;
use pilotage_store::audit::{self, Entity};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    /// Who: a user's e-mail address, an API client, `seed`, `system`.
    pub actor: String,
    /// `created`, `value_changed`, `status_changed`, `reopened`, `imported`.
    pub action: String,
    /// The field (`students_enrolled`, `narrative`, `gap_explanations.success_rate`, `status`).
    pub field: Option<String>,
    /// Values as JSON text (counts, cents, decimals, lists) or plain text.
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub comment: Option<String>,
}

#[utoipa::path(
    tag = "reports",
    params(("campus_id" = String, Path), ("year" = String, Path)),
    responses(
        (status = 200, description = "The history, oldest first", body = Vec<HistoryEntry>),
        (status = 400, description = "Malformed id or year", body = Problem),
        (status = 403, description = "Regional clients: the content of reports is not published to regional systems (their status, dates and timeliness are in `GET /reports?year=`)", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}/reports/{year}/history")]
pub async fn report_history(
    state: web::Data<AppState>,
    caller: Caller,
    path: ReportPath,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let entries = db::run(&state, move |conn| {
        ReportContext::load(conn, &caller, &id, year)?;
        caller.ensure_reads_content()?;
        Ok(audit::history(conn, Entity::AnnualReport, &id, year)?)
    })
    .await?;
    let body: Vec<HistoryEntry> = entries
        .into_iter()
        .map(|e| HistoryEntry {
            at: e.at,
            actor: e.actor,
            action: e.action,
            field: e.field,
            old_value: e.old_value,
            new_value: e.new_value,
            comment: e.comment,
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
