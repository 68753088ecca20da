//! `PUT /api/v1/campuses/{campus_id}/reports/{year}/spreadsheet`: an XLSX or CSV grid (the template filled in)
//! replaces the draft's grid; narrative and explanations stay. Every bad cell is named, and nothing is saved then.

use super::respond;
use crate::extract;
use actix_web::{put, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::paths::ReportPath;
use pilotage_app::reports::{ensure_may_upload, save_upload, ReportView};
use pilotage_app::state::AppState;
use pilotage_spreadsheet::MAX_UPLOAD_BYTES;

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
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 409, description = "Submitted or accepted report, or closing date passed", body = Problem),
        (status = 412, description = "Stale If-Match", body = Problem),
        (status = 428, description = "The report exists and no If-Match was sent", body = Problem),
        (status = 413, description = "File too large", body = Problem),
        (status = 422, description = "Unreadable file, bad cells (each named by its field's French label and its cell: `BTS (cellule B14) : …`), or workshop themes far too long", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/reports/{year}/spreadsheet")]
pub async fn upload_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: ReportPath,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let expected = extract::if_match(&req)?;
    // Scope and role first: a file from someone who may not write this report is neither read nor parsed.
    ensure_may_upload(&state, &caller, &id, year).await?;
    let bytes = read_body(payload, MAX_UPLOAD_BYTES).await?;
    let now = state.now();
    let ctx = save_upload(&state, caller, id, year, expected, bytes, None).await?;
    Ok(respond(ReportView::build(&ctx, now)))
}
