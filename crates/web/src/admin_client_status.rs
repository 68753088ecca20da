//! `POST /administration/clients-api/{client_id}/desactiver` and `…/reactiver`: a client refused (no more tokens,
//! its tokens refused) or active again, as the API's `DELETE /api/v1/admin/api-clients/{client_id}` and
//! `POST …/reactivate` (the same use case); back to the list with a notice.

use super::admin::admin_only;
use super::form::{field, Fields};
use super::layout::see_other;
use super::page_error::PageResult;
use super::session::{Session, CSRF_FIELD};
use actix_web::{post, web, HttpResponse};
use pilotage_app::admin::api_clients;
use pilotage_app::db;
use pilotage_app::state::AppState;

async fn set_active(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
    client_id: String,
    active: bool,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    admin_only(&session)?;
    let now = state.now();
    let caller = session.caller.clone();
    db::run(&state, move |conn| {
        api_clients::set_active(conn, &caller, &client_id, active, now)
    })
    .await?;
    let done = if active { "reactive" } else { "desactive" };
    Ok(see_other(&format!(
        "/administration/clients-api?fait={done}"
    )))
}

#[post("/administration/clients-api/{client_id}/desactiver")]
pub async fn deactivate_api_client(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
    path: web::Path<String>,
) -> PageResult<HttpResponse> {
    set_active(state, session, form, path.into_inner(), false).await
}

#[post("/administration/clients-api/{client_id}/reactiver")]
pub async fn reactivate_api_client(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
    path: web::Path<String>,
) -> PageResult<HttpResponse> {
    set_active(state, session, form, path.into_inner(), true).await
}
