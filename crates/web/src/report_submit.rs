//! `POST /campus/{id}/rapports/{year}/transmettre`: the coordinator submits, after ticking the confirmation. A
//! report that breaks a rule or leaves a missed target unexplained stays a draft, and the form shows every reason
//! beside its field.

use super::form::{self, field, Fields};
use super::page_error::PageResult;
use super::report_save::refused;
use super::session::Session;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::error::FieldError;
use pilotage_app::reports::submit_as_coordinator;
use pilotage_app::state::AppState;

#[post("/campus/{campus_id}/rapports/{year}/transmettre")]
pub async fn submit_report(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    let (id, year, expected) = form::document_form(&state, &session, &path, &form)?;
    if field(&form, "confirmation") != Some("oui") {
        let error = FieldError::new(
            "confirmation",
            "required",
            "cochez la case de confirmation pour transmettre le rapport",
        );
        return refused(&state, &session, id, year, None, vec![error]).await;
    }
    let now = state.now();
    let caller = session.caller.clone();
    let submitted = db::run(&state, {
        let id = id.clone();
        move |conn| submit_as_coordinator(conn, &caller, &id, year, expected, now)
    })
    .await;
    let done = format!("/campus/{id}/rapports/{year}?fait=transmis#contenu");
    form::answer(submitted, done, |errors| {
        refused(&state, &session, id, year, None, errors)
    })
    .await
}
