//! `GET /api/v1/campuses/{campus_id}/renewal.xlsx?from=&to=`: the renewal record as a workbook, one sheet per part.

use crate::reports::XLSX_MIME;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::renewal::{read_record, SpanQuery};
use pilotage_app::state::AppState;
use pilotage_spreadsheet::write_renewal;

#[utoipa::path(
    tag = "renewal",
    params(("campus_id" = String, Path, description = "Campus id"), SpanQuery),
    responses(
        (status = 200, description = "The record as XLSX: sheets Critères, Chiffres, Établissement, Budget prévisionnel", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "Malformed campus id or year", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 422, description = "`from` after `to`, or a span over 12 years", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}/renewal.xlsx")]
pub async fn renewal_workbook(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<SpanQuery>,
) -> ApiResult<HttpResponse> {
    let record = read_record(&state, caller, &path, query.into_inner()).await?;
    let bytes = write_renewal(&record).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type(XLSX_MIME)
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"poursuite-{}-{}-{}.xlsx\"",
                record.campus.id, record.from, record.to
            ),
        ))
        .body(bytes))
}
