//! `POST /analyse/parametres/dates`: an analyst moves the year's dates from the page, through the same rules as
//! `PUT /api/v1/deadlines/{year}` (`pilotage_app::deadlines::set_as_analyst`). A date is typed as the browser's
//! date field sends it (AAAA-MM-JJ) or the French way (JJ/MM/AAAA); one left as it was is not moved.

use super::form::{self, field, Fields};
use super::page_error::PageResult;
use super::session::{Session, CSRF_FIELD};
use super::settings::{refused, Form, Kept, DATE_FIELDS};
use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use pilotage_app::db;
use pilotage_app::deadlines::{set_as_analyst, Deadlines, DeadlinesUpdate};
use pilotage_app::error::FieldError;
use pilotage_app::state::AppState;
use pilotage_app::stats::year_or_default;
use pilotage_domain::academic_year::{paris_end_of_day, paris_midnight};
use pilotage_domain::french::paris_date;
use pilotage_domain::Role;

/// A day as typed: AAAA-MM-JJ (the date field) or JJ/MM/AAAA.
fn day(typed: &str) -> Option<NaiveDate> {
    let typed = typed.trim();
    NaiveDate::parse_from_str(typed, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(typed, "%d/%m/%Y"))
        .ok()
}

/// The French label of a date field.
fn label(name: &str) -> &'static str {
    DATE_FIELDS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map_or("Date", |(_, l, _)| l)
}

/// An error of a date field, named by its label.
fn labelled(e: FieldError) -> FieldError {
    let message = format!("{} : {}", label(&e.field), e.message);
    FieldError { message, ..e }
}

#[post("/analyse/parametres/dates")]
pub async fn set_dates(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    let year = year_or_default(field(&form, "annee"), state.now())?;
    session.caller.require(&[Role::Analyst])?;
    let current = db::run(&state, move |conn| Ok(Deadlines::load(conn, year)?)).await?;
    let mut errors = Vec::new();
    let mut moved: [Option<DateTime<Utc>>; 4] = [None; 4];
    for (slot, (name, _, opening)) in moved.iter_mut().zip(DATE_FIELDS) {
        let was = match name {
            "annual_report_due" => current.annual_report_due,
            "annual_report_closing" => current.annual_report_closing,
            "flash_survey_opens" => current.flash_survey_opens,
            _ => current.flash_survey_due,
        };
        let typed = field(&form, name).unwrap_or("").trim();
        if typed.is_empty() {
            errors.push(labelled(FieldError::new(
                name,
                "required",
                "indiquez la date",
            )));
            continue;
        }
        match day(typed) {
            None => errors.push(labelled(FieldError::new(
                name,
                "invalid_date",
                format!("« {typed} » n'est pas une date : date attendue au format JJ/MM/AAAA"),
            ))),
            // The same day as now: left as it is (an hour set through the API stays).
            Some(d) if d == paris_date(was) => {}
            Some(d) => {
                *slot = Some(if opening {
                    paris_midnight(d)
                } else {
                    paris_end_of_day(d)
                });
            }
        }
    }
    if !errors.is_empty() {
        return refused(
            &state,
            &session,
            year,
            errors,
            Kept::new(Form::Dates, &form),
        )
        .await;
    }
    let [annual_report_due, annual_report_closing, flash_survey_opens, flash_survey_due] = moved;
    let update = DeadlinesUpdate {
        annual_report_due,
        annual_report_closing,
        flash_survey_opens,
        flash_survey_due,
    };
    let now = state.now();
    let caller = session.caller.clone();
    let set = db::run(&state, move |conn| {
        set_as_analyst(conn, &caller, year, update, now)
    })
    .await;
    let done = format!("/analyse/parametres?annee={year}&fait=dates");
    form::answer(set, done, |errors| {
        let errors = errors.into_iter().map(labelled).collect();
        refused(
            &state,
            &session,
            year,
            errors,
            Kept::new(Form::Dates, &form),
        )
    })
    .await
}
