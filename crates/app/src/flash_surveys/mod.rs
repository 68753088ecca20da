//! The flash survey's use cases: what its answer needs and shows, saving and submitting it within its window
//! (opens 1 September, due 15 October by default).

mod reopen;
mod save;
mod submit;
mod view;

pub use reopen::reopen_as_analyst;
pub use save::save_as_coordinator;
pub use submit::submit_as_coordinator;
pub use view::{FlashSurveyView, SurveyContext};
