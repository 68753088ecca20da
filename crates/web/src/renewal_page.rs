//! `GET /campus/{campus_id}/dossier-de-poursuite?from=&to=`: the renewal record as a standalone, print-ready page
//! (its own print stylesheet, no script) with the campus dashboard's charts inline as SVG. API clients read it too
//! (with their bearer token), so its errors are the API's problem+json, as they were at its old address. The JSON API's
//! `GET /api/v1/campuses/{campus_id}/renewal.html` redirects here.

use actix_web::{get, web, HttpResponse};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use pilotage_analytics::Scope;
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiError, ApiResult};
use pilotage_app::paths::CampusPath;
use pilotage_app::renewal::{read_record, SpanQuery};
use pilotage_app::state::AppState;
use pilotage_app::stats::{with_dataset, Confidential};
use pilotage_charts::dashboard::{render_withholding, Format};
use pilotage_charts::dashboard_spec::DashboardSpec;
use pilotage_domain::french::{count, date, euros, number, percent};
use pilotage_domain::renewal::budget::{budget_lines, line_label};
use pilotage_domain::renewal::{
    BudgetCheck, BudgetKind, Figure, FigureUnit, RenewalRecord, CONFIDENTIAL,
};

fn value_text(unit: FigureUnit, value: f64) -> String {
    match unit {
        FigureUnit::Count | FigureUnit::Texts => count(value),
        FigureUnit::Percent => percent(value),
        FigureUnit::Euros => euros(value),
    }
}

/// A number's cell, or a dash when there is none.
fn cell(value: Option<String>) -> Markup {
    html! {
        @match value {
            Some(text) => td.n { (text) },
            None => td class="n missing" { "—" },
        }
    }
}

/// What a figure comes to over the span: pooled for a rate, else mean, change and progression.
fn summary(figure: &Figure) -> Option<String> {
    match figure.unit {
        FigureUnit::Percent => figure
            .pooled
            .map(|p| format!("sur la période : {}", percent(p))),
        FigureUnit::Texts => None,
        unit => {
            let mut parts = Vec::new();
            if let Some(m) = figure.mean {
                let mean = match unit {
                    FigureUnit::Euros => euros(m),
                    _ => number(m, 1),
                };
                parts.push(format!("moyenne {mean}"));
            }
            if let Some(c) = figure.change {
                parts.push(format!("évolution {}", value_text(unit, c)));
            }
            if let Some(p) = figure.progression {
                parts.push(format!("progression {}", percent(p)));
            }
            (!parts.is_empty()).then(|| parts.join(", "))
        }
    }
}

fn figure_row(figure: &Figure) -> Markup {
    html! {
        tr {
            th { (figure.label) }
            @for v in &figure.values {
                @match (&v.texts, v.value, v.note) {
                    (Some(texts), _, _) => td { (texts.join(" ; ")) },
                    (None, Some(value), _) => (cell(Some(value_text(figure.unit, value)))),
                    (None, None, Some(CONFIDENTIAL)) => td.missing { "confidentiel" },
                    (None, None, note) => td.missing title=(note.unwrap_or("")) { "manquant" },
                }
            }
            td { (summary(figure).unwrap_or_default()) }
        }
    }
}

/// A table of figures: one column per year of the span, then the span's summary.
fn figures_table<'a>(r: &RenewalRecord, figures: impl IntoIterator<Item = &'a Figure>) -> Markup {
    html! {
        table {
            tr {
                th { "Chiffre" }
                @for y in &r.years { th { (y.academic_year) } }
                th { "Sur la période" }
            }
            @for figure in figures { (figure_row(figure)) }
        }
    }
}

fn criteria_part(r: &RenewalRecord) -> Markup {
    // A grid's heading goes before its first criterion.
    let starts_grid: Vec<bool> = r
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| i == 0 || r.criteria[i - 1].grid != c.grid)
        .collect();
    html! {
        h2 { "1. Grille de critères" }
        p { strong { (r.verdict()) } }
        @for (c, starts) in r.criteria.iter().zip(starts_grid) {
            @if starts {
                h3 { (c.grid.label()) }
            }
            @let class = serde_json::to_value(c.assessment)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            table {
                tr { th colspan="2" { (c.label) } }
                tr {
                    td { "Appréciation" }
                    td class=(class) {
                        (c.assessment.label())
                        @if let Some(rule) = c.rule { " — règle : " (rule) }
                    }
                }
                @if let Some(text) = &c.text {
                    tr { td { "Texte du campus" } td { (text) } }
                } @else if c.figures.is_empty() {
                    tr { td { "Texte du campus" } td.missing { "non renseigné" } }
                }
            }
            @if !c.figures.is_empty() {
                (figures_table(r, &c.figures))
            }
        }
    }
}

fn establishment_part(r: &RenewalRecord) -> Markup {
    let e = &r.establishment;
    let coming: Vec<String> = e.coming_years.iter().map(ToString::to_string).collect();
    html! {
        section.part {
            h2 {
                "2. Établissement de proximité : "
                (r.campus.partner_establishment.as_deref().unwrap_or("aucun établissement enregistré"))
            }
            h3 { "Actions envisagées pour les 3 ans à venir (" (coming.join(", ")) ")" }
            @if e.actions.is_empty() {
                p.missing { "Tableau non renseigné." }
            } @else {
                table {
                    tr { th { "Année" } th { "Action" } th { "Description" } }
                    @for a in &e.actions {
                        tr { td { (a.academic_year) } td { (a.action) } td { (a.description) } }
                    }
                }
            }
            h3 { "Usage de la dotation annuelle de 10 000 €" }
            @if e.grant_uses.is_empty() {
                p.missing { "Non renseigné." }
            } @else {
                table {
                    tr { th { "Année" } th { "Montant" } th { "Usage" } }
                    @for g in &e.grant_uses {
                        tr {
                            td { (g.academic_year) }
                            (cell(Some(euros(g.amount as f64 / 100.0))))
                            td { (g.description) }
                        }
                    }
                }
            }
            h3 { "Dotation déclarée dans les rapports annuels" }
            (figures_table(r, [&e.grant_received]))
        }
    }
}

