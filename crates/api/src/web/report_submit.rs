//! `POST /campus/{id}/rapports/{year}/transmettre`: the coordinator submits, after ticking the confirmation. A
//! report that breaks a rule or leaves a missed target unexplained stays a draft, and the form shows every reason
//! beside its field.

use super::form::{self, field, Fields};
use super::layout::see_other;
use super::page_error::{PageError, PageResult};
use super::report_save::refused;
use super::session::{Session, CSRF_FIELD};
use crate::db;
use crate::error::{ApiError, FieldError};
use crate::extract;
use crate::reports::submit_as_coordinator;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};

#[post("/campus/{campus_id}/rapports/{year}/transmettre")]
pub async fn submit_report(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    let id = extract::campus_id(&path.0)?;
    let year = extract::year(&path.1)?;
    let expected = form::version(&form)?;
    if field(&form, "confirmation") != Some("oui") {
        let error = FieldError::new(
            "confirmation",
            "required",
            "cochez la case de confirmation pour transmettre le rapport",
        );
        return refused(&state, &session, id, year, None, vec![error]).await;
    }
    let now = state.now();
    let caller = session.caller.clone();
    let submitted = db::run(&state, {
        let id = id.clone();
        move |conn| submit_as_coordinator(conn, &caller, &id, year, expected, now)
    })
    .await;
    match submitted {
        Ok(_) => Ok(see_other(&format!(
            "/campus/{id}/rapports/{year}?fait=transmis#contenu"
        ))),
        Err(ApiError::Validation { errors, .. }) => {
            refused(&state, &session, id, year, None, errors).await
        }
        Err(e) => Err(PageError::Api(e)),
    }
}
