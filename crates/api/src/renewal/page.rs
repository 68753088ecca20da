//! `GET /api/v1/campuses/{campus_id}/renewal.html?from=&to=`: the renewal record as a standalone, print-ready page
//! (print stylesheet, no script) with the campus dashboard's charts inline as SVG.

use super::{read_record, SpanQuery};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;
use crate::stats::{with_dataset, Confidential};
use actix_web::{get, web, HttpResponse};
use pilotage_analytics::Scope;
use pilotage_charts::dashboard::{render_withholding, Format};
use pilotage_charts::dashboard_spec::DashboardSpec;
use pilotage_charts::format::{count, euros, number, percent};
use pilotage_domain::renewal::budget::{budget_lines, line_label};
use pilotage_domain::renewal::{BudgetCheck, Figure, FigureUnit, RenewalRecord, CONFIDENTIAL};
use std::fmt::Write;

/// Text made safe for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn value_text(unit: FigureUnit, value: f64) -> String {
    match unit {
        FigureUnit::Count | FigureUnit::Texts => count(value),
        FigureUnit::Percent => percent(value),
        FigureUnit::Euros => euros(value),
    }
}

fn cell(value: Option<String>) -> String {
    match value {
        Some(text) => format!("<td class=\"n\">{}</td>", esc(&text)),
        None => "<td class=\"n missing\">—</td>".to_owned(),
    }
}

fn figure_rows(out: &mut String, figure: &Figure) {
    let _ = write!(out, "<tr><th>{}</th>", esc(figure.label));
    for v in &figure.values {
        match (&v.texts, v.value, v.note) {
            (Some(texts), _, _) => {
                let _ = write!(out, "<td>{}</td>", esc(&texts.join(" ; ")));
            }
            (None, Some(value), _) => out.push_str(&cell(Some(value_text(figure.unit, value)))),
            (None, None, Some(CONFIDENTIAL)) => {
                out.push_str("<td class=\"missing\">confidentiel</td>");
            }
            (None, None, note) => {
                let _ = write!(
                    out,
                    "<td class=\"missing\" title=\"{}\">manquant</td>",
                    esc(note.unwrap_or(""))
                );
            }
        }
    }
    let summary = match figure.unit {
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
    };
    let _ = write!(out, "<td>{}</td></tr>", esc(&summary.unwrap_or_default()));
}

/// Opens a table of figures: one column per year of the span, then the span's summary.
fn year_header(out: &mut String, r: &RenewalRecord) {
    out.push_str("<table><tr><th>Chiffre</th>");
    for y in &r.years {
        let _ = write!(out, "<th>{}</th>", y.academic_year);
    }
    out.push_str("<th>Sur la période</th></tr>");
}

fn criteria_part(out: &mut String, r: &RenewalRecord) {
    out.push_str("<h2>1. Grille de critères</h2>");
    let _ = write!(out, "<p><strong>{}</strong></p>", esc(&r.verdict()));
    let mut grid = None;
    for c in &r.criteria {
        if grid != Some(c.grid) {
            let _ = write!(out, "<h3>{}</h3>", esc(c.grid.label()));
            grid = Some(c.grid);
        }
        let _ = write!(
            out,
            "<table><tr><th colspan=\"2\">{}</th></tr><tr><td>Appréciation</td><td class=\"{}\">{}{}</td></tr>",
            esc(c.label),
            serde_json::to_value(c.assessment).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            c.assessment.label(),
            c.rule.map(|rule| format!(" — règle : {}", esc(rule))).unwrap_or_default()
        );
        if let Some(text) = &c.text {
            let _ = write!(
                out,
                "<tr><td>Texte du campus</td><td>{}</td></tr>",
                esc(text)
            );
        } else if c.figures.is_empty() {
            out.push_str(
                "<tr><td>Texte du campus</td><td class=\"missing\">non renseigné</td></tr>",
            );
        }
        out.push_str("</table>");
        if !c.figures.is_empty() {
            year_header(out, r);
            for figure in &c.figures {
                figure_rows(out, figure);
            }
            out.push_str("</table>");
        }
    }
}

fn establishment_part(out: &mut String, r: &RenewalRecord) {
    let e = &r.establishment;
    let coming: Vec<String> = e.coming_years.iter().map(ToString::to_string).collect();
    let _ = write!(
        out,
        "<section class=\"part\"><h2>2. Établissement de proximité : {}</h2><h3>Actions envisagées pour les 3 ans à venir ({})</h3>",
        esc(r.campus.partner_establishment.as_deref().unwrap_or("aucun établissement enregistré")),
        coming.join(", ")
    );
    if e.actions.is_empty() {
        out.push_str("<p class=\"missing\">Tableau non renseigné.</p>");
    } else {
        out.push_str("<table><tr><th>Année</th><th>Action</th><th>Description</th></tr>");
        for a in &e.actions {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                a.academic_year,
                esc(&a.action),
                esc(&a.description)
            );
        }
        out.push_str("</table>");
    }
    out.push_str("<h3>Usage de la dotation annuelle de 10 000 €</h3>");
    if e.grant_uses.is_empty() {
        out.push_str("<p class=\"missing\">Non renseigné.</p>");
    } else {
        out.push_str("<table><tr><th>Année</th><th>Montant</th><th>Usage</th></tr>");
        for g in &e.grant_uses {
            let _ = write!(
                out,
                "<tr><td>{}</td>{}<td>{}</td></tr>",
                g.academic_year,
                cell(Some(euros(g.amount as f64 / 100.0))),
                esc(&g.description)
            );
        }
        out.push_str("</table>");
    }
    out.push_str("<h3>Dotation déclarée dans les rapports annuels</h3>");
    year_header(out, r);
    figure_rows(out, &e.grant_received);
    out.push_str("</table></section>");
}

