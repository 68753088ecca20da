//! `GET /`: each person's starting page — their campus for a coordinator, the network follow-up for an analyst,
//! the administration's index for an admin, the dashboards for the ministry and regional systems.

use super::layout::see_other;
use super::page_error::PageResult;
use super::session::Session;
use actix_web::{get, HttpResponse};
use pilotage_domain::Role;

#[get("/")]
pub async fn home(session: Session) -> PageResult<HttpResponse> {
    let caller = &session.caller;
    let location = match caller.role {
        Role::Coordinator => caller.campus_ids.first().map_or_else(
            || "/tableaux-de-bord".to_owned(),
            |id| format!("/campus/{id}"),
        ),
        Role::Analyst => "/analyse".to_owned(),
        Role::Admin => "/administration".to_owned(),
        Role::Ministry | Role::Regional => "/tableaux-de-bord".to_owned(),
    };
    Ok(see_other(&location))
}
