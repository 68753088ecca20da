//! `GET /campus/{id}/enquete/{year}`: the flash survey as a form for the campus's coordinator (the forecast of the
//! year starting, the final outcomes of the year just ended), read-only for everyone else who may see the campus.

use super::format::{date, time_left};
use super::layout::{csrf_field, error_summary, html, input_id, notice, page};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use maud::{html as markup, Markup};
use pilotage_app::db;
use pilotage_app::error::FieldError;
use pilotage_app::flash_surveys::{FlashSurveyView, SurveyContext};
use pilotage_app::paths;
use pilotage_app::state::AppState;
use pilotage_domain::{AcademicYear, CampusId, FlashSurveyStatus, Role};

pub use pilotage_domain::flash_survey::{help, label};

/// What the form shows beyond the stored survey: the values as typed after a refused post, and its errors.
#[derive(Default)]
pub struct Entry<'a> {
    pub typed: Option<&'a [(String, String)]>,
    pub errors: Vec<FieldError>,
    pub message: Option<Markup>,
}

pub async fn load(
    state: &AppState,
    session: &Session,
    id: CampusId,
    year: AcademicYear,
) -> Result<(String, FlashSurveyView), pilotage_app::error::ApiError> {
    let caller = session.caller.clone();
    let now = state.now();
    db::run(state, move |conn| {
        let ctx = SurveyContext::load(conn, &caller, &id, year)?;
        if !caller.reads_content() {
            return Err(super::page_error::content_not_published());
        }
        Ok((ctx.campus.name.clone(), ctx.view(now)))
    })
    .await
}

/// Every problem once: the same message on several fields (a sum) is listed once.
fn once(errors: &[FieldError]) -> Vec<FieldError> {
    let mut seen = Vec::new();
    errors
        .iter()
        .filter(|e| {
            let key = (e.code.clone(), e.message.clone());
            let new = !seen.contains(&key);
            seen.push(key);
            new
        })
        .cloned()
        .collect()
}

/// « 1 erreur à corriger », « 3 erreurs à corriger ».
fn errors_title(n: usize) -> String {
    if n > 1 {
        format!("{n} erreurs à corriger")
    } else {
        format!("{n} erreur à corriger")
    }
}

