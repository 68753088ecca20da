//! `PUT /api/v1/campuses/{campus_id}/reports/{year}/spreadsheet`: an XLSX or CSV grid (the template filled in)
//! replaces the draft's grid; narrative and explanations stay. Every bad cell is named, and nothing is saved then.

use super::{ReportContext, ReportView};
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, FieldError, Problem};
use crate::extract;
use crate::state::AppState;
use actix_web::{put, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use pilotage_domain::{AcademicYear, CampusId};
use pilotage_spreadsheet::{read_upload, UploadError, MAX_UPLOAD_BYTES};
use pilotage_store::reports::Draft;

/// Reads the body, refusing it past `limit` bytes.
async fn read_body(mut payload: web::Payload, limit: usize) -> ApiResult<Vec<u8>> {
    let mut bytes = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("envoi interrompu : {e}")))?;
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge(format!(
                "fichier trop volumineux ({} Mio au plus)",
                limit / (1024 * 1024)
            )));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

#[utoipa::path(
    tag = "reports",
    params(("campus_id" = String, Path), ("year" = String, Path), ("If-Match" = Option<String>, Header)),
    request_body(content = Vec<u8>, description = "The template filled in: XLSX, or CSV (UTF-8, `;` or `,`)",
                 content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    responses(
        (status = 200, description = "The draft with the uploaded grid", body = ReportView),
        (status = 400, description = "Malformed id, year or If-Match", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 409, description = "Submitted or accepted report, or closing date passed", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 428, description = "The report exists and no If-Match was sent", body = Problem),
        (status = 413, description = "File too large", body = Problem),
        (status = 422, description = "Unreadable file, bad cells (each named: `B14 — prog_bts : …`), or workshop themes far too long", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/reports/{year}/spreadsheet")]
pub async fn upload_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let expected = extract::if_match(&req)?;
    // Scope and role first: a file from someone who may not write this report is neither read nor parsed.
    ensure_may_upload(&state, &caller, &id, year).await?;
    let bytes = read_body(payload, MAX_UPLOAD_BYTES).await?;
    let now = state.now();
    let ctx = save_upload(&state, caller, id, year, expected, bytes).await?;
    Ok(ReportView::build(&ctx, now).respond())
}

/// 404 or 403 unless the caller coordinates this campus.
pub(crate) async fn ensure_may_upload(
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
pub(crate) async fn save_upload(
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
