//! `POST /campus/{id}/rapports/{year}/brouillon`: the page's script saves the draft as the coordinator types (the
//! same form, the same rules and checks as « Enregistrer le brouillon »). It answers a short JSON for the script:
//! whether it was saved, the new version (the form's next save starts from it) and the sentence to show,
//! « Brouillon enregistré à 14 h 32 ». Nothing is saved while a value cannot be read; the page says which.

use super::form::{self, KeptFields};
use super::page_error::PageResult;
use super::report_save::{broken_on_grid, read_request, save};
use super::session::Session;
use actix_web::http::{header, StatusCode};
use actix_web::{post, web, HttpResponse, ResponseError};
use pilotage_app::error::{ApiError, FieldError};
use pilotage_app::state::AppState;
use pilotage_domain::french::clock_time;
use pilotage_domain::grid::field as grid_field;
use serde::Serialize;

/// What the script is told.
#[derive(Serialize)]
struct Autosaved {
    saved: bool,
    /// The version now stored (when saved).
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i64>,
    /// In French, for the page.
    message: String,
}

fn reply(status: StatusCode, body: &Autosaved) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

/// The labels of the fields to correct, once each, in form order.
fn to_correct(errors: &[FieldError]) -> String {
    let mut labels: Vec<String> = Vec::new();
    for e in errors {
        let name = e.field.strip_prefix("grid.").unwrap_or(&e.field);
        let label = grid_field(name).map_or_else(
            || e.message.split(" : ").next().unwrap_or(name).to_owned(),
            |spec| spec.label.to_owned(),
        );
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    let count = labels.len();
    let what = if count == 1 {
        "1 valeur à corriger".to_owned()
    } else {
        format!("{count} valeurs à corriger")
    };
    format!("Brouillon non enregistré : {what} ({})", labels.join(", "))
}

/// 422: nothing saved, and which values to correct.
fn refusal(errors: &[FieldError]) -> HttpResponse {
    reply(
        StatusCode::UNPROCESSABLE_ENTITY,
        &Autosaved {
            saved: false,
            version: None,
            message: to_correct(errors),
        },
    )
}

#[post("/campus/{campus_id}/rapports/{year}/brouillon")]
pub async fn autosave_report(
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
    let (request, unreadable) = read_request(&form);
    let unreadable: Vec<FieldError> = broken_on_grid(broken)
        .into_iter()
        .chain(unreadable)
        .collect();
    if !unreadable.is_empty() {
        return Ok(refusal(&unreadable));
    }
    let at = state.now();
    let answer = match save(&state, &session, &id, year, expected, request).await {
        Ok(ctx) => reply(
            StatusCode::OK,
            &Autosaved {
                saved: true,
                version: ctx.report.map(|r| r.version),
                message: format!("Brouillon enregistré à {}", clock_time(at)),
            },
        ),
        Err(ApiError::Validation { errors, .. }) => refusal(&errors),
        Err(ApiError::PreconditionFailed(_)) => reply(
            StatusCode::PRECONDITION_FAILED,
            &Autosaved {
                saved: false,
                version: None,
                message: "Brouillon non enregistré : le rapport a été modifié entre-temps (dans un autre \
                          onglet ?). Enregistrez pour voir vos saisies à côté de la dernière version."
                    .to_owned(),
            },
        ),
        Err(e) => reply(
            e.status_code(),
            &Autosaved {
                saved: false,
                version: None,
                message: format!("Brouillon non enregistré : {e}"),
            },
        ),
    };
    Ok(answer)
}
