//! `GET /api/v1/campuses/{campus_id}/reports/{year}/template.xlsx`: the grid as a workbook with French labels,
//! pre-filled with the current draft, or else with last year's values.

use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::paths::ReportPath;
use pilotage_app::reports::ReportContext;
use pilotage_app::state::AppState;
use pilotage_domain::IndicatorGrid;
use pilotage_spreadsheet::{write_template, Prefill, TemplateInfo};
use pilotage_store::reports;

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[utoipa::path(
    tag = "reports",
    params(("campus_id" = String, Path), ("year" = String, Path)),
    responses(
        (status = 200, description = "The XLSX template", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "Malformed id or year", body = Problem),
        (status = 403, description = "Regional clients: the content of reports is not published to regional systems (their status, dates and timeliness are in `GET /reports?year=`)", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}/reports/{year}/template.xlsx")]
pub async fn report_template(
    state: web::Data<AppState>,
    caller: Caller,
    path: ReportPath,
) -> ApiResult<HttpResponse> {
    let ReportPath {
        campus_id: id,
        year,
    } = path;
    let (ctx, previous) = db::run(&state, move |conn| {
        let ctx = ReportContext::load(conn, &caller, &id, year)?;
        caller.ensure_reads_content()?;
        let previous = match year.previous() {
            Ok(p) => reports::get(conn, &id, p)?.map(|r| r.grid),
            Err(_) => None,
        };
        Ok((ctx, previous))
    })
    .await?;
    let draft = ctx
        .report
        .as_ref()
        .map(|r| r.grid.clone())
        .filter(|g| *g != IndicatorGrid::default());
    let (prefill, grid) = match (draft, previous) {
        (Some(grid), _) => (Prefill::Draft, grid),
        (None, Some(grid)) => (Prefill::PreviousYear, grid),
        (None, None) => (Prefill::Empty, IndicatorGrid::default()),
    };
    let info = TemplateInfo {
        campus_id: ctx.campus.id.as_str(),
        campus_name: &ctx.campus.name,
        academic_year: &year.to_string(),
        prefill,
    };
    let bytes = write_template(&info, &grid).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type(XLSX_MIME)
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"grille-{}-{year}.xlsx\"",
                ctx.campus.id
            ),
        ))
        .body(bytes))
}
