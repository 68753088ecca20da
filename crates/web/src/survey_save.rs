//! `POST /campus/{id}/enquete/{year}`: the coordinator's flash survey saved; a value that is not a whole number is
//! named beside its field and nothing is saved.

use super::form::{self, field, Fields};
use super::layout::html;
use super::page_error::PageResult;
use super::session::Session;
use super::survey_form::{self, label, Entry};
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::error::FieldError;
use pilotage_app::flash_surveys::save_as_coordinator;
use pilotage_app::state::AppState;
use pilotage_domain::{AcademicYear, CampusId, FieldKind, FieldValue, FlashSurvey};
use pilotage_spreadsheet::parse_typed;

/// The survey a form describes, or every field that cannot be read.
pub(crate) fn survey(fields: &[(String, String)]) -> Result<FlashSurvey, Vec<FieldError>> {
    let mut values = serde_json::Map::new();
    let mut errors = Vec::new();
    for (name, _) in FlashSurvey::default().fields() {
        match parse_typed(FieldKind::Count, field(fields, name).unwrap_or("")) {
            Ok(Some(FieldValue::Count(n))) => {
                values.insert(name.to_owned(), n.into());
            }
            Ok(_) => {}
            Err(message) => errors.push(FieldError::new(
                name,
                "invalid_value",
                format!("{} : {message}", label(name)),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    serde_json::from_value(values.into())
        .map_err(|e| vec![FieldError::new("survey", "invalid", e.to_string())])
}

pub async fn refused(
    state: &AppState,
    session: &Session,
    id: CampusId,
    year: AcademicYear,
    typed: Option<&[(String, String)]>,
    errors: Vec<FieldError>,
) -> PageResult<HttpResponse> {
    let (name, view) = survey_form::load(state, session, id, year).await?;
    let entry = Entry {
        typed,
        errors,
        message: None,
    };
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        survey_form::render(session, &name, &view, &entry, state.now()),
    ))
}

#[post("/campus/{campus_id}/enquete/{year}")]
pub async fn save_survey(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    let (id, year, expected) = form::document_form(&state, &session, &path, &form)?;
    let survey = match survey(&form) {
        Ok(survey) => survey,
        Err(errors) => return refused(&state, &session, id, year, Some(&form), errors).await,
    };
    let now = state.now();
    let caller = session.caller.clone();
    let saved = db::run(&state, {
        let id = id.clone();
        move |conn| save_as_coordinator(conn, &caller, &id, year, expected, &survey, now)
    })
    .await;
    let done = format!("/campus/{id}/enquete/{year}?fait=enregistre#contenu");
    form::answer(saved, done, |errors| {
        refused(&state, &session, id, year, Some(&form), errors)
    })
    .await
}
