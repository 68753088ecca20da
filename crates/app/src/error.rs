//! The one error type of the API, answered as `application/problem+json` (RFC 9457) with, for validation, the
//! list of fields and rules that fail.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use pilotage_domain::submission::Failure;
use pilotage_domain::ValidationIssue;
use pilotage_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// One field that breaks a rule.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ToSchema)]
pub struct FieldError {
    /// The field, by its API name (`grid.prog_bts`, `gap_explanations.success_rate`, `comment`…).
    pub field: String,
    /// The rule's stable code (`sum_programmes`, `required`, `invalid_type`…).
    pub code: String,
    /// What is wrong, in French.
    pub message: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }

    /// One entry per field a validation issue concerns, prefixed (e.g. `grid.`).
    pub fn from_issue(prefix: &str, issue: &ValidationIssue) -> Vec<Self> {
        issue
            .fields
            .iter()
            .map(|f| Self::new(format!("{prefix}{f}"), issue.code, issue.message.clone()))
            .collect()
    }
}

impl From<Failure> for FieldError {
    fn from(f: Failure) -> Self {
        Self::new(f.field, f.code, f.message)
    }
}

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// What happened, in French.
    pub detail: String,
    /// For validation errors: every failing field and rule.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    PreconditionFailed(String),
    /// 428: a change to an existing record without the version it was read at.
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{detail}")]
    Validation {
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("trop de tentatives : réessayez dans {retry_after} secondes")]
    TooManyRequests { retry_after: u64 },
    #[error("service momentanément indisponible : {0}")]
    Unavailable(String),
    #[error("erreur interne du service ; elle a été journalisée")]
    Internal(String),
}

impl ApiError {
    pub fn validation(detail: impl Into<String>, errors: Vec<FieldError>) -> Self {
        Self::Validation {
            detail: detail.into(),
            errors,
        }
    }

    /// 404 for an address no route answers (`aucune ressource GET /nulle-part`): the API's answer to any unknown
    /// address, and the pages' to a client that does not ask for HTML.
    pub fn no_such_resource(method: &actix_web::http::Method, path: &str) -> Self {
        Self::NotFound(format!("aucune ressource {method} {path}"))
    }

    /// A single-field validation error.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self::validation(
            format!("{field} : {message}"),
            vec![FieldError::new(field, code, message)],
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => Self::NotFound(format!("{what} introuvable")),
            StoreError::VersionConflict { expected, actual } => Self::PreconditionFailed(format!(
                "la version {expected} n'est plus la dernière (version actuelle : {actual}) : relisez avant d'enregistrer ; rien n'a été modifié"
            )),
            StoreError::Conflict(what) => Self::Conflict(format!("{what} existe déjà")),
            StoreError::Workflow(w) => Self::Conflict(w.to_string()),
            StoreError::Pool(cause) => Self::Unavailable(cause),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            Self::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let Self::Internal(cause) = self {
            // The cause goes to the log, not to the caller.
            tracing::error!(%cause, "internal error");
        }
        let errors = match self {
            Self::Validation { errors, .. } => errors.clone(),
            _ => Vec::new(),
        };
        let body = Problem {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").into(),
            status: status.as_u16(),
            detail: self.to_string(),
            errors,
        };
        let mut response = HttpResponse::build(status);
        response.content_type("application/problem+json");
        match self {
            Self::Unauthorized(_) => {
                response
                    .insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            Self::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            _ => {}
        }
        response.json(body)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
