//! The authorization matrix: every endpoint × every kind of caller (anonymous, coordinator of the campus and of
//! another, regional client of its région and of another, ministry, admin, analyst), with the status each gets.
//! The campus under test is `nevers` (BFC); a campus out of scope is never revealed (404, as if absent). A regional
//! client of the campus's région gets 403 on the content of its reports and flash surveys (grid, history,
//! template, answers), which is not published to regional systems.

use crate::common::{get, json, send, TestApp, Who};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use pilotage_domain::ReportStatus;
use serde_json::{json, Value};

/// One row of the matrix: a request (built per caller, so that creations do not collide) and the status of
/// each caller, in the order of `Who::ALL`.
struct Row {
    name: &'static str,
    request: Box<dyn Fn(Who) -> TestRequest>,
    expected: [u16; 8],
}

fn row(
    name: &'static str,
    request: impl Fn(Who) -> TestRequest + 'static,
    expected: [u16; 8],
) -> Row {
    Row {
        name,
        request: Box::new(request),
        expected,
    }
}

fn campus_body(slug: &str) -> Value {
    serde_json::to_value(crate::common::campus(
        slug,
        pilotage_domain::RegionCode::BFC,
    ))
    .unwrap()
}

fn slug(who: Who) -> String {
    format!("nouveau-{}", format!("{who:?}").to_lowercase())
}

fn survey() -> Value {
    json!({"forecast_students_enrolled": 22, "forecast_prog_licence": 12, "forecast_prog_master": 2, "forecast_prog_doctorate": 0,
           "forecast_prog_daeu": 4, "forecast_prog_bts": 2, "forecast_prog_other_public": 1, "forecast_prog_private": 1,
           "final_outcome_success": 17, "final_outcome_dropout": 1, "final_outcome_reorientation": 1, "final_outcome_failure": 1,
           "final_outcome_pending": 0})
}

