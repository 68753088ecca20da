//! One check for every text a client sends (JSON bodies, form fields, query strings, path segments): no NUL nor
//! other control character (PostgreSQL refuses NUL in text, and none of them belongs in a field); tab, CR and LF
//! only in multi-line texts (narratives, comments, explanations).

use crate::error::ApiError;

/// Whether the field named by `path` (a JSON path or a form field name) holds a multi-line text.
pub fn is_multi_line(path: &str) -> bool {
    // The renewal record's texts (`texts.*`) and the descriptions of its establishment plan are prose too.
    const MULTI_LINE: [&str; 7] = [
        "narrative",
        "comment",
        "explanation",
        "reason",
        "message",
        "texts",
        "description",
    ];
    let lower = path.to_ascii_lowercase();
    MULTI_LINE.iter().any(|m| lower.contains(m))
}

/// The rule `text` breaks, if any, as a code and a French message.
pub fn broken_rule(text: &str, multi_line: bool) -> Option<(&'static str, String)> {
    let bad = text
        .chars()
        .find(|c| c.is_control() && !(multi_line && matches!(c, '\t' | '\r' | '\n')))?;
    if matches!(bad, '\t' | '\r' | '\n') {
        return Some((
            "line_break",
            format!(
                "texte sur une seule ligne attendu : caractère U+{:04X} (saut de ligne ou tabulation) refusé",
                u32::from(bad)
            ),
        ));
    }
    Some((
        "control_character",
        format!(
            "caractère de contrôle U+{:04X} refusé (NUL et caractères de contrôle ne sont pas admis)",
            u32::from(bad)
        ),
    ))
}

/// 422 naming `field` when `text` breaks the rule.
pub fn check(field: &str, text: &str, multi_line: bool) -> Result<(), ApiError> {
    match broken_rule(text, multi_line) {
        None => Ok(()),
        Some((code, message)) => Err(ApiError::field(field, code, message)),
    }
}

/// Checks every key and string of a JSON document, naming the JSON path of the first at fault.
pub fn check_json(value: &serde_json::Value) -> Result<(), ApiError> {
    fn walk(value: &serde_json::Value, path: &str) -> Result<(), ApiError> {
        let shown = if path.is_empty() { "(document)" } else { path };
        match value {
            serde_json::Value::String(s) => check(shown, s, is_multi_line(path)),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| walk(item, &format!("{path}[{i}]"))),
            serde_json::Value::Object(map) => map.iter().try_for_each(|(key, item)| {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if let Some((code, message)) = broken_rule(key, false) {
                    let shown: String = child.chars().filter(|c| !c.is_control()).collect();
                    return Err(ApiError::field(
                        &shown,
                        code,
                        format!("nom de champ invalide : {message}"),
                    ));
                }
                walk(item, &child)
            }),
            _ => Ok(()),
        }
    }
    walk(value, "")
}

/// Checks every field of a posted form, naming the first at fault.
pub fn check_fields(fields: &[(String, String)]) -> Result<(), ApiError> {
    fields.iter().try_for_each(|(name, value)| {
        if let Some((code, message)) = broken_rule(name, false) {
            let shown: String = name.chars().filter(|c| !c.is_control()).collect();
            return Err(ApiError::field(
                &shown,
                code,
                format!("nom de champ invalide : {message}"),
            ));
        }
        check(name, value, is_multi_line(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nul_and_control_characters_are_refused_with_their_path() {
        let ApiError::Validation { errors, .. } =
            check_json(&json!({"a": {"b": ["ok", "x\u{0}y"]}})).unwrap_err()
        else {
            panic!()
        };
        assert_eq!(errors[0].field, "a.b[1]");
        assert_eq!(errors[0].code, "control_character");
        assert!(check_json(&json!({"name": "Nevers\nbis"})).is_err());
        assert!(check_json(&json!({"email": "a\u{7f}@b.fr"})).is_err());
        assert!(check_json(&json!({"email": "a\u{85}@b.fr"})).is_err());
        assert!(check_json(&json!({"k\u{0}": 1})).is_err());
        assert!(check_json(&json!({"narrative": {"achievements": "l1\r\nl2\tx"}})).is_ok());
        assert!(
            check_json(&json!({"texts": {"relations": "Premier paragraphe.\n\nSecond."}})).is_ok()
        );
        assert!(
            check_json(&json!({"actions": [{"action": "Atelier", "description": "a\nb"}]})).is_ok()
        );
        assert!(check_json(&json!({"actions": [{"action": "Ate\nlier"}]})).is_err());
        assert!(check_json(&json!({"narrative": {"achievements": "l1\u{0}"}})).is_err());
        assert!(check_json(&json!({"name": "Saint-Étienne — Nord ✓"})).is_ok());
        assert!(check_fields(&[("email".into(), "a\r\n@b".into())]).is_err());
        assert!(check_fields(&[("financial_comment".into(), "a\r\nb".into())]).is_ok());
    }
}
