//! `POST /campus/{id}/enquete/{year}/transmettre`: the coordinator hands the flash survey in; a survey that
//! breaks a rule stays a draft and the form shows why beside the fields.

use super::form::{self, Fields};
use super::page_error::PageResult;
use super::session::Session;
use super::survey_save::refused;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::flash_surveys::submit_as_coordinator;
use pilotage_app::state::AppState;

#[post("/campus/{campus_id}/enquete/{year}/transmettre")]
pub async fn submit_survey(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    let (id, year, expected) = form::document_form(&state, &session, &path, &form)?;
    let now = state.now();
    let caller = session.caller.clone();
    let submitted = db::run(&state, {
        let id = id.clone();
        move |conn| submit_as_coordinator(conn, &caller, &id, year, expected, now)
    })
    .await;
    let done = format!("/campus/{id}/enquete/{year}?fait=transmis#contenu");
    form::answer(submitted, done, |errors| {
        refused(&state, &session, id, year, None, errors)
    })
    .await
}
