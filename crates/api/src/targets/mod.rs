//! Targets: list (within the caller's scope), set and remove (analysts).

mod list;
mod remove;
mod set;

pub use list::list_targets;
pub use remove::remove_target;
pub use set::set_target;
