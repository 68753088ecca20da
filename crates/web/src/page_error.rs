//! What a page answers when something goes wrong: the sign-in page when there is no session, otherwise a French
//! error page with the API's status and message (404 for a campus out of scope, exactly as the API).

use super::layout;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use pilotage_app::error::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// No session, or an expired one: back to the sign-in page.
    #[error("connexion requise")]
    SignIn,
    #[error("{0}")]
    Api(#[from] ApiError),
}

impl PageError {
    /// 403: the form's anti-forgery token is missing or wrong.
    pub fn forged() -> Self {
        Self::Api(ApiError::Forbidden(
            "formulaire refusé : son jeton de sécurité est absent ou ne correspond pas à votre session ; rechargez la page et recommencez".into(),
        ))
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::SignIn => StatusCode::SEE_OTHER,
            Self::Api(e) => e.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::SignIn => HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/connexion"))
                .finish(),
            Self::Api(e) => {
                if let ApiError::Internal(cause) = e {
                    tracing::error!(%cause, "internal error");
                }
                let status = e.status_code();
                layout::html(status, layout::error_page(status, &e.to_string()))
            }
        }
    }
}

/// 403 for a regional system's user asking for a report's, its history's or a flash survey's page: their content
/// is not published to regional systems (the API's rule, in the pages' words).
pub fn content_not_published() -> ApiError {
    ApiError::Forbidden(
        "le contenu des rapports annuels, leur historique et les réponses aux enquêtes flash ne sont pas publiés aux \
         systèmes régionaux : le statut et les dates des rapports figurent sur la page de chaque campus de votre \
         région, et leurs chiffres, sous secret statistique, dans les tableaux de bord"
            .into(),
    )
}

pub type PageResult<T> = Result<T, PageError>;
