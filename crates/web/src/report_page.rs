//! `GET /campus/{id}/rapports/{year}`: the campus's coordinator gets the report as a form; everyone else who may
//! see the campus reads it, analysts with the review actions.

use super::layout::{html, notice};
use super::page_error::PageResult;
use super::report_load::load;
use super::session::Session;
use super::{report_form, review};
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use pilotage_app::paths;
use pilotage_app::state::AppState;

#[derive(serde::Deserialize)]
pub struct PageQuery {
    /// What was just done, for the message at the top: `enregistre`, `importe`, `transmis`, `renvoye`, `accepte`, `rouvert`.
    fait: Option<String>,
}

fn done_message(done: &str) -> Option<&'static str> {
    Some(match done {
        "enregistre" => "Brouillon enregistré.",
        "importe" => "Grille importée depuis le fichier et enregistrée.",
        "transmis" => "Rapport transmis à l'opérateur.",
        "renvoye" => "Rapport renvoyé pour correction avec votre commentaire.",
        "accepte" => "Rapport accepté.",
        "rouvert" => "Rapport rouvert : la coordination peut de nouveau le modifier.",
        _ => return None,
    })
}

#[get("/campus/{campus_id}/rapports/{year}")]
pub async fn report_page(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    query: web::Query<PageQuery>,
) -> PageResult<HttpResponse> {
    let id = paths::campus_id(&path.0)?;
    let year = paths::year(&path.1)?;
    let loaded = load(&state, &session, id.clone(), year).await?;
    let message = query
        .fait
        .as_deref()
        .and_then(done_message)
        .map(|m| notice("success", m));
    let page = if session.caller.coordinates(&id) {
        report_form::render(
            &session,
            &loaded.view,
            &report_form::Entry {
                message,
                ..Default::default()
            },
            state.now(),
        )
    } else {
        review::render(&session, &loaded, message, &[])
    };
    Ok(html(StatusCode::OK, page))
}
