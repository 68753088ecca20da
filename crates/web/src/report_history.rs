//! `GET /campus/{id}/rapports/{year}/historique`: every change of the report — who, when, which field, the old and
//! the new value, and the review comments.

use super::format::date;
use super::layout::{html, page};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::html as markup;
use pilotage_app::db;
use pilotage_app::paths;
use pilotage_app::reports::ReportContext;
use pilotage_app::state::AppState;
use pilotage_domain::grid::field as grid_field;
use pilotage_store::audit::{self, Entity};

fn action(action: &str) -> &str {
    match action {
        "created" => "création",
        "value_changed" => "valeur modifiée",
        "status_changed" => "changement de statut",
        "reopened" => "réouverture",
        "imported" => "import",
        other => other,
    }
}

/// A field as people know it: the grid's French label, else its name.
fn field_label(field: &str) -> String {
    grid_field(field).map_or_else(|| field.to_owned(), |spec| spec.label.to_owned())
}

#[get("/campus/{campus_id}/rapports/{year}/historique")]
pub async fn report_history(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
) -> PageResult<HttpResponse> {
    let id = paths::campus_id(&path.0)?;
    let year = paths::year(&path.1)?;
    let caller = session.caller.clone();
    let (campus, entries) = db::run(&state, {
        let id = id.clone();
        move |conn| {
            let ctx = ReportContext::load(conn, &caller, &id, year)?;
            if !caller.reads_content() {
                return Err(super::page_error::content_not_published());
            }
            Ok((
                ctx.campus,
                audit::history(conn, Entity::AnnualReport, &id, year)?,
            ))
        }
    })
    .await?;
    let content = markup! {
        p { a href={ "/campus/" (id) "/rapports/" (year) } { "Revenir au rapport" } }
        @if entries.is_empty() {
            p { "Aucune modification enregistrée." }
        } @else {
            table {
                thead { tr { th scope="col" { "Date" } th scope="col" { "Par" } th scope="col" { "Action" } th scope="col" { "Champ" } th scope="col" { "Avant" } th scope="col" { "Après" } th scope="col" { "Commentaire" } } }
                tbody {
                    @for e in entries.iter().rev() {
                        tr {
                            td { (date(e.at)) }
                            td { (e.actor) }
                            td { (action(&e.action)) }
                            td { (e.field.as_deref().map(field_label).unwrap_or_default()) }
                            td { (e.old_value.as_deref().unwrap_or("")) }
                            td { (e.new_value.as_deref().unwrap_or("")) }
                            td { (e.comment.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    };
    let title = format!("Historique du rapport {year} — {}", campus.name);
    Ok(html(StatusCode::OK, page(&title, Some(&session), content)))
}
