//! Request extractors and parameter parsing that answer bad input with a clear 4xx: JSON bodies (content type,
//! size, syntax, unknown fields and types named by their path), academic years, campus ids, `If-Match`.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use pilotage_app::error::{ApiError, FieldError};
use serde::de::DeserializeOwned;

/// Largest JSON body accepted.
pub const JSON_LIMIT: usize = 256 * 1024;

/// A JSON body, refused with the path of the offending field when it does not fit `T`.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let mime = content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if mime != "application/json" && !mime.ends_with("+json") {
                return Err(ApiError::UnsupportedMediaType(format!(
                    "type de contenu « {content_type} » non accepté : envoyez du JSON (Content-Type: application/json)"
                )));
            }
            let bytes = bytes.await.map_err(|e| {
                if e.as_response_error().status_code()
                    == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
                {
                    ApiError::PayloadTooLarge(format!(
                        "corps de requête trop volumineux ({} Kio au plus)",
                        JSON_LIMIT / 1024
                    ))
                } else {
                    ApiError::BadRequest(format!("corps de requête illisible : {e}"))
                }
            })?;
            parse_json(&bytes).map(Json)
        })
    }
}

/// A JSON body that may be left out (no body at all reads as `T::default()`).
pub struct JsonOrEmpty<T>(pub T);

impl<T: DeserializeOwned + Default + 'static> FromRequest for JsonOrEmpty<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let empty = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() == "0")
            || (req.headers().get(header::CONTENT_LENGTH).is_none()
                && req.headers().get(header::TRANSFER_ENCODING).is_none());
        if empty {
            return Box::pin(async { Ok(JsonOrEmpty(T::default())) });
        }
        let json = Json::<T>::from_request(req, payload);
        Box::pin(async move { json.await.map(|j| JsonOrEmpty(j.0)) })
    }
}

/// Parses JSON, naming the field at fault.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(
            "corps de requête vide : un document JSON est attendu".into(),
        ));
    }
    // Every body of the API is an object: a list or a scalar would be read positionally (`[]` as an empty draft).
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::field(
            "(document)",
            "not_an_object",
            "un objet JSON { … } est attendu (pas une liste, une chaîne ou un nombre)",
        ));
    }
    // NUL and control characters are refused wherever they are, naming their path, before the typed reading.
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        pilotage_app::text_check::check_json(&value)?;
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = result.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::BadRequest(format!(
                "JSON mal formé (ligne {}, colonne {}) : {}",
                inner.line(),
                inner.column(),
                translate(&inner.to_string())
            ));
        }
        let field = if path == "." { String::new() } else { path };
        let message = translate(&inner.to_string());
        let code = if message.starts_with("champ inconnu") {
            "unknown_field"
        } else {
            "invalid_value"
        };
        let shown = if field.is_empty() {
            "(document)".to_owned()
        } else {
            field.clone()
        };
        ApiError::Validation {
            detail: format!("{shown} : {message}"),
            errors: vec![FieldError::new(shown, code, message)],
        }
    })?;
    de.end().map_err(|e| {
        ApiError::BadRequest(format!("JSON mal formé : {}", translate(&e.to_string())))
    })?;
    Ok(value)
}

