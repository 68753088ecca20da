//! `GET /analyse/parametres?annee=`: what frames a year for the operator — its dates, the targets that apply and
//! the lock exceptions granted to campuses.

use super::format::date;
use super::layout::{csrf_field, error_summary, html, input_id, notice, page};
use super::overview::year_picker;
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_app::db;
use pilotage_app::deadlines::Deadlines;
use pilotage_app::error::ApiError;
use pilotage_app::error::FieldError;
use pilotage_app::state::AppState;
use pilotage_app::stats::year_or_default;
use pilotage_domain::indicators::indicator;
use pilotage_domain::{AcademicYear, DeadlineKind, Direction, Role, TargetScope, INDICATORS};
use pilotage_store::{deadlines, targets};

fn scope_label(scope: &TargetScope) -> String {
    match scope {
        TargetScope::Nation => "France entière".to_owned(),
        TargetScope::Region(r) => r.name().to_owned(),
        TargetScope::Campus(c) => format!("campus {c}"),
    }
}

#[derive(serde::Deserialize)]
pub struct SettingsQuery {
    annee: Option<String>,
    fait: Option<String>,
}

#[get("/analyse/parametres")]
pub async fn settings(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<SettingsQuery>,
) -> PageResult<HttpResponse> {
    let year = year_or_default(query.annee.as_deref(), state.now())?;
    let message = match query.fait.as_deref() {
        Some("cible") => Some(notice("success", "Cible enregistrée.")),
        Some("derogation") => Some(notice("success", "Dérogation accordée.")),
        _ => None,
    };
    render(&state, &session, year, StatusCode::OK, message, &[]).await
}

/// The page again after a refused form (422), its errors beside their fields.
pub async fn refused(
    state: &AppState,
    session: &Session,
    year: AcademicYear,
    errors: Vec<FieldError>,
) -> PageResult<HttpResponse> {
    render(
        state,
        session,
        year,
        StatusCode::UNPROCESSABLE_ENTITY,
        None,
        &errors,
    )
    .await
}

/// The page, with a message, or the errors of a refused form (then with its status).
pub async fn render(
    state: &AppState,
    session: &Session,
    year: AcademicYear,
    status: StatusCode,
    message: Option<Markup>,
    errors: &[FieldError],
) -> PageResult<HttpResponse> {
    session
        .caller
        .require(&[Role::Analyst, Role::Ministry, Role::Admin])?;
    let now = state.now();
    let now_year = AcademicYear::containing(now).map_err(|e| ApiError::Internal(e.to_string()))?;
    let (dates, year_targets, exceptions) = db::run(state, move |conn| {
        Ok((
            Deadlines::load(conn, year)?,
            targets::list(conn, Some(year))?,
            deadlines::exceptions(conn, Some(year))?,
        ))
    })
    .await?;
    let analyst = session.caller.role == Role::Analyst;
    let content = markup! {
        @if let Some(message) = message { (message) }
        @if !errors.is_empty() { (error_summary("La modification n'a pas été faite", errors)) }
        (year_picker("/analyse/parametres", year, now_year))
        h2 { "Échéances " (year) }
        dl.summary {
            dt { "Rapport annuel dû le" } dd { (date(dates.annual_report_due)) }
            dt { "Clôture de la saisie" } dd { (date(dates.annual_report_closing)) }
            dt { "Ouverture de l'enquête flash" } dd { (date(dates.flash_survey_opens)) }
            dt { "Enquête flash due le" } dd { (date(dates.flash_survey_due)) }
        }
        h2 { "Dérogations accordées (" (exceptions.len()) ")" }
        @if exceptions.is_empty() {
            p { "Aucune dérogation pour cette année." }
        } @else {
            table {
                thead { tr { th scope="col" { "Campus" } th scope="col" { "Document" } th scope="col" { "Nouvelle date" } th scope="col" { "Motif" } } }
                tbody {
                    @for e in &exceptions {
                        tr {
                            th scope="row" { a href={ "/campus/" (e.campus_id) } { (e.campus_id) } }
                            td { @if e.kind == DeadlineKind::FlashSurvey { "Enquête flash" } @else { "Rapport annuel" } }
                            td { (date(e.due_at)) }
                            td { (e.reason) }
                        }
                    }
                }
            }
        }
        @if analyst { (exception_form(session, year, errors)) }
        h2 { "Cibles (" (year_targets.len()) ")" }
        table {
            thead { tr { th scope="col" { "Indicateur" } th scope="col" { "Portée" } th scope="col" { "Cible" } } }
            tbody {
                @for t in &year_targets {
                    tr {
                        th scope="row" { (indicator(&t.indicator).map_or(t.indicator.as_str(), |i| i.label)) }
                        td { (scope_label(&t.scope)) }
                        td {
                            (if t.direction == Direction::AtLeast { "au moins " } else { "au plus " })
                            @if let Some(def) = indicator(&t.indicator) { (super::format::indicator_value(def, Some(t.value))) } @else { (t.value) }
                        }
                    }
                }
            }
        }
        @if analyst { (target_form(session, year, errors)) }
        p.hint { "Les dates de l'année se modifient par l'API (" code { "PUT /api/v1/deadlines/" (year) } ")." }
    };
    Ok(html(
        status,
        page(
            &format!("Cibles et échéances — {year}"),
            Some(session),
            content,
        ),
    ))
}

