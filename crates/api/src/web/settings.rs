//! `GET /analyse/parametres?annee=`: what frames a year for the operator — its dates, the targets that apply and
//! the lock exceptions granted to campuses.

use super::format::date;
use super::layout::{html, page};
use super::overview::{year_picker, YearQuery};
use super::page_error::PageResult;
use super::session::Session;
use crate::db;
use crate::deadlines::Deadlines;
use crate::error::ApiError;
use crate::state::AppState;
use crate::stats::year_or_default;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::html as markup;
use pilotage_domain::indicators::indicator;
use pilotage_domain::{AcademicYear, DeadlineKind, Direction, Role, TargetScope};
use pilotage_store::{deadlines, targets};

fn scope_label(scope: &TargetScope) -> String {
    match scope {
        TargetScope::Nation => "France entière".to_owned(),
        TargetScope::Region(r) => r.name().to_owned(),
        TargetScope::Campus(c) => format!("campus {c}"),
    }
}

#[get("/analyse/parametres")]
pub async fn settings(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<YearQuery>,
) -> PageResult<HttpResponse> {
    session
        .caller
        .require(&[Role::Analyst, Role::Ministry, Role::Admin])?;
    let now = state.now();
    let year = year_or_default(query.annee.as_deref(), now)?;
    let now_year = AcademicYear::containing(now).map_err(|e| ApiError::Internal(e.to_string()))?;
    let (dates, year_targets, exceptions) = db::run(&state, move |conn| {
        Ok((
            Deadlines::load(conn, year)?,
            targets::list(conn, Some(year))?,
            deadlines::exceptions(conn, Some(year))?,
        ))
    })
    .await?;
    let content = markup! {
        (year_picker("/analyse/parametres", year, now_year))
        h2 { "Échéances " (year) }
        dl.summary {
            dt { "Rapport annuel dû le" } dd { (date(dates.annual_report_due)) }
            dt { "Clôture de la saisie" } dd { (date(dates.annual_report_closing)) }
            dt { "Ouverture de l'enquête flash" } dd { (date(dates.flash_survey_opens)) }
            dt { "Enquête flash due le" } dd { (date(dates.flash_survey_due)) }
        }
        h2 { "Dérogations accordées (" (exceptions.len()) ")" }
        @if exceptions.is_empty() {
            p { "Aucune dérogation pour cette année." }
        } @else {
            table {
                thead { tr { th scope="col" { "Campus" } th scope="col" { "Document" } th scope="col" { "Nouvelle date" } th scope="col" { "Motif" } } }
                tbody {
                    @for e in &exceptions {
                        tr {
                            th scope="row" { a href={ "/campus/" (e.campus_id) } { (e.campus_id) } }
                            td { @if e.kind == DeadlineKind::FlashSurvey { "Enquête flash" } @else { "Rapport annuel" } }
                            td { (date(e.due_at)) }
                            td { (e.reason) }
                        }
                    }
                }
            }
        }
        h2 { "Cibles (" (year_targets.len()) ")" }
        table {
            thead { tr { th scope="col" { "Indicateur" } th scope="col" { "Portée" } th scope="col" { "Cible" } } }
            tbody {
                @for t in &year_targets {
                    tr {
                        th scope="row" { (indicator(&t.indicator).map_or(t.indicator.as_str(), |i| i.label)) }
                        td { (scope_label(&t.scope)) }
                        td {
                            (if t.direction == Direction::AtLeast { "au moins " } else { "au plus " })
                            @if let Some(def) = indicator(&t.indicator) { (super::format::indicator_value(def, Some(t.value))) } @else { (t.value) }
                        }
                    }
                }
            }
        }
        p.hint { "Les cibles, échéances et dérogations se modifient par l'API (" code { "PUT /api/v1/targets" } ", " code { "PUT /api/v1/deadlines/" (year) } ", " code { "PUT /api/v1/campuses/{id}/lock-exceptions/" (year) "/annual_report" } ")." }
    };
    Ok(html(
        StatusCode::OK,
        page(
            &format!("Cibles et échéances — {year}"),
            Some(&session),
            content,
        ),
    ))
}