pub fn render(
    session: &Session,
    campus_name: &str,
    view: &FlashSurveyView,
    entry: &Entry<'_>,
    now: DateTime<Utc>,
) -> Markup {
    let base = format!("/campus/{}/enquete/{}", view.campus_id, view.academic_year);
    let transmitted = view.status == FlashSurveyStatus::Submitted;
    let editable =
        session.caller.coordinates(&view.campus_id) && now >= view.opens_at && !transmitted;
    // Errors only when asked for (a save or a transmission refused); a first visit is calm.
    let errors = &entry.errors;
    let summary = once(errors);
    let to_fill = view.errors.iter().filter(|e| e.code == "required").count();
    let previous = view
        .academic_year
        .previous()
        .map_or_else(|_| String::new(), |y| y.to_string());
    let values = view.survey.fields();
    let section = |title: String, prefix: &str| {
        markup! {
            fieldset {
                legend { (title) }
                div.grid-fields {
                    @for (name, stored) in values.iter().filter(|(n, _)| n.starts_with(prefix)) {
                        @let id = input_id(name);
                        @let value = entry.typed.and_then(|t| super::form::field(t, name)).map_or_else(|| stored.map(|v| v.to_string()).unwrap_or_default(), str::to_owned);
                        @let mine: Vec<_> = errors.iter().filter(|e| e.field == *name).collect();
                        div class={ "field" @if !mine.is_empty() { " field-error" } } {
                            label for=(id) { (label(name)) }
                            p.hint id={ "aide-" (id) } { (help(name)) }
                            div id={ "erreur-" (id) } {
                                @for e in &mine { p.error-message { "Erreur : " (e.message) } }
                            }
                            input id=(id) name=(name) type="text" inputmode="numeric" value=(value)
                                aria-describedby={ "aide-" (id) " erreur-" (id) } aria-invalid=[(!mine.is_empty()).then_some("true")]
                                readonly[!editable] autocomplete="off";
                        }
                    }
                }
            }
        }
    };
    let content = markup! {
        @if let Some(message) = &entry.message { (message) }
        @if !summary.is_empty() { (error_summary(&errors_title(summary.len()), &summary)) }
        dl.summary {
            dt { "Statut" } dd { @match view.status { FlashSurveyStatus::Submitted => "transmise", FlashSurveyStatus::Draft => @if view.exists { "brouillon" } @else { "non commencée" } } }
            dt { "Ouverture" } dd { (date(view.opens_at)) }
            dt { "Échéance" } dd { (date(view.deadline)) @if view.submitted_at.is_none() { " (" (time_left(view.deadline, now)) ")" } }
            @if let Some(at) = view.submitted_at { dt { "Transmise le" } dd { (date(at)) " — " (view.progress.label()) } }
            @if let Some(n) = view.previous_students_enrolled { dt { "Étudiants accueillis en " (previous) } dd { (n) " (les résultats définitifs doivent totaliser ce nombre)" } }
        }
        p.actions { a href={ "/campus/" (view.campus_id) } { "Page du campus" } }
        @if now < view.opens_at { (notice("info", &format!("L'enquête ouvre le {}.", date(view.opens_at)))) }
        @if transmitted {
            (notice("info", "L'enquête est transmise : elle n'est plus modifiable. Pour la corriger, demandez à l'opérateur de la rouvrir."))
        } @else if editable {
            p { "Enregistrez l'enquête à tout moment : les valeurs saisies sont gardées et contrôlées au moment de la transmission. "
                @if to_fill > 0 { strong { (to_fill) " champ" @if to_fill > 1 { "s" } " à renseigner avant la transmission." } } }
        }
        form #enquete method="post" action=(base) novalidate {
            (csrf_field(session))
            input type="hidden" name="version" value=(view.version);
            (section(format!("Prévisions pour {}", view.academic_year), "forecast_"))
            (section(format!("Résultats définitifs de {previous}"), "final_"))
            @if editable {
                div.buttons {
                    button.fr-btn type="submit" { "Enregistrer l'enquête" }
                    button.fr-btn.fr-btn--secondary type="submit" formaction={ (base) "/transmettre" } { "Transmettre l'enquête" }
                }
            }
        }
        @if transmitted && session.caller.role == Role::Analyst {
            h2 { "Rouvrir l'enquête" }
            form.stack method="post" action={ (base) "/rouvrir" } {
                (csrf_field(session))
                input type="hidden" name="version" value=(view.version);
                @let mine: Vec<_> = errors.iter().filter(|e| e.field == "reason").collect();
                div class={ "field" @if !mine.is_empty() { " field-error" } } {
                    label for="champ-reason" { "Motif de la réouverture (montré dans l'historique)" }
                    div id="erreur-champ-reason" { @for e in &mine { p.error-message { "Erreur : " (e.message) } } }
                    textarea #champ-reason name="reason" rows="3" aria-describedby="erreur-champ-reason" aria-invalid=[(!mine.is_empty()).then_some("true")] {
                        (entry.typed.and_then(|t| super::form::field(t, "reason")).unwrap_or(""))
                    }
                }
                button.fr-btn type="submit" { "Rouvrir l'enquête pour correction" }
            }
        }
    };
    page(
        &format!("Enquête flash {} — {campus_name}", view.academic_year),
        Some(session),
        content,
    )
}

#[derive(serde::Deserialize)]
pub struct SurveyQuery {
    fait: Option<String>,
}

#[get("/campus/{campus_id}/enquete/{year}")]
pub async fn survey_page(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    query: web::Query<SurveyQuery>,
) -> PageResult<HttpResponse> {
    let id = paths::campus_id(&path.0)?;
    let year = paths::year(&path.1)?;
    let (name, view) = load(&state, &session, id, year).await?;
    let message = match query.fait.as_deref() {
        Some("enregistre") => Some(notice("success", "Enquête enregistrée.")),
        Some("transmis") => Some(notice("success", "Enquête transmise à l'opérateur.")),
        Some("rouverte") => Some(notice(
            "success",
            "Enquête rouverte : la coordination peut la corriger et la transmettre à nouveau.",
        )),
        _ => None,
    };
    let entry = Entry {
        message,
        ..Default::default()
    };
    Ok(html(
        StatusCode::OK,
        render(&session, &name, &view, &entry, state.now()),
    ))
}
