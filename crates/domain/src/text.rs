//! The rule for every text a client sends (JSON bodies, form fields, query strings, path segments): no NUL nor
//! other control character (PostgreSQL refuses NUL in text, and none of them belongs in a field); tab, CR and LF
//! only in multi-line texts (narratives, comments, explanations). The API turns a broken rule into a 422.

/// A text that breaks the rule: a code and a French message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenText {
    /// `control_character` or `line_break`.
    pub code: &'static str,
    pub message: String,
}

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

/// The rule `text` breaks, if any.
pub fn broken_rule(text: &str, multi_line: bool) -> Option<BrokenText> {
    let bad = text
        .chars()
        .find(|c| c.is_control() && !(multi_line && matches!(c, '\t' | '\r' | '\n')))?;
    if matches!(bad, '\t' | '\r' | '\n') {
        return Some(BrokenText {
            code: "line_break",
            message: format!(
                "texte sur une seule ligne attendu : caractère U+{:04X} (saut de ligne ou tabulation) refusé",
                u32::from(bad)
            ),
        });
    }
    Some(BrokenText {
        code: "control_character",
        message: format!(
            "caractère de contrôle U+{:04X} refusé (NUL et caractères de contrôle ne sont pas admis)",
            u32::from(bad)
        ),
    })
}

/// A field name as it can be shown: without its control characters.
fn shown(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).collect()
}

/// A broken field name, its message saying it is the name.
fn broken_name(name: &str) -> Option<BrokenText> {
    broken_rule(name, false).map(|broken| BrokenText {
        message: format!("nom de champ invalide : {}", broken.message),
        ..broken
    })
}

/// The first key or string of a JSON document that breaks the rule, with its JSON path (`(document)` for a bare
/// string), keys checked as one-line texts.
pub fn first_broken_in_json(value: &serde_json::Value) -> Option<(String, BrokenText)> {
    fn walk(value: &serde_json::Value, path: &str) -> Option<(String, BrokenText)> {
        match value {
            serde_json::Value::String(s) => {
                let name = if path.is_empty() { "(document)" } else { path };
                broken_rule(s, is_multi_line(path)).map(|broken| (name.to_owned(), broken))
            }
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, item)| walk(item, &format!("{path}[{i}]"))),
            serde_json::Value::Object(map) => map.iter().find_map(|(key, item)| {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match broken_name(key) {
                    Some(broken) => Some((shown(&child), broken)),
                    None => walk(item, &child),
                }
            }),
            _ => None,
        }
    }
    walk(value, "")
}

/// The first field of a posted form (name, value) that breaks the rule, with its name.
pub fn first_broken_in_fields(fields: &[(String, String)]) -> Option<(String, BrokenText)> {
    fields
        .iter()
        .find_map(|(name, value)| match broken_name(name) {
            Some(broken) => Some((shown(name), broken)),
            None => broken_rule(value, is_multi_line(name)).map(|broken| (name.clone(), broken)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(value: serde_json::Value) -> Option<(String, &'static str)> {
        first_broken_in_json(&value).map(|(path, broken)| (path, broken.code))
    }

    #[test]
    fn nul_and_control_characters_are_found_with_their_path() {
        assert_eq!(
            at(json!({"a": {"b": ["ok", "x\u{0}y"]}})),
            Some(("a.b[1]".into(), "control_character"))
        );
        assert_eq!(
            at(json!({"name": "Nevers\nbis"})).map(|a| a.1),
            Some("line_break")
        );
        assert!(at(json!({"email": "a\u{7f}@b.fr"})).is_some());
        assert!(at(json!({"email": "a\u{85}@b.fr"})).is_some());
        assert_eq!(at(json!({"k\u{0}": 1})).map(|a| a.0), Some("k".into()));
        assert_eq!(at(json!("x\u{1}")).map(|a| a.0), Some("(document)".into()));
        assert!(at(json!({"narrative": {"achievements": "l1\r\nl2\tx"}})).is_none());
        assert!(at(json!({"texts": {"relations": "Premier paragraphe.\n\nSecond."}})).is_none());
        assert!(at(json!({"actions": [{"action": "Atelier", "description": "a\nb"}]})).is_none());
        assert!(at(json!({"actions": [{"action": "Ate\nlier"}]})).is_some());
        assert!(at(json!({"narrative": {"achievements": "l1\u{0}"}})).is_some());
        assert!(at(json!({"name": "Saint-Étienne — Nord ✓"})).is_none());
        assert!(first_broken_in_fields(&[("email".into(), "a\r\n@b".into())]).is_some());
        assert!(first_broken_in_fields(&[("financial_comment".into(), "a\r\nb".into())]).is_none());
    }
}
