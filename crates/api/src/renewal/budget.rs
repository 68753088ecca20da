//! `PUT /api/v1/campuses/{campus_id}/renewal/budget`: the three-year forecast budget (replaced whole), answered
//! with its checks (balance, co-financing of at least 50 %, State subsidy cap).

use crate::extract::{self, Json};
use actix_web::{put, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::renewal::{refuse, writable};
use pilotage_app::state::AppState;
use pilotage_domain::renewal::dossier::{forecast_checks, forecast_sound};
use pilotage_domain::renewal::inputs::check_budget;
use pilotage_domain::renewal::{coming_years, BudgetCheck, BudgetYear};
use pilotage_store::renewal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The forecast, one entry per coming year, amounts in cents by line.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetRequest {
    pub years: Vec<BudgetYear>,
}

/// The forecast of each coming year with its checks.
#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetResponse {
    pub forecast: Vec<BudgetCheck>,
    /// Every coming year written, balanced and co-financed at 50 % at least, with no rule firing.
    pub forecast_complete_and_sound: bool,
}

#[utoipa::path(
    tag = "renewal",
    params(("campus_id" = String, Path, description = "Campus id")),
    request_body = BudgetRequest,
    responses(
        (status = 200, description = "The forecast as stored, with the checks of each year (an unbalanced or under-co-financed forecast is saved and flagged)", body = BudgetResponse),
        (status = 400, description = "Malformed JSON or campus id", body = Problem),
        (status = 403, description = "Neither a coordinator of the campus nor an analyst", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 415, description = "Not JSON", body = Problem),
        (status = 422, description = "A year outside the three coming years or given twice, an unknown line, an amount out of range, named by field", body = Problem),
    ),
    security(("bearer" = []))
)]
#[put("/campuses/{campus_id}/renewal/budget")]
pub async fn put_renewal_budget(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: Json<BudgetRequest>,
) -> ApiResult<HttpResponse> {
    let id = extract::campus_id(&path)?;
    let now = state.now();
    let forecast = db::run(&state, move |conn| {
        let campus = writable(conn, &caller, &id)?;
        let coming = coming_years(campus.convention);
        refuse(check_budget(&body.0.years, &coming))?;
        renewal::set_budget(conn, &id, &body.0.years, &caller.subject, now)?;
        Ok(forecast_checks(&coming, &renewal::budget(conn, &id)?))
    })
    .await?;
    Ok(HttpResponse::Ok().json(BudgetResponse {
        forecast_complete_and_sound: forecast_sound(&forecast),
        forecast,
    }))
}
