//! `POST /campus/{id}/rapports/{year}`: the coordinator's form saved as the draft. Values are read by the same rules
//! as a spreadsheet's cells; a value that cannot be read, or a text with a control character, is named beside its
//! field and nothing is saved. A saved
//! draft may still break rules: its page lists them beside their fields.

use super::form::{self, field, KeptFields};
use super::layout::html;
use super::page_error::PageResult;
use super::report_form::{self, Entry};
use super::report_load;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::error::{ApiError, FieldError};
use pilotage_app::reports::{check_texts, save_as_coordinator, SaveReportRequest};
use pilotage_app::state::AppState;
use pilotage_domain::{AcademicYear, CampusId, IndicatorGrid, Narrative, GRID_FIELDS};
use pilotage_spreadsheet::parse_typed;
use pilotage_store::reports::Draft;
use std::collections::BTreeMap;

/// The save request a form makes, or every field that cannot be read.
fn request(fields: &[(String, String)]) -> Result<SaveReportRequest, Vec<FieldError>> {
    let mut grid = IndicatorGrid::default();
    let mut errors = Vec::new();
    for spec in GRID_FIELDS {
        let text = field(fields, spec.name).unwrap_or("");
        let parsed = parse_typed(spec.kind, text)
            .and_then(|value| grid.set(spec.name, value).map_err(|e| e.to_string()));
        if let Err(message) = parsed {
            errors.push(FieldError::new(
                format!("grid.{}", spec.name),
                "invalid_value",
                format!("{} : {message}", spec.label),
            ));
        }
    }
    let text = |name: &str| {
        field(fields, name)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let gap_explanations: BTreeMap<String, String> = fields
        .iter()
        .filter_map(|(name, value)| {
            let indicator = name.strip_prefix("gap_explanations.")?;
            let value = value.trim();
            (!value.is_empty()).then(|| (indicator.to_owned(), value.to_owned()))
        })
        .collect();
    let request = SaveReportRequest {
        grid,
        narrative: Narrative {
            achievements: text("narrative.achievements"),
            financial_comment: text("narrative.financial_comment"),
        },
        gap_explanations,
    };
    if let Err(ApiError::Validation { errors: more, .. }) = check_texts(&request) {
        errors.extend(more);
    }
    if errors.is_empty() {
        Ok(request)
    } else {
        Err(errors)
    }
}

/// The form again, with what was typed and why it was refused (422).
pub async fn refused(
    state: &AppState,
    session: &Session,
    id: CampusId,
    year: AcademicYear,
    typed: Option<&[(String, String)]>,
    errors: Vec<FieldError>,
) -> PageResult<HttpResponse> {
    let loaded = report_load::load(state, session, id, year).await?;
    let entry = Entry {
        typed,
        errors,
        message: None,
    };
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        report_form::render(session, &loaded.view, &entry, state.now()),
    ))
}

#[post("/campus/{campus_id}/rapports/{year}")]
pub async fn save_report(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: KeptFields,
) -> PageResult<HttpResponse> {
    let KeptFields {
        fields: form,
        broken,
    } = form;
    let (id, year, expected) = form::document_form(&state, &session, &path, &form)?;
    // A text with a control character (pasted from a word processor…) is shown again, cleaned, beside its message.
    let broken: Vec<FieldError> = broken
        .into_iter()
        .map(
            |e| match GRID_FIELDS.iter().find(|spec| spec.name == e.field) {
                Some(spec) => FieldError::new(format!("grid.{}", spec.name), e.code, e.message),
                None => e,
            },
        )
        .collect();
    let request = match request(&form) {
        Ok(request) if broken.is_empty() => request,
        Ok(_) => return refused(&state, &session, id, year, Some(&form), broken).await,
        Err(errors) => {
            let errors = broken.into_iter().chain(errors).collect();
            return refused(&state, &session, id, year, Some(&form), errors).await;
        }
    };
    let now = state.now();
    let caller = session.caller.clone();
    let saved = db::run(&state, {
        let id = id.clone();
        move |conn| {
            save_as_coordinator(conn, &caller, &id, year, expected, now, |_| Draft {
                grid: request.grid,
                narrative: request.narrative,
                gap_explanations: request.gap_explanations,
            })
        }
    })
    .await;
    let done = format!("/campus/{id}/rapports/{year}?fait=enregistre#contenu");
    form::answer(saved, done, |errors| {
        refused(&state, &session, id, year, Some(&form), errors)
    })
    .await
}
