//! Flash surveys: read, save a draft, submit, each within its window (opens 1 September, due 15 October by default).

mod get;
mod save;
mod submit;
mod view;

pub use get::get_flash_survey;
pub(crate) use save::save_as_coordinator;
pub use save::save_flash_survey;
pub(crate) use submit::submit_as_coordinator;
pub use submit::submit_flash_survey;
pub use view::FlashSurveyView;
pub(crate) use view::SurveyContext;
