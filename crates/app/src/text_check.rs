//! The text rule (`pilotage_domain::text`) as 422 answers naming the field: for JSON bodies (every key and
//! string, by JSON path, before typed reading) and posted forms; paths and query strings in `request_target`.

use crate::error::ApiError;
use pilotage_domain::text::{self, BrokenText};

fn refused(field: &str, broken: BrokenText) -> ApiError {
    ApiError::field(field, broken.code, broken.message)
}

/// 422 naming `field` when `text` breaks the rule.
pub fn check(field: &str, text: &str, multi_line: bool) -> Result<(), ApiError> {
    text::broken_rule(text, multi_line).map_or(Ok(()), |broken| Err(refused(field, broken)))
}

/// Checks every key and string of a JSON document, naming the JSON path of the first at fault.
pub fn check_json(value: &serde_json::Value) -> Result<(), ApiError> {
    text::first_broken_in_json(value).map_or(Ok(()), |(path, broken)| Err(refused(&path, broken)))
}

/// Checks every field of a posted form, naming the first at fault.
pub fn check_fields(fields: &[(String, String)]) -> Result<(), ApiError> {
    text::first_broken_in_fields(fields)
        .map_or(Ok(()), |(name, broken)| Err(refused(&name, broken)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_broken_text_is_a_422_naming_its_path_and_rule() {
        let ApiError::Validation { errors, .. } =
            check_json(&json!({"a": {"b": ["ok", "x\u{0}y"]}})).unwrap_err()
        else {
            panic!()
        };
        assert_eq!(errors[0].field, "a.b[1]");
        assert_eq!(errors[0].code, "control_character");
        assert!(check_fields(&[("email".into(), "a\r\n@b".into())]).is_err());
        assert!(check("name", "Foix", false).is_ok());
    }
}
