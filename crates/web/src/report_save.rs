//! `POST /campus/{id}/rapports/{year}`: the coordinator's form saved as the draft. Values are read by the same rules
//! as a spreadsheet's cells; a value that cannot be read, or a text with a control character, is named beside its
//! field and nothing is saved — and, in the same round, every rule that what could be read breaks. A saved draft
//! may still break rules: its page lists them beside their fields. Whatever goes wrong, the form comes back with
//! what was typed.

use super::form::{self, field, KeptFields};
use super::layout::{html, notice, see_other};
use super::page_error::{PageError, PageResult};
use super::report_form::{self, Entry};
use super::report_load;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpResponse};
use maud::Markup;
use pilotage_app::db;
use pilotage_app::error::{ApiError, FieldError};
use pilotage_app::reports::{check_texts, save_as_coordinator, ReportContext, SaveReportRequest};
use pilotage_app::state::AppState;
use pilotage_domain::validation::validate;
use pilotage_domain::{AcademicYear, CampusId, IndicatorGrid, Narrative, GRID_FIELDS};
use pilotage_spreadsheet::parse_typed;
use pilotage_store::reports::Draft;
use std::collections::BTreeMap;

/// Whether the posted form carries the grid (the report's whole form), not only a confirmation.
pub fn grid_posted(fields: &[(String, String)]) -> bool {
    GRID_FIELDS
        .iter()
        .any(|spec| field(fields, spec.name).is_some())
}

/// The save request a form makes, or every problem of what was typed, in one round: each value that cannot be
/// read, each text too long, and each rule broken by the values that could be read (a missing value aside).
pub fn typed_request(fields: &[(String, String)]) -> Result<SaveReportRequest, Vec<FieldError>> {
    let (request, mut errors) = read_request(fields);
    if errors.is_empty() {
        return Ok(request);
    }
    // Refused anyway: say now what the readable values break, rather than at the next save.
    for issue in validate(&request.grid).errors() {
        if issue.code != "required" {
            errors.extend(FieldError::from_issue("grid.", issue));
        }
    }
    Err(errors)
}

/// The save request of what could be read, and what could not (values unreadable, texts too long).
pub fn read_request(fields: &[(String, String)]) -> (SaveReportRequest, Vec<FieldError>) {
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
    let request = SaveReportRequest {
        grid,
        narrative: narrative(fields),
        gap_explanations: explanations(fields),
    };
    if let Err(ApiError::Validation { errors: more, .. }) = check_texts(&request) {
        errors.extend(more);
    }
    (request, errors)
}

/// A text of the form, trimmed, if not empty.
fn text(fields: &[(String, String)], name: &str) -> Option<String> {
    field(fields, name)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// The explanations typed, by indicator.
pub fn explanations(fields: &[(String, String)]) -> BTreeMap<String, String> {
    fields
        .iter()
        .filter_map(|(name, value)| {
            let indicator = name.strip_prefix("gap_explanations.")?;
            let value = value.trim();
            (!value.is_empty()).then(|| (indicator.to_owned(), value.to_owned()))
        })
        .collect()
}

/// The narrative typed.
pub fn narrative(fields: &[(String, String)]) -> Narrative {
    Narrative {
        achievements: text(fields, "narrative.achievements"),
        financial_comment: text(fields, "narrative.financial_comment"),
    }
}

/// A text whose control characters were taken out is named by the grid field it belongs to.
pub fn broken_on_grid(broken: Vec<FieldError>) -> Vec<FieldError> {
    broken
        .into_iter()
        .map(
            |e| match GRID_FIELDS.iter().find(|spec| spec.name == e.field) {
                Some(spec) => FieldError::new(format!("grid.{}", spec.name), e.code, e.message),
                None => e,
            },
        )
        .collect()
}

/// The form again (422), with what was typed when given (else the stored report), the errors beside their fields
/// and a message above them.
pub async fn refused(
    state: &AppState,
    session: &Session,
    id: CampusId,
    year: AcademicYear,
    typed: Option<&[(String, String)]>,
    errors: Vec<FieldError>,
    message: Option<Markup>,
) -> PageResult<HttpResponse> {
    let entry = Entry {
        typed,
        errors,
        message,
    };
    form_again(
        state,
        session,
        (id, year),
        &entry,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// The form again with `entry`, answered with `status`.
async fn form_again(
    state: &AppState,
    session: &Session,
    (id, year): (CampusId, AcademicYear),
    entry: &Entry<'_>,
    status: StatusCode,
) -> PageResult<HttpResponse> {
    let loaded = report_load::load(state, session, id, year).await?;
    Ok(html(
        status,
        report_form::render(session, &loaded.view, entry, state.now()),
    ))
}

/// The notice of a form refused because the report changed since the page was read.
pub fn changed_meanwhile(typed: bool) -> Markup {
    notice(
        "error",
        if typed {
            "Le rapport a été modifié entre-temps (dans un autre onglet, ou par une autre personne) : rien n'a été \
             enregistré. Vos saisies sont conservées ci-dessous ; vérifiez-les puis enregistrez de nouveau."
        } else {
            "Le rapport a été modifié entre-temps (dans un autre onglet, ou par une autre personne) : rien n'a été \
             fait. Vérifiez la version affichée puis recommencez."
        },
    )
}

/// The answer to one of the report's forms: on success a 303 to `done`; broken rules beside their fields (422), and
/// a report changed meanwhile or in a state that refuses the action (409, 412), on the form again with `typed`:
/// nothing typed is lost. Anything else is an error page.
pub async fn answer(
    result: Result<ReportContext, ApiError>,
    done: String,
    state: &AppState,
    session: &Session,
    (id, year): (CampusId, AcademicYear),
    typed: Option<&[(String, String)]>,
    message: Option<Markup>,
) -> PageResult<HttpResponse> {
    let (status, message) = match result {
        Ok(_) => return Ok(see_other(&done)),
        Err(ApiError::Validation { errors, .. }) => {
            return refused(state, session, id, year, typed, errors, message).await
        }
        Err(ApiError::PreconditionFailed(_)) => (
            StatusCode::PRECONDITION_FAILED,
            changed_meanwhile(typed.is_some()),
        ),
        Err(ApiError::Conflict(why)) => (StatusCode::CONFLICT, notice("error", &why)),
        Err(e) => return Err(PageError::Api(e)),
    };
    let entry = Entry {
        typed,
        errors: Vec::new(),
        message: Some(message),
    };
    form_again(state, session, (id, year), &entry, status).await
}

/// Saves the typed request as the draft, from the version the form was read at.
pub async fn save(
    state: &AppState,
    session: &Session,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    request: SaveReportRequest,
) -> Result<ReportContext, ApiError> {
    let now = state.now();
    let caller = session.caller.clone();
    let id = id.clone();
    db::run(state, move |conn| {
        save_as_coordinator(conn, &caller, &id, year, expected, now, |_| Draft {
            grid: request.grid,
            narrative: request.narrative,
            gap_explanations: request.gap_explanations,
        })
    })
    .await
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
    let broken = broken_on_grid(broken);
    let request = match typed_request(&form) {
        Ok(request) if broken.is_empty() => request,
        Ok(_) => return refused(&state, &session, id, year, Some(&form), broken, None).await,
        Err(errors) => {
            let errors = broken.into_iter().chain(errors).collect();
            return refused(&state, &session, id, year, Some(&form), errors, None).await;
        }
    };
    let saved = save(&state, &session, &id, year, expected, request).await;
    let done = format!("/campus/{id}/rapports/{year}?fait=enregistre#contenu");
    answer(saved, done, &state, &session, (id, year), Some(&form), None).await
}
