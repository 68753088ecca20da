//! What a page answers when something goes wrong: the sign-in page when there is no session, otherwise a French
//! error page with the API's status and message (404 for a campus out of scope, exactly as the API).

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
