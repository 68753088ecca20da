//! `POST /campus/{id}/rapports/{year}/fichier`: the spreadsheet template, filled in, sent from the report's page
//! (multipart form). It is read and saved exactly as the API's upload; every bad cell is listed and nothing is
//! saved then.

use super::form;
use super::page_error::{PageError, PageResult};
use super::report_save::refused;
use super::session::{Session, CSRF_FIELD};
use actix_multipart::Multipart;
use actix_web::{post, web, HttpResponse};
use futures_util::StreamExt;
use pilotage_app::error::ApiError;
use pilotage_app::paths;
use pilotage_app::reports::{ensure_may_upload, save_upload};
use pilotage_app::state::AppState;
use pilotage_spreadsheet::MAX_UPLOAD_BYTES;

/// The largest value of a text field of the form (the anti-forgery token, the version).
const MAX_TEXT_BYTES: usize = 1024;

/// The fields of the upload form: its text fields, and the file.
#[derive(Default)]
struct Upload {
    texts: Vec<(String, String)>,
    file: Option<Vec<u8>>,
}

async fn read(mut multipart: Multipart) -> Result<Upload, ApiError> {
    let mut upload = Upload::default();
    while let Some(part) = multipart.next().await {
        let mut part =
            part.map_err(|e| ApiError::BadRequest(format!("formulaire illisible : {e}")))?;
        let name = part.name().unwrap_or_default().to_owned();
        let limit = if name == "fichier" {
            MAX_UPLOAD_BYTES
        } else {
            MAX_TEXT_BYTES
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk =
                chunk.map_err(|e| ApiError::BadRequest(format!("envoi interrompu : {e}")))?;
            if bytes.len() + chunk.len() > limit {
                return Err(ApiError::PayloadTooLarge(format!(
                    "fichier trop volumineux ({} Mio au plus)",
                    MAX_UPLOAD_BYTES / (1024 * 1024)
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == "fichier" {
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
    session.check_csrf(&state, form::field(&upload.texts, CSRF_FIELD))?;
    let expected = form::version(&upload.texts)?;
    let Some(bytes) = upload.file.filter(|b| !b.is_empty()) else {
        let error = ApiError::field("file", "required", "choisissez le fichier de la grille");
        return Err(PageError::Api(error));
    };
    let saved = save_upload(
        &state,
        session.caller.clone(),
        id.clone(),
        year,
        expected,
        bytes,
    )
    .await;
    let done = format!("/campus/{id}/rapports/{year}?fait=importe#contenu");
    form::answer(saved, done, |errors| {
        refused(&state, &session, id, year, None, errors)
    })
    .await
}
