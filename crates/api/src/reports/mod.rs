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
pub(crate) use list::summaries;
pub use list::{list_reports, ReportSummary, ReportSummaryPage};
pub(crate) use review::review_as_analyst;
pub use review::{accept_report, reopen_report, return_report, ReviewRequest};
pub(crate) use save::{check_texts, save_as_coordinator};
pub use save::{save_report, SaveReportRequest};
pub(crate) use submit::submit_as_coordinator;
pub use submit::submit_report;
pub use template::{report_template, XLSX_MIME};
pub use upload::upload_report;
pub(crate) use upload::{ensure_may_upload, save_upload};
pub use view::{IndicatorView, ReportView, TargetView, ValidationView};

pub(crate) use context::{paris, ReportContext};
