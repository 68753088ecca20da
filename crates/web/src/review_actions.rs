//! The analyst's review from the report's page: `POST …/accepter` (its box confirming the lock ticked),
//! `…/renvoyer` (a comment is required) and `…/rouvrir`, through the same rules as the API's review.

use super::form::{self, field, Fields};
use super::layout::html;
use super::page_error::PageResult;
use super::report_load;
use super::review;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::error::FieldError;
use pilotage_app::reports::review_as_analyst;
use pilotage_app::state::AppState;
use pilotage_domain::{ReportAction, ReportStatus, Role};

async fn act(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
    action: ReportAction,
    done: &str,
) -> PageResult<HttpResponse> {
    let (id, year, expected) = form::document_form(&state, &session, &path, &form)?;
    if action == ReportAction::Accept && field(&form, "confirmation") != Some("oui") {
        // A campus out of sight is not found, as by the review; who may not accept is told so, not asked to
        // confirm; nothing is changed.
        let loaded = report_load::load(&state, &session, id.clone(), year).await?;
        session.caller.require(&[Role::Analyst])?;
        // A report that cannot be accepted (not submitted) is answered by the review's own rule below.
        if loaded.view.status == ReportStatus::Submitted {
            let error = FieldError::new(
            "confirmation",
            "required",
            "cochez la case pour confirmer l'acceptation : le rapport ne pourra plus être modifié par le campus",
        );
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                review::render(&session, &loaded, None, &[error]),
            ));
        }
    }
    let comment = field(&form, "comment").map(str::to_owned);
    let now = state.now();
    let caller = session.caller.clone();
    let mail = state.mail.clone();
    let reviewed = db::run(&state, {
        let id = id.clone();
        move |conn| {
            review_as_analyst(
                conn, &caller, &id, year, expected, comment, action, now, &mail,
            )
        }
    })
    .await;
    let done = format!("/campus/{id}/rapports/{year}?fait={done}#contenu");
    form::answer(reviewed, done, |errors| async move {
        let loaded = report_load::load(&state, &session, id, year).await?;
        Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            review::render(&session, &loaded, None, &errors),
        ))
    })
    .await
}

#[post("/campus/{campus_id}/rapports/{year}/accepter")]
pub async fn accept_report(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    act(state, session, path, form, ReportAction::Accept, "accepte").await
}

#[post("/campus/{campus_id}/rapports/{year}/renvoyer")]
pub async fn return_report(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    act(state, session, path, form, ReportAction::Return, "renvoye").await
}

#[post("/campus/{campus_id}/rapports/{year}/rouvrir")]
pub async fn reopen_report(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    act(state, session, path, form, ReportAction::Reopen, "rouvert").await
}
