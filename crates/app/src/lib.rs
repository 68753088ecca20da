//! The application layer of Pilotage: the use cases (save, submit, review, upload, flash surveys, targets,
//! deadlines, statistics under the disclosure rule) that the JSON handlers (`pilotage-api`) and the pages
//! (`pilotage-web`) both call as thin adapters; who the caller is and what it may see; the one error type, mapped
//! once to problem+json; and the state every request shares.
#![doc = include_str!("../README.md")]

pub mod admin;
pub mod auth;
pub mod cookies;
pub mod db;
pub mod deadlines;
pub mod error;
pub mod flash_surveys;
pub mod freshness;
pub mod limiter;
pub mod paths;
pub mod renewal;
pub mod reports;
pub mod request_target;
pub mod security;
pub mod state;
pub mod stats;
pub mod targets;
pub mod text_check;
pub mod tokens;

pub use error::{ApiError, ApiResult};
pub use state::AppState;