/// A row of the budget table: its label and the text of a year.
type BudgetRow<'a> = (&'a str, &'a dyn Fn(&BudgetCheck) -> Option<String>);

fn budget_part(r: &RenewalRecord) -> Markup {
    let columns: Vec<&BudgetCheck> = r.budget.actual.iter().chain(&r.budget.forecast).collect();
    let money = |v: Option<i64>| v.map(|c| euros(c as f64 / 100.0));
    let yes_no = |b: bool| if b { "oui" } else { "non" }.to_owned();
    let rows: [BudgetRow; 6] = [
        ("Total des dépenses", &|c| money(c.total_expenses)),
        ("Total des recettes", &|c| money(c.total_revenues)),
        ("Solde (recettes − dépenses)", &|c| money(c.balance)),
        ("Part du cofinancement (hors État)", &|c| {
            c.cofinancing_share.map(percent)
        }),
        ("Budget équilibré", &|c| c.balanced.map(yes_no)),
        ("Cofinancement d'au moins 50 %", &|c| {
            c.cofinanced.map(yes_no)
        }),
    ];
    html! {
        section.part {
            h2 { "3. Budget prévisionnel pluriannuel" }
            table {
                tr {
                    th { "Ligne" }
                    @for c in &columns {
                        th {
                            (match c.kind { BudgetKind::Actual => "Réalisé", BudgetKind::Forecast => "Prévisionnel" })
                            " " (c.academic_year)
                        }
                    }
                }
                @for line in budget_lines() {
                    tr {
                        td { (line_label(line)) }
                        @for c in &columns { (cell(money(c.lines.get(line).copied().flatten()))) }
                    }
                }
                @for (label, value) in rows {
                    tr {
                        th { (label) }
                        @for c in &columns { (cell(value(c))) }
                    }
                }
                tr {
                    th { "Alertes" }
                    @for c in &columns {
                        @let words: Vec<&str> = c.issues.iter().map(|i| i.message).chain(c.note).collect();
                        td { (words.join(" ; ")) }
                    }
                }
            }
        }
    }
}

/// The whole page; `charts` is the campus dashboard as SVG (or `None` when it could not be drawn).
pub fn page(r: &RenewalRecord, charts: Option<&str>, generated: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (r.campus.name) " — dossier de poursuite" }
                link rel="stylesheet" href="/static/renewal.css";
            }
            body {
                main {
                    h1 { (r.campus.name) " — dossier de poursuite du dispositif" }
                    p {
                        "Collectivité porteuse : " (r.campus.local_authority) ". Convention "
                        (r.campus.convention.start_year) "–" (r.campus.convention.end_year)
                        ". Bilan des années " (r.from) " à " (r.to) ". Édité le " (generated) "."
                    }
                    table {
                        tr { th { "Année" } th { "Rapport annuel" } }
                        @for y in &r.years {
                            tr {
                                td { (y.academic_year) }
                                td class=[(!y.reported).then_some("missing")] { (y.note.unwrap_or("transmis")) }
                            }
                        }
                    }
                    (criteria_part(r))
                    (establishment_part(r))
                    (budget_part(r))
                    section.part {
                        h2 { "4. Tableau de bord du campus" }
                        @match charts {
                            // Drawn by our own chart code from the same figures (texts escaped by it).
                            Some(svg) => figure { (PreEscaped(svg)) },
                            None => p.missing { "Tableau de bord indisponible." },
                        }
                    }
                }
            }
        }
    }
}

#[get("/campus/{campus_id}/dossier-de-poursuite")]
pub async fn renewal_page(
    state: web::Data<AppState>,
    caller: Caller,
    path: CampusPath,
    query: web::Query<SpanQuery>,
) -> ApiResult<HttpResponse> {
    let now = state.now();
    let record = read_record(
        &state,
        caller.clone(),
        path.campus_id.as_str(),
        query.into_inner(),
    )
    .await?;
    // The dashboard of the last reported year of the span (else its last year).
    let year = record
        .years
        .iter()
        .rev()
        .find(|y| y.reported)
        .map_or(record.to, |y| y.academic_year);
    let scope = Scope::Campus(record.campus.id.clone());
    let svg = with_dataset(&state, false, move |data| {
        let spec = DashboardSpec::built_in()
            .map_err(|e| ApiError::Internal(e.to_string()))?
            .into_iter()
            .find(|s| s.name == "campus")
            .ok_or_else(|| ApiError::Internal("campus dashboard missing".into()))?;
        // Regional clients see the figures under the same disclosure control as their dashboards.
        let confidential = Confidential::for_caller(&caller, data)?;
        let withheld = |indicator: &str, s: &Scope, y| confidential.hides(indicator, s, y);
        let bytes = render_withholding(&spec, data, &scope, year, now, Format::Svg, &withheld)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| ApiError::Internal(e.to_string()))
    })
    .await?;
    let generated = date(now);
    let svg = svg.trim_start_matches(|c| c != '<');
    let svg = svg
        .strip_prefix("<?xml")
        .map_or(svg, |rest| rest.split_once("?>").map_or(rest, |(_, s)| s));
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page(&record, Some(svg), &generated).into_string()))
}
