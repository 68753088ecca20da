//! `POST /campus/{id}/enquete/{year}/transmettre`: the coordinator hands the flash survey in from its one form:
//! the values typed are saved first (nothing typed is lost), then the survey is transmitted; a survey that breaks a
//! rule stays a draft, with the values as typed and every problem beside its field.

use super::form::{self, field, Fields};
use super::page_error::PageResult;
use super::session::Session;
use super::survey_save::{refused, survey};
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::flash_surveys::{save_as_coordinator, submit_as_coordinator};
use pilotage_app::state::AppState;
use pilotage_domain::FlashSurvey;

#[post("/campus/{campus_id}/enquete/{year}/transmettre")]
pub async fn submit_survey(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    let (id, year, mut expected) = form::document_form(&state, &session, &path, &form)?;
    let now = state.now();
    let typed = FlashSurvey::default()
        .fields()
        .iter()
        .any(|(name, _)| field(&form, name).is_some());
    if typed {
        let typed_survey = match survey(&form) {
            Ok(s) => s,
            Err(errors) => return refused(&state, &session, id, year, Some(&form), errors).await,
        };
        let caller = session.caller.clone();
        let saved = db::run(&state, {
            let id = id.clone();
            move |conn| save_as_coordinator(conn, &caller, &id, year, expected, &typed_survey, now)
        })
        .await;
        match saved {
            Ok(ctx) => expected = ctx.record.map(|r| r.version),
            Err(e) => {
                let done = format!("/campus/{id}/enquete/{year}#contenu");
                return form::answer(Err::<(), _>(e), done, |errors| {
                    refused(&state, &session, id, year, Some(&form), errors)
                })
                .await;
            }
        }
    }
    let caller = session.caller.clone();
    let submitted = db::run(&state, {
        let id = id.clone();
        move |conn| submit_as_coordinator(conn, &caller, &id, year, expected, now)
    })
    .await;
    let done = format!("/campus/{id}/enquete/{year}?fait=transmis#contenu");
    form::answer(submitted, done, |errors| {
        refused(&state, &session, id, year, Some(&form), errors)
    })
    .await
}
