//! Annual reports: read, save a draft, submit, review (return, accept, reopen), history, and the review queue.

mod context;
mod get;
mod history;
mod list;
mod review;
mod save;
mod submit;
mod template;
mod upload;
mod view;

pub use get::get_report;
pub use history::{report_history, HistoryEntry};
pub use list::{list_reports, ReportSummary, ReportSummaryPage};
pub use review::{accept_report, reopen_report, return_report, ReviewRequest};
pub use save::{save_report, SaveReportRequest};
pub use submit::submit_report;
pub use template::{report_template, XLSX_MIME};
pub use upload::upload_report;
pub use view::{IndicatorView, ReportView, TargetView, ValidationView};

pub(crate) use context::{paris, ReportContext};
