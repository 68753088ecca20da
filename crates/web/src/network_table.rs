//! `GET /analyse/tableau?annee=&region=&indicateur=&statut=&critere=&tri=&ordre=`: the analyst's question to the
//! network (« quels campus manquent la cible de réussite cette année ? ») — campuses × indicators with value,
//! target, gap, status, explanation and missed criteria, filtered and sorted; `/analyse/tableau.xlsx` and
//! `/analyse/tableau.csv` download exactly the rows and columns shown. A filter that cannot be read comes back
//! as 422 with the page, its filters as chosen and the error beside the filter.

use super::format;
use super::layout::{error_summary, html, input_id, page_in};
use super::overview::year_picker_years;
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_app::error::{ApiError, FieldError};
use pilotage_app::state::AppState;
use pilotage_app::stats::{
    criteria, network_table, parse_query, year_or_default, NetworkQuery, NetworkRow, RowStatus,
    SortKey,
};
use pilotage_charts::dashboard::unit;
use pilotage_domain::indicators::{Unit, INDICATORS};
use pilotage_domain::{AcademicYear, Direction, Region, Role};
use pilotage_spreadsheet::{write_shown_csv, write_shown_xlsx, NumberKind, ShownCell, ShownTable};

/// The page's address, as typed or linked.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct TableQuery {
    pub annee: Option<String>,
    pub region: Option<String>,
    pub indicateur: Option<String>,
    pub statut: Option<String>,
    pub critere: Option<String>,
    pub tri: Option<String>,
    pub ordre: Option<String>,
}

impl TableQuery {
    fn parsed(&self) -> Result<NetworkQuery, ApiError> {
        parse_query(
            self.region.as_deref(),
            self.indicateur.as_deref(),
            self.statut.as_deref(),
            self.critere.as_deref(),
            self.tri.as_deref(),
            self.ordre.as_deref(),
        )
    }

