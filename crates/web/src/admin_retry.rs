//! `POST /administration/taches/notifications/{id}/relancer`: a failed delivery put back in the outbox, due at once
//! with all its attempts (the delivery job sends it on its next pass); back to the jobs' page with a notice.

use super::admin::admin_only;
use super::form::{field, Fields};
use super::layout::see_other;
use super::page_error::PageResult;
use super::session::{Session, CSRF_FIELD};
use actix_web::{post, web, HttpResponse};
use pilotage_app::admin::jobs::retry_delivery;
use pilotage_app::db;
use pilotage_app::error::ApiError;
use pilotage_app::state::AppState;

#[post("/administration/taches/notifications/{id}/relancer")]
pub async fn retry(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
    path: web::Path<String>,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    admin_only(&session)?;
    let id: i64 = path
        .parse()
        .map_err(|_| ApiError::NotFound("notification introuvable".into()))?;
    let now = state.now();
    let caller = session.caller.clone();
    db::run(&state, move |conn| retry_delivery(conn, &caller, id, now)).await?;
    Ok(see_other("/administration/taches?fait=relance#echecs"))
}
