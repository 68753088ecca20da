//! `GET /campus/{id}/rapports/{year}/historique`: every change of the report — who, when, which field, the old and
//! the new value, and the review comments.

use super::format::{self, date};
use super::layout::{html, page_in};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::html as markup;
use pilotage_app::db;
use pilotage_app::paths;
use pilotage_app::reports::text_label;
use pilotage_app::reports::ReportContext;
use pilotage_app::state::AppState;
use pilotage_domain::grid::{field as grid_field, FieldKind};
use pilotage_domain::{french, ReportStatus};
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

/// A field as people know it: the grid's French label, the report's text by its label, « statut »; else its name.
fn field_label(field: &str) -> String {
    if let Some(spec) = grid_field(field) {
        return spec.label.to_owned();
    }
    let text = match field {
        "achievements" | "financial_comment" => format!("narrative.{field}"),
        other => other.to_owned(),
    };
    match text_label(&text) {
        Some(label) => label,
        None if field == "status" => "Statut".to_owned(),
        None => field.to_owned(),
    }
}

/// A recorded value as people read it: a status in words, money in euros, numbers and lists the French way.
fn value_text(field: Option<&str>, value: Option<&str>) -> String {
    let Some(value) = value else {
        return String::new();
    };
    if field == Some("status") {
        return ReportStatus::parse(value)
            .map_or_else(|| value.to_owned(), |s| format::report_status(s).to_owned());
    }
    let Some(spec) = field.and_then(grid_field) else {
        return value.to_owned();
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(value) else {
        return value.to_owned();
    };
    match (spec.kind, &json) {
        (FieldKind::Money, serde_json::Value::Number(n)) => n
            .as_i64()
            .map_or_else(|| value.to_owned(), french::euros_cents),
        (FieldKind::Count, serde_json::Value::Number(n)) => {
            n.as_f64().map_or_else(|| value.to_owned(), french::count)
        }
        (FieldKind::Decimal, serde_json::Value::Number(n)) => {
            n.as_f64().map_or_else(|| value.to_owned(), french::decimal)
        }
        (FieldKind::Texts, serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join(" ; "),
        _ => value.to_owned(),
    }
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
            div.scroll-box tabindex="0" role="region" aria-label="Modifications du rapport" {
            table {
                thead { tr { th scope="col" { "Date" } th scope="col" { "Par" } th scope="col" { "Action" } th scope="col" { "Champ" } th scope="col" { "Avant" } th scope="col" { "Après" } th scope="col" { "Commentaire" } } }
                tbody {
                    @for e in entries.iter().rev() {
                        tr {
                            td { (date(e.at)) }
                            td { (e.actor) }
                            td { (action(&e.action)) }
                            td { (e.field.as_deref().map(field_label).unwrap_or_default()) }
                            td { (value_text(e.field.as_deref(), e.old_value.as_deref())) }
                            td { (value_text(e.field.as_deref(), e.new_value.as_deref())) }
                            td { (e.comment.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
            }
        }
    };
    let title = format!("Historique du rapport {year} — {}", campus.name);
    let trail = [
        (campus.name.as_str(), format!("/campus/{}", campus.id)),
        (
            "Rapport annuel",
            format!("/campus/{}/rapports/{year}", campus.id),
        ),
    ];
    Ok(html(
        StatusCode::OK,
        page_in(&title, Some(&session), &trail, content),
    ))
}
