//! The one error type of the API, answered as `application/problem+json` (RFC 9457).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

/// One field that breaks a rule.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("authentification requise : {0}")]
    Unauthorized(String),
    #[error("accès refusé : {0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("données invalides")]
    Validation(Vec<FieldError>),
    #[error("service indisponible : {0}")]
    Unavailable(String),
    #[error("erreur interne")]
    Internal(String),
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let title = status.canonical_reason().unwrap_or("Error");
        let detail = match self {
            // Internal causes go to the log, not to the caller.
            Self::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                self.to_string()
            }
            _ => self.to_string(),
        };
        let errors = match self {
            Self::Validation(errors) => errors.as_slice(),
            _ => &[],
        };
        let body = Problem {
            kind: "about:blank",
            title,
            status: status.as_u16(),
            detail,
            errors,
        };
        HttpResponse::build(status)
            .content_type("application/problem+json")
            .json(body)
    }
}
