//! `GET /analyse?annee=`: the network at a glance for the operator and the ministry — completeness by région, the
//! late and missing list, the review queue, and every campus with the state of its report.

use super::format::{self, date};
use super::layout::{html, page, progress_badge};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_analytics::{Completeness, Scope};
use pilotage_app::db;
use pilotage_app::error::ApiError;
use pilotage_app::reports::summaries;
use pilotage_app::state::AppState;
use pilotage_app::stats::{completeness_for, year_or_default};
use pilotage_domain::{french, AcademicYear, DeadlineKind, Progress, Role};

#[derive(serde::Deserialize)]
pub struct YearQuery {
    pub annee: Option<String>,
}

/// A scope of the statistics as people name it.
pub fn scope_name(scope: &str) -> String {
    match scope.parse::<Scope>() {
        Ok(Scope::Nation) => "France entière".to_owned(),
        Ok(Scope::Region(r)) => r.name().to_owned(),
        Ok(Scope::Campus(c)) => c.to_string(),
        Err(_) => scope.to_owned(),
    }
}

/// While reports of `year` may still come in for `scope` (`national`, `region:CODE`), the notice that its figures
/// are provisional, with their coverage: « 2026-2027 : 1 rapport sur 82 — chiffres provisoires. »
pub fn provisional_notice(completeness: &Completeness, scope: &str, year: AcademicYear) -> Markup {
    let count = completeness.provisional(scope);
    markup! {
        @if let Some(n) = count {
            div.fr-notice.fr-notice--info #provisoire {
                div.fr-container {
                    div.fr-notice__body {
                        p {
                            span.fr-notice__title { (year) " : " (french::provisional(n.submitted, n.expected)) "." }
                            " "
                            span.fr-notice__desc { "Les chiffres de l'année changeront à mesure que les rapports arriveront." }
                        }
                    }
                }
            }
        }
    }
}

/// `à venir` → `À venir`, for a column heading.
fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The years a page offers: the year being reported on and the four before it.
pub fn year_picker_years(now_year: AcademicYear) -> Vec<AcademicYear> {
    let mut years = Vec::new();
    let mut y = now_year;
    for _ in 0..5 {
        years.push(y);
        match y.previous() {
            Ok(p) => y = p,
            Err(_) => break,
        }
    }
    years
}

/// A form choosing the academic year of a page (GET: the page's address says what it shows).
pub fn year_picker(action: &str, year: AcademicYear, now_year: AcademicYear) -> Markup {
    let years = year_picker_years(now_year);
    markup! {
        form.inline method="get" action=(action) {
            label for="annee" { "Année universitaire" }
            select #annee name="annee" {
                @for y in &years {
                    option value=(y) selected[*y == year] { (y) }
                }
            }
            button.fr-btn.fr-btn--secondary type="submit" { "Afficher" }
        }
    }
}

#[get("/analyse")]
pub async fn overview(
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
    let completeness = completeness_for(&state, session.caller.clone(), year).await?;
    let caller = session.caller.clone();
    let items = db::run(&state, move |conn| {
        summaries(conn, &caller, year, None, now)
    })
    .await?;
    let queue: Vec<_> = items.iter().filter(|i| i.status == "submitted").collect();
    let columns = [
        Progress::OnTime,
        Progress::SubmittedLate,
        Progress::InProgress,
        Progress::Upcoming,
        Progress::Late,
        Progress::Missing,
    ];
    let content = markup! {
        (year_picker("/analyse", year, now_year))
        p { a href={ "/analyse/tableau?annee=" (year) } { "Interroger le réseau : indicateurs, cibles et écarts de chaque campus" } }
        (provisional_notice(&completeness, "national", year))
        h2 { "Complétude par région (" (year) ")" }
        div.scroll-box tabindex="0" role="region" aria-label="Complétude par région, tableau défilant" {
            table {
                thead {
                    tr { th scope="col" rowspan="2" { "Territoire" } th scope="colgroup" colspan=(columns.len() + 1) { "Rapports annuels" } th scope="colgroup" colspan="2" { "Enquêtes flash" } }
                    tr {
                        th scope="col" { "Attendus" }
                        @for p in &columns { th scope="col" { (capitalized(p.label())) } }
                        th scope="col" { "Attendues" } th scope="col" { "Transmises" }
                    }
                }
                tbody {
                    @for s in &completeness.scopes {
                        tr {
                            th scope="row" { (scope_name(&s.scope)) }
                            td { (s.annual_reports.expected) }
                            @for p in &columns { td { (s.annual_reports.of(*p)) } }
                            td { (s.flash_surveys.expected) } td { (s.flash_surveys.submitted) }
                        }
                    }
                }
            }
        }
        h2 { "Retards et documents manquants (" (completeness.follow_up.len()) ")" }
        @if completeness.follow_up.is_empty() {
            p { "Aucun retard : aucune échéance n'est passée sans son document." }
        } @else {
            div.scroll-box tabindex="0" role="region" aria-label="Retards et documents manquants, tableau défilant" {
                table {
                    thead { tr { th scope="col" { "Campus" } th scope="col" { "Région" } th scope="col" { "Document" } th scope="col" { "Situation" } th scope="col" { "Échéance" } } }
                    tbody {
                        @for f in &completeness.follow_up {
                            tr {
                                th scope="row" { a href={ "/campus/" (f.campus_id) } { (f.campus_name) } }
                                td { (f.region_code.name()) }
                                td { @if f.kind == DeadlineKind::FlashSurvey { "Enquête flash" } @else { "Rapport annuel" } }
                                td { (f.state.label()) }
                                td { (date(f.deadline)) }
                            }
                        }
                    }
                }
            }
        }
        h2 #file-de-relecture { "File de relecture (" (queue.len()) ")" }
        @if queue.is_empty() {
            p { "Aucun rapport en attente de relecture." }
        } @else {
            table {
                thead { tr { th scope="col" { "Campus" } th scope="col" { "Région" } th scope="col" { "Transmis le" } th scope="col" { "Ponctualité" } th scope="col" { "Action" } } }
                tbody {
                    @for i in &queue {
                        tr {
                            th scope="row" { (i.campus_name) }
                            td { (i.region_code.name()) }
                            td { (i.submitted_at.map(date).unwrap_or_default()) }
                            td { (format::timeliness(i.timeliness)) }
                            td { a href={ "/campus/" (i.campus_id) "/rapports/" (year) } { "Relire le rapport de " (i.campus_name) } }
                        }
                    }
                }
            }
        }
        details {
            summary { "Tous les campus (" (items.len()) ")" }
            table {
                thead { tr { th scope="col" { "Campus" } th scope="col" { "Région" } th scope="col" { "Statut du rapport " (year) } th scope="col" { "Situation" } } }
                tbody {
                    @for i in &items {
                        tr {
                            th scope="row" { a href={ "/campus/" (i.campus_id) } { (i.campus_name) } }
                            td { (i.region_code.name()) }
                            td { a href={ "/campus/" (i.campus_id) "/rapports/" (year) } { (format::queue_status(&i.status)) } }
                            td { (progress_badge(i.progress)) }
                        }
                    }
                }
            }
        }
    };
    Ok(html(
        StatusCode::OK,
        page(
            &format!("Suivi du réseau — {year}"),
            Some(&session),
            content,
        ),
    ))
}
