//! `PUT /api/v1/campuses/{campus_id}/renewal/establishment`: the partner establishment's actions for the three
//! coming years and its grant's use (replaced whole).

use crate::extract::{self, Json};
use actix_web::{put, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::renewal::{refuse, writable};
use pilotage_app::state::AppState;
use pilotage_domain::renewal::inputs::check_plan;
use pilotage_domain::renewal::{coming_years, EstablishmentAction, EstablishmentPlan, GrantUse};
use pilotage_domain::AcademicYear;
use pilotage_store::renewal;
use serde::Serialize;
use utoipa::ToSchema;

/// The plan as stored, and the years it may cover.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstablishmentResponse {
    pub coming_years: Vec<AcademicYear>,
    // Not a flattened `EstablishmentPlan`: its schema forbids other properties, which would forbid `coming_years`.
    pub actions: Vec<EstablishmentAction>,
    pub grant_uses: Vec<GrantUse>,
}

#[utoipa::path(
    tag = "renewal",
    params(("campus_id" = String, Path, description = "Campus id")),
    request_body = EstablishmentPlan,
    responses(
        (status = 200, description = "The plan as stored", body = EstablishmentResponse),
        (status = 400, description = "Malformed JSON or campus id", body = Problem),
        (status = 403, description = "Neither a coordinator of the campus nor an analyst", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "A year outside the three coming years, a blank or too long text, a grant above 10 000 €, named by field", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/renewal/establishment")]
pub async fn put_renewal_establishment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: Json<EstablishmentPlan>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path)?;
    let now = state.now();
    let response = db::run(&state, move |conn| {
        let campus = writable(conn, &caller, &id)?;
        let coming = coming_years(campus.convention);
        refuse(check_plan(&body.0, &coming))?;
        renewal::set_plan(conn, &id, &body.0, &caller.subject, now)?;
        let plan = renewal::plan(conn, &id)?;
        Ok(EstablishmentResponse {
            coming_years: coming,
            actions: plan.actions,
            grant_uses: plan.grant_uses,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}
