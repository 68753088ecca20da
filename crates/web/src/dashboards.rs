//! `GET /tableaux-de-bord?annee=&region=`: the dashboards a person may see, drawn by the API's dashboard routes
//! (which accept the session cookie for reads), with the exports to download — national and régional for the
//! ministry and the operator, its région's for a regional system, their campuses' for a coordinator.

use super::layout::{html, page};
use super::overview::{provisional_notice, year_picker};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_app::error::ApiError;
use pilotage_app::state::AppState;
use pilotage_app::stats::{completeness_for, year_or_default};
use pilotage_charts::dashboard_spec::{DashboardSpec, ScopeKind};
use pilotage_domain::{AcademicYear, Region, RegionCode, Role};

#[derive(serde::Deserialize)]
pub struct DashboardQuery {
    annee: Option<String>,
    region: Option<String>,
}

const EXPORTS: [(&str, &str); 5] = [
    ("csv", "CSV"),
    ("json", "JSON"),
    ("parquet", "Parquet"),
    ("sdmx-csv", "SDMX-CSV"),
    ("sdmx-json", "SDMX-JSON"),
];

fn figure(spec: &DashboardSpec, query: &str, what: &str) -> Markup {
    markup! {
        figure.dashboard {
            img src={ "/api/v1/dashboards/" (spec.name) ".png?" (query) } alt={ (spec.title) " — " (what) };
            figcaption {
                (spec.title) " — " (what) " · "
                a href={ "/api/v1/dashboards/" (spec.name) ".svg?" (query) } { "SVG" }
                " · "
                a href={ "/api/v1/dashboards/" (spec.name) ".png?" (query) } download { "PNG" }
            }
        }
    }
}

#[get("/tableaux-de-bord")]
pub async fn dashboards(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<DashboardQuery>,
) -> PageResult<HttpResponse> {
    let now = state.now();
    let year = year_or_default(query.annee.as_deref(), now)?;
    let now_year = AcademicYear::containing(now).map_err(|e| ApiError::Internal(e.to_string()))?;
    let caller = &session.caller;
    let national = matches!(caller.role, Role::Analyst | Role::Ministry | Role::Admin);
    let region = match (
        caller.role,
        query.region.as_deref().filter(|r| !r.is_empty()),
    ) {
        (Role::Regional, _) => caller.region,
        (_, Some(r)) if national => Some(
            r.parse::<RegionCode>()
                .map_err(|e| ApiError::field("region", "unknown_region", e.to_string()))?,
        ),
        _ => None,
    };
    let specs = DashboardSpec::built_in().map_err(|e| ApiError::Internal(e.to_string()))?;
    let coverage = match (national, region) {
        (true, _) => Some("national".to_owned()),
        (false, Some(r)) => Some(format!("region:{r}")),
        _ => None,
    };
    let notice = match &coverage {
        Some(scope) => {
            let completeness = completeness_for(&state, caller.clone(), year).await?;
            provisional_notice(&completeness, scope, year)
        }
        None => markup! {},
    };
    let content = markup! {
        (year_picker("/tableaux-de-bord", year, now_year))
        (notice)
        @if national {
            h2 { "Tableaux de bord nationaux (" (year) ")" }
            @for spec in specs.iter().filter(|s| s.scope == ScopeKind::National) {
                (figure(spec, &format!("year={year}"), "France entière"))
            }
            h2 { "Tableau de bord régional" }
            form.inline method="get" action="/tableaux-de-bord" {
                input type="hidden" name="annee" value=(year);
                label for="region" { "Région académique" }
                select #region name="region" {
                    option value="" { "— choisir —" }
                    @for r in Region::ALL {
                        option value=(r.code) selected[region == Some(r.code)] { (r.name) }
                    }
                }
                button.fr-btn.fr-btn--secondary type="submit" { "Afficher" }
            }
        }
        @if let Some(r) = region {
            @for spec in specs.iter().filter(|s| s.scope == ScopeKind::Region) {
                (figure(spec, &format!("year={year}&scope=region:{r}"), r.name()))
            }
        }
        @if caller.role == Role::Coordinator {
            @for id in &caller.campus_ids {
                @for spec in specs.iter().filter(|s| s.scope == ScopeKind::Campus) {
                    (figure(spec, &format!("year={year}&scope=campus:{id}"), id.as_str()))
                }
            }
        }
        @if national {
            h2 { "Exports des indicateurs" }
            p { "Chaque indicateur de chaque campus, région et de la France entière, pour chaque année :" }
            ul.downloads {
                @for (format, label) in EXPORTS {
                    li { a href={ "/api/v1/exports/indicators?format=" (format) } download { "Télécharger au format " (label) } }
                }
            }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(
            &format!("Tableaux de bord — {year}"),
            Some(&session),
            content,
        ),
    ))
}
