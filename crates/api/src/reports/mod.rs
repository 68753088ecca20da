//! Annual reports over JSON: read, save a draft, upload a spreadsheet, submit, review (return, accept, reopen),
//! history, the template and the review queue. Each handler is an adapter over `pilotage_app::reports`.

mod get;
mod history;
mod list;
mod review;
mod save;
mod submit;
mod template;
mod upload;

pub use get::get_report;
pub use history::{report_history, HistoryEntry};
pub use list::list_reports;
pub use pilotage_app::reports::{
    IndicatorView, ReportSummary, ReportSummaryPage, ReportView, ReviewRequest, SaveReportRequest,
    TargetView, ValidationView,
};
pub use review::{accept_report, reopen_report, return_report};
pub use save::save_report;
pub use submit::submit_report;
pub use template::{report_template, XLSX_MIME};
pub use upload::upload_report;

/// A report's answer, with its version as `ETag`.
pub(crate) fn respond(view: ReportView) -> actix_web::HttpResponse {
    crate::extract::versioned(view.version, &view)
}
