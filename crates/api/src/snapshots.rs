//! `GET /api/v1/snapshots` and `GET /api/v1/snapshots/{date}/{file}`: the official figures as they stood on a
//! given day (written each night by the snapshot job), for the ministry, analysts and admins.

use actix_web::{get, web, HttpResponse};
use chrono::NaiveDate;
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::Role;
use pilotage_jobs::snapshot;
use serde::Serialize;
use utoipa::ToSchema;

const READERS: [Role; 3] = [Role::Ministry, Role::Analyst, Role::Admin];

#[derive(Debug, Serialize, ToSchema)]
pub struct SnapshotFileView {
    pub name: String,
    pub bytes: u64,
    /// Where to fetch it.
    pub href: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SnapshotView {
    /// The day (Paris time) the figures stood as.
    pub date: NaiveDate,
    pub files: Vec<SnapshotFileView>,
}

#[utoipa::path(
    tag = "snapshots",
    responses(
        (status = 200, description = "Every snapshot, newest first", body = Vec<SnapshotView>),
        (status = 403, description = "Not ministry, analyst or admin", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/snapshots")]
pub async fn list_snapshots(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    caller.require(&READERS)?;
    let dir = state.snapshot_dir.clone();
    let list = web::block(move || snapshot::list(&dir))
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task: {e}")))?
        .map_err(|e| ApiError::Internal(format!("snapshots: {e:#}")))?;
    Ok(HttpResponse::Ok().json(
        list.into_iter()
            .map(|s| SnapshotView {
                date: s.date,
                files: s
                    .files
                    .into_iter()
                    .map(|f| SnapshotFileView {
                        href: format!("/api/v1/snapshots/{}/{}", s.date, f.name),
                        name: f.name,
                        bytes: f.bytes,
                    })
                    .collect(),
            })
            .collect::<Vec<_>>(),
    ))
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("parquet") => "application/vnd.apache.parquet",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

#[utoipa::path(
    tag = "snapshots",
    params(
        ("date" = String, Path, description = "The day, AAAA-MM-JJ", example = "2026-11-28"),
        ("file" = String, Path, description = "A file name from the list", example = "indicators.csv.csv"),
    ),
    responses(
        (status = 200, description = "The file as it was written that night, typed by its extension", content(("text/csv"), ("application/json"), ("application/vnd.apache.parquet"), ("image/png"), ("image/svg+xml"), ("application/octet-stream"))),
        (status = 403, description = "Not ministry, analyst or admin", body = Problem),
        (status = 404, description = "No such snapshot or file", body = Problem),
        (status = 422, description = "Malformed date", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/snapshots/{date}/{file}")]
pub async fn get_snapshot_file(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    caller.require(&READERS)?;
    let (date, file) = path.into_inner();
    let day: NaiveDate = date.parse().map_err(|_| {
        ApiError::field(
            "date",
            "invalid",
            format!("« {date} » n'est pas une date AAAA-MM-JJ"),
        )
    })?;
    let dir = state.snapshot_dir.clone();
    let name = file.clone();
    // A link, a second hard link or anything but a regular file in the day folder answers 404 like an absent file.
    let bytes = web::block(move || snapshot::read_file(&dir, day, &name))
        .await
        .map_err(|e| ApiError::Internal(format!("blocking task: {e}")))?
        .map_err(|e| ApiError::Internal(format!("snapshot file: {e}")))?
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "pas de fichier « {file} » dans l'instantané du {day}"
            ))
        })?;
    Ok(HttpResponse::Ok()
        .content_type(content_type(&file))
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{day}-{file}\""),
        ))
        .body(bytes))
}
