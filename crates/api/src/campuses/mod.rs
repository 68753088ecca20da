//! Campuses: list, read, create, update.

mod create;
mod get;
mod list;
mod update;

pub use create::create_campus;
pub use get::get_campus;
pub use list::{list_campuses, CampusPage};
pub use update::update_campus;

use pilotage_app::error::{ApiError, FieldError};
use pilotage_domain::Campus;

/// 422 listing every attribute that breaks a rule.
fn check(campus: &Campus) -> Result<(), ApiError> {
    let errors: Vec<FieldError> = campus
        .check()
        .into_iter()
        .map(|e| FieldError::new(e.field, "invalid", e.message))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(
            "attributs du campus invalides",
            errors,
        ))
    }
}
