//! The renewal record over the API: three hand-built years checked figure by figure, a missing year shown as
//! missing, the forecast budget's rules, bad inputs to the PUTs, the workbook read back, the page, the network table.

use crate::common::{get, json, send, TestApp, Who};
use actix_web::http::Method;
use calamine::{Data, Reader, Xlsx};
use pilotage_domain::{IndicatorGrid, ReportStatus};
use serde_json::{json, Value};
use std::io::Cursor;

/// The clean grid with these fields replaced.
fn grid_with(values: &[(&str, i64)]) -> IndicatorGrid {
    let mut g = crate::common::clean_grid_json();
    for (field, v) in values {
        g[*field] = Value::from(*v);
    }
    serde_json::from_value(g).unwrap()
}

/// enrolled, programmes (licence, master, doctorate, daeu, bts, other public, private), success,
/// revenues (state, local authority, region, partners, in kind) in cents.
fn year_grid(enrolled: i64, p: [i64; 7], success: i64, r: [i64; 5]) -> IndicatorGrid {
    grid_with(&[
        ("students_enrolled", enrolled),
        ("prog_licence", p[0]),
        ("prog_master", p[1]),
        ("prog_doctorate", p[2]),
        ("prog_daeu", p[3]),
        ("prog_bts", p[4]),
        ("prog_other_public", p[5]),
        ("prog_private", p[6]),
        ("outcome_success", success),
        ("rev_state", r[0]),
        ("rev_local_authority", r[1]),
        ("rev_region", r[2]),
        ("rev_partners", r[3]),
        ("rev_in_kind", r[4]),
        ("rev_other", 0),
    ])
}

/// Nevers with three handed-in years 2022-2023 to 2024-2025, on 20 October 2026.
fn three_years() -> TestApp {
    three_years_with(ReportStatus::Accepted)
}

/// The same, with the middle year's report in `middle` status.
fn three_years_with(middle: ReportStatus) -> TestApp {
    let app = TestApp::new("2026-10-20T10:00:00Z");
    let years = [
        (
            "2022-2023",
            year_grid(
                12,
                [6, 1, 0, 2, 1, 1, 1],
                9,
                [5_000_000, 3_000_000, 1_000_000, 500_000, 500_000],
            ),
        ),
        (
            "2023-2024",
            year_grid(
                18,
                [9, 2, 1, 3, 1, 0, 2],
                15,
                [5_000_000, 4_000_000, 2_000_000, 1_000_000, 0],
            ),
        ),
        (
            "2024-2025",
            year_grid(
                24,
                [12, 3, 0, 4, 3, 1, 1],
                20,
                [4_000_000, 6_000_000, 0, 0, 2_000_000],
            ),
        ),
    ];
    for (y, grid) in years {
        let status = if y == "2023-2024" {
            middle
        } else {
            ReportStatus::Accepted
        };
        app.put_report_with("nevers", y, status, Some("2025-08-20T10:00:00Z"), grid);
    }
    app
}

const SPAN: &str = "from=2022-2023&to=2024-2025";

fn criterion<'a>(record: &'a Value, code: &str) -> &'a Value {
    record["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap()
}

fn figure<'a>(record: &'a Value, code: &str, name: &str) -> &'a Value {
    criterion(record, code)["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap()
}

fn values(f: &Value) -> Vec<Value> {
    f["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].clone())
        .collect()
}

fn close(v: &Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 1e-9)
}

