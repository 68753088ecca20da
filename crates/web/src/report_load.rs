//! Reading a report for a page: the report as shown and last year's grid beside it, for every page that shows one
//! (the form, the read-only view, the review, the preview, the history).

use super::session::Session;
use pilotage_app::db;
use pilotage_app::error::ApiError;
use pilotage_app::reports::{ReportContext, ReportView};
use pilotage_app::state::AppState;
use pilotage_domain::{AcademicYear, CampusId, IndicatorGrid};

/// The report as shown, and last year's grid beside it.
pub struct Loaded {
    pub view: ReportView,
    pub previous: Option<IndicatorGrid>,
}

/// Reads the report (404 outside the caller's scope, or for a year that cannot be started yet; 403 for a regional
/// system's user, to whom the content of reports is not published). Every page that shows a report reads it here.
pub async fn load(
    state: &AppState,
    session: &Session,
    id: CampusId,
    year: AcademicYear,
) -> Result<Loaded, ApiError> {
    let caller = session.caller.clone();
    let now = state.now();
    db::run(state, move |conn| {
        let ctx = ReportContext::load(conn, &caller, &id, year)?;
        if !caller.reads_content() {
            return Err(super::page_error::content_not_published());
        }
        if ctx.report.is_none() && !ctx.year_is_reportable(now) {
            return Err(ApiError::NotFound(format!(
                "aucun rapport {year} pour le campus « {id} »"
            )));
        }
        let previous = match year.previous() {
            Ok(p) => pilotage_store::reports::get(conn, &id, p)?.map(|r| r.grid),
            Err(_) => None,
        };
        Ok(Loaded {
            view: ReportView::build(&ctx, now),
            previous,
        })
    })
    .await
}
