//! The scanner: as a regional client of the demo network, every GET operation of `openapi/openapi.json` with
//! every campus, year, format, indicator, scope and dashboard; no answer may show a figure the disclosure rule
//! withholds, a raw count of 1 to 4, or a figure that gives one back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

mod checks;

use actix_web::dev::{Service, ServiceResponse};
use actix_web::test::{call_service, init_service, read_body, TestRequest};
use actix_web::{web, App};
use checks::{is_student_count, Findings, Truth};
use chrono::{Duration, Utc};
use pilotage::fixtures::Fixtures;
use pilotage_analytics::{observations, Audience, ObsStatus};
use pilotage_app::auth::TokenKeys;
use pilotage_app::AppState;
use pilotage_domain::{RegionCode, Role, SystemClock};
use pilotage_store::testing::TestDatabase;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;

const FORMATS: [&str; 5] = ["csv", "json", "parquet", "sdmx-csv", "sdmx-json"];

struct Answer {
    status: u16,
    content_type: String,
    bytes: Vec<u8>,
}

async fn fetch<S, B>(service: &S, token: &str, uri: &str) -> Answer
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: actix_web::body::MessageBody,
{
    let get = |uri: &str| {
        TestRequest::get()
            .uri(uri)
            .insert_header(("Authorization", format!("Bearer {token}")))
            .to_request()
    };
    let mut response = call_service(service, get(uri)).await;
    // A route that moved (the renewal record's page) is read where it went, with the same token: what the client
    // reads there is scanned too.
    if response.status().as_u16() == 308 {
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        response = call_service(service, get(&location)).await;
    }
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = read_body(response).await.to_vec();
    Answer {
        status,
        content_type,
        bytes,
    }
}

/// The query strings of a route: every combination of the values that matter.
fn combinations(axes: &[(&str, Vec<Option<String>>)]) -> Vec<String> {
    let mut out = vec![Vec::<String>::new()];
    for (name, values) in axes {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                values.iter().map(move |v| {
                    let mut p = prefix.clone();
                    if let Some(v) = v {
                        p.push(format!("{name}={v}"));
                    }
                    p
                })
            })
            .collect();
    }
    out.into_iter()
        .map(|p| {
            if p.is_empty() {
                String::new()
            } else {
                format!("?{}", p.join("&"))
            }
        })
        .collect()
}

fn area_of_scope(scope: &str) -> String {
    match scope.split_once(':') {
        Some((_, area)) => area.to_owned(),
        None => "FR".to_owned(),
    }
}

