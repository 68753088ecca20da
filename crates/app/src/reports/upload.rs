//! A spreadsheet upload (the template filled in, XLSX or CSV) replaces the draft's grid; narrative and
//! explanations stay, or are those typed beside the file on the page. Every bad cell is named, and nothing is saved
//! then.

use super::ReportContext;
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::state::AppState;
use actix_web::web;
use pilotage_domain::{AcademicYear, CampusId, Narrative};
use pilotage_spreadsheet::{read_upload, UploadError};
use pilotage_store::reports::Draft;
use std::collections::BTreeMap;

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

/// The texts sent with a file from the report's page (typed and not saved yet): saved with the uploaded grid, in
/// place of the stored ones, so that an upload never throws typed work away.
#[derive(Debug, Clone, Default)]
pub struct TypedTexts {
    pub narrative: Narrative,
    pub gap_explanations: BTreeMap<String, String>,
}

/// Reads an uploaded workbook (XLSX or CSV) and saves its grid as the draft's, with `texts` when given, else the
/// stored narrative and explanations; every bad cell is named and nothing is saved then.
pub async fn save_upload(
    state: &AppState,
    caller: Caller,
    id: CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    bytes: Vec<u8>,
    texts: Option<TypedTexts>,
) -> ApiResult<ReportContext> {
    // Unpacking and reading a workbook takes CPU time: off the async threads, like the database work.
    let read = web::block(move || read_upload(&bytes))
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task: {e}")))?;
    let grid = read.map_err(|e| match e {
        UploadError::Unreadable(message) => ApiError::field("file", "unreadable", message),
        UploadError::Cells(cells) => ApiError::validation(
            format!(
                "{} en erreur : rien n'a été enregistré",
                if cells.len() > 1 {
                    format!("{} cellules", cells.len())
                } else {
                    "1 cellule".to_owned()
                }
            ),
            cells
                .iter()
                .map(|c| {
                    FieldError::new(
                        c.field
                            .as_ref()
                            // A cell without a field: the summary's link leads to the file input.
                            .map_or_else(|| "file".to_owned(), |f| format!("grid.{f}")),
                        "cell",
                        c.to_string(),
                    )
                })
                .collect(),
        ),
    })?;
    let now = state.now();
    db::run(state, move |conn| {
        super::save::save_as_coordinator(conn, &caller, &id, year, expected, now, |ctx| {
            let texts = texts.unwrap_or_else(|| {
                ctx.report
                    .as_ref()
                    .map(|r| TypedTexts {
                        narrative: r.narrative.clone(),
                        gap_explanations: r.gap_explanations.clone(),
                    })
                    .unwrap_or_default()
            });
            Draft {
                grid,
                narrative: texts.narrative,
                gap_explanations: texts.gap_explanations,
            }
        })
    })
    .await
}
