//! Request extractors and parameter parsing that answer bad input with a clear 4xx: JSON bodies (content type,
//! size, syntax, unknown fields and types named by their path), academic years, campus ids, `If-Match`.

use crate::error::{ApiError, FieldError};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use pilotage_domain::{AcademicYear, CampusId};
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

/// Serde's English messages in French, for the common cases (the rest passes through).
fn translate(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = rest.split(',').next().unwrap_or(rest).trim_matches('`');
        let expected = rest
            .split_once("expected ")
            .map(|(_, e)| format!(" ; attendus : {}", e.replace('`', "")))
            .unwrap_or_default();
        return format!("champ inconnu « {name} »{expected}");
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("champ obligatoire manquant « {} »", rest.trim_matches('`'));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!(
            "type de valeur invalide : {}",
            rest.replace("expected", "attendu")
                .replace("a string", "une chaîne")
                .replace("integer", "entier")
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        return format!("valeur invalide : {}", rest.replace("expected", "attendu"));
    }
    if message.contains("number out of range") {
        return "nombre hors limites".into();
    }
    message.to_owned()
}

/// An academic year from a path or query parameter.
pub fn year(text: &str) -> Result<AcademicYear, ApiError> {
    text.parse()
        .map_err(|e| ApiError::BadRequest(format!("paramètre year : {e}")))
}

/// A campus id from a path or query parameter.
pub fn campus_id(text: &str) -> Result<CampusId, ApiError> {
    text.parse()
        .map_err(|e| ApiError::BadRequest(format!("paramètre campus_id : {e}")))
}

/// The version named by `If-Match` (`"3"`, `W/"3"` or `3`); `None` without the header or with `*`.
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
    let bare = text.trim_start_matches("W/").trim_matches('"');
    bare.parse::<i64>().map(Some).map_err(|_| {
        ApiError::BadRequest(format!(
            "en-tête If-Match « {text} » invalide : donnez l'ETag reçu, par exemple \"3\""
        ))
    })
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

    #[test]
    fn years_and_campus_ids_are_checked() {
        assert!(
            matches!(year("2024/2025"), Err(ApiError::BadRequest(m)) if m.contains("AAAA-AAAA"))
        );
        assert!(matches!(campus_id("Nevers"), Err(ApiError::BadRequest(_))));
    }
}