#[actix_web::test]
async fn a_regional_client_reads_no_withheld_figure_and_no_small_count_on_any_route() {
    let started = Instant::now();
    let now = Utc::now();
    let fixtures = Fixtures::embedded().unwrap();
    let db = TestDatabase::new().unwrap();
    let mut conn = db.connect().unwrap();
    pilotage::seed::run(&mut conn, &fixtures, now, true).unwrap();
    let data = pilotage_store::dataset::load(&mut conn, false).unwrap();
    // Polars blocks in place, which the test's single-threaded runtime forbids: the tables on their own thread.
    let (public, internal) = std::thread::scope(|s| {
        s.spawn(|| {
            (
                observations(&data, Audience::Public).unwrap(),
                observations(&data, Audience::Internal).unwrap(),
            )
        })
        .join()
        .unwrap()
    });
    let truth = Truth::new(&public, &internal);

    // The région with the most withheld campus figures.
    let mut withheld: BTreeMap<RegionCode, usize> = BTreeMap::new();
    for o in public
        .iter()
        .filter(|o| o.area_level == "campus" && o.obs_status == ObsStatus::Confidential)
    {
        let campus: pilotage_domain::CampusId = o.ref_area.parse().unwrap();
        *withheld
            .entry(data.region_of(&campus).unwrap())
            .or_default() += 1;
    }
    let (&region, &cells) = withheld.iter().max_by_key(|(_, n)| **n).unwrap();
    assert!(cells > 0, "the demo network withholds nothing");
    let own: Vec<String> = data
        .campuses
        .iter()
        .filter(|c| c.region_code == region)
        .map(|c| c.id.to_string())
        .collect();
    let other = data
        .campuses
        .iter()
        .find(|c| c.region_code != region)
        .unwrap()
        .id
        .to_string();
    let years: BTreeSet<String> = data
        .reports
        .iter()
        .map(|r| r.academic_year.to_string())
        .collect();
    let (first, last) = (
        years.first().unwrap().clone(),
        years.last().unwrap().clone(),
    );

    let pool = pilotage_store::pool(&db.url, 4).unwrap();
    let keys = TokenKeys::from_secret(&[7u8; 32]).unwrap();
    let state = AppState::new(pool, db.backend(), keys, Arc::new(SystemClock));
    let subject = fixtures
        .api_clients
        .iter()
        .find(|c| c.region_code == region)
        .map_or_else(|| "scanner".to_owned(), |c| c.client_id.clone());
    let token = state
        .tokens
        .issue(
            &subject,
            Role::Regional,
            vec![],
            Some(region),
            Duration::hours(1),
            now,
        )
        .unwrap();
    let service = init_service(
        App::new()
            .app_data(web::Data::new(state.clone()))
            .wrap(actix_web::middleware::from_fn(
                pilotage_app::security::security_headers,
            ))
            .configure(pilotage_api::configure)
            .configure(pilotage_web::configure),
    )
    .await;

    let list = |a: Answer| -> Vec<Value> {
        assert_eq!(a.status, 200);
        serde_json::from_slice::<Value>(&a.bytes)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let indicators: Vec<String> = list(fetch(&service, &token, "/api/v1/stats/indicators").await)
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_owned())
        .collect();
    let dashboards: Vec<(String, String)> =
        list(fetch(&service, &token, "/api/v1/dashboards").await)
            .iter()
            .map(|d| {
                (
                    d["name"].as_str().unwrap().to_owned(),
                    d["scope"].as_str().unwrap().to_owned(),
                )
            })
            .collect();

    let spec: Value =
        serde_json::from_str(include_str!("../../../../openapi/openapi.json")).unwrap();
    let some = |v: &[String]| -> Vec<Option<String>> { v.iter().cloned().map(Some).collect() };
    let with_none = |v: &[String]| -> Vec<Option<String>> {
        std::iter::once(None)
            .chain(v.iter().cloned().map(Some))
            .collect()
    };
    let years_v: Vec<String> = years.iter().cloned().collect();
    let mut scopes = vec!["national".to_owned(), format!("region:{region}")];
    scopes.extend(own.iter().map(|c| format!("campus:{c}")));
    let mut campuses_in_path = own.clone();
    campuses_in_path.push(other.clone());

    // Every request: (route template, uri).
    let mut requests: Vec<(String, String)> = Vec::new();
    for (template, ops) in spec["paths"].as_object().unwrap() {
        let Some(op) = ops.get("get") else { continue };
        let params: Vec<(String, String)> = op["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        (
                            p["name"].as_str().unwrap().to_owned(),
                            p["in"].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut paths = vec![template.clone()];
        for (name, _) in params.iter().filter(|(_, at)| at == "path") {
            let values: Vec<String> = match (template.as_str(), name.as_str()) {
                (_, "campus_id") => campuses_in_path.clone(),
                (_, "year") => years_v.clone(),
                ("/api/v1/dashboards/{file}", "file") => dashboards
                    .iter()
                    .flat_map(|(d, _)| [format!("{d}.svg"), format!("{d}.png")])
                    .collect(),
                (_, "date") => vec![now.date_naive().to_string()],
                (_, "file") => vec!["indicators.csv".to_owned()],
                (_, other) => panic!("{template}: no values for the path parameter {other}"),
            };
            let placeholder = format!("{{{name}}}");
            paths = paths
                .into_iter()
                .flat_map(|p| {
                    values
                        .iter()
                        .map(|v| p.replace(&placeholder, v))
                        .collect::<Vec<_>>()
                })
                .collect();
        }
        let query: Vec<&str> = params
            .iter()
            .filter(|(_, at)| at == "query")
            .map(|(n, _)| n.as_str())
            .collect();
        for path in paths {
            // The HTML record renders for seconds and holds the JSON record's figures: three campuses and the
            // foreign one.
            if template.ends_with("renewal.html")
                && !own
                    .iter()
                    .take(3)
                    .chain([&other])
                    .any(|c| path.contains(&format!("/{c}/")))
            {
                continue;
            }
            let mut axes: Vec<(&str, Vec<Option<String>>)> = Vec::new();
            for name in &query {
                let values = match *name {
                    // Dashboards render in seconds in debug and cannot be read back: the default year only.
                    "year" if template.starts_with("/api/v1/dashboards/") => vec![None],
                    "year" => with_none(&years_v),
                    // Targets are values analysts set, not figures of students: every year, no filter beyond.
                    "indicator" | "scope" if template == "/api/v1/targets" => vec![None],
                    "format" => some(&FORMATS.map(str::to_owned)),
                    "indicator" if template.ends_with("/series") => some(&indicators),
                    "indicator" => with_none(&indicators),
                    "scope" if template.ends_with("/series") => some(&scopes),
                    "scope" if template.starts_with("/api/v1/dashboards/") => {
                        let name = path.rsplit('/').next().unwrap().split('.').next().unwrap();
                        match dashboards
                            .iter()
                            .find(|(d, _)| d == name)
                            .map(|(_, s)| s.as_str())
                        {
                            Some("campus") => {
                                let mut v: Vec<Option<String>> = own
                                    .iter()
                                    .take(1)
                                    .map(|c| Some(format!("campus:{c}")))
                                    .collect();
                                v.push(Some(format!("campus:{other}")));
                                v
                            }
                            Some("region") => vec![None, Some(format!("region:{region}"))],
                            _ => vec![None],
                        }
                    }
                    "scope" => with_none(&scopes),
                    "campus" => with_none(&own),
                    "region" => vec![None, Some(region.to_string())],
                    // The default span, and every year (one axis: `to` follows `from`); the HTML page, whose
                    // figures are those of the JSON record, only at its default span (it is slow to render).
                    "from" if template.ends_with(".html") => vec![None],
                    // A series is every year already.
                    "from" if template.ends_with("/series") => vec![None],
                    "from" => vec![None, Some(format!("{first}&to={last}"))],
                    _ => vec![None],
                };
                axes.push((name, values));
            }
            for q in combinations(&axes) {
                requests.push((template.clone(), format!("{path}{q}")));
            }
            if query.contains(&"drafts") {
                requests.push((template.clone(), format!("{path}?drafts=true")));
            }
        }
    }

    let must_refuse = [
        "/api/v1/campuses/{campus_id}/reports/{year}",
        "/api/v1/campuses/{campus_id}/reports/{year}/history",
        "/api/v1/campuses/{campus_id}/reports/{year}/template.xlsx",
        "/api/v1/campuses/{campus_id}/flash-surveys/{year}",
    ];
    let staff_only =
        |t: &str| t.starts_with("/api/v1/admin/") || t.starts_with("/api/v1/snapshots");
    let mut findings = Findings::default();
    let mut tally: BTreeMap<String, BTreeMap<u16, usize>> = BTreeMap::new();
    let (mut figures, mut sheets) = (0usize, 0usize);
    for (template, uri) in &requests {
        let t0 = Instant::now();
        let a = fetch(&service, &token, uri).await;
        if std::env::var_os("SCAN_TRACE").is_some() {
            eprintln!("{:>6} ms {} {uri}", t0.elapsed().as_millis(), a.status);
        }
        *tally
            .entry(template.clone())
            .or_default()
            .entry(a.status)
            .or_default() += 1;
        let route = format!("GET {uri}");
        let foreign =
            uri.contains(&format!("/campuses/{other}")) || uri.contains(&format!("campus:{other}"));
        if foreign {
            if a.status != 404 {
                findings.add(
                    &route,
                    format!("a campus of another région answered {}, not 404", a.status),
                );
            }
            continue;
        }
        if must_refuse.contains(&template.as_str()) || staff_only(template) {
            if a.status != 403 {
                findings.add(&route, format!("answered {}, not 403", a.status));
            }
            continue;
        }
        if a.status >= 500 {
            findings.add(&route, format!("answered {}", a.status));
        }
        if !(200..300).contains(&a.status) {
            continue;
        }
        let ct = a.content_type.as_str();
        let mut shown: Vec<(String, String, String, f64)> = Vec::new();
        if ct.contains("json") {
            let body: Value =
                serde_json::from_slice(&a.bytes).unwrap_or_else(|e| panic!("{route}: {e}"));
            findings.walk(&route, "$", &body);
            collect_json(template, uri, &body, &mut shown);
        } else if ct.starts_with("text/csv") {
            let mut reader = csv::Reader::from_reader(a.bytes.as_slice());
            let headers: Vec<String> = reader
                .headers()
                .unwrap()
                .iter()
                .map(str::to_lowercase)
                .collect();
            let col = |n: &str| {
                headers
                    .iter()
                    .position(|h| h == n)
                    .unwrap_or_else(|| panic!("{route}: no column {n}"))
            };
            let sdmx = headers.contains(&"obs_value".to_owned());
            let (i, r, t, v) = (
                col("indicator"),
                col("ref_area"),
                col("time_period"),
                col(if sdmx { "obs_value" } else { "value" }),
            );
            for row in reader.records() {
                let row = row.unwrap();
                if let Ok(x) = row[v].parse::<f64>() {
                    let year = if sdmx {
                        sdmx_year(&row[t])
                    } else {
                        row[t].to_owned()
                    };
                    shown.push((row[i].to_owned(), row[r].to_owned(), year, x));
                }
            }
        } else if uri.contains("format=parquet") {
            use polars::prelude::*;
            let df = std::thread::scope(|s| {
                s.spawn(|| {
                    ParquetReader::new(std::io::Cursor::new(a.bytes.clone()))
                        .finish()
                        .unwrap()
                })
                .join()
                .unwrap()
            });
            let text = |n: &str| -> Vec<String> {
                df.column(n)
                    .unwrap()
                    .str()
                    .unwrap()
                    .iter()
                    .map(|s| s.unwrap_or("").to_owned())
                    .collect()
            };
            let values: Vec<Option<f64>> =
                df.column("value").unwrap().f64().unwrap().iter().collect();
            for (((i, r), t), v) in text("indicator")
                .into_iter()
                .zip(text("ref_area"))
                .zip(text("time_period"))
                .zip(values)
            {
                if let Some(v) = v {
                    shown.push((i, r, t, v));
                }
            }
        } else if uri.contains("renewal.xlsx") {
            sheets += 1;
            check_workbook(&route, &a.bytes, &mut findings);
        }
        for (indicator, area, year, value) in shown {
            figures += 1;
            findings.figure(&truth, &route, (&indicator, &area, &year), value);
        }
    }

    let mut summary = String::new();
    for (t, statuses) in &tally {
        summary.push_str(&format!("{t}: {statuses:?}\n"));
    }
    eprintln!(
        "région {region} ({cells} withheld campus cells, {} campuses), {} requests, {figures} figures checked, {sheets} workbooks, {:?}\n{summary}",
        own.len(),
        requests.len(),
        started.elapsed()
    );
    for (t, statuses) in &tally {
        if !(must_refuse.contains(&t.as_str()) || staff_only(t)) {
            assert!(
                statuses.keys().any(|s| (200..300).contains(s)),
                "{t} never answered 2xx: {statuses:?}"
            );
        }
    }
    assert!(figures > 0);
    assert!(
        findings.0.is_empty(),
        "{} disclosure findings:\n{}",
        findings.0.len(),
        findings
            .0
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `2024-09-01/P1Y` → `2024-2025`.
fn sdmx_year(period: &str) -> String {
    let start: i32 = period[..4].parse().unwrap();
    format!("{start}-{}", start + 1)
}

/// The figures of the JSON answers that name an indicator, an area and a year.
fn collect_json(
    template: &str,
    uri: &str,
    body: &Value,
    shown: &mut Vec<(String, String, String, f64)>,
) {
    let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    match template {
        "/api/v1/exports/indicators" if uri.contains("format=sdmx-json") => {
            let structure = &body["structure"];
            let dims = structure["dimensions"]["observation"].as_array().unwrap();
            let codes = |d: &Value, key: &str| -> Vec<String> {
                d["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| s(&v[key]))
                    .collect()
            };
            let (ind, area, year) = (
                codes(&dims[0], "id"),
                codes(&dims[1], "id"),
                codes(&dims[2], "name"),
            );
            for (key, obs) in body["dataSets"][0]["observations"].as_object().unwrap() {
                let at: Vec<usize> = key.split(':').map(|i| i.parse().unwrap()).collect();
                if let Some(v) = obs[0].as_f64() {
                    shown.push((
                        ind[at[0]].clone(),
                        area[at[1]].clone(),
                        year[at[2]].clone(),
                        v,
                    ));
                }
            }
        }
        "/api/v1/exports/indicators" => {
            for o in body.as_array().unwrap() {
                if let Some(v) = o["value"].as_f64() {
                    shown.push((
                        s(&o["indicator"]),
                        s(&o["ref_area"]),
                        s(&o["time_period"]),
                        v,
                    ));
                }
            }
        }
        "/api/v1/stats/series" => {
            let area = area_of_scope(&s(&body["scope"]));
            for p in body["points"].as_array().unwrap() {
                if let Some(v) = p["value"].as_f64() {
                    shown.push((
                        s(&body["indicator"]),
                        area.clone(),
                        s(&p["academic_year"]),
                        v,
                    ));
                }
            }
        }
        "/api/v1/stats/gaps" => {
            let year = s(&body["academic_year"]);
            for g in body["indicators"].as_array().unwrap() {
                let entries = g["national"]
                    .as_object()
                    .map(|_| &g["national"])
                    .into_iter()
                    .chain(
                        ["regions", "campuses", "missed"]
                            .iter()
                            .flat_map(|k| g[*k].as_array().unwrap().iter()),
                    );
                for e in entries {
                    if let Some(v) = e["gap"]["actual"].as_f64() {
                        shown.push((
                            s(&g["indicator"]),
                            area_of_scope(&s(&e["scope"])),
                            year.clone(),
                            v,
                        ));
                    }
                }
            }
        }
        "/api/v1/stats/criteria" => {
            for card in body["scorecards"].as_array().unwrap() {
                for c in card["criteria"].as_array().unwrap() {
                    let measured = pilotage_domain::criteria::BRAND_CRITERIA
                        .iter()
                        .find(|b| b.name == c["criterion"])
                        .and_then(|b| match b.measure {
                            pilotage_domain::criteria::Measure::Indicator(name) => Some(name),
                            _ => None,
                        });
                    if let (Some(name), Some(v)) = (measured, c["figure"].as_f64()) {
                        shown.push((
                            name.to_owned(),
                            s(&card["campus_id"]),
                            s(&card["academic_year"]),
                            v,
                        ));
                    }
                }
            }
        }
        "/api/v1/stats/outliers" => {
            for o in body["outliers"].as_array().unwrap() {
                shown.push((
                    s(&o["indicator"]),
                    s(&o["campus_id"]),
                    s(&o["academic_year"]),
                    o["value"].as_f64().unwrap(),
                ));
            }
            for f in body["forecast_accuracy"]["campuses"].as_array().unwrap() {
                shown.push((
                    "enrolment".into(),
                    s(&f["campus_id"]),
                    s(&f["academic_year"]),
                    f["actual"].as_f64().unwrap(),
                ));
            }
        }
        _ => {}
    }
}

/// The renewal workbook: on every sheet, a row whose label is a student-count figure has no cell of 1 to 4.
fn check_workbook(route: &str, bytes: &[u8], findings: &mut Findings) {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let labels: BTreeMap<&str, &str> = pilotage_domain::grid::GRID_FIELDS
        .iter()
        .filter(|f| is_student_count(f.name))
        .map(|f| (f.label, f.name))
        .collect();
    let is_year = |s: &str| s.len() == 9 && s.as_bytes()[4] == b'-';
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        // The columns of the years and the total (not the number of known years).
        let columns: BTreeSet<usize> = range
            .rows()
            .flat_map(|row| row.iter().enumerate())
            .filter_map(|(c, cell)| match cell {
                Data::String(s) if is_year(s.trim()) || s.trim().starts_with("Total") => Some(c),
                _ => None,
            })
            .collect();
        for (r, row) in range.rows().enumerate() {
            let Some(field) = row.iter().find_map(|c| match c {
                Data::String(s) => labels.get(s.trim()).copied(),
                _ => None,
            }) else {
                continue;
            };
            for (c, cell) in row.iter().enumerate().filter(|(c, _)| columns.contains(c)) {
                let v = match cell {
                    Data::Float(f) => *f,
                    Data::Int(i) => *i as f64,
                    _ => continue,
                };
                if (1.0..=4.0).contains(&v) && v.fract() == 0.0 {
                    findings.add(
                        route,
                        format!(
                            "sheet {name} row {} column {} ({field}) = {v}",
                            r + 1,
                            c + 1
                        ),
                    );
                }
            }
        }
    }
}
