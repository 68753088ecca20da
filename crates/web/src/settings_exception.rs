//! `POST /analyse/parametres/derogations`: an analyst grants a campus a later date from the page, checked as by
//! `PUT /api/v1/campuses/{id}/lock-exceptions/{year}/{kind}`.

use super::form::{self, field, Fields};
use super::page_error::PageResult;
use super::session::{Session, CSRF_FIELD};
use super::settings::{refused, Form, Kept};
use actix_web::{post, web, HttpResponse};
use chrono::NaiveDate;
use pilotage_app::db;
use pilotage_app::deadlines::grant_as_analyst;
use pilotage_app::error::FieldError;
use pilotage_app::paths;
use pilotage_app::state::AppState;
use pilotage_app::stats::year_or_default;
use pilotage_domain::academic_year::paris_end_of_day;
use pilotage_domain::{DeadlineKind, LockException};

#[post("/analyse/parametres/derogations")]
pub async fn grant_exception(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    let year = year_or_default(field(&form, "annee"), state.now())?;
    let mut errors = Vec::new();
    let chosen = field(&form, "campus_id").unwrap_or("").trim();
    let campus_id = if chosen.is_empty() {
        errors.push(FieldError::new(
            "campus_id",
            "required",
            "choisissez le campus dans la liste",
        ));
        None
    } else {
        paths::campus_id(chosen)
            .map_err(|e| errors.push(FieldError::new("campus_id", "invalid", e.to_string())))
            .ok()
    };
    let kind =
        DeadlineKind::parse(field(&form, "kind").unwrap_or("")).filter(|k| k.allows_exception());
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            "invalid",
            "choisissez le rapport annuel ou l'enquête flash",
        ));
    }
    let due_at = NaiveDate::parse_from_str(field(&form, "due_at").unwrap_or("").trim(), "%Y-%m-%d")
        .map(paris_end_of_day)
        .map_err(|_| {
            errors.push(FieldError::new(
                "due_at",
                "invalid_date",
                "date attendue au format AAAA-MM-JJ",
            ))
        })
        .ok();
    let (Some(campus_id), Some(kind), Some(due_at)) = (campus_id, kind, due_at) else {
        return refused(
            &state,
            &session,
            year,
            errors,
            Kept::new(Form::Exception, &form),
        )
        .await;
    };
    let exception = LockException {
        campus_id,
        academic_year: year,
        kind,
        due_at,
        reason: field(&form, "reason").unwrap_or("").to_owned(),
    };
    let now = state.now();
    let caller = session.caller.clone();
    let granted = db::run(&state, move |conn| {
        grant_as_analyst(conn, &caller, exception, now)
    })
    .await;
    let done = format!("/analyse/parametres?annee={year}&fait=derogation");
    form::answer(granted, done, |errors| {
        refused(
            &state,
            &session,
            year,
            errors,
            Kept::new(Form::Exception, &form),
        )
    })
    .await
}
