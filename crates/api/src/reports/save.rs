//! `PUT /api/v1/campuses/{campus_id}/reports/{year}`: saves the coordinator's draft (a partial grid is fine;
//! what is missing or inconsistent is returned, not refused). The body replaces the draft's content.

use super::{ReportContext, ReportView};
use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, FieldError, Problem};
use crate::extract::{self, Json};
use crate::state::AppState;
use actix_web::{put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_domain::indicators::indicator;
use pilotage_domain::{AcademicYear, CampusId, IndicatorGrid, Narrative};
use pilotage_store::reports::{self, Draft, Edit};
use pilotage_store::DbConnection;
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

const MAX_TEXT_CHARS: usize = 20_000;
const MAX_EXPLANATION_CHARS: usize = 5_000;
/// Most characters the workshop themes of a draft may total, separators (`; `) included. The rules allow 50 themes
/// of 200 characters (about 10 000); past this a draft could not even be shown in one spreadsheet cell.
const MAX_THEMES_TOTAL_CHARS: usize = 20_000;

/// 422 for workshop themes far beyond what the rules allow (thousands of themes, or one huge text): such a draft
/// could never be submitted, and its spreadsheet template could not be written.
fn check_themes(grid: &IndicatorGrid) -> Result<(), ApiError> {
    let Some(themes) = &grid.workshop_themes else {
        return Ok(());
    };
    let total = themes
        .iter()
        .map(|t| t.chars().count())
        .sum::<usize>()
        .saturating_add(2 * themes.len().saturating_sub(1));
    if total > MAX_THEMES_TOTAL_CHARS {
        return Err(ApiError::field(
            "grid.workshop_themes",
            "too_long",
            format!(
                "{} thème(s) totalisant {total} caractères : {MAX_THEMES_TOTAL_CHARS} caractères au plus (la règle est de 50 thèmes de 200 caractères au plus) ; rien n'a été enregistré",
                themes.len()
            ),
        ));
    }
    Ok(())
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveReportRequest {
    /// The grid's fields by their exact names; absent fields are left empty. Money in integer cents.
    #[serde(default)]
    pub grid: IndicatorGrid,
    #[serde(default)]
    pub narrative: Narrative,
    /// One text per indicator that misses its target, keyed by indicator name.
    #[serde(default)]
    pub gap_explanations: BTreeMap<String, String>,
}

/// 422 for texts too long and explanations of unknown indicators.
pub(crate) fn check_texts(request: &SaveReportRequest) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    for (field, text) in [
        ("narrative.achievements", &request.narrative.achievements),
        (
            "narrative.financial_comment",
            &request.narrative.financial_comment,
        ),
    ] {
        if text
            .as_ref()
            .is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS)
        {
            errors.push(FieldError::new(
                field,
                "too_long",
                format!("{MAX_TEXT_CHARS} caractères au plus"),
            ));
        }
    }
    for (name, text) in &request.gap_explanations {
        let field = format!("gap_explanations.{name}");
        if indicator(name).is_none() {
            errors.push(FieldError::new(
                field,
                "unknown_indicator",
                format!("« {name} » n'est pas un indicateur"),
            ));
        } else if text.chars().count() > MAX_EXPLANATION_CHARS {
            errors.push(FieldError::new(
                field,
                "too_long",
                format!("{MAX_EXPLANATION_CHARS} caractères au plus"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(
            "brouillon refusé : textes invalides",
            errors,
        ))
    }
}

/// Saves a draft for the campus's coordinator: scope, role, closing date and year are checked, then `draft` (built
/// from what is stored) is written with the version check.
pub(crate) fn save_as_coordinator(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    year: AcademicYear,
    expected: Option<i64>,
    now: DateTime<Utc>,
    draft: impl FnOnce(&ReportContext) -> Draft,
) -> ApiResult<ReportContext> {
    let ctx = ReportContext::load(conn, caller, id, year)?;
    ctx.ensure_coordinator(caller)?;
    ctx.ensure_open(now)?;
    if ctx.report.is_some() && expected.is_none() {
        return Err(ApiError::PreconditionRequired(format!(
            "le rapport {year} existe déjà : envoyez l'en-tête If-Match avec l'ETag lu (GET du rapport), \
             pour ne pas écraser une modification faite entre-temps ; « * » et les étiquettes faibles (W/) ne \
             valent pas version"
        )));
    }
    if ctx.report.is_none() && !ctx.year_is_reportable(now) {
        return Err(ApiError::field(
            "year",
            "year_not_open",
            format!("le rapport {year} ne peut pas encore être commencé"),
        ));
    }
    let draft = draft(&ctx);
    check_themes(&draft.grid)?;
    let edit = Edit {
        actor: &caller.subject,
        expected_version: expected,
        at: now,
    };
    let saved = reports::save_draft(conn, id, year, &draft, &edit)?;
    Ok(ReportContext {
        report: Some(saved),
        ..ctx
    })
}

#[utoipa::path(
    tag = "reports",
    params(
        ("campus_id" = String, Path, description = "Campus id"),
        ("year" = String, Path, description = "Academic year, e.g. 2025-2026"),
        ("If-Match" = Option<String>, Header, description = "The ETag read: required when the report exists (428 without it), a stale one gets 412"),
    ),
    request_body = SaveReportRequest,
    responses(
        (status = 200, description = "Saved; warnings and missing fields in `validation`", body = ReportView,
         headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed JSON, id, year or If-Match", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 403, description = "Not this campus's coordinator", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 409, description = "Submitted or accepted report, or closing date passed", body = Problem),
        (status = 412, description = "Stale If-Match: nothing was overwritten", body = Problem),
        (status = 428, description = "The report exists and no If-Match (or `*`, or a weak tag) was sent: nothing was overwritten", body = Problem),
        (status = 413, description = "Body too large", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "Unknown field, wrong type, number out of range, body not an object, workshop themes far too long, year not open", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/reports/{year}")]
pub async fn save_report(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: Json<SaveReportRequest>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let expected = extract::if_match(&req)?;
    let request = body.0;
    check_texts(&request)?;
    let now = state.now();
    let ctx = db::run(&state, move |conn| {
        save_as_coordinator(conn, &caller, &id, year, expected, now, |_| Draft {
            grid: request.grid,
            narrative: request.narrative,
            gap_explanations: request.gap_explanations,
        })
    })
    .await?;
    Ok(ReportView::build(&ctx, now).respond())
}
