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
use pilotage_domain::grid::field as grid_field;
use pilotage_domain::{AcademicYear, CampusId, FlashSurveyStatus};

/// A survey field as people read it: the grid's label of the programme or outcome it forecasts or finalises.
pub fn label(name: &str) -> String {
    if name == "forecast_students_enrolled" {
        return "Étudiants attendus".to_owned();
    }
    let grid_name = name
        .strip_prefix("forecast_")
        .or_else(|| name.strip_prefix("final_"))
        .unwrap_or(name);
    grid_field(grid_name).map_or_else(|| name.to_owned(), |f| f.label.to_owned())
}

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

pub fn render(
    session: &Session,
    campus_name: &str,
    view: &FlashSurveyView,
    entry: &Entry<'_>,
    now: DateTime<Utc>,
) -> Markup {
    let base = format!("/campus/{}/enquete/{}", view.campus_id, view.academic_year);
    let editable = session.caller.coordinates(&view.campus_id) && now >= view.opens_at;
    let mut errors: Vec<FieldError> = entry.errors.clone();
    if entry.typed.is_none() {
        errors.extend(
            view.errors
                .iter()
                .filter(|e| !entry.errors.contains(e))
                .cloned(),
        );
    }
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
                            div id={ "erreur-" (id) } {
                                @for e in &mine { p.error-message { "Erreur : " (e.message) } }
                            }
                            input id=(id) name=(name) type="text" inputmode="numeric" value=(value)
                                aria-describedby={ "erreur-" (id) } aria-invalid=[(!mine.is_empty()).then_some("true")]
                                readonly[!editable] autocomplete="off";
                        }
                    }
                }
            }
        }
    };
    let content = markup! {
        @if let Some(message) = &entry.message { (message) }
        @if !errors.is_empty() { (error_summary(&format!("{} point(s) à corriger", errors.len()), &errors)) }
        dl.summary {
            dt { "Statut" } dd { @match view.status { FlashSurveyStatus::Submitted => "transmise", FlashSurveyStatus::Draft => @if view.exists { "brouillon" } @else { "non commencée" } } }
            dt { "Ouverture" } dd { (date(view.opens_at)) }
            dt { "Échéance" } dd { (date(view.deadline)) " (" (time_left(view.deadline, now)) ")" }
            @if let Some(n) = view.previous_students_enrolled { dt { "Étudiants accueillis en " (previous) } dd { (n) " (les résultats définitifs doivent totaliser ce nombre)" } }
        }
        p.actions { a href={ "/campus/" (view.campus_id) } { "Page du campus" } }
        @if now < view.opens_at { (notice("info", &format!("L'enquête ouvre le {}.", date(view.opens_at)))) }
        form #enquete method="post" action=(base) novalidate {
            (csrf_field(session))
            input type="hidden" name="version" value=(view.version);
            (section(format!("Prévisions pour {}", view.academic_year), "forecast_"))
            (section(format!("Résultats définitifs de {previous}"), "final_"))
            @if editable { div.buttons { button type="submit" { "Enregistrer l'enquête" } } }
        }
        @if editable && view.status == FlashSurveyStatus::Draft && view.exists {
            h2 { "Transmettre l'enquête" }
            form.stack method="post" action={ (base) "/transmettre" } {
                (csrf_field(session))
                input type="hidden" name="version" value=(view.version);
                button type="submit" { "Transmettre l'enquête" }
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
