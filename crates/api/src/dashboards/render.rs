//! `GET /api/v1/dashboards/{name}.png|.svg?year=&scope=`: one dashboard, scoped by role. National dashboards
//! (national, gaps, completeness) show every campus: analysts, the ministry and admins. A régional dashboard: those,
//! and a regional client for its own région. A campus dashboard: those, the campus's coordinator, and a regional
//! client for a campus of its région. ETag from the data; `If-None-Match` gets 304.

use super::RenderCache;
use crate::stats::{
    answer_key, request_version, with_versioned_dataset, year_or_default, Confidential, Visibility,
};
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{get, web, HttpRequest, HttpResponse};
use pilotage_analytics::{Dataset, Scope};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::freshness::Answer;
use pilotage_app::state::AppState;
use pilotage_charts::dashboard::{render_withholding, Format};
use pilotage_charts::dashboard_spec::{DashboardSpec, ScopeKind};
use pilotage_domain::Role;
use serde::Deserialize;
use std::hash::{Hash, Hasher};
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct DashboardQuery {
    /// Academic year (default: the year whose report is due this year).
    pub year: Option<String>,
    /// `region:CODE` for a régional dashboard, `campus:ID` for a campus one (default: the caller's own).
    pub scope: Option<String>,
}

/// A fingerprint of everything a dashboard is drawn from.
fn fingerprint(data: &Dataset, parts: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut hasher);
    for r in &data.reports {
        (
            r.campus_id.as_str(),
            r.academic_year.start_year(),
            r.version,
            r.status.as_str(),
            r.updated_at.timestamp_micros(),
        )
            .hash(&mut hasher);
    }
    for s in &data.flash_surveys {
        (
            s.campus_id.as_str(),
            s.academic_year.start_year(),
            s.version,
        )
            .hash(&mut hasher);
    }
    serde_json::to_string(&data.campuses)
        .unwrap_or_default()
        .hash(&mut hasher);
    serde_json::to_string(&data.targets)
        .unwrap_or_default()
        .hash(&mut hasher);
    serde_json::to_string(&data.exceptions)
        .unwrap_or_default()
        .hash(&mut hasher);
    for c in &data.calendar {
        (
            c.annual_report_due.timestamp(),
            c.flash_survey_due.timestamp(),
        )
            .hash(&mut hasher);
    }
    format!("\"{:016x}\"", hasher.finish())
}

