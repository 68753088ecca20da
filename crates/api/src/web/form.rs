//! The fields of a posted form, as typed, and what an unreadable form answers.

use super::page_error::PageError;
use crate::error::ApiError;
use actix_web::web;

/// Largest form accepted: the grid, the narrative and the explanations fit well within it.
const FORM_LIMIT: usize = 256 * 1024;

/// How forms are read: a limit, and a French 400 page for a body that is not a form.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(FORM_LIMIT)
        .error_handler(|e, _| {
            PageError::Api(ApiError::BadRequest(format!("formulaire illisible : {e}"))).into()
        })
}

/// A posted form's fields in order (a name may repeat; the first is used).
pub type Fields = web::Form<Vec<(String, String)>>;

/// The value of the field `name`, if posted.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The version the form was filled in from (`None` when absent: no check).
pub fn version(fields: &[(String, String)]) -> Result<Option<i64>, ApiError> {
    match field(fields, "version")
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            ApiError::BadRequest(format!("version « {v} » invalide : rechargez la page"))
        }),
    }
}
