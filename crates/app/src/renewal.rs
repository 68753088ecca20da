//! The renewal record's use cases: a campus's multi-year record read within the caller's scope (under disclosure
//! control for a regional client) over a span of years, who may write its parts, and the refusal listing every
//! input that breaks a rule.

use crate::auth::Caller;
use crate::db;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::paths;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use pilotage_domain::disclosure::{by_year, Withheld};
use pilotage_domain::renewal::{
    convention_years, span_year, withhold_small_counts, years_between, InputIssue, RenewalRecord,
    MAX_SPAN_YEARS,
};
use pilotage_domain::{AcademicYear, AnnualReport, Campus, CampusId, RegionCode, Role};
use pilotage_store::{campuses, renewal, reports, DbConnection};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SpanQuery {
    /// First academic year of the span (default: the first year of the campus's current convention).
    pub from: Option<String>,
    /// Last academic year of the span (default: the last year of the campus's current convention).
    pub to: Option<String>,
}

fn query_year(name: &str, text: &str) -> ApiResult<AcademicYear> {
    text.parse()
        .map_err(|e| ApiError::BadRequest(format!("paramètre {name} : {e}")))
}

/// The span asked for, defaulting to the campus's convention; `from` after `to` or a span over 12 years is refused.
fn span(campus: &Campus, query: &SpanQuery) -> ApiResult<(AcademicYear, AcademicYear)> {
    let (default_from, default_to) =
        convention_years(campus.convention).map_err(|e| ApiError::Internal(e.to_string()))?;
    let from = match &query.from {
        Some(text) => query_year("from", text)?,
        None => default_from,
    };
    let to = match &query.to {
        Some(text) => query_year("to", text)?,
        None if from > default_to => from,
        None => default_to,
    };
    if from > to {
        return Err(ApiError::field(
            "from",
            "span_order",
            format!("l'année de début ({from}) doit précéder ou égaler l'année de fin ({to})"),
        ));
    }
    if to.start_year() - from.start_year() >= MAX_SPAN_YEARS {
        return Err(ApiError::field(
            "to",
            "span_too_long",
            format!("la période couvre {MAX_SPAN_YEARS} années universitaires au plus"),
        ));
    }
    Ok((from, to))
}

/// The record of a campus within the caller's scope (404 outside it, as for an absent campus); a regional client
/// reads it under disclosure control.
pub fn load_record(
    conn: &mut DbConnection,
    caller: &Caller,
    id: &CampusId,
    query: &SpanQuery,
    now: DateTime<Utc>,
) -> ApiResult<RenewalRecord> {
    let campus = caller.visible(id, campuses::get(conn, id)?)?;
    let (from, to) = span(&campus, query)?;
    let years = years_between(from, to)
        .into_iter()
        .map(|y| Ok(span_year(y, reports::get(conn, id, y)?.as_ref(), now)))
        .collect::<ApiResult<Vec<_>>>()?;
    let inputs = renewal::inputs(conn, id)?;
    let mut record = RenewalRecord::build(&campus, (from, to), &years, inputs);
    if caller.role == Role::Regional {
        let network = network_withheld(&campuses::all(conn)?, &reports::list_all(conn)?);
        withhold_small_counts(&mut record.criteria, &years, id, &network);
    }
    Ok(record)
}

/// What the disclosure rule withholds over the whole network, year by year, from the handed-in reports (the
/// ones the published statistics count).
pub fn network_withheld(
    campuses: &[Campus],
    reports: &[AnnualReport],
) -> BTreeMap<AcademicYear, Withheld> {
    let regions: HashMap<&CampusId, RegionCode> =
        campuses.iter().map(|c| (&c.id, c.region_code)).collect();
    by_year(
        reports
            .iter()
            .filter(|r| r.status.is_handed_in())
            .filter_map(|r| Some((r, *regions.get(&r.campus_id)?))),
    )
}

/// The record a GET asks for: the campus id of the path, the span of the query.
pub async fn read_record(
    state: &AppState,
    caller: Caller,
    campus_id: &str,
    query: SpanQuery,
) -> ApiResult<RenewalRecord> {
    let id = paths::campus_id(campus_id)?;
    let now = state.now();
    db::run(state, move |conn| {
        load_record(conn, &caller, &id, &query, now)
    })
    .await
}

/// The campus, if the caller may write its renewal: its coordinators and analysts (404 outside the caller's scope,
/// 403 for other roles).
pub fn writable(conn: &mut DbConnection, caller: &Caller, id: &CampusId) -> ApiResult<Campus> {
    let campus = caller.visible(id, campuses::get(conn, id)?)?;
    if caller.role == Role::Analyst || caller.coordinates(id) {
        Ok(campus)
    } else {
        Err(ApiError::Forbidden(
            "seules la coordination du campus et les analystes de l'opérateur peuvent écrire le dossier de poursuite".into(),
        ))
    }
}

/// 422 listing every input that breaks a rule.
pub fn refuse(issues: Vec<InputIssue>) -> ApiResult<()> {
    if issues.is_empty() {
        return Ok(());
    }
    let detail = issues
        .iter()
        .map(|i| format!("{} : {}", i.field, i.message))
        .collect::<Vec<_>>()
        .join(" ; ");
    Err(ApiError::validation(
        detail,
        issues
            .into_iter()
            .map(|i| FieldError::new(i.field, i.code, i.message))
            .collect(),
    ))
}