/// Serde's, serde_json's, chrono's and the query parser's English messages in French, for every case a client is
/// likely to meet (the rest passes through).
pub(crate) fn translate(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    let message = message
        .strip_prefix("Query deserialize error: ")
        .unwrap_or(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = rest.split(',').next().unwrap_or(rest).trim_matches('`');
        let expected = rest
            .split_once("expected ")
            .map(|(_, e)| format!(" ; attendus : {}", e.replace('`', "")))
            .unwrap_or_default();
        return format!("champ inconnu « {name} »{expected}");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let name = rest.split(',').next().unwrap_or(rest).trim_matches('`');
        let expected = rest
            .split_once("expected ")
            .map(|(_, e)| {
                format!(
                    " ; valeurs possibles : {}",
                    e.trim_start_matches("one of ").replace('`', "")
                )
            })
            .unwrap_or_default();
        return format!("valeur « {name} » inconnue{expected}");
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("champ obligatoire manquant « {} »", rest.trim_matches('`'));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!(
            "champ « {} » en double : chaque champ ne peut figurer qu'une fois",
            rest.trim_matches('`')
        );
    }
    for (prefix, what) in [
        ("invalid type: ", "type de valeur invalide"),
        ("invalid value: ", "valeur invalide"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            return format!(
                "{what} : {} reçu, {} attendu",
                received(got),
                expected_kind(expected)
            );
        }
    }
    if message.starts_with("invalid length ") {
        return "nombre d'éléments invalide : un objet JSON { … } est attendu".into();
    }
    let known: &[(&str, &str)] = &[
        ("number out of range", "nombre hors limites"),
        (
            "expected value",
            "valeur JSON attendue (les nombres s'écrivent sans guillemets ni NaN)",
        ),
        (
            "expected ident",
            "valeur JSON attendue (true, false ou null)",
        ),
        ("EOF while parsing", "document JSON incomplet"),
        (
            "invalid unicode code point",
            "texte qui n'est pas de l'UTF-8 valide",
        ),
        (
            "invalid escape",
            "séquence d'échappement invalide dans une chaîne",
        ),
        ("control character", "caractère de contrôle dans une chaîne"),
        (
            "recursion limit exceeded",
            "document JSON trop profondément imbriqué",
        ),
        (
            "trailing characters",
            "caractères en trop après le document JSON",
        ),
        ("trailing comma", "virgule en trop"),
        (
            "key must be a string",
            "les clés d'un objet JSON sont des chaînes entre guillemets",
        ),
        ("expected `:`", "« : » attendu après une clé"),
        ("expected `,` or `}`", "« , » ou « } » attendu"),
        ("expected `,` or `]`", "« , » ou « ] » attendu"),
        ("invalid number", "nombre mal écrit"),
        (
            "number too large to fit in target type",
            "nombre trop grand",
        ),
        (
            "number too small to fit in target type",
            "nombre trop petit",
        ),
        ("invalid digit found in string", "nombre entier attendu"),
        (
            "cannot parse integer from empty string",
            "nombre entier attendu, valeur vide reçue",
        ),
        (
            "provided string was not `true` or `false`",
            "true ou false attendu",
        ),
        ("invalid float literal", "nombre attendu"),
    ];
    if let Some((_, french)) = known
        .iter()
        .find(|(english, _)| message.starts_with(english))
    {
        return (*french).to_owned();
    }
    // chrono's messages for a date that is not RFC 3339 with an offset.
    const DATE_ERRORS: [&str; 7] = [
        "premature end of input",
        "input contains invalid characters",
        "input is out of range",
        "trailing input",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
        "bad or unsupported format string",
    ];
    if DATE_ERRORS.iter().any(|e| message.starts_with(e)) {
        return "date invalide : format RFC 3339 avec décalage horaire attendu, par exemple 2026-09-01T23:59:59+02:00".into();
    }
    message.to_owned()
}

/// What serde says it received (`integer `12``, `string "x"`, `floating point `1.5``…), in French.
fn received(got: &str) -> String {
    let value = |prefix: &str| {
        got.strip_prefix(prefix)
            .map(|v| v.trim().trim_matches('`').to_owned())
    };
    if let Some(v) = value("integer") {
        format!("entier {v}")
    } else if let Some(v) = value("floating point") {
        format!("nombre décimal {v}")
    } else if let Some(v) = value("string") {
        format!("chaîne {v}")
    } else if let Some(v) = value("boolean") {
        format!("booléen {v}")
    } else {
        match got {
            "null" => "null".to_owned(),
            "sequence" => "liste".to_owned(),
            "map" => "objet".to_owned(),
            other => other.to_owned(),
        }
    }
}