fn rows() -> Vec<Row> {
    use Method as M;
    //                         anon coordO regO  regOwn min  admin analyst coordOwn
    vec![
        row(
            "list campuses",
            |_| get("/api/v1/campuses"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "read campus",
            |_| get("/api/v1/campuses/nevers"),
            [401, 404, 404, 200, 200, 200, 200, 200],
        ),
        row(
            "create campus",
            |w| json(M::POST, "/api/v1/campuses", &campus_body(&slug(w))),
            [401, 403, 403, 403, 403, 201, 201, 403],
        ),
        row(
            "update campus",
            |_| json(M::PUT, "/api/v1/campuses/nevers", &campus_body("nevers")),
            [401, 403, 403, 403, 403, 200, 200, 403],
        ),
        row(
            "review queue",
            |_| get("/api/v1/reports?year=2025-2026"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "read report",
            |_| get("/api/v1/campuses/nevers/reports/2025-2026"),
            [401, 404, 404, 403, 200, 200, 200, 200],
        ),
        row(
            "report template",
            |_| get("/api/v1/campuses/nevers/reports/2025-2026/template.xlsx"),
            [401, 404, 404, 403, 200, 200, 200, 200],
        ),
        row(
            "upload report spreadsheet",
            |_| {
                TestRequest::put()
                    .uri("/api/v1/campuses/nevers/reports/2025-2026/spreadsheet")
                    .set_payload("Champ;Valeur\nstudents_enrolled;20\n")
            },
            [401, 404, 404, 403, 403, 403, 403, 200],
        ),
        row(
            "save report",
            |_| {
                // Version 1 is the draft the upload of the row above made.
                json(
                    M::PUT,
                    "/api/v1/campuses/nevers/reports/2025-2026",
                    &json!({"grid": crate::common::clean_grid_json()}),
                )
                .insert_header(("If-Match", "\"1\""))
            },
            [401, 404, 404, 403, 403, 403, 403, 200],
        ),
        row(
            "submit report",
            |_| {
                json(
                    M::POST,
                    "/api/v1/campuses/nevers/reports/2025-2026/submit",
                    &json!({}),
                )
            },
            [401, 404, 404, 403, 403, 403, 403, 200],
        ),
        row(
            "report history",
            |_| get("/api/v1/campuses/nevers/reports/2025-2026/history"),
            [401, 404, 404, 403, 200, 200, 200, 200],
        ),
        row(
            "return report",
            |_| {
                json(
                    M::POST,
                    "/api/v1/campuses/nevers/reports/2024-2025/return",
                    &json!({"comment": "Corriger les effectifs."}),
                )
            },
            [401, 404, 404, 403, 403, 403, 200, 403],
        ),
        row(
            "accept report",
            |_| {
                json(
                    M::POST,
                    "/api/v1/campuses/nevers/reports/2023-2024/accept",
                    &json!({}),
                )
            },
            [401, 404, 404, 403, 403, 403, 200, 403],
        ),
        row(
            "reopen report",
            |_| {
                json(
                    M::POST,
                    "/api/v1/campuses/nevers/reports/2022-2023/reopen",
                    &json!({}),
                )
            },
            [401, 404, 404, 403, 403, 403, 200, 403],
        ),
        row(
            "read flash survey",
            |_| get("/api/v1/campuses/nevers/flash-surveys/2025-2026"),
            [401, 404, 404, 403, 200, 200, 200, 200],
        ),
        row(
            "save flash survey",
            |_| {
                json(
                    M::PUT,
                    "/api/v1/campuses/nevers/flash-surveys/2025-2026",
                    &survey(),
                )
            },
            [401, 404, 404, 403, 403, 403, 403, 200],
        ),
        row(
            "submit flash survey",
            |_| {
                json(
                    M::POST,
                    "/api/v1/campuses/nevers/flash-surveys/2025-2026/submit",
                    &json!({}),
                )
            },
            [401, 404, 404, 403, 403, 403, 403, 200],
        ),
        row(
            "reopen flash survey",
            |_| {
                json(
                    M::POST,
                    "/api/v1/campuses/nevers/flash-surveys/2025-2026/reopen",
                    &json!({"reason": "correction demandée"}),
                )
            },
            [401, 404, 404, 403, 403, 403, 200, 403],
        ),
        row(
            "list targets",
            |_| get("/api/v1/targets?year=2025-2026"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "set target",
            |_| {
                json(
                    M::PUT,
                    "/api/v1/targets",
                    &json!({"indicator": "enrolment", "scope": "campus:nevers", "academic_year": "2025-2026", "direction": "at_least", "value": 25.0}),
                )
            },
            [401, 403, 403, 403, 403, 403, 201, 403],
        ),
        row(
            "remove target",
            |_| {
                TestRequest::delete()
                    .uri("/api/v1/targets?indicator=enrolment&scope=campus:nevers&year=2025-2026")
            },
            [401, 403, 403, 403, 403, 403, 204, 403],
        ),
        row(
            "read deadlines",
            |_| get("/api/v1/deadlines/2025-2026"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "set deadlines",
            |_| {
                json(
                    M::PUT,
                    "/api/v1/deadlines/2026-2027",
                    &json!({"annual_report_due": "2027-09-02T23:59:59+02:00"}),
                )
            },
            [401, 403, 403, 403, 403, 403, 200, 403],
        ),
        row(
            "list lock exceptions",
            |_| get("/api/v1/lock-exceptions"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "grant lock exception",
            |_| {
                json(
                    M::PUT,
                    "/api/v1/campuses/nevers/lock-exceptions/2025-2026/annual_report",
                    &json!({"due_at": "2026-09-15T23:59:59+02:00", "reason": "Changement de coordination"}),
                )
            },
            [401, 404, 404, 403, 403, 403, 200, 403],
        ),
        row(
            "list users",
            |_| get("/api/v1/admin/users"),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        row(
            "create user",
            |w| {
                json(
                    M::POST,
                    "/api/v1/admin/users",
                    &json!({"email": format!("{}@test.example", slug(w)), "display_name": "Nouveau", "role": "ministry", "password": "un mot de passe long"}),
                )
            },
            [401, 403, 403, 403, 403, 201, 403, 403],
        ),
        row(
            "deactivate user",
            // The account the admin created in the row above (id 4, the ministry's, would revoke its tokens).
            |_| TestRequest::delete().uri("/api/v1/admin/users/7"),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        row(
            "reactivate user",
            // The account deactivated in the row above.
            |_| TestRequest::post().uri("/api/v1/admin/users/7/reactivate"),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        row(
            "list API clients",
            |_| get("/api/v1/admin/api-clients"),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        row(
            "create API client",
            |w| {
                json(
                    M::POST,
                    "/api/v1/admin/api-clients",
                    &json!({"client_id": slug(w), "name": "Rectorat", "region_code": "BFC"}),
                )
            },
            [401, 403, 403, 403, 403, 201, 403, 403],
        ),
        row(
            "dashboard list",
            |_| get("/api/v1/dashboards"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "national dashboard",
            |_| get("/api/v1/dashboards/national.svg?year=2024-2025"),
            [401, 403, 403, 403, 200, 200, 200, 403],
        ),
        row(
            "campus dashboard",
            |_| get("/api/v1/dashboards/campus.svg?year=2024-2025&scope=campus:nevers"),
            [401, 404, 404, 200, 200, 200, 200, 200],
        ),
        row(
            "indicator definitions",
            |_| get("/api/v1/stats/indicators"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "national series",
            |_| get("/api/v1/stats/series?indicator=success_rate"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "campus series",
            |_| get("/api/v1/stats/series?indicator=success_rate&scope=campus:nevers"),
            [401, 404, 404, 200, 200, 200, 200, 200],
        ),
        row(
            "région series",
            |_| get("/api/v1/stats/series?indicator=success_rate&scope=region:BFC"),
            [401, 404, 404, 200, 200, 200, 200, 200],
        ),
        row(
            "gap analysis",
            |_| get("/api/v1/stats/gaps?year=2024-2025"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "completeness",
            |_| get("/api/v1/stats/completeness?year=2024-2025"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "criteria of a campus",
            |_| get("/api/v1/stats/criteria?year=2024-2025&campus=nevers"),
            [401, 404, 404, 200, 200, 200, 200, 200],
        ),
        row(
            "outliers",
            |_| get("/api/v1/stats/outliers?year=2024-2025"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "export",
            |_| get("/api/v1/exports/indicators?format=csv"),
            [401, 403, 200, 200, 200, 200, 200, 403],
        ),
        row(
            "scheduled jobs",
            |_| get("/api/v1/admin/jobs"),
            [401, 403, 403, 403, 403, 200, 200, 403],
        ),
        row(
            "outbox",
            |_| get("/api/v1/admin/outbox?status=pending"),
            [401, 403, 403, 403, 403, 200, 200, 403],
        ),
        row(
            "snapshots",
            |_| get("/api/v1/snapshots"),
            [401, 403, 403, 403, 200, 200, 200, 403],
        ),
        row(
            "snapshot file",
            |_| get("/api/v1/snapshots/2026-05-01/indicators.csv.csv"),
            [401, 403, 403, 403, 404, 404, 404, 403],
        ),
        row(
            "register webhook",
            |_| {
                json(
                    M::POST,
                    "/api/v1/webhooks",
                    &json!({"url": "https://sirh.ac-dijon.fr/hooks", "events": ["report.submitted"]}),
                )
            },
            [401, 403, 201, 201, 403, 403, 403, 403],
        ),
        row(
            "list webhooks",
            |_| get("/api/v1/webhooks"),
            [401, 403, 200, 200, 403, 200, 403, 403],
        ),
        row(
            "delete webhook",
            |_| TestRequest::delete().uri("/api/v1/webhooks/999"),
            [401, 403, 404, 404, 403, 403, 403, 403],
        ),
        row(
            "renewal record",
            |_| get("/api/v1/campuses/nevers/renewal?from=2022-2023&to=2024-2025"),
            [401, 404, 404, 200, 200, 200, 200, 200],
        ),
        row(
            "renewal workbook",
            |_| get("/api/v1/campuses/nevers/renewal.xlsx"),
            [401, 404, 404, 200, 200, 200, 200, 200],
        ),
        row(
            "renewal page",
            |_| get("/campus/nevers/dossier-de-poursuite"),
            [401, 404, 404, 200, 200, 200, 200, 200],
        ),
        row(
            "write renewal texts",
            |_| {
                json(
                    M::PUT,
                    "/api/v1/campuses/nevers/renewal/texts",
                    &json!({"texts": {"space_layout": "Deux salles."}}),
                )
            },
            [401, 404, 404, 403, 403, 403, 200, 200],
        ),
        row(
            "write renewal establishment plan",
            |_| {
                json(
                    M::PUT,
                    "/api/v1/campuses/nevers/renewal/establishment",
                    &json!({"actions": [{"academic_year": "2028-2029", "action": "Ateliers", "description": "Deux par semestre"}]}),
                )
            },
            [401, 404, 404, 403, 403, 403, 200, 200],
        ),
        row(
            "write renewal budget",
            |_| {
                json(
                    M::PUT,
                    "/api/v1/campuses/nevers/renewal/budget",
                    &json!({"years": [{"academic_year": "2028-2029", "lines": {"exp_staff": 100, "rev_state": 100}}]}),
                )
            },
            [401, 404, 404, 403, 403, 403, 200, 200],
        ),
        row(
            "renewal network table",
            |_| get("/api/v1/renewal?year=2024-2025"),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        row(
            "deactivate API client",
            |_| TestRequest::delete().uri("/api/v1/admin/api-clients/nouveau-admin"),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        row(
            "reactivate API client",
            |_| TestRequest::post().uri("/api/v1/admin/api-clients/nouveau-admin/reactivate"),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        row(
            // Each caller's own token, made for its row: revoking it spares the other rows.
            "sign out",
            |_| TestRequest::post().uri("/api/v1/auth/logout"),
            [401, 204, 204, 204, 204, 204, 204, 204],
        ),
    ]
}

#[actix_web::test]
async fn every_endpoint_answers_every_caller_as_their_role_and_scope_allow() {
    // 1 June 2026: the 2025-2026 report is open, before its deadline.
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2024-2025",
        ReportStatus::Submitted,
        Some("2025-08-20T10:00:00Z"),
    );
    app.put_report(
        "nevers",
        "2023-2024",
        ReportStatus::Submitted,
        Some("2024-08-20T10:00:00Z"),
    );
    app.put_report(
        "nevers",
        "2022-2023",
        ReportStatus::Accepted,
        Some("2023-08-20T10:00:00Z"),
    );
    let service = service!(app);
    let mut failures = Vec::new();
    let mut checked = 0;
    for row in rows() {
        for (who, expected) in Who::ALL.into_iter().zip(row.expected) {
            let token = app.token(who);
            let reply = send(&service, (row.request)(who), token.as_deref()).await;
            checked += 1;
            if reply.status.as_u16() != expected {
                failures.push(format!(
                    "{} as {who:?}: expected {expected}, got {} {}",
                    row.name, reply.status, reply.body
                ));
            }
            if reply.status.is_client_error() {
                assert_eq!(
                    reply.content_type, "application/problem+json",
                    "{} as {who:?}",
                    row.name
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} cells wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(checked, 60 * 8);
}

#[actix_web::test]
async fn lists_show_only_what_is_in_scope() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let ids = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let regional = send(
        &service,
        get("/api/v1/campuses"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    assert_eq!(ids(&regional.body), vec!["autun", "nevers"]);
    assert_eq!(regional.body["total"], 2);
    let other_region = send(
        &service,
        get("/api/v1/campuses?region=ARA"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    assert_eq!(other_region.body["total"], 0);
    let coordinator = send(
        &service,
        get("/api/v1/campuses"),
        app.token(Who::CoordinatorOwn).as_deref(),
    )
    .await;
    assert_eq!(ids(&coordinator.body), vec!["nevers"]);
    let analyst = send(
        &service,
        get("/api/v1/campuses?limit=2&offset=1"),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(
        (ids(&analyst.body), analyst.body["total"].as_i64()),
        (vec!["nevers".to_owned(), "privas".to_owned()], Some(3))
    );
    let queue = send(
        &service,
        get("/api/v1/reports?year=2025-2026"),
        app.token(Who::RegionalOther).as_deref(),
    )
    .await;
    let campuses: Vec<_> = queue.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["campus_id"].as_str().unwrap())
        .collect();
    assert_eq!(campuses, vec!["privas"]);
}

#[actix_web::test]
async fn bad_tokens_are_refused() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let now = app.state.now();
    let expired = app
        .state
        .tokens
        .issue(
            "a",
            pilotage_domain::Role::Analyst,
            vec![],
            None,
            chrono::Duration::hours(1),
            now - chrono::Duration::hours(2),
        )
        .unwrap();
    let forged = pilotage_app::auth::TokenKeys::from_secret(&[1u8; 32])
        .unwrap()
        .issue(
            "a",
            pilotage_domain::Role::Admin,
            vec![],
            None,
            chrono::Duration::hours(1),
            now,
        )
        .unwrap();
    let unsigned = {
        let token = app.token(Who::Analyst).unwrap();
        let payload = token.split('.').nth(1).unwrap().to_owned();
        format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.")
    };
    for (token, expected) in [
        (expired.as_str(), "expiré"),
        (forged.as_str(), "invalide"),
        (unsigned.as_str(), "invalide"),
        ("garbage", "invalide"),
    ] {
        let reply = send(&service, get("/api/v1/campuses"), Some(token)).await;
        assert_eq!(reply.status, 401, "{token}");
        assert!(
            reply.body["detail"].as_str().unwrap().contains(expected),
            "{}",
            reply.body
        );
    }
    let reply = send(
        &service,
        get("/api/v1/campuses").insert_header(("Authorization", "Basic abc")),
        None,
    )
    .await;
    assert_eq!(reply.status, 401);
}

/// A page request as `who` signed in on the web: the session cookie, and the form's anti-forgery token when
/// `form` is given (`None` for a GET).
fn page_request(
    app: &TestApp,
    who: Who,
    method: Method,
    uri: &str,
    form: Option<&[(&str, &str)]>,
    with_csrf: bool,
) -> TestRequest {
    let mut req = TestRequest::default().method(method).uri(uri);
    let token = app.token(who);
    if let Some(token) = &token {
        req = req.cookie(actix_web::cookie::Cookie::new(
            pilotage_app::auth::SESSION_COOKIE,
            token.clone(),
        ));
    }
    if let Some(fields) = form {
        let mut fields: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        if with_csrf {
            let csrf = token.map_or_else(String::new, |t| app.state.tokens.csrf_token(&t));
            fields.push(("csrf".into(), csrf));
        }
        req = req.set_form(fields);
    }
    req
}

/// A page of the matrix: its address, method, form fields (`None` for a GET), whether the form carries its
/// anti-forgery token, and the status of each caller in the order of `Who::ALL`.
type PageRow<'a> = (
    &'a str,
    Method,
    Option<&'a [(&'a str, &'a str)]>,
    bool,
    [u16; 8],
);

#[actix_web::test]
async fn every_page_answers_every_caller_as_their_role_and_scope_allow() {
    // 1 June 2026: the 2025-2026 report is open; 2024-2025 is submitted and awaits review.
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2024-2025",
        ReportStatus::Submitted,
        Some("2025-08-20T10:00:00Z"),
    );
    let service = service!(app);
    let save: &[(&str, &str)] = &[("students_enrolled", "20"), ("version", "")];
    //    page, method, form, with CSRF        anon coordO regO  regOwn min  admin analyst coordOwn
    let rows: Vec<PageRow> = vec![
        (
            "/",
            Method::GET,
            None,
            false,
            [303, 303, 303, 303, 303, 303, 303, 303],
        ),
        ("/connexion", Method::GET, None, false, [200; 8]),
        ("/static/pilotage.css", Method::GET, None, false, [200; 8]),
        (
            "/campus/nevers",
            Method::GET,
            None,
            false,
            [303, 404, 404, 200, 200, 200, 200, 200],
        ),
        (
            "/campus/nevers/rapports/2025-2026",
            Method::GET,
            None,
            false,
            [303, 404, 404, 403, 200, 200, 200, 200],
        ),
        (
            "/campus/nevers/rapports/2024-2025",
            Method::GET,
            None,
            false,
            [303, 404, 404, 403, 200, 200, 200, 200],
        ),
        (
            "/campus/nevers/rapports/2025-2026/historique",
            Method::GET,
            None,
            false,
            [303, 404, 404, 403, 200, 200, 200, 200],
        ),
        (
            "/campus/nevers/enquete/2025-2026",
            Method::GET,
            None,
            false,
            [303, 404, 404, 403, 200, 200, 200, 200],
        ),
        (
            "/campus/nevers/enquete/2025-2026",
            Method::POST,
            Some(&[("forecast_students_enrolled", "22")]),
            true,
            [303, 404, 404, 403, 403, 403, 403, 303],
        ),
        (
            "/campus/nevers/enquete/2025-2026/rouvrir",
            Method::POST,
            Some(&[("reason", "correction demandée")]),
            true,
            [303, 404, 404, 403, 403, 403, 409, 403],
        ),
        (
            "/campus/nevers/rapports/2025-2026/apercu",
            Method::POST,
            Some(&[("students_enrolled", "20")]),
            true,
            [303, 404, 404, 403, 403, 403, 403, 200],
        ),
        (
            "/analyse",
            Method::GET,
            None,
            false,
            [303, 403, 403, 403, 200, 200, 200, 403],
        ),
        (
            "/analyse/parametres",
            Method::GET,
            None,
            false,
            [303, 403, 403, 403, 200, 200, 200, 403],
        ),
        (
            "/analyse/tableau?annee=2025-2026",
            Method::GET,
            None,
            false,
            [303, 403, 403, 403, 200, 200, 200, 403],
        ),
        (
            "/analyse/tableau.xlsx?annee=2025-2026",
            Method::GET,
            None,
            false,
            [303, 403, 403, 403, 200, 200, 200, 403],
        ),
        (
            "/analyse/tableau.csv?annee=2025-2026",
            Method::GET,
            None,
            false,
            [303, 403, 403, 403, 200, 200, 200, 403],
        ),
        (
            "/tableaux-de-bord",
            Method::GET,
            None,
            false,
            [303, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "/campus/nevers/rapports/2025-2026",
            Method::POST,
            Some(save),
            true,
            [303, 404, 404, 403, 403, 403, 403, 303],
        ),
        (
            "/campus/nevers/rapports/2025-2026",
            Method::POST,
            Some(save),
            false,
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "/campus/nevers/rapports/2024-2025/accepter",
            Method::POST,
            Some(&[("confirmation", "")]),
            true,
            [303, 404, 404, 403, 403, 403, 422, 403],
        ),
        (
            "/campus/nevers/rapports/2024-2025/renvoyer",
            Method::POST,
            Some(&[("comment", "à revoir")]),
            true,
            [303, 404, 404, 403, 403, 403, 303, 403],
        ),
        (
            "/campus/nevers/rapports/2024-2025/accepter",
            Method::POST,
            Some(&[]),
            false,
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "/analyse/parametres/cibles",
            Method::POST,
            Some(&[
                ("annee", "2025-2026"),
                ("indicator", "enrolment"),
                ("scope", "campus:nevers"),
                ("direction", "at_least"),
                ("value", "18"),
            ]),
            true,
            [303, 403, 403, 403, 403, 403, 303, 403],
        ),
        (
            "/analyse/parametres/derogations",
            Method::POST,
            Some(&[
                ("annee", "2025-2026"),
                ("campus_id", "nevers"),
                ("kind", "annual_report"),
                ("due_at", "2026-09-20"),
                ("reason", "Travaux"),
            ]),
            true,
            [303, 404, 404, 403, 403, 403, 303, 403],
        ),
        (
            "/analyse/parametres/cibles/supprimer",
            Method::POST,
            Some(&[
                ("annee", "2025-2026"),
                ("indicator", "success_rate"),
                ("scope", "nation"),
                ("confirmation", "oui"),
            ]),
            false,
            [303, 403, 403, 403, 403, 403, 403, 403],
        ),
        (
            "/analyse/parametres/cibles/supprimer",
            Method::POST,
            Some(&[
                ("annee", "2025-2026"),
                ("indicator", "success_rate"),
                ("scope", "nation"),
                ("confirmation", "oui"),
            ]),
            true,
            [303, 403, 403, 403, 403, 403, 303, 403],
        ),
        (
            "/analyse/parametres/cibles/copier",
            Method::POST,
            Some(&[("annee", "2026-2027")]),
            true,
            [303, 403, 403, 403, 403, 403, 303, 403],
        ),
        (
            "/analyse/parametres/dates",
            Method::POST,
            Some(&[
                ("annee", "2025-2026"),
                ("annual_report_due", "2026-09-10"),
                ("annual_report_closing", "2026-09-30"),
                ("flash_survey_opens", "2025-09-01"),
                ("flash_survey_due", "2025-10-15"),
            ]),
            true,
            [303, 403, 403, 403, 403, 403, 303, 403],
        ),
        ("/deconnexion", Method::POST, Some(&[]), true, [303; 8]),
    ];
    let mut failures = Vec::new();
    for (uri, method, form, with_csrf, expected) in &rows {
        for (who, expected) in Who::ALL.into_iter().zip(expected) {
            let req = page_request(&app, who, method.clone(), uri, *form, *with_csrf);
            let reply = send(&service, req, None).await;
            if reply.status.as_u16() != *expected {
                failures.push(format!(
                    "{method} {uri} (CSRF {with_csrf}) as {who:?}: expected {expected}, got {}",
                    reply.status
                ));
            }
            if reply.status.is_client_error() {
                assert!(
                    reply.content_type.starts_with("text/html"),
                    "{method} {uri} as {who:?}: {}",
                    reply.content_type
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cells wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