#[actix_web::test]
async fn three_hand_built_years_are_checked_figure_by_figure() {
    let app = three_years();
    let service = service!(app);
    let reply = send(
        &service,
        get(&format!("/api/v1/campuses/nevers/renewal?{SPAN}")),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let r = &reply.body;
    assert_eq!(
        (r["from"].as_str(), r["to"].as_str()),
        (Some("2022-2023"), Some("2024-2025"))
    );
    let enrolled = figure(r, "students_hosted", "students_enrolled");
    assert_eq!(
        values(enrolled),
        vec![json!(12.0), json!(18.0), json!(24.0)]
    );
    assert_eq!(
        (enrolled["total"].as_f64(), enrolled["mean"].as_f64()),
        (Some(54.0), Some(18.0))
    );
    assert_eq!(
        (
            enrolled["change"].as_f64(),
            enrolled["progression"].as_f64()
        ),
        (Some(12.0), Some(100.0))
    );
    let public = figure(r, "programmes", "public_share");
    assert!(close(&public["values"][0]["value"], 11.0 / 12.0 * 100.0));
    assert!(close(&public["pooled"], 50.0 / 54.0 * 100.0), "{public}");
    assert_eq!(
        values(figure(r, "programmes", "prog_lmd")),
        vec![json!(7.0), json!(12.0), json!(15.0)]
    );
    assert!(close(
        &figure(r, "programmes", "prog_bts_share")["values"][2]["value"],
        12.5
    ));
    assert!(close(
        &figure(r, "cofinancing", "cofinancing_share")["pooled"],
        20.0 / 34.0 * 100.0
    ));
    assert!(close(
        &figure(r, "success_rate", "success_rate")["pooled"],
        44.0 / 54.0 * 100.0
    ));
    assert_eq!(
        figure(r, "workshops", "workshop_themes")["values"][0]["texts"],
        json!(["Gestion du stress", "Prise de parole"])
    );
    assert_eq!(criterion(r, "students_hosted")["assessment"], "met");
    assert!(close(&criterion(r, "students_hosted")["figure"], 18.0));
    assert_eq!(criterion(r, "governance")["assessment"], "met");
    assert_eq!(criterion(r, "success_rate")["assessment"], "not_assessed");
    assert_eq!(criterion(r, "space_layout")["text"], Value::Null);
    assert_eq!(
        (r["qualifies"].as_bool(), r["failing"].clone()),
        (Some(true), json!([]))
    );
    // The actual budgets of the span beside the forecast of the three coming years (none written yet).
    assert_eq!(r["budget"]["actual"][0]["total_revenues"], 10_000_000);
    let coming: Vec<_> = r["budget"]["forecast"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["academic_year"].clone())
        .collect();
    assert_eq!(
        coming,
        vec![json!("2028-2029"), json!("2029-2030"), json!("2030-2031")]
    );
    assert_eq!(
        r["budget"]["forecast"][0]["note"],
        "budget prévisionnel non renseigné"
    );
    assert_eq!(
        r["establishment"]["grant_received"]["total"].as_f64(),
        Some(30_000.0)
    );
}

#[actix_web::test]
async fn a_missing_year_is_shown_as_missing_not_as_zero() {
    // 2023-2024 returned for correction: it does not count.
    let app = three_years_with(ReportStatus::Returned);
    let service = service!(app);
    let reply = send(
        &service,
        get("/api/v1/campuses/nevers/renewal?from=2022-2023&to=2025-2026"),
        app.token(Who::CoordinatorOwn).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let r = &reply.body;
    let enrolled = figure(r, "students_hosted", "students_enrolled");
    assert_eq!(
        values(enrolled),
        vec![json!(12.0), Value::Null, json!(24.0), Value::Null]
    );
    assert_eq!(
        enrolled["values"][1]["note"],
        "année manquante : rapport non transmis (brouillon ou renvoyé pour correction)"
    );
    assert_eq!(
        enrolled["values"][3]["note"],
        "année manquante : aucun rapport transmis"
    );
    assert_eq!(
        (enrolled["known_years"].as_u64(), enrolled["mean"].as_f64()),
        (Some(2), Some(18.0))
    );
    assert_eq!(r["years"][1]["reported"], false);
    assert_eq!(
        (r["complete"].as_bool(), r["qualifies"].as_bool()),
        (Some(false), Some(false))
    );
    assert_eq!(
        r["failing"],
        json!([]),
        "every judged criterion met on the years reported"
    );
    assert_eq!(r["budget"]["actual"][1]["total_revenues"], Value::Null);
    // Default span: the current convention (2025-2028), whose later years are not due yet.
    let default = send(
        &service,
        get("/api/v1/campuses/nevers/renewal"),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    let years: Vec<_> = default.body["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["academic_year"].clone(), y["note"].clone()))
        .collect();
    assert_eq!(
        years,
        vec![
            (
                json!("2025-2026"),
                json!("année manquante : aucun rapport transmis")
            ),
            (
                json!("2026-2027"),
                json!("année en cours ou à venir : rapport pas encore attendu")
            ),
            (
                json!("2027-2028"),
                json!("année en cours ou à venir : rapport pas encore attendu")
            ),
        ]
    );
    assert_eq!(
        default.body["failing"],
        json!(["cofinancing", "students_hosted", "programmes", "governance"])
    );
}

#[actix_web::test]
async fn the_forecast_budget_is_checked_for_balance_and_co_financing() {
    let app = three_years();
    let service = service!(app);
    let token = app.token(Who::CoordinatorOwn);
    let body = json!({"years": [
        {"academic_year": "2028-2029", "lines": {"exp_staff": 8_000_000, "exp_premises": 2_000_000, "rev_state": 5_000_000, "rev_local_authority": 5_000_000}},
        {"academic_year": "2029-2030", "lines": {"exp_staff": 10_000_000, "rev_state": 5_000_000, "rev_local_authority": 4_000_000}},
        {"academic_year": "2030-2031", "lines": {"exp_staff": 12_000_000, "rev_state": 6_000_000, "rev_region": 6_000_000}}
    ]});
    let reply = send(
        &service,
        json(Method::PUT, "/api/v1/campuses/nevers/renewal/budget", &body),
        token.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let f = &reply.body["forecast"];
    assert_eq!(
        (f[0]["balanced"].as_bool(), f[0]["cofinanced"].as_bool()),
        (Some(true), Some(true))
    );
    assert_eq!(f[0]["issues"], json!([]));
    assert!(close(&f[0]["cofinancing_share"], 50.0));
    assert_eq!(
        (
            f[1]["balanced"].as_bool(),
            f[1]["cofinanced"].as_bool(),
            f[1]["balance"].as_i64()
        ),
        (Some(false), Some(false), Some(-1_000_000))
    );
    let codes = |y: &Value| {
        y["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&f[1]), vec!["unbalanced", "cofinancing_below_50"]);
    assert_eq!(codes(&f[2]), vec!["state_above_cap"]);
    assert_eq!(reply.body["forecast_complete_and_sound"], false);

    let sound = json!({"years": [
        {"academic_year": "2028-2029", "lines": {"exp_staff": 10_000_000, "rev_state": 5_000_000, "rev_local_authority": 5_000_000}},
        {"academic_year": "2029-2030", "lines": {"exp_staff": 10_000_000, "rev_state": 4_000_000, "rev_local_authority": 6_000_000}},
        {"academic_year": "2030-2031", "lines": {"exp_staff": 10_000_000, "rev_state": 4_000_000, "rev_partners": 6_000_000}}
    ]});
    let reply = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/campuses/nevers/renewal/budget",
            &sound,
        ),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(
        (
            reply.status.as_u16(),
            reply.body["forecast_complete_and_sound"].as_bool()
        ),
        (200, Some(true)),
        "{}",
        reply.body
    );
    let record = send(
        &service,
        get("/api/v1/campuses/nevers/renewal"),
        token.as_deref(),
    )
    .await;
    assert_eq!(record.body["budget"]["forecast_complete_and_sound"], true);
}

/// The field names of a 422 answer.
fn fields(reply: &crate::common::Reply) -> Vec<String> {
    assert_eq!(reply.status, 422, "{}", reply.body);
    reply.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn bad_inputs_are_refused_naming_the_field_and_nothing_is_written() {
    let app = three_years();
    let service = service!(app);
    let token = app.token(Who::CoordinatorOwn);
    let put = |path: &str, body: Value| {
        json(
            Method::PUT,
            &format!("/api/v1/campuses/nevers/renewal/{path}"),
            &body,
        )
    };

    let reply = send(&service, put("budget", json!({"years": [{"academic_year": "2026-2027", "lines": {"exp_staf": 1, "rev_state": -1}}]})), token.as_deref()).await;
    assert_eq!(
        fields(&reply),
        vec![
            "years[0].academic_year",
            "years[0].lines.exp_staf",
            "years[0].lines.rev_state"
        ]
    );
    assert!(
        reply.body["detail"]
            .as_str()
            .unwrap()
            .contains("2028-2029, 2029-2030, 2030-2031"),
        "{}",
        reply.body
    );
    let reply = send(
        &service,
        put(
            "budget",
            json!({"years": [{"academic_year": "2028-2029", "lines": {"exp_staff": "12"}}]}),
        ),
        token.as_deref(),
    )
    .await;
    assert_eq!(fields(&reply), vec!["years[0].lines.exp_staff"]);
    let reply = send(
        &service,
        put(
            "budget",
            json!({"years": [{"academic_year": "2028-2029", "lines": {"exp_staff": 12.5}}]}),
        ),
        token.as_deref(),
    )
    .await;
    assert_eq!(fields(&reply), vec!["years[0].lines.exp_staff"]);
    let reply = send(
        &service,
        put(
            "budget",
            json!({"years": [{"academic_year": "2028/2029", "lines": {}}]}),
        ),
        token.as_deref(),
    )
    .await;
    assert_eq!(fields(&reply), vec!["years[0].academic_year"]);
    let reply = send(
        &service,
        put("budget", json!({"year": []})),
        token.as_deref(),
    )
    .await;
    assert_eq!(fields(&reply), vec!["year"]);
    let reply = send(&service, put("budget", json!([1])), token.as_deref()).await;
    assert_eq!(fields(&reply), vec!["(document)"]);

    let reply = send(
        &service,
        put(
            "texts",
            json!({"texts": {"space_layout": "Deux salles.", "relations": "x"}}),
        ),
        token.as_deref(),
    )
    .await;
    assert_eq!(fields(&reply), vec!["texts.relations"]);
    let long = "é".repeat(5_001);
    let reply = send(
        &service,
        put("texts", json!({"texts": {"space_layout": long}})),
        token.as_deref(),
    )
    .await;
    assert_eq!(fields(&reply), vec!["texts.space_layout"]);

    let plan = json!({
        "actions": [{"academic_year": "2025-2026", "action": " ", "description": "Ateliers"}],
        "grant_uses": [{"academic_year": "2028-2029", "amount": 1_000_001, "description": ""},
                       {"academic_year": "2028-2029", "amount": 500_000, "description": "Tutorat"}]
    });
    let reply = send(&service, put("establishment", plan), token.as_deref()).await;
    assert_eq!(
        fields(&reply),
        vec![
            "actions[0].academic_year",
            "actions[0].action",
            "grant_uses[0].amount",
            "grant_uses[0].description",
            "grant_uses[1].academic_year"
        ]
    );
    let reply = send(
        &service,
        put(
            "establishment",
            json!({"actions": [{"academic_year": "2028-2029", "action": "A"}]}),
        ),
        token.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert!(
        reply.body["detail"]
            .as_str()
            .unwrap()
            .contains("description"),
        "{}",
        reply.body
    );

    // Nothing of the refused bodies was written.
    let record = send(
        &service,
        get("/api/v1/campuses/nevers/renewal"),
        token.as_deref(),
    )
    .await;
    assert_eq!(criterion(&record.body, "space_layout")["text"], Value::Null);
    assert_eq!(
        (
            record.body["establishment"]["actions"].clone(),
            record.body["establishment"]["grant_uses"].clone()
        ),
        (json!([]), json!([]))
    );
    assert_eq!(
        record.body["budget"]["forecast"][0]["note"],
        "budget prévisionnel non renseigné"
    );

    // Bad spans.
    let analyst = app.token(Who::Analyst);
    for (span, field) in [
        ("from=2025-2026&to=2024-2025", "from"),
        ("from=2000-2001&to=2020-2021", "to"),
    ] {
        let uri = format!("/api/v1/campuses/nevers/renewal?{span}");
        let reply = send(&service, get(&uri), analyst.as_deref()).await;
        assert_eq!(fields(&reply), vec![field], "{span}");
    }
    let reply = send(
        &service,
        get("/api/v1/campuses/nevers/renewal?from=24-25"),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.body["detail"]
            .as_str()
            .unwrap()
            .starts_with("paramètre from"),
        "{}",
        reply.body
    );
}

#[actix_web::test]
async fn texts_and_the_establishment_plan_appear_in_the_record() {
    let app = three_years();
    let service = service!(app);
    let token = app.token(Who::CoordinatorOwn);
    let reply = send(&service, json(Method::PUT, "/api/v1/campuses/nevers/renewal/texts", &json!({"texts": {"space_layout": " Deux salles, un espace convivial. ", "partnerships": "Mission locale"}})), token.as_deref()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/campuses/nevers/renewal/texts",
            &json!({"texts": {"partnerships": ""}}),
        ),
        token.as_deref(),
    )
    .await;
    assert_eq!(
        reply.body,
        json!({"texts": {"space_layout": "Deux salles, un espace convivial."}})
    );
    let plan = json!({
        "actions": [{"academic_year": "2029-2030", "action": "Ateliers de méthodologie", "description": "Deux par semestre"}],
        "grant_uses": [{"academic_year": "2028-2029", "amount": 1_000_000, "description": "Formation des tuteurs"}]
    });
    let reply = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/campuses/nevers/renewal/establishment",
            &plan,
        ),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.body["coming_years"],
        json!(["2028-2029", "2029-2030", "2030-2031"])
    );
    let record = send(
        &service,
        get(&format!("/api/v1/campuses/nevers/renewal?{SPAN}")),
        token.as_deref(),
    )
    .await;
    assert_eq!(
        criterion(&record.body, "space_layout")["text"],
        "Deux salles, un espace convivial."
    );
    assert_eq!(criterion(&record.body, "partnerships")["text"], Value::Null);
    assert_eq!(record.body["establishment"]["actions"], plan["actions"]);
    assert_eq!(
        record.body["establishment"]["grant_uses"],
        plan["grant_uses"]
    );
}

fn cell(range: &calamine::Range<Data>, row: usize, col: usize) -> Data {
    range.get((row, col)).cloned().unwrap_or(Data::Empty)
}

fn find_row(range: &calamine::Range<Data>, col: usize, text: &str) -> usize {
    (0..range.height())
        .find(|r| cell(range, *r, col) == Data::String(text.to_owned()))
        .unwrap_or_else(|| panic!("{text}"))
}

#[actix_web::test]
async fn the_workbook_opens_back_with_one_sheet_per_part() {
    let app = three_years();
    app.put_report_with(
        "nevers",
        "2025-2026",
        ReportStatus::Draft,
        None,
        crate::common::clean_grid(),
    );
    let service = service!(app);
    let reply = send(
        &service,
        get("/api/v1/campuses/nevers/renewal.xlsx?from=2022-2023&to=2025-2026"),
        app.token(Who::Ministry).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply
        .content_type
        .starts_with("application/vnd.openxmlformats"));
    let mut book = Xlsx::new(Cursor::new(reply.bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec![
            "Critères",
            "Chiffres",
            "Établissement",
            "Budget prévisionnel"
        ]
    );
    let figures = book.worksheet_range("Chiffres").unwrap();
    let header = find_row(&figures, 0, "Critère");
    let years: Vec<_> = (2..6).map(|c| cell(&figures, header, c)).collect();
    assert_eq!(
        years,
        ["2022-2023", "2023-2024", "2024-2025", "2025-2026"].map(|y| Data::String(y.into()))
    );
    let row = find_row(&figures, 1, "Étudiants accueillis");
    let row_values: Vec<_> = (2..10).map(|c| cell(&figures, row, c)).collect();
    assert_eq!(
        row_values,
        vec![
            Data::Float(12.0),
            Data::Float(18.0),
            Data::Float(24.0),
            Data::String("manquant".into()),
            Data::Float(54.0),
            Data::Float(18.0),
            Data::Float(12.0),
            Data::Float(100.0)
        ]
    );
    let public = find_row(&figures, 1, "Part des formations publiques");
    match cell(&figures, public, 10) {
        Data::Float(x) => assert!((x - 50.0 / 54.0 * 100.0).abs() < 1e-9),
        other => panic!("{other:?}"),
    }
    let criteria = book.worksheet_range("Critères").unwrap();
    let row = find_row(&criteria, 1, "students_hosted");
    assert_eq!(cell(&criteria, row, 4), Data::String("Atteint".into()));
    assert_eq!(cell(&criteria, row, 5), Data::Float(18.0));
    let budget = book.worksheet_range("Budget prévisionnel").unwrap();
    assert_eq!(
        cell(&budget, 2, 1),
        Data::String("Réalisé 2022-2023".into())
    );
    assert_eq!(
        cell(&budget, 2, 5),
        Data::String("Prévisionnel 2028-2029".into())
    );
    let revenues = find_row(&budget, 0, "Total des recettes");
    assert_eq!(cell(&budget, revenues, 1), Data::Float(100_000.0));
    assert_eq!(cell(&budget, revenues, 4), Data::String("—".into()));
    let establishment = book.worksheet_range("Établissement").unwrap();
    assert!(matches!(cell(&establishment, 0, 0), Data::String(s) if s.contains("Université")));
}

#[actix_web::test]
async fn the_printable_page_is_standalone_with_the_campus_charts_inline() {
    let app = three_years();
    let service = service!(app);
    let reply = send(
        &service,
        get("/campus/nevers/dossier-de-poursuite?from=2022-2023&to=2025-2026"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.content_type, "text/html; charset=utf-8");
    // The API's old address of the page sends there, with the same query.
    let moved = actix_web::test::call_service(
        &service,
        actix_web::test::TestRequest::get()
            .uri("/api/v1/campuses/nevers/renewal.html?from=2022-2023&to=2025-2026")
            .insert_header((
                "Authorization",
                format!("Bearer {}", app.token(Who::RegionalOwn).unwrap()),
            ))
            .to_request(),
    )
    .await;
    assert_eq!(moved.status(), 308);
    let anonymous = send(&service, get("/api/v1/campuses/nevers/renewal.html"), None).await;
    assert_eq!(anonymous.status, 401, "the old address still needs a token");
    assert_eq!(
        moved.headers().get("location").unwrap(),
        "/campus/nevers/dossier-de-poursuite?from=2022-2023&to=2025-2026"
    );
    let page = String::from_utf8(reply.bytes).unwrap();
    assert!(page.to_ascii_lowercase().starts_with("<!doctype html>"));
    // Its print stylesheet is served, not inline: the page's Content-Security-Policy would block a <style>.
    assert!(
        !page.contains("<style") && !page.contains(" style="),
        "nothing inline"
    );
    assert!(page.contains("<link rel=\"stylesheet\" href=\"/static/renewal.css\">"));
    let sheet = send(&service, get("/static/renewal.css"), None).await;
    assert_eq!(sheet.content_type, "text/css; charset=utf-8");
    assert!(String::from_utf8(sheet.bytes)
        .unwrap()
        .contains("@media print"));
    assert!(page.contains("<svg"), "the campus dashboard inline");
    assert!(!page.contains("<script") && !page.contains("<?xml"));
    assert!(page.contains("Effectifs des étudiants accueillis par an (progression + moyenne)"));
    assert!(
        page.contains("moyenne 18,0, évolution 12, progression 100,0\u{a0}%"),
        "French numbers"
    );
    assert!(page.contains(
        "<td>2025-2026</td><td class=\"missing\">année manquante : aucun rapport transmis</td>"
    ));
    assert!(page.contains("title=\"année manquante : aucun rapport transmis\">manquant</td>"));
    assert!(page.contains("Prévisionnel 2028-2029"));
    assert!(
        page.contains("rapports annuels manquants : 2025-2026"),
        "the verdict names the missing year"
    );
}

#[actix_web::test]
async fn the_network_table_says_who_qualifies_and_on_which_criteria_others_fail() {
    let app = three_years();
    app.put_report_with(
        "autun",
        "2024-2025",
        ReportStatus::Submitted,
        Some("2025-08-20T10:00:00Z"),
        grid_with(&[
            ("students_enrolled", 10),
            ("prog_licence", 1),
            ("prog_master", 0),
            ("prog_daeu", 1),
            ("prog_bts", 1),
            ("prog_other_public", 0),
            ("prog_private", 7),
        ]),
    );
    let service = service!(app);
    let reply = send(
        &service,
        get("/api/v1/renewal?year=2024-2025"),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let t = &reply.body;
    assert_eq!(
        (
            t["from"].as_str(),
            t["to"].as_str(),
            t["campuses"].as_u64(),
            t["qualifying"].as_u64()
        ),
        (Some("2022-2023"), Some("2024-2025"), Some(3), Some(1))
    );
    let row = |id: &str| {
        t["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["campus_id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            row("nevers")["qualifies"].as_bool(),
            row("nevers")["failing"].clone()
        ),
        (Some(true), json!([]))
    );
    let autun = row("autun");
    assert_eq!(
        autun["failing"],
        // Its one report meets the co-financing criterion (51,8 %): it fails on the missing years' criteria.
        json!(["students_hosted", "programmes"])
    );
    assert_eq!(autun["missing_years"], json!(["2022-2023", "2023-2024"]));
    assert!(close(&autun["criteria"][1]["figure"], 10.0));
    assert_eq!(
        row("privas")["failing"],
        json!(["cofinancing", "students_hosted", "programmes", "governance"])
    );
    let ids = |who| {
        let token = app.token(who);
        let service = &service;
        async move {
            let reply = send(
                service,
                get("/api/v1/renewal?year=2024-2025"),
                token.as_deref(),
            )
            .await;
            reply.body["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["campus_id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(ids(Who::RegionalOwn).await, vec!["autun", "nevers"]);
    assert_eq!(ids(Who::CoordinatorOther).await, vec!["privas"]);
}

#[actix_web::test]
async fn a_regional_client_reads_the_record_under_disclosure_control() {
    let app = three_years();
    let service = service!(app);
    let uri = format!("/api/v1/campuses/nevers/renewal?{SPAN}");
    let reply = send(&service, get(&uri), app.token(Who::RegionalOwn).as_deref()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let r = &reply.body;
    // Enrolments of 12 to 24 are published; every programme split holds a count of 1 to 4: withheld whole.
    assert_eq!(
        values(figure(r, "students_hosted", "students_enrolled")),
        vec![json!(12.0), json!(18.0), json!(24.0)]
    );
    let public = figure(r, "programmes", "public_share");
    assert_eq!(values(public), vec![Value::Null, Value::Null, Value::Null]);
    assert_eq!(
        public["values"][0]["note"],
        "confidentiel : secret statistique (1 à 4 étudiants)"
    );
    assert_eq!(
        (
            public["pooled"].clone(),
            criterion(r, "programmes")["figure"].clone()
        ),
        (Value::Null, Value::Null)
    );
    assert_eq!(
        values(figure(r, "success_rate", "outcome_dropout")),
        vec![Value::Null, Value::Null, Value::Null]
    );
    assert_eq!(
        values(figure(r, "student_profile", "with_disability_share"))[0],
        Value::Null
    );
    assert!(close(
        &figure(r, "student_profile", "women_share")["values"][2]["value"],
        13.0 / 24.0 * 100.0
    ));
    assert_eq!(
        figure(r, "cofinancing", "revenues")["total"].as_f64(),
        Some(340_000.0)
    );
    // Internal roles see every figure.
    let analyst = send(&service, get(&uri), app.token(Who::Analyst).as_deref()).await;
    assert!(close(
        &figure(&analyst.body, "programmes", "public_share")["pooled"],
        50.0 / 54.0 * 100.0
    ));
    let table = send(
        &service,
        get("/api/v1/renewal?year=2024-2025"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    let nevers = table.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["campus_id"] == "nevers")
        .unwrap()
        .clone();
    assert_eq!(
        (
            nevers["criteria"][2]["code"].as_str(),
            nevers["criteria"][2]["figure"].clone()
        ),
        (Some("programmes"), Value::Null)
    );
    assert_eq!(nevers["qualifies"], true);
}
