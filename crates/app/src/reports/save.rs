//! Saving the coordinator's draft (a partial grid is fine; what is missing or inconsistent is returned, not
//! refused): the checks of its texts and themes, then the write with the version check.

use super::ReportContext;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
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

/// The French label of a report's text field (`narrative.achievements`, `gap_explanations.success_rate`), as the
/// form shows it and as its messages start; `None` for a field that is not one of the report's texts.
pub fn text_label(field: &str) -> Option<String> {
    match field {
        "narrative.achievements" => Some("Réalisations de l'année".to_owned()),
        "narrative.financial_comment" => Some("Commentaire du rapport financier".to_owned()),
        other => {
            let name = other.strip_prefix("gap_explanations.")?;
            Some(format!("Écart : {}", indicator(name)?.label))
        }
    }
}

/// 422 for texts too long and explanations of unknown indicators.
pub fn check_texts(request: &SaveReportRequest) -> Result<(), ApiError> {
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
                format!(
                    "{} : {} caractères au plus",
                    text_label(field).unwrap_or_default(),
                    pilotage_domain::french::count(MAX_TEXT_CHARS as f64)
                ),
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
                field.clone(),
                "too_long",
                format!(
                    "{} : {} caractères au plus",
                    text_label(&field).unwrap_or_default(),
                    pilotage_domain::french::count(MAX_EXPLANATION_CHARS as f64)
                ),
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
pub fn save_as_coordinator(
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