/// The errors of `field`, beside its input.
fn field_errors(errors: &[FieldError], field: &str) -> Markup {
    markup! {
        div id={ "erreur-" (input_id(field)) } {
            @for e in errors.iter().filter(|e| e.field == field) { p.error-message { "Erreur : " (e.message) } }
        }
    }
}

fn exception_form(session: &Session, year: AcademicYear, errors: &[FieldError]) -> Markup {
    markup! {
        h3 { "Accorder une dérogation" }
        form.stack method="post" action="/analyse/parametres/derogations" {
            (csrf_field(session))
            input type="hidden" name="annee" value=(year);
            div.field {
                label for=(input_id("campus_id")) { "Identifiant du campus" }
                p.hint #aide-campus { "Par exemple nevers" }
                (field_errors(errors, "campus_id"))
                input type="text" id=(input_id("campus_id")) name="campus_id" required aria-describedby="aide-campus";
            }
            div.field {
                label for=(input_id("kind")) { "Document" }
                select id=(input_id("kind")) name="kind" {
                    option value="annual_report" { "Rapport annuel" }
                    option value="flash_survey" { "Enquête flash" }
                }
            }
            div.field {
                label for=(input_id("due_at")) { "Nouvelle date limite (23 h 59, heure de Paris)" }
                (field_errors(errors, "due_at"))
                input type="date" id=(input_id("due_at")) name="due_at" required;
            }
            div.field {
                label for=(input_id("reason")) { "Motif" }
                (field_errors(errors, "reason"))
                textarea id=(input_id("reason")) name="reason" rows="3" required {}
            }
            button.secondary type="submit" { "Accorder la dérogation" }
        }
    }
}

fn target_form(session: &Session, year: AcademicYear, errors: &[FieldError]) -> Markup {
    markup! {
        h3 { "Fixer une cible" }
        form.stack method="post" action="/analyse/parametres/cibles" {
            (csrf_field(session))
            input type="hidden" name="annee" value=(year);
            div.field {
                label for=(input_id("indicator")) { "Indicateur" }
                (field_errors(errors, "indicator"))
                select id=(input_id("indicator")) name="indicator" {
                    @for ind in INDICATORS { option value=(ind.name) { (ind.label) } }
                }
            }
            div.field {
                label for=(input_id("scope")) { "Portée" }
                p.hint #aide-portee { "nation, region:CODE (par exemple region:BFC) ou campus:IDENTIFIANT" }
                (field_errors(errors, "scope"))
                input type="text" id=(input_id("scope")) name="scope" value="nation" required aria-describedby="aide-portee";
            }
            div.field {
                label for=(input_id("direction")) { "Sens" }
                select id=(input_id("direction")) name="direction" {
                    option value="at_least" { "au moins" }
                    option value="at_most" { "au plus" }
                }
            }
            div.field {
                label for=(input_id("value")) { "Valeur" }
                p.hint #aide-valeur { "Dans l'unité de l'indicateur : pourcentage, euros, étudiants, heures" }
                (field_errors(errors, "value"))
                input type="text" inputmode="decimal" id=(input_id("value")) name="value" required aria-describedby="aide-valeur";
            }
            button.secondary type="submit" { "Enregistrer la cible" }
        }
    }
}
