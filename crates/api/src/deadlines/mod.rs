//! Deadlines of a year (read by all, set by analysts) and per-campus lock exceptions.

mod exceptions;
mod get;
mod set;

pub use exceptions::{grant_lock_exception, list_lock_exceptions, LockExceptionRequest};
pub use get::get_deadlines;
pub use pilotage_app::deadlines::Deadlines;
pub use set::{set_deadlines, DeadlinesUpdate};
