//! `POST /campus/{id}/enquete/{year}/transmettre`: the coordinator hands the flash survey in; a survey that
//! breaks a rule stays a draft and the form shows why beside the fields.

use super::form::{self, field, Fields};
use super::layout::see_other;
use super::page_error::{PageError, PageResult};
use super::session::{Session, CSRF_FIELD};
use super::survey_save::refused;
use crate::db;
use crate::error::ApiError;
use crate::extract;
use crate::flash_surveys::submit_as_coordinator;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};

#[post("/campus/{campus_id}/enquete/{year}/transmettre")]
pub async fn submit_survey(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let expected = form::version(&form)?;
    let now = state.now();
    let caller = session.caller.clone();
    let submitted = db::run(&state, {
        let id = id.clone();
        move |conn| submit_as_coordinator(conn, &caller, &id, year, expected, now)
    })
    .await;
    match submitted {
        Ok(_) => Ok(see_other(&format!(
            "/campus/{id}/enquete/{year}?fait=transmis#contenu"
        ))),
        Err(ApiError::Validation { errors, .. }) => {
            refused(&state, &session, id, year, None, errors).await
        }
        Err(e) => Err(PageError::Api(e)),
    }
}
