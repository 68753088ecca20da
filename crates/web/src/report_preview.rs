//! `POST /campus/{id}/rapports/{year}/apercu`: the indicators of the grid as typed, not saved — what the page's
//! script shows while the coordinator types. Computed by the same code as on save; values that cannot be read yet
//! are left out.

use super::form::{self, field, Fields};
use super::layout::html;
use super::page_error::PageResult;
use super::report_form::indicator_rows;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::reports::{ReportContext, ReportView};
use pilotage_app::state::AppState;
use pilotage_domain::{AnnualReport, IndicatorGrid, ReportStatus, GRID_FIELDS};
use pilotage_spreadsheet::parse_typed;

/// The grid as typed, leaving out what cannot be read.
fn typed_grid(fields: &[(String, String)]) -> IndicatorGrid {
    let mut grid = IndicatorGrid::default();
    for spec in GRID_FIELDS {
        if let Ok(value @ Some(_)) = parse_typed(spec.kind, field(fields, spec.name).unwrap_or(""))
        {
            // The value was read for this field's kind: setting it cannot fail.
            let _ = grid.set(spec.name, value);
        }
    }
    grid
}

#[post("/campus/{campus_id}/rapports/{year}/apercu")]
pub async fn preview_indicators(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    let (id, year, _) = form::document_form(&state, &session, &path, &form)?;
    let grid = typed_grid(&form);
    let now = state.now();
    let caller = session.caller.clone();
    let view = db::run(&state, move |conn| {
        let ctx = ReportContext::load(conn, &caller, &id, year)?;
        ctx.ensure_coordinator(&caller)?;
        let report = match &ctx.report {
            Some(stored) => AnnualReport {
                grid,
                ..stored.clone()
            },
            None => AnnualReport {
                campus_id: id,
                academic_year: year,
                status: ReportStatus::Draft,
                grid,
                narrative: Default::default(),
                gap_explanations: Default::default(),
                submitted_at: None,
                reviewed_at: None,
                review_comment: None,
                version: 0,
                updated_at: now,
            },
        };
        let ctx = ReportContext {
            report: Some(report),
            ..ctx
        };
        Ok(ReportView::build(&ctx, now))
    })
    .await?;
    Ok(html(StatusCode::OK, indicator_rows(&view.indicators)))
}
