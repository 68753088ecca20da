//! `GET /administration/journal?qui=&action=&du=&au=`: the audit log searched by who (part of an address or a
//! client id), what (an action) and between which days (JJ/MM/AAAA, Paris time, both included); the latest
//! entries first, a limited number of them with a message saying so. A filter that cannot be read (31/02/2026, an
//! end before the start) is named beside its field (422), never a failure of the page.

use super::admin::{admin_only, admin_page, field_class, field_errors, labelled, long_date};
use super::layout::{error_summary, html, input_id};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_app::admin::audit_search::{self, Filters, Found, SEARCH_LIMIT};
use pilotage_app::db;
use pilotage_app::error::{ApiError, FieldError};
use pilotage_app::state::AppState;
use pilotage_domain::Campus;
use pilotage_store::audit::LoggedEntry;
use pilotage_store::campuses;

const LABELS: [(&str, &str); 4] = [
    ("qui", "Auteur"),
    ("action", "Action"),
    ("du", "Du"),
    ("au", "Au"),
];

#[derive(Debug, Default, serde::Deserialize)]
pub struct JournalQuery {
    qui: Option<String>,
    action: Option<String>,
    du: Option<String>,
    au: Option<String>,
}

/// An action in French.
pub fn action_label(action: &str) -> &'static str {
    match action {
        "created" => "Création",
        "updated" => "Modification",
        "removed" => "Suppression",
        "deactivated" => "Désactivation",
        "reactivated" => "Réactivation",
        "value_changed" => "Valeur modifiée",
        "status_changed" => "Statut modifié",
        "lock_exception_granted" => "Dérogation accordée",
        "signed_out" => "Déconnexion",
        "webhook_registered" => "Webhook enregistré",
        "webhook_deleted" => "Webhook supprimé",
        _ => "Autre action",
    }
}

/// What an entry is about, in French.
fn entity_label(entity: &str) -> &'static str {
    match entity {
        "annual_report" => "Rapport annuel",
        "flash_survey" => "Enquête flash",
        "target" => "Cible",
        "deadline" => "Échéance",
        "campus" => "Fiche du campus",
        "renewal" => "Renouvellement du label",
        "user" => "Compte",
        "api_client" => "Client API",
        "webhook" => "Webhook",
        "session" => "Session",
        _ => "Autre",
    }
}

/// The object of an entry: its kind, its campus by name and its year, or the account or client it names.
fn object(entry: &LoggedEntry, all: &[Campus]) -> String {
    let mut parts = vec![entity_label(&entry.entity).to_owned()];
    if let Some(id) = &entry.campus_id {
        parts.push(
            all.iter()
                .find(|c| c.id.as_str() == id)
                .map_or_else(|| id.clone(), |c| c.name.clone()),
        );
    }
    if let Some(year) = &entry.academic_year {
        parts.push(year.clone());
    }
    if matches!(entry.entity.as_str(), "user" | "api_client") {
        if let Some(named) = &entry.new_value {
            parts.push(named.clone());
        }
    }
    parts.join(" — ")
}

#[get("/administration/journal")]
pub async fn journal(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<JournalQuery>,
) -> PageResult<HttpResponse> {
    admin_only(&session)?;
    let query = query.into_inner();
    let filters = Filters {
        actor: query.qui.clone(),
        action: query.action.clone(),
        from: query.du.clone(),
        to: query.au.clone(),
    };
    let caller = session.caller.clone();
    let (found, all) = db::run(&state, move |conn| {
        let found = match audit_search::search(conn, &caller, &filters) {
            Ok(found) => Ok(found),
            Err(ApiError::Validation { errors, .. }) => {
                Err((errors, audit_search::actions(conn, &caller)?))
            }
            Err(e) => return Err(e),
        };
        Ok((found, campuses::all(conn)?))
    })
    .await?;
    let (status, errors, actions, results) = match &found {
        Ok(found) => (StatusCode::OK, &[][..], &found.actions, Some(found)),
        Err((errors, actions)) => (StatusCode::UNPROCESSABLE_ENTITY, &errors[..], actions, None),
    };
    let content = markup! {
        @if !errors.is_empty() { (error_summary("La recherche n'a pas été faite", &labelled(errors, &LABELS))) }
        (search_form(&query, actions, errors))
        @if let Some(found) = results { (results_table(found, &all)) }
    };
    Ok(html(
        status,
        admin_page("Journal des modifications", &session, content),
    ))
}

fn search_form(query: &JournalQuery, actions: &[String], errors: &[FieldError]) -> Markup {
    let text =
        |name: &'static str, label: &'static str, value: &Option<String>, hint: &'static str| {
            let id = input_id(name);
            markup! {
                div class={ "filter " (field_class(errors, name)) } {
                    label for=(id) { (label) }
                    p.hint id={ "aide-" (id) } { (hint) }
                    (field_errors(errors, name, &id))
                    input type="text" id=(id) name=(name) value=(value.as_deref().unwrap_or(""))
                        inputmode=[(name != "qui").then_some("numeric")]
                        aria-invalid=[errors.iter().any(|e| e.field == name).then_some("true")]
                        aria-describedby={ "aide-" (id) " erreur-" (id) };
                }
            }
        };
    let chosen = query.action.as_deref().unwrap_or("");
    let action_id = input_id("action");
    markup! {
        form.filters method="get" action="/administration/journal" {
            fieldset {
                legend { "Rechercher" }
                (text("qui", "Auteur", &query.qui, "Tout ou partie d'une adresse e-mail ou d'un identifiant de client."))
                div class={ "filter " (field_class(errors, "action")) } {
                    label for=(action_id) { "Action" }
                    (field_errors(errors, "action", &action_id))
                    select id=(action_id) name="action" aria-describedby={ "erreur-" (action_id) } {
                        option value="" selected[chosen.is_empty()] { "Toutes les actions" }
                        @for a in actions {
                            option value=(a) selected[chosen == a] { (action_label(a)) }
                        }
                    }
                }
                (text("du", "Du", &query.du, "JJ/MM/AAAA, inclus."))
                (text("au", "Au", &query.au, "JJ/MM/AAAA, inclus."))
                button.fr-btn type="submit" { "Rechercher" }
            }
        }
    }
}

fn results_table(found: &Found, all: &[Campus]) -> Markup {
    let shown = found.entries.len() as i64;
    markup! {
        h2 #resultats { "Résultats" }
        @if found.total == 0 {
            p role="status" { "Aucune entrée ne correspond à cette recherche." }
        } @else {
            @if found.total > shown {
                p role="status" { "Les " (SEARCH_LIMIT) " entrées les plus récentes sur " (found.total) " sont affichées : précisez la recherche (auteur, action, période) pour voir les autres." }
            } @else if found.total == 1 {
                p role="status" { "1 entrée trouvée." }
            } @else {
                p role="status" { (found.total) " entrées trouvées, les plus récentes d'abord." }
            }
            div.scroll-box tabindex="0" role="region" aria-label="Entrées du journal, tableau défilant" {
                table.admin-table {
                    thead { tr {
                        th scope="col" { "Date" }
                        th scope="col" { "Auteur" }
                        th scope="col" { "Action" }
                        th scope="col" { "Objet" }
                    } }
                    tbody {
                        @for e in &found.entries {
                            tr {
                                td { (long_date(e.at)) }
                                td { (e.actor) }
                                td { (action_label(&e.action)) }
                                td { (object(e, all)) }
                            }
                        }
                    }
                }
            }
        }
    }
}
