//! The annual report's use cases: what a report's answer needs (`ReportContext`) and shows (`ReportView`),
//! saving a draft, uploading a spreadsheet, submitting, the analyst's review, and the follow-up list.

mod context;
mod list;
mod review;
mod save;
mod submit;
mod upload;
mod view;

pub use context::{closed, ReportContext};
pub use list::{summaries, ReportSummary, ReportSummaryPage};
pub use review::{review_as_analyst, ReviewRequest};
pub use save::{check_texts, save_as_coordinator, text_label, SaveReportRequest};
pub use submit::submit_as_coordinator;
pub use upload::{ensure_may_upload, save_upload, TypedTexts};
pub use view::{IndicatorView, ReportView, TargetView, ValidationView};
