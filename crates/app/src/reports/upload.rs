//! A spreadsheet upload (the template filled in, XLSX or CSV) replaces the draft's grid; narrative and
//! explanations stay. Every bad cell is named, and nothing is saved then.

use super::ReportContext;
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::state::AppState;
use actix_web::web;
use pilotage_domain::{AcademicYear, CampusId};
use pilotage_spreadsheet::{read_upload, UploadError};
use pilotage_store::reports::Draft;

/// 404 or 403 unless the caller coordinates this campus.
pub async fn ensure_may_upload(
    state: &AppState,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
) -> ApiResult<()> {
    let (caller, id) = (caller.clone(), id.clone());
    db::run(state, move |conn| {
        ReportContext::load(conn, &caller, &id, year)?.ensure_coordinator(&caller)
    })
    .await
}

/// Reads an uploaded workbook (XLSX or CSV) and saves its grid as the draft's, keeping narrative and explanations;
/// every bad cell is named and nothing is saved then.
pub async fn save_upload(
    state: &AppState,
    caller: Caller,
    id: CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    bytes: Vec<u8>,
) -> ApiResult<ReportContext> {
    // Unpacking and reading a workbook takes CPU time: off the async threads, like the database work.
    let read = web::block(move || read_upload(&bytes))
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task: {e}")))?;
    let grid = read.map_err(|e| match e {
        UploadError::Unreadable(message) => ApiError::field("file", "unreadable", message),
        UploadError::Cells(cells) => ApiError::validation(
            format!(
                "{} cellule(s) en erreur : rien n'a été enregistré",
                cells.len()
            ),
            cells
                .iter()
                .map(|c| {
                    FieldError::new(
                        c.field
                            .as_ref()
                            .map_or_else(|| c.cell.clone(), |f| format!("grid.{f}")),
                        "cell",
                        c.to_string(),
                    )
                })
                .collect(),
        ),
    })?;
    let now = state.now();
    db::run(state, move |conn| {
        super::save::save_as_coordinator(conn, &caller, &id, year, expected, now, |ctx| Draft {
            grid,
            narrative: ctx
                .report
                .as_ref()
                .map(|r| r.narrative.clone())
                .unwrap_or_default(),
            gap_explanations: ctx
                .report
                .as_ref()
                .map(|r| r.gap_explanations.clone())
                .unwrap_or_default(),
        })
    })
    .await
}
