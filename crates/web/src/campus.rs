//! `GET /campus/{id}`: a campus's page — for its coordinator the home page: the state of the report being
//! written and of the last one, of this year's flash survey, the time left before each deadline; the campus's
//! dashboard for everyone who may see the campus. A regional system's user gets the statuses, deadlines and
//! timeliness only: no review comment and no link to the reports' or the survey's content, which are not published
//! to regional systems (the dashboard and the renewal record it links to are under disclosure control for them).

use super::format::{self, date};
use super::layout::{badge, html, notice, page, report_status_badge};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::html as markup;
use pilotage_app::db;
use pilotage_app::error::ApiError;
use pilotage_app::flash_surveys::SurveyContext;
use pilotage_app::paths;
use pilotage_app::reports::{ReportContext, ReportView};
use pilotage_app::state::AppState;
use pilotage_domain::{AcademicYear, FlashSurveyStatus, ReportStatus};

#[get("/campus/{campus_id}")]
pub async fn campus_page(
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
) -> PageResult<HttpResponse> {
    let id = paths::campus_id(&path)?;
    let now = state.now();
    let current = AcademicYear::containing(now).map_err(|e| ApiError::Internal(e.to_string()))?;
    let previous = current
        .previous()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let caller = session.caller.clone();
    let (campus, reports, survey) = db::run(&state, move |conn| {
        let mut reports = Vec::new();
        let mut campus = None;
        for year in [current, previous] {
            let ctx = ReportContext::load(conn, &caller, &id, year)?;
            if ctx.report.is_some() || ctx.year_is_reportable(now) {
                reports.push(ReportView::build(&ctx, now));
            }
            campus = Some(ctx.campus);
        }
        let survey = SurveyContext::load(conn, &caller, &id, current)?.view(now);
        let campus = campus.ok_or_else(|| pilotage_app::auth::not_found_campus(&id))?;
        Ok((campus, reports, survey))
    })
    .await?;
    let coordinates = session.caller.coordinates(&campus.id);
    let content_shown = session.caller.reads_content();
    // The analyst's comment is part of the report's content: not for regional systems.
    let returned: Vec<_> = reports
        .iter()
        .filter(|r| content_shown && r.status == ReportStatus::Returned)
        .collect();
    let content = markup! {
        p.lead { (campus.commune) " — " (campus.region_code.name()) " — porté par " (campus.local_authority) }
        @for r in &returned {
            @if let Some(comment) = &r.review_comment {
                (notice("error", &format!("Rapport {} renvoyé pour correction. Commentaire de l'opérateur : {comment}", r.academic_year)))
            }
        }
        h2 { "Rapports et enquête" }
        table {
            caption.sr-only { "État des rapports annuels et de l'enquête flash" }
            thead { tr { th scope="col" { "Document" } th scope="col" { "Statut" } th scope="col" { "Échéance" } th scope="col" { "Délai" } @if content_shown { th scope="col" { "Action" } } } }
            tbody {
                @for r in &reports {
                    tr {
                        th scope="row" { "Rapport annuel " (r.academic_year) }
                        td { @if r.exists { (report_status_badge(r.status)) } @else { (badge("new", "non commencé")) } }
                        td { (date(r.deadline)) }
                        td { (format::progress(r.progress, r.deadline, now)) }
                        @if content_shown {
                            td {
                                a href={ "/campus/" (campus.id) "/rapports/" (r.academic_year) } {
                                    @if coordinates && r.editable { "Remplir le rapport " (r.academic_year) } @else { "Consulter le rapport " (r.academic_year) }
                                }
                            }
                        }
                    }
                }
                tr {
                    th scope="row" { "Enquête flash " (survey.academic_year) }
                    td { @match survey.status { FlashSurveyStatus::Submitted => "transmise", FlashSurveyStatus::Draft => @if survey.exists { "brouillon" } @else { "non commencée" } } }
                    td { (date(survey.deadline)) }
                    td { (format::progress(survey.progress, survey.deadline, now)) }
                    @if content_shown {
                        td {
                            a href={ "/campus/" (campus.id) "/enquete/" (survey.academic_year) } {
                                @if coordinates && survey.status == FlashSurveyStatus::Draft { "Répondre à l'enquête " (survey.academic_year) } @else { "Consulter l'enquête " (survey.academic_year) }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Tableau de bord du campus (" (previous) ")" }
        figure.dashboard {
            img src={ "/api/v1/dashboards/campus.png?scope=campus:" (campus.id) "&year=" (previous) }
                alt={ "Tableau de bord de " (campus.name) " pour l'année " (previous) " : indicateurs du campus comparés à leurs cibles et à la moyenne nationale" };
            figcaption { a href={ "/api/v1/dashboards/campus.svg?scope=campus:" (campus.id) "&year=" (previous) } { "Télécharger le tableau de bord (SVG)" } }
        }
        h2 { "Dossier de renouvellement" }
        p {
            "Le bilan du campus sur les années de sa convention, au regard des critères de renouvellement : "
            a href={ "/campus/" (campus.id) "/dossier-de-poursuite" } { "version imprimable" }
            " · "
            a href={ "/api/v1/campuses/" (campus.id) "/renewal.xlsx" } { "classeur (XLSX)" }
            "."
        }
    };
    Ok(html(
        StatusCode::OK,
        page(&campus.name, Some(&session), content),
    ))
}