#[utoipa::path(
    tag = "dashboards",
    params(("file" = String, Path, description = "`national.png`, `region.svg`, …"), DashboardQuery),
    responses(
        (status = 200, description = "The dashboard, PNG or SVG as asked", content(("image/png"), ("image/svg+xml"))),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 400, description = "Malformed year", body = Problem),
        (status = 403, description = "A national dashboard asked for by a régional client or a coordinator", body = Problem),
        (status = 404, description = "No such dashboard, or a scope outside the caller's", body = Problem),
        (status = 422, description = "Malformed scope", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/dashboards/{file}")]
pub async fn render_dashboard(
    state: web::Data<AppState>,
    cache: web::Data<RenderCache>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<DashboardQuery>,
) -> ApiResult<HttpResponse> {
    let file = path.into_inner();
    let (name, format) = match file.rsplit_once('.') {
        Some((n, "png")) => (n.to_owned(), Format::Png),
        Some((n, "svg")) => (n.to_owned(), Format::Svg),
        _ => {
            return Err(ApiError::NotFound(format!(
                "tableau de bord « {file} » introuvable : demandez NOM.png ou NOM.svg"
            )))
        }
    };
    let specs = DashboardSpec::built_in().map_err(|e| ApiError::Internal(e.to_string()))?;
    let spec = specs
        .into_iter()
        .find(|s| s.name == name)
        .ok_or_else(|| ApiError::NotFound(format!("tableau de bord « {name} » introuvable")))?;
    let year = year_or_default(query.year.as_deref(), state.now())?;
    let asked: Option<Scope> = query
        .scope
        .as_deref()
        .map(|s| {
            s.parse()
                .map_err(|e: String| ApiError::field("scope", "invalid_scope", e))
        })
        .transpose()?;
    let scope = match (spec.scope, asked, caller.role) {
        (ScopeKind::National, _, Role::Analyst | Role::Ministry | Role::Admin) => Scope::Nation,
        (ScopeKind::National, _, _) => {
            return Err(ApiError::Forbidden("les tableaux de bord nationaux montrent chaque campus : réservés à l'opérateur et au ministère".into()))
        }
        (ScopeKind::Region, Some(s @ Scope::Region(_)), _) => s,
        (ScopeKind::Region, None, Role::Regional) => caller.region.map(Scope::Region).ok_or_else(|| ApiError::field("scope", "required", "région manquante"))?,
        (ScopeKind::Region, _, Role::Coordinator) => {
            return Err(ApiError::Forbidden("un tableau de bord régional montre les autres campus de la région".into()))
        }
        (ScopeKind::Region, _, _) => return Err(ApiError::field("scope", "required", "indiquez scope=region:CODE")),
        (ScopeKind::Campus, Some(s @ Scope::Campus(_)), _) => s,
        (ScopeKind::Campus, None, Role::Coordinator) => {
            caller.campus_ids.first().cloned().map(Scope::Campus).ok_or_else(|| ApiError::field("scope", "required", "campus manquant"))?
        }
        (ScopeKind::Campus, _, _) => return Err(ApiError::field("scope", "required", "indiquez scope=campus:IDENTIFIANT")),
    };
    if caller.role == Role::Coordinator && spec.scope == ScopeKind::Region {
        return Err(ApiError::Forbidden(
            "un tableau de bord régional montre les autres campus de la région".into(),
        ));
    }
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let now = state.now();
    // Kept per data version: an unchanged dashboard is answered without reading the data again.
    let key = answer_key(&req, &caller, &now.date_naive().to_string());
    let version = request_version(&req);
    if let Some(Answer {
        etag: Some(etag),
        body,
    }) = version.and_then(|v| state.freshness.answer(&key, v))
    {
        let unchanged = if_none_match.as_deref() == Some(etag.as_str());
        return Ok(respond(etag, (!unchanged).then_some(body), format));
    }
    let cache = cache.into_inner();
    let (version, (etag, bytes)) = with_versioned_dataset(&state, false, move |data| {
        if !Visibility::of(&caller, data).scope(&scope) || scope_is_unknown(data, &scope) {
            return Err(ApiError::NotFound(format!(
                "portée « {scope} » introuvable"
            )));
        }
        let etag = fingerprint(
            data,
            &format!(
                "{name}|{scope}|{year}|{}|{}|{}",
                format.extension(),
                now.date_naive(),
                caller.role
            ),
        );
        if if_none_match.as_deref() == Some(etag.as_str()) {
            return Ok((etag, None));
        }
        if let Some(bytes) = cache.get(&etag) {
            return Ok((etag, Some(bytes)));
        }
        // Regional clients see the figures under the same disclosure control as their statistics.
        let confidential = Confidential::for_caller(&caller, data)?;
        let withheld = |indicator: &str, s: &Scope, y| confidential.hides(indicator, s, y);
        let bytes = render_withholding(&spec, data, &scope, year, now, format, &withheld)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        cache.put(etag.clone(), bytes.clone());
        Ok((etag, Some(bytes)))
    })
    .await?;
    let bytes = bytes.map(Bytes::from);
    if let Some(body) = &bytes {
        let answer = Answer {
            etag: Some(etag.clone()),
            body: body.clone(),
        };
        state.freshness.keep_answer(key, version, answer);
    }
    Ok(respond(etag, bytes, format))
}

/// 200 with the image, or 304 when the caller has it already; with its ETag either way.
fn respond(etag: String, bytes: Option<Bytes>, format: Format) -> HttpResponse {
    match bytes {
        None => HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .finish(),
        Some(bytes) => HttpResponse::Ok()
            .content_type(format.content_type())
            .insert_header((header::ETAG, etag))
            .insert_header((header::CACHE_CONTROL, "private, no-cache"))
            .body(bytes),
    }
}

fn scope_is_unknown(data: &Dataset, scope: &Scope) -> bool {
    match scope {
        Scope::Nation => false,
        Scope::Region(r) => !data.campuses.iter().any(|c| c.region_code == *r),
        Scope::Campus(id) => !data.campuses.iter().any(|c| &c.id == id),
    }
}
