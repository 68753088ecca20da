//! `POST /campus/{id}/rapports/{year}/transmettre`: the coordinator submits from the report's one form, after
//! ticking the confirmation. What was typed is saved as the draft first, so that a refused submission loses
//! nothing; a report that breaks a rule or leaves a missed target unexplained stays a draft, and the form shows
//! every reason beside its field.

use super::form::{self, field, KeptFields};
use super::layout::notice;
use super::page_error::PageResult;
use super::report_save::{answer, broken_on_grid, grid_posted, refused, save, typed_request};
use super::session::Session;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::error::FieldError;
use pilotage_app::reports::submit_as_coordinator;
use pilotage_app::state::AppState;

/// The message above a refused submission whose typed values were saved.
const SAVED_NOT_SUBMITTED: &str =
    "Vos saisies sont enregistrées dans le brouillon ; le rapport n'est pas encore transmis.";

#[post("/campus/{campus_id}/rapports/{year}/transmettre")]
pub async fn submit_report(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: KeptFields,
) -> PageResult<HttpResponse> {
    let KeptFields {
        fields: form,
        broken,
    } = form;
    let (id, year, mut expected) = form::document_form(&state, &session, &path, &form)?;
    let unconfirmed = (field(&form, "confirmation") != Some("oui")).then(|| {
        FieldError::new(
            "confirmation",
            "required",
            "Confirmation : cochez la case de confirmation pour transmettre le rapport",
        )
    });
    let mut saved_note = None;
    // The report's whole form: its values are the draft's before anything else (a bare confirmation, as older
    // pages and scripts post it, submits the stored draft).
    if grid_posted(&form) {
        let broken = broken_on_grid(broken);
        let request = match typed_request(&form) {
            Ok(request) if broken.is_empty() => request,
            Ok(_) => {
                let errors = broken.into_iter().chain(unconfirmed).collect();
                return refused(&state, &session, id, year, Some(&form), errors, None).await;
            }
            Err(errors) => {
                let errors = broken
                    .into_iter()
                    .chain(errors)
                    .chain(unconfirmed)
                    .collect();
                return refused(&state, &session, id, year, Some(&form), errors, None).await;
            }
        };
        match save(&state, &session, &id, year, expected, request).await {
            Ok(ctx) => expected = ctx.report.map(|r| r.version),
            Err(e) => {
                let done = String::new();
                return answer(
                    Err(e),
                    done,
                    &state,
                    &session,
                    (id, year),
                    Some(&form),
                    None,
                )
                .await;
            }
        }
        saved_note = Some(notice("info", SAVED_NOT_SUBMITTED));
    }
    if let Some(error) = unconfirmed {
        return refused(&state, &session, id, year, None, vec![error], saved_note).await;
    }
    let now = state.now();
    let caller = session.caller.clone();
    let mail = state.mail.clone();
    let submitted = db::run(&state, {
        let id = id.clone();
        move |conn| submit_as_coordinator(conn, &caller, &id, year, expected, now, &mail)
    })
    .await;
    let done = format!("/campus/{id}/rapports/{year}?fait=transmis#contenu");
    answer(
        submitted,
        done,
        &state,
        &session,
        (id, year),
        None,
        saved_note,
    )
    .await
}