    /// The query string of this question (for the download links), `annee` fixed to `year`.
    fn to_query_string(&self, year: AcademicYear) -> String {
        let mut pairs = vec![("annee", year.to_string())];
        for (name, value) in [
            ("region", &self.region),
            ("indicateur", &self.indicateur),
            ("statut", &self.statut),
            ("critere", &self.critere),
            ("tri", &self.tri),
            ("ordre", &self.ordre),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                pairs.push((name, v.to_owned()));
            }
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

const HEADINGS: [&str; 9] = [
    "Campus",
    "Région",
    "Indicateur",
    "Valeur",
    "Cible",
    "Écart",
    "Situation",
    "Critères non remplis",
    "Explication de l'écart",
];

fn kind(u: Unit) -> NumberKind {
    match u {
        Unit::Percent => NumberKind::Percent,
        Unit::Euros => NumberKind::Euros,
        Unit::Students | Unit::Meetings => NumberKind::Count,
        Unit::StudentsPerFte => NumberKind::Decimal,
        Unit::Hours => NumberKind::Hours,
    }
}

/// A row's cells as shown (the same for the page, the XLSX and the CSV).
fn cells(row: &NetworkRow) -> Vec<ShownCell> {
    let ind = row.indicator;
    let shown = unit(ind);
    let target = row.target.as_ref().map(|t| t.value);
    let target_text = row.target.as_ref().map_or_else(
        || "—".to_owned(),
        |t| {
            let sign = if t.direction == Direction::AtLeast {
                "≥ "
            } else {
                "≤ "
            };
            format!("{sign}{}", format::indicator_value(ind, Some(t.value)))
        },
    );
    let criteria = if row.criteria_missed.is_empty() {
        "—".to_owned()
    } else {
        row.criteria_missed.join(" ; ")
    };
    vec![
        ShownCell::text(&row.campus_name),
        ShownCell::text(row.region_code.name()),
        ShownCell::text(ind.label),
        ShownCell::number(
            format::indicator_value(ind, row.value),
            row.value,
            kind(ind.unit),
        ),
        ShownCell::number(target_text, target, kind(ind.unit)),
        ShownCell::number(
            row.gap
                .map_or_else(|| "—".to_owned(), |g| shown.format_gap(g)),
            row.gap,
            kind(ind.unit),
        ),
        ShownCell::text(row.status.label()),
        ShownCell::text(criteria),
        ShownCell::text(row.explanation.as_deref().unwrap_or("—")),
    ]
}

/// What was asked, in words: « Région : Bourgogne-Franche-Comté ; indicateur : Taux de réussite ; … ».
fn question(query: &NetworkQuery) -> String {
    let mut parts = Vec::new();
    if let Some(r) = query.region {
        parts.push(format!("région : {}", r.name()));
    }
    if let Some(i) = query
        .indicator
        .and_then(pilotage_domain::indicators::indicator)
    {
        parts.push(format!("indicateur : {}", i.label));
    }
    if let Some(s) = query.status {
        parts.push(format!("situation : {}", s.label()));
    }
    if let Some(c) = query.criterion {
        let label = criteria()
            .into_iter()
            .find(|(name, _)| *name == c)
            .map_or(c, |(_, l)| l);
        parts.push(format!("critère non rempli : {label}"));
    }
    let order = if query.descending {
        "décroissant"
    } else {
        "croissant"
    };
    parts.push(format!("tri : {} ({order})", query.sort.label()));
    let text = parts.join(" ; ");
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn shown_table(year: AcademicYear, query: &NetworkQuery, rows: &[NetworkRow]) -> ShownTable {
    ShownTable {
        sheet_name: "Réseau".into(),
        title: format!("Campus connectés — indicateurs et cibles {year}"),
        notes: vec![
            question(query),
            format!(
                "{} ligne{} — source : Pilotage, rapports transmis",
                rows.len(),
                if rows.len() > 1 { "s" } else { "" }
            ),
        ],
        headings: HEADINGS.iter().map(|h| (*h).to_owned()).collect(),
        rows: rows.iter().map(cells).collect(),
    }
}

fn select(
    name: &str,
    label: &str,
    chosen: &Option<String>,
    options: &[(String, String)],
    errors: &[FieldError],
) -> Markup {
    let id = input_id(name);
    let error = errors.iter().find(|e| e.field == name);
    let chosen = chosen.as_deref().map(str::trim).unwrap_or("");
    markup! {
        div.filter {
            label for=(id) { (label) }
            @if let Some(e) = error { p.error-message id={ (id) "-erreur" } { "Erreur : " (e.message) } }
            select id=(id) name=(name) aria-describedby=[error.map(|_| format!("{id}-erreur"))] aria-invalid=[error.map(|_| "true")] {
                @for (value, text) in options {
                    option value=(value) selected[value == chosen] { (text) }
                }
            }
        }
    }
}

fn filters(
    year: AcademicYear,
    now_year: AcademicYear,
    q: &TableQuery,
    errors: &[FieldError],
) -> Markup {
    let all = |text: &str| (String::new(), text.to_owned());
    let years: Vec<(String, String)> = year_picker_years(now_year)
        .into_iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let mut regions = vec![all("Toutes les régions")];
    regions.extend(
        Region::ALL
            .iter()
            .map(|r| (r.code.to_string(), r.name.to_owned())),
    );
    let mut indicators = vec![all("Tous les indicateurs")];
    indicators.extend(
        INDICATORS
            .iter()
            .map(|i| (i.name.to_owned(), i.label.to_owned())),
    );
    let mut statuses = vec![all("Toutes les situations")];
    statuses.extend(RowStatus::ALL.map(|s| (s.as_str().to_owned(), s.label().to_owned())));
    let mut crits = vec![all("Tous les campus")];
    crits.extend(
        criteria()
            .into_iter()
            .map(|(n, l)| (n.to_owned(), l.to_owned())),
    );
    let sorts: Vec<(String, String)> = SortKey::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let orders = vec![
        ("croissant".to_owned(), "croissant".to_owned()),
        ("decroissant".to_owned(), "décroissant".to_owned()),
    ];
    let year_choice = Some(year.to_string());
    markup! {
        form.filters method="get" action="/analyse/tableau" {
            fieldset {
                legend { "Question posée au réseau" }
                (select("annee", "Année universitaire", &year_choice, &years, errors))
                (select("region", "Région académique", &q.region, &regions, errors))
                (select("indicateur", "Indicateur", &q.indicateur, &indicators, errors))
                (select("statut", "Situation par rapport à la cible", &q.statut, &statuses, errors))
                (select("critere", "Critère du label non rempli", &q.critere, &crits, errors))
                (select("tri", "Trier par", &q.tri, &sorts, errors))
                (select("ordre", "Ordre", &q.ordre, &orders, errors))
                button.fr-btn type="submit" { "Afficher" }
            }
        }
    }
}

fn table(rows: &[NetworkRow]) -> Markup {
    markup! {
        div.scroll-box tabindex="0" role="region" aria-label="Indicateurs des campus, tableau défilant" {
            table #tableau-reseau {
                thead { tr { @for h in HEADINGS { th scope="col" { (h) } } } }
                tbody {
                    @for row in rows {
                        @let shown = cells(row);
                        tr class=[(row.status == RowStatus::Missed).then_some("missed")] {
                            th scope="row" { a href={ "/campus/" (row.campus_id) } { (shown[0].text) } }
                            @for cell in &shown[1..] { td { (cell.text) } }
                        }
                    }
                }
            }
        }
    }
}

async fn answer(
    state: &AppState,
    session: &Session,
    query: &TableQuery,
) -> Result<(AcademicYear, NetworkQuery, Vec<NetworkRow>, usize), ApiError> {
    session
        .caller
        .require(&[Role::Analyst, Role::Ministry, Role::Admin])?;
    let year = year_or_default(query.annee.as_deref(), state.now())
        .map_err(|e| ApiError::field("annee", "invalid", e.to_string()))?;
    let asked = query.parsed()?;
    let table = network_table(state, &session.caller, year, asked.clone()).await?;
    Ok((year, asked, table.rows, table.campuses_reporting))
}

#[get("/analyse/tableau")]
pub async fn network_page(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<TableQuery>,
) -> PageResult<HttpResponse> {
    let now_year =
        AcademicYear::containing(state.now()).map_err(|e| ApiError::Internal(e.to_string()))?;
    let (status, content) = match answer(&state, &session, &query).await {
        Ok((year, asked, rows, reporting)) => {
            let links = query.to_query_string(year);
            (
                StatusCode::OK,
                markup! {
                    (filters(year, now_year, &query, &[]))
                    p role="status" {
                        strong { (rows.len()) " ligne" @if rows.len() > 1 { "s" } }
                        " — " (question(&asked)) " — " (reporting) " campus ayant transmis leur rapport " (year) "."
                    }
                    p.actions {
                        a href={ "/analyse/tableau.xlsx?" (links) } download { "Télécharger ce tableau (XLSX)" }
                        " · "
                        a href={ "/analyse/tableau.csv?" (links) } download { "Télécharger ce tableau (CSV)" }
                    }
                    @if rows.is_empty() {
                        p { "Aucun campus ne répond à cette question." }
                    } @else {
                        (table(&rows))
                    }
                },
            )
        }
        Err(ApiError::Validation { detail, errors }) => {
            let year = year_or_default(None, state.now())?;
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                markup! {
                    (error_summary(&detail, &errors))
                    (filters(year, now_year, &query, &errors))
                },
            )
        }
        Err(other) => return Err(other.into()),
    };
    Ok(html(
        status,
        page_in(
            "Interroger le réseau",
            Some(&session),
            &[("Suivi du réseau", "/analyse".to_owned())],
            content,
        ),
    ))
}

fn download(bytes: Vec<u8>, content_type: &str, file_name: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file_name)],
        })
        .body(bytes)
}

#[get("/analyse/tableau.xlsx")]
pub async fn network_xlsx(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<TableQuery>,
) -> PageResult<HttpResponse> {
    let (year, asked, rows, _) = answer(&state, &session, &query).await?;
    let bytes = write_shown_xlsx(&shown_table(year, &asked, &rows))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("reseau-{year}.xlsx"),
    ))
}

#[get("/analyse/tableau.csv")]
pub async fn network_csv(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<TableQuery>,
) -> PageResult<HttpResponse> {
    let (year, asked, rows, _) = answer(&state, &session, &query).await?;
    let bytes = write_shown_csv(&shown_table(year, &asked, &rows))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        format!("reseau-{year}.csv"),
    ))
}
