//! Flash surveys over JSON: read, save a draft, submit, reopen (analysts), each within its window (opens 1 September, due 15 October
//! by default). Each handler is an adapter over `pilotage_app::flash_surveys`.

mod get;
mod reopen;
mod save;
mod submit;

pub use get::get_flash_survey;
pub use pilotage_app::flash_surveys::FlashSurveyView;
pub use reopen::reopen_flash_survey;
pub use save::save_flash_survey;
pub use submit::submit_flash_survey;

/// A flash survey's answer, with its version as `ETag`.
pub(crate) fn respond(view: FlashSurveyView) -> actix_web::HttpResponse {
    crate::extract::versioned(view.version, &view)
}
