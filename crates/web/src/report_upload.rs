//! `POST /campus/{id}/rapports/{year}/fichier`: the spreadsheet template, filled in, sent from the report's form
//! (multipart). It is read and saved exactly as the API's upload; the narrative and explanations typed beside it are
//! saved with it. Every bad cell is listed and nothing is saved then, the form shown again as typed.

use super::form::{self, KeptFields, FORM_LIMIT};
use super::page_error::{PageError, PageResult};
use super::report_save::{answer, broken_on_grid, explanations, grid_posted, narrative, refused};
use super::session::{Session, CSRF_FIELD};
use actix_multipart::Multipart;
use actix_web::{post, web, HttpResponse};
use futures_util::StreamExt;
use pilotage_app::error::ApiError;
use pilotage_app::paths;
use pilotage_app::reports::{
    check_texts, ensure_may_upload, save_upload, SaveReportRequest, TypedTexts,
};
use pilotage_app::state::AppState;
use pilotage_spreadsheet::MAX_UPLOAD_BYTES;

/// Most parts a form may have: the grid's fields, the texts and the file fit well within it.
const MAX_PARTS: usize = 200;

/// The fields of the upload form: its text fields, and the file.
#[derive(Default)]
struct Upload {
    texts: Vec<(String, String)>,
    file: Option<Vec<u8>>,
}

fn too_large(what: String) -> ApiError {
    ApiError::PayloadTooLarge(what)
}

async fn read(mut multipart: Multipart) -> Result<Upload, ApiError> {
    let mut upload = Upload::default();
    let mut text_bytes = 0;
    let mut parts = 0;
    while let Some(part) = multipart.next().await {
        let mut part =
            part.map_err(|e| ApiError::BadRequest(format!("formulaire illisible : {e}")))?;
        parts += 1;
        if parts > MAX_PARTS {
            return Err(too_large(format!(
                "formulaire de plus de {MAX_PARTS} champs"
            )));
        }
        let name = part.name().unwrap_or_default().to_owned();
        let is_file = name == "fichier";
        let mut bytes = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk =
                chunk.map_err(|e| ApiError::BadRequest(format!("envoi interrompu : {e}")))?;
            if is_file && bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                return Err(too_large(format!(
                    "fichier trop volumineux ({} Mio au plus)",
                    MAX_UPLOAD_BYTES / (1024 * 1024)
                )));
            }
            if !is_file && text_bytes + chunk.len() > FORM_LIMIT {
                return Err(too_large(format!(
                    "formulaire trop volumineux ({} Kio au plus hors fichier)",
                    FORM_LIMIT / 1024
                )));
            }
            if !is_file {
                text_bytes += chunk.len();
            }
            bytes.extend_from_slice(&chunk);
        }
        if is_file {
            upload.file = Some(bytes);
        } else {
            upload
                .texts
                .push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    Ok(upload)
}

#[post("/campus/{campus_id}/rapports/{year}/fichier")]
pub async fn upload_report(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    multipart: Multipart,
) -> PageResult<HttpResponse> {
    let id = paths::campus_id(&path.0)?;
    let year = paths::year(&path.1)?;
    // Scope and role first: a file from someone who may not write this report is not kept.
    ensure_may_upload(&state, &session.caller, &id, year).await?;
    let upload = read(multipart).await?;
    let KeptFields {
        fields: typed,
        broken,
    } = KeptFields::keep(upload.texts)?;
    session.check_csrf(&state, form::field(&typed, CSRF_FIELD))?;
    let expected = form::version(&typed)?;
    // From the report's whole form, the texts typed beside the file are kept: saved with it, or shown again.
    let whole_form = grid_posted(&typed);
    let shown = whole_form.then_some(typed.as_slice());
    let Some(bytes) = upload.file.filter(|b| !b.is_empty()) else {
        let error = ApiError::field(
            "file",
            "required",
            "Fichier de la grille : choisissez le fichier à importer",
        );
        return match error {
            ApiError::Validation { errors, .. } if whole_form => {
                refused(&state, &session, id, year, shown, errors, None).await
            }
            other => Err(PageError::Api(other)),
        };
    };
    let texts = if whole_form {
        let broken = broken_on_grid(broken);
        let request = SaveReportRequest {
            narrative: narrative(&typed),
            gap_explanations: explanations(&typed),
            ..Default::default()
        };
        let mut errors = broken;
        if let Err(ApiError::Validation { errors: more, .. }) = check_texts(&request) {
            errors.extend(more);
        }
        if !errors.is_empty() {
            return refused(&state, &session, id, year, shown, errors, None).await;
        }
        Some(TypedTexts {
            narrative: request.narrative,
            gap_explanations: request.gap_explanations,
        })
    } else {
        None
    };
    let saved = save_upload(
        &state,
        session.caller.clone(),
        id.clone(),
        year,
        expected,
        bytes,
        texts,
    )
    .await;
    let done = format!("/campus/{id}/rapports/{year}?fait=importe#contenu");
    answer(saved, done, &state, &session, (id, year), shown, None).await
}
