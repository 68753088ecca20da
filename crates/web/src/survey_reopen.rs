//! `POST /campus/{id}/enquete/{year}/rouvrir`: an analyst reopens a transmitted flash survey for its coordinator to
//! correct, with a reason (required, kept in the history), through the same rule as the API.

use super::form::{self, field, Fields};
use super::page_error::PageResult;
use super::session::Session;
use super::survey_save::refused;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::flash_surveys::reopen_as_analyst;
use pilotage_app::state::AppState;

#[post("/campus/{campus_id}/enquete/{year}/rouvrir")]
pub async fn reopen_survey(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    let (id, year, expected) = form::document_form(&state, &session, &path, &form)?;
    let reason = field(&form, "reason").unwrap_or("").to_owned();
    let now = state.now();
    let caller = session.caller.clone();
    let reopened = db::run(&state, {
        let id = id.clone();
        move |conn| reopen_as_analyst(conn, &caller, &id, year, expected, &reason, now)
    })
    .await;
    let done = format!("/campus/{id}/enquete/{year}?fait=rouverte#contenu");
    form::answer(reopened, done, |errors| {
        refused(&state, &session, id, year, Some(&form), errors)
    })
    .await
}
