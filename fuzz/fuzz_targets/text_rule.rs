//! The text rule every JSON body, form, path and query string goes through (`pilotage_domain::text`): any bytes
//! as a JSON document and as form pairs. Checked against a plain reading of the rule: a text is refused exactly
//! when it holds a control character other than tab, CR or LF in a multi-line field, or any in a name; the
//! field named never holds a control character itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilotage_domain::text::{first_broken_in_fields, first_broken_in_json, is_multi_line};

fn bad(text: &str, multi_line: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(multi_line && matches!(c, '\t' | '\r' | '\n')))
}

fn any_bad(value: &serde_json::Value, path: &str) -> bool {
    match value {
        serde_json::Value::String(s) => bad(s, is_multi_line(path)),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .any(|(i, item)| any_bad(item, &format!("{path}[{i}]"))),
        serde_json::Value::Object(map) => map.iter().any(|(key, item)| {
            let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            bad(key, false) || any_bad(item, &child)
        }),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let found = first_broken_in_json(&value);
        assert_eq!(found.is_some(), any_bad(&value, ""));
        if let Some((path, _)) = found {
            assert!(!path.chars().any(char::is_control));
        }
    }
    if let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) {
        let found = first_broken_in_fields(&pairs);
        let expected = pairs
            .iter()
            .any(|(name, value)| bad(name, false) || bad(value, is_multi_line(name)));
        assert_eq!(found.is_some(), expected);
        if let Some((name, _)) = found {
            assert!(!name.chars().any(char::is_control));
        }
    }
});
