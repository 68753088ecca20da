//! `GET /administration/taches`: the scheduled jobs (as `GET /api/v1/admin/jobs` lists them: the same use case)
//! by their French names, with their last and next runs, and the outbox: how many notifications wait, went or
//! failed, and the failed ones, each with a « Relancer » button.

use super::admin::{admin_only, admin_page, long_date};
use super::layout::{csrf_field, html, notice};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_app::admin::jobs::{self, job_description, job_label};
use pilotage_app::db;
use pilotage_app::state::AppState;
use pilotage_store::job_runs::JobRun;
use pilotage_store::outbox::{self, Message};

/// How many failed deliveries the page lists.
const FAILED_SHOWN: i64 = 50;

#[derive(serde::Deserialize)]
pub struct Done {
    fait: Option<String>,
}

/// A run in words: « 3 décembre 2026 à 14 h 30 — réussie (planifiée) ».
fn run_text(run: &JobRun) -> String {
    let outcome = match run.outcome.as_str() {
        "succeeded" => "réussie",
        "failed" => "échouée",
        _ => "en cours",
    };
    let trigger = if run.trigger == "manual" {
        "lancée à la main"
    } else {
        "planifiée"
    };
    format!("{} — {outcome} ({trigger})", long_date(run.started_at))
}

fn channel(message: &Message) -> &'static str {
    if message.channel == "webhook" {
        "Webhook"
    } else {
        "Courriel"
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

#[get("/administration/taches")]
pub async fn jobs_page(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<Done>,
) -> PageResult<HttpResponse> {
    admin_only(&session)?;
    let now = state.now();
    let schedules = state.schedules.clone();
    let caller = session.caller.clone();
    let (statuses, (failed, failed_total), counts) = db::run(&state, move |conn| {
        Ok((
            jobs::overview(conn, &caller, &schedules, now)?,
            jobs::failed_deliveries(conn, &caller, FAILED_SHOWN)?,
            outbox::counts(conn)?,
        ))
    })
    .await?;
    let count = |status: &str| {
        counts
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, n)| *n)
    };
    let message = match query.fait.as_deref() {
        Some("relance") => Some(notice(
            "success",
            "Notification relancée : elle sera envoyée au prochain passage de la tâche « Envoi des notifications ».",
        )),
        _ => None,
    };
    let content = markup! {
        @if let Some(message) = message { (message) }
        h2 { "Tâches planifiées" }
        p.hint { "Heures de Paris." }
        div.scroll-box tabindex="0" role="region" aria-label="Tâches planifiées, tableau défilant" {
            table.admin-table {
                thead { tr {
                    th scope="col" { "Tâche" }
                    th scope="col" { "Rôle" }
                    th scope="col" { "Dernière exécution" }
                    th scope="col" { "Prochaine exécution" }
                } }
                tbody {
                    @for status in &statuses {
                        tr {
                            th scope="row" { (job_label(status.job)) }
                            td { (job_description(status.job)) }
                            td {
                                @match status.recent_runs.first() {
                                    Some(run) => { (run_text(run)) }
                                    None => { "Jamais exécutée" }
                                }
                            }
                            td { (status.next_run.map_or_else(|| "Non planifiée".to_owned(), long_date)) }
                        }
                    }
                }
            }
        }
        h2 #notifications { "Notifications" }
        ul {
            li { (plural(count("pending"), "en attente d'envoi", "en attente d'envoi")) }
            li { (plural(count("sent"), "envoyée", "envoyées")) }
            li { (plural(count("dead"), "en échec (abandonnée après la dernière tentative)", "en échec (abandonnées après la dernière tentative)")) }
        }
        h3 #echecs { "Envois en échec" }
        (failed_table(&session, &failed, failed_total))
    };
    Ok(html(
        StatusCode::OK,
        admin_page("Tâches planifiées et notifications", &session, content),
    ))
}

fn failed_table(session: &Session, failed: &[Message], total: i64) -> Markup {
    markup! {
        @if failed.is_empty() {
            p { "Aucun envoi en échec." }
        } @else {
            @if total > failed.len() as i64 {
                p { "Les " (failed.len()) " plus récents des " (total) " envois en échec sont affichés." }
            }
            div.scroll-box tabindex="0" role="region" aria-label="Envois en échec, tableau défilant" {
                table.admin-table {
                    thead { tr {
                        th scope="col" { "Créée le" }
                        th scope="col" { "Canal" }
                        th scope="col" { "Destinataire" }
                        th scope="col" { "Objet" }
                        th scope="col" { "Tentatives" }
                        th scope="col" { "Dernière erreur (message technique)" }
                        th scope="col" { "Action" }
                    } }
                    tbody {
                        @for m in failed {
                            tr {
                                td { (long_date(m.created_at)) }
                                td { (channel(m)) }
                                td { (m.recipient) }
                                th scope="row" { (m.subject) }
                                td { (m.attempts) }
                                td { (m.last_error.as_deref().unwrap_or("—")) }
                                td {
                                    form method="post" action={ "/administration/taches/notifications/" (m.id) "/relancer" } {
                                        (csrf_field(session))
                                        button.fr-btn.fr-btn--secondary type="submit" aria-label={ "Relancer l'envoi « " (m.subject) " » à " (m.recipient) } { "Relancer" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