/// What serde expected (`i64`, `f64`, `a string`, `struct IndicatorGrid`…), in French.
fn expected_kind(expected: &str) -> String {
    match expected {
        "i64" => "un nombre entier (de -9223372036854775808 à 9223372036854775807 ; montants en centimes)".into(),
        "i32" => "un nombre entier (de -2147483648 à 2147483647)".into(),
        "u64" | "u32" | "usize" => "un nombre entier positif".into(),
        "f64" | "f32" => "un nombre".into(),
        "a string" | "a borrowed string" => "une chaîne de caractères".into(),
        "a boolean" => "true ou false".into(),
        "a sequence" => "une liste [ … ]".into(),
        e if e.starts_with("struct ") || e.starts_with("a map") => "un objet JSON { … }".into(),
        e if e.starts_with("variant identifier") => "une valeur de la liste".into(),
        "" => "autre chose".into(),
        other => other.replace('`', ""),
    }
}

pub use pilotage_app::paths::{campus_id, year};

/// The version named by `If-Match` (`"3"` or `3`); `None` without the header, with `*`, or with a weak tag
/// (`W/"3"`: If-Match compares strongly, so a weak tag names no version; a change to an existing report then gets
/// 428).
pub fn if_match(req: &HttpRequest) -> Result<Option<i64>, ApiError> {
    let Some(value) = req.headers().get(header::IF_MATCH) else {
        return Ok(None);
    };
    let text = value
        .to_str()
        .map_err(|_| ApiError::BadRequest("en-tête If-Match illisible".into()))?
        .trim();
    if text == "*" {
        return Ok(None);
    }
    let (weak, tag) = match text.strip_prefix("W/") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let version = tag.trim_matches('"').parse::<i64>().map_err(|_| {
        ApiError::BadRequest(format!(
            "en-tête If-Match « {text} » invalide : donnez l'ETag reçu, par exemple \"3\""
        ))
    })?;
    Ok((!weak).then_some(version))
}

/// The ETag of a version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// A 200 answer carrying `body` and the `ETag` of its version.
pub fn versioned<T: serde::Serialize>(version: i64, body: &T) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .insert_header((header::ETAG, etag(version)))
        .json(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        grid: pilotage_domain::IndicatorGrid,
    }

    fn error_of(json: &str) -> ApiError {
        match parse_json::<Body>(json.as_bytes()) {
            Ok(_) => panic!("{json} parsed"),
            Err(e) => e,
        }
    }

    #[test]
    fn unknown_fields_and_bad_types_are_named_by_their_path() {
        let ApiError::Validation { errors, .. } = error_of(r#"{"grid": {"prog_btss": 3}}"#) else {
            panic!()
        };
        assert_eq!(errors[0].field, "grid.prog_btss");
        assert!(
            errors[0].message.starts_with("champ inconnu « prog_btss »"),
            "{}",
            errors[0].message
        );
        let ApiError::Validation { errors, .. } = error_of(r#"{"grid": {"prog_bts": "douze"}}"#)
        else {
            panic!()
        };
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code.as_str()),
            ("grid.prog_bts", "invalid_value")
        );
        let ApiError::Validation { errors, .. } =
            error_of(r#"{"grid": {"exp_staff": 99999999999999999999}}"#)
        else {
            panic!()
        };
        assert_eq!(errors[0].field, "grid.exp_staff");
        let ApiError::Validation { errors, .. } =
            error_of(r#"{"grid": {"students_enrolled": 12.5}}"#)
        else {
            panic!()
        };
        assert_eq!(errors[0].field, "grid.students_enrolled");
    }

    #[test]
    fn broken_and_empty_json_are_bad_requests() {
        assert!(
            matches!(error_of(r#"{"grid": {"#), ApiError::BadRequest(m) if m.contains("JSON mal formé"))
        );
        assert!(matches!(error_of("  "), ApiError::BadRequest(m) if m.contains("vide")));
        assert!(matches!(
            error_of(r#"{"grid": {}} trailing"#),
            ApiError::BadRequest(_)
        ));
    }
}