/// A row of the budget table: its label and the text of a year.
type BudgetRow<'a> = (&'a str, &'a dyn Fn(&BudgetCheck) -> Option<String>);

fn budget_part(out: &mut String, r: &RenewalRecord) {
    out.push_str("<section class=\"part\"><h2>3. Budget prévisionnel pluriannuel</h2><table><tr><th>Ligne</th>");
    let columns: Vec<&BudgetCheck> = r.budget.actual.iter().chain(&r.budget.forecast).collect();
    for c in &columns {
        let kind = match c.kind {
            pilotage_domain::renewal::BudgetKind::Actual => "Réalisé",
            pilotage_domain::renewal::BudgetKind::Forecast => "Prévisionnel",
        };
        let _ = write!(out, "<th>{kind} {}</th>", c.academic_year);
    }
    out.push_str("</tr>");
    let money = |v: Option<i64>| v.map(|c| euros(c as f64 / 100.0));
    for line in budget_lines() {
        let _ = write!(out, "<tr><td>{}</td>", esc(line_label(line)));
        for c in &columns {
            out.push_str(&cell(money(c.lines.get(line).copied().flatten())));
        }
        out.push_str("</tr>");
    }
    let rows: [BudgetRow; 6] = [
        ("Total des dépenses", &|c| money(c.total_expenses)),
        ("Total des recettes", &|c| money(c.total_revenues)),
        ("Solde (recettes − dépenses)", &|c| money(c.balance)),
        ("Part du cofinancement (hors État)", &|c| {
            c.cofinancing_share.map(percent)
        }),
        ("Budget équilibré", &|c| {
            c.balanced.map(|b| if b { "oui" } else { "non" }.to_owned())
        }),
        ("Cofinancement d'au moins 50 %", &|c| {
            c.cofinanced
                .map(|b| if b { "oui" } else { "non" }.to_owned())
        }),
    ];
    for (label, value) in rows {
        let _ = write!(out, "<tr><th>{label}</th>");
        for c in &columns {
            out.push_str(&cell(value(c)));
        }
        out.push_str("</tr>");
    }
    out.push_str("<tr><th>Alertes</th>");
    for c in &columns {
        let mut words: Vec<&str> = c.issues.iter().map(|i| i.message).collect();
        words.extend(c.note);
        let _ = write!(out, "<td>{}</td>", esc(&words.join(" ; ")));
    }
    out.push_str("</tr></table></section>");
}

/// The whole page; `charts` is the campus dashboard as SVG (or `None` when it could not be drawn).
pub fn page(r: &RenewalRecord, charts: Option<&str>, generated: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{name} — dossier de poursuite</title><link rel=\"stylesheet\" href=\"/static/renewal.css\"></head><body>\
         <h1>{name} — dossier de poursuite du dispositif</h1><p>Collectivité porteuse : {la}. Convention {cs}–{ce}. Bilan des années {from} à {to}. Édité le {generated}.</p>",
        name = esc(&r.campus.name),
        la = esc(&r.campus.local_authority),
        cs = r.campus.convention.start_year,
        ce = r.campus.convention.end_year,
        from = r.from,
        to = r.to,
    );
    out.push_str("<table><tr><th>Année</th><th>Rapport annuel</th></tr>");
    for y in &r.years {
        let _ = write!(
            out,
            "<tr><td>{}</td><td{}>{}</td></tr>",
            y.academic_year,
            if y.reported { "" } else { " class=\"missing\"" },
            esc(y.note.unwrap_or("transmis"))
        );
    }
    out.push_str("</table>");
    criteria_part(&mut out, r);
    establishment_part(&mut out, r);
    budget_part(&mut out, r);
    out.push_str("<section class=\"part\"><h2>4. Tableau de bord du campus</h2>");
    match charts {
        Some(svg) => {
            let _ = write!(out, "<figure>{svg}</figure>");
        }
        None => out.push_str("<p class=\"missing\">Tableau de bord indisponible.</p>"),
    }
    out.push_str("</section></body></html>\n");
    out
}

#[utoipa::path(
    tag = "renewal",
    params(("campus_id" = String, Path, description = "Campus id"), SpanQuery),
    responses(
        (status = 200, description = "The record as a print-ready HTML page with the campus dashboard inline (SVG)", content_type = "text/html"),
        (status = 400, description = "Malformed campus id or year", body = Problem),
        (status = 401, description = "Missing or invalid token", body = Problem),
        (status = 404, description = "No such campus, or outside the caller's scope", body = Problem),
        (status = 422, description = "`from` after `to`, or a span over 12 years", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}/renewal.html")]
pub async fn renewal_page(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<SpanQuery>,
) -> ApiResult<HttpResponse> {
    let now = state.now();
    let record = read_record(&state, caller.clone(), &path, query.into_inner()).await?;
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
    let generated = now
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y")
        .to_string();
    let svg = svg.trim_start_matches(|c| c != '<');
    let svg = svg
        .strip_prefix("<?xml")
        .map_or(svg, |rest| rest.split_once("?>").map_or(rest, |(_, s)| s));
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page(&record, Some(svg), &generated)))
}
