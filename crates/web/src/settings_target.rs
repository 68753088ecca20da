//! `POST /analyse/parametres/cibles`: an analyst sets a target from the page, checked as by `PUT /api/v1/targets`.

use super::form::{self, field, Fields};
use super::page_error::PageResult;
use super::session::{Session, CSRF_FIELD};
use super::settings::refused;
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::error::FieldError;
use pilotage_app::state::AppState;
use pilotage_app::stats::year_or_default;
use pilotage_app::targets::set_as_analyst;
use pilotage_domain::{Direction, FieldKind, FieldValue, Target, TargetScope};
use pilotage_spreadsheet::parse_typed;

/// The target a form describes, or every field that cannot be read.
fn target(
    form: &[(String, String)],
    year: pilotage_domain::AcademicYear,
) -> Result<Target, Vec<FieldError>> {
    let mut errors = Vec::new();
    let scope = field(form, "scope")
        .unwrap_or("")
        .trim()
        .parse::<TargetScope>()
        .map_err(|e| errors.push(FieldError::new("scope", "invalid_scope", e.to_string())))
        .ok();
    let direction = Direction::parse(field(form, "direction").unwrap_or(""));
    if direction.is_none() {
        errors.push(FieldError::new(
            "direction",
            "invalid",
            "choisissez « au moins » ou « au plus »",
        ));
    }
    let value = match parse_typed(FieldKind::Decimal, field(form, "value").unwrap_or("")) {
        Ok(Some(FieldValue::Decimal(v))) => Some(v),
        Ok(_) => {
            errors.push(FieldError::new(
                "value",
                "required",
                "indiquez la valeur cible",
            ));
            None
        }
        Err(message) => {
            errors.push(FieldError::new("value", "invalid_value", message));
            None
        }
    };
    match (scope, direction, value) {
        (Some(scope), Some(direction), Some(value)) if errors.is_empty() => Ok(Target {
            indicator: field(form, "indicator").unwrap_or("").to_owned(),
            scope,
            academic_year: year,
            direction,
            value,
        }),
        _ => Err(errors),
    }
}

#[post("/analyse/parametres/cibles")]
pub async fn set_target(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    let year = year_or_default(field(&form, "annee"), state.now())?;
    let target = match target(&form, year) {
        Ok(target) => target,
        Err(errors) => return refused(&state, &session, year, errors).await,
    };
    let now = state.now();
    let caller = session.caller.clone();
    let set = db::run(&state, move |conn| {
        set_as_analyst(conn, &caller, &target, now)
    })
    .await;
    let done = format!("/analyse/parametres?annee={year}&fait=cible");
    form::answer(set, done, |errors| refused(&state, &session, year, errors)).await
}
