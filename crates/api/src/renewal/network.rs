//! `GET /api/v1/renewal?year=`: every campus in the caller's scope against the judged criteria over the three
//! academic years ending with `year`: who would qualify today (every due report handed in, every judged criterion
//! met), and on which criterion or missing year the others fail.

use crate::stats::year_or_default;
use actix_web::{get, web, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::renewal::network_withheld;
use pilotage_app::state::AppState;
use pilotage_domain::renewal::dossier::{forecast_checks, forecast_sound};
use pilotage_domain::renewal::{
    assess, coming_years, complete, failing, span_year, withhold_small_counts, years_between,
    Assessment, Basis,
};
use pilotage_domain::{AcademicYear, CampusId, CampusStatus, RegionCode, Role};
use pilotage_store::{campuses, renewal, reports};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct NetworkQuery {
    /// Last academic year of the three judged (default: the year whose report is due this year).
    pub year: Option<String>,
}

/// One judged criterion of a campus.
#[derive(Debug, Serialize, ToSchema)]
pub struct JudgedCriterion {
    pub code: &'static str,
    pub assessment: Assessment,
    pub figure: Option<f64>,
}

/// One campus of the table.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkRow {
    pub campus_id: CampusId,
    pub name: String,
    pub region_code: RegionCode,
    pub status: CampusStatus,
    /// The record is complete (every year already due has a handed-in report) and every judged criterion is met.
    pub qualifies: bool,
    /// Judged criteria not met or without figures.
    pub failing: Vec<&'static str>,
    pub criteria: Vec<JudgedCriterion>,
    /// Years of the three without a handed-in report (a year not due yet is listed but does not disqualify).
    pub missing_years: Vec<AcademicYear>,
    /// The forecast budget holds every coming year, balanced and co-financed at 50 % at least.
    pub forecast_complete_and_sound: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkTable {
    pub from: AcademicYear,
    pub to: AcademicYear,
    pub campuses: usize,
    pub qualifying: usize,
    pub rows: Vec<NetworkRow>,
}

#[utoipa::path(
    tag = "renewal",
    params(NetworkQuery),
    responses(
        (status = 200, description = "Every campus in scope: qualifies today or not, and on which criteria", body = NetworkTable),
        (status = 400, description = "Malformed year", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/renewal")]
pub async fn renewal_network(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<NetworkQuery>,
) -> ApiResult<HttpResponse> {
    let now = state.now();
    let to = year_or_default(query.year.as_deref(), now)?;
    let from = AcademicYear::starting(to.start_year() - 2).unwrap_or(to);
    let table = db::run(&state, move |conn| {
        let all = campuses::all(conn)?;
        let reports = reports::list_all(conn)?;
        let network = if caller.role == Role::Regional {
            network_withheld(&all, &reports)
        } else {
            BTreeMap::new()
        };
        let mut by_key: HashMap<(CampusId, AcademicYear), _> = reports
            .into_iter()
            .map(|r| ((r.campus_id.clone(), r.academic_year), r))
            .collect();
        let budgets = renewal::all_budgets(conn)?;
        let rows: Vec<NetworkRow> = all
            .into_iter()
            .filter(|c| caller.sees(c))
            .map(|campus| {
                let years: Vec<_> = years_between(from, to)
                    .into_iter()
                    .map(|y| span_year(y, by_key.remove(&(campus.id.clone(), y)).as_ref(), now))
                    .collect();
                let mut records = assess(&years, &BTreeMap::new());
                if caller.role == Role::Regional {
                    withhold_small_counts(&mut records, &years, &campus.id, &network);
                }
                let failing = failing(&records);
                let budget = budgets
                    .get(campus.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                NetworkRow {
                    qualifies: failing.is_empty() && complete(&years),
                    failing,
                    criteria: records
                        .iter()
                        .filter(|r| r.basis == Basis::Judged)
                        .map(|r| JudgedCriterion {
                            code: r.code,
                            assessment: r.assessment,
                            figure: r.figure,
                        })
                        .collect(),
                    missing_years: years
                        .iter()
                        .filter(|y| y.grid.is_none())
                        .map(|y| y.academic_year)
                        .collect(),
                    forecast_complete_and_sound: forecast_sound(&forecast_checks(
                        &coming_years(campus.convention),
                        budget,
                    )),
                    campus_id: campus.id,
                    name: campus.name,
                    region_code: campus.region_code,
                    status: campus.status,
                }
            })
            .collect();
        Ok(NetworkTable {
            from,
            to,
            campuses: rows.len(),
            qualifying: rows.iter().filter(|r| r.qualifies).count(),
            rows,
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(table))
}
