//! An analyst's targets from the page: `POST /analyse/parametres/cibles` sets one, checked as by
//! `PUT /api/v1/targets`; `…/cibles/supprimer` removes a stored one once its box is ticked (as
//! `DELETE /api/v1/targets`); `…/cibles/copier` copies the previous year's stored targets, keeping the year's own.

use super::form::{self, field, Fields};
use super::layout::see_other;
use super::page_error::PageResult;
use super::session::{Session, CSRF_FIELD};
use super::settings::{refused, Form, Kept};
use actix_web::{post, web, HttpResponse};
use pilotage_app::db;
use pilotage_app::error::{ApiError, FieldError};
use pilotage_app::state::AppState;
use pilotage_app::stats::year_or_default;
use pilotage_app::targets::{copy_previous_as_analyst, remove_as_analyst, set_as_analyst};
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
        Err(errors) => {
            return refused(
                &state,
                &session,
                year,
                errors,
                Kept::new(Form::Target, &form),
            )
            .await
        }
    };
    let now = state.now();
    let caller = session.caller.clone();
    let set = db::run(&state, move |conn| {
        set_as_analyst(conn, &caller, &target, now)
    })
    .await;
    let done = format!("/analyse/parametres?annee={year}&fait=cible");
    form::answer(set, done, |errors| {
        refused(
            &state,
            &session,
            year,
            errors,
            Kept::new(Form::Target, &form),
        )
    })
    .await
}

#[post("/analyse/parametres/cibles/supprimer")]
pub async fn remove_target(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    let year = year_or_default(field(&form, "annee"), state.now())?;
    // Who may not remove is told so before being asked to confirm.
    session.caller.require(&[pilotage_domain::Role::Analyst])?;
    let scope = field(&form, "scope")
        .unwrap_or("")
        .trim()
        .parse::<TargetScope>()
        .map_err(|e| ApiError::field("scope", "invalid_scope", e.to_string()))?;
    let indicator = field(&form, "indicator").unwrap_or("").to_owned();
    if field(&form, "confirmation") != Some("oui") {
        let error = FieldError::new(
            "confirmation",
            "required",
            "cochez la case pour confirmer la suppression de la cible",
        );
        return refused(
            &state,
            &session,
            year,
            vec![error],
            Kept::new(Form::Remove, &form),
        )
        .await;
    }
    let now = state.now();
    let caller = session.caller.clone();
    let removed = db::run(&state, move |conn| {
        remove_as_analyst(conn, &caller, &indicator, &scope, year, now)
    })
    .await?;
    if !removed {
        return Err(ApiError::NotFound(
            "aucune cible enregistrée pour cet indicateur, cette portée et cette année".into(),
        )
        .into());
    }
    Ok(see_other(&format!(
        "/analyse/parametres?annee={year}&fait=suppression#cibles"
    )))
}

#[post("/analyse/parametres/cibles/copier")]
pub async fn copy_targets(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    let year = year_or_default(field(&form, "annee"), state.now())?;
    let now = state.now();
    let caller = session.caller.clone();
    let copied = db::run(&state, move |conn| {
        copy_previous_as_analyst(conn, &caller, year, now)
    })
    .await;
    let done = match &copied {
        Ok(c) => format!(
            "/analyse/parametres?annee={year}&fait=copie&copiees={}&conservees={}#cibles",
            c.copied, c.kept
        ),
        Err(_) => String::new(),
    };
    form::answer(copied, done, |errors| {
        refused(&state, &session, year, errors, Kept::new(Form::Copy, &form))
    })
    .await
}
