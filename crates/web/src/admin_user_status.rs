//! `POST /administration/comptes/{id}/desactiver` and `…/reactiver`: an account deactivated (it can no longer
//! sign in, its sessions end; never the last active admin) or active again, as the API's
//! `DELETE /api/v1/admin/users/{id}` and `POST …/reactivate` (the same use cases); back to the list with a notice.

use super::admin::admin_only;
use super::form::{field, Fields};
use super::layout::see_other;
use super::page_error::PageResult;
use super::session::{Session, CSRF_FIELD};
use actix_web::{post, web, HttpResponse};
use pilotage_app::admin::users;
use pilotage_app::db;
use pilotage_app::error::ApiError;
use pilotage_app::state::AppState;

/// The account's id from the address (404 when it is not a number: no such account).
fn account_id(path: &str) -> Result<i64, ApiError> {
    path.parse()
        .map_err(|_| ApiError::NotFound("compte introuvable".into()))
}

async fn set_active(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
    path: String,
    active: bool,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    admin_only(&session)?;
    let id = account_id(&path)?;
    let now = state.now();
    let caller = session.caller.clone();
    db::run(&state, move |conn| {
        if active {
            users::reactivate(conn, &caller, id, now)
        } else {
            users::deactivate(conn, &caller, id, now)
        }
    })
    .await?;
    let done = if active { "reactive" } else { "desactive" };
    Ok(see_other(&format!("/administration/comptes?fait={done}")))
}

#[post("/administration/comptes/{id}/desactiver")]
pub async fn deactivate_account(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
    path: web::Path<String>,
) -> PageResult<HttpResponse> {
    set_active(state, session, form, path.into_inner(), false).await
}

#[post("/administration/comptes/{id}/reactiver")]
pub async fn reactivate_account(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
    path: web::Path<String>,
) -> PageResult<HttpResponse> {
    set_active(state, session, form, path.into_inner(), true).await
}
