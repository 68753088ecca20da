//! What a regional client (a région académique's system, or a person signed in with its account) may see: its
//! région's campuses, each report's status, dates and timeliness, and figures under disclosure control — never a
//! report's content, its history, the pre-filled template or a flash survey's answers, over the API or the pages;
//! never another région's figures in an export; nothing but identifiers, statuses and dates in its webhooks'
//! payloads. And a regional token that names no région is refused everywhere.

use crate::common::{at, get, id, json, send, year, Reply, TestApp, Who};
use actix_web::cookie::Cookie;
use actix_web::http::Method;
use actix_web::test::TestRequest;
use pilotage_app::auth::SESSION_COOKIE;
use pilotage_domain::{ReportAction, ReportStatus};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// The raw-content routes of the API, for a campus.
fn raw_content_routes(campus: &str) -> Vec<String> {
    vec![
        format!("/api/v1/campuses/{campus}/reports/2024-2025"),
        format!("/api/v1/campuses/{campus}/reports/2024-2025/history"),
        format!("/api/v1/campuses/{campus}/reports/2024-2025/template.xlsx"),
        format!("/api/v1/campuses/{campus}/flash-surveys/2025-2026"),
    ]
}

/// The pages that show a report's or a survey's content, for a campus.
fn raw_content_pages(campus: &str) -> Vec<String> {
    vec![
        format!("/campus/{campus}/rapports/2024-2025"),
        format!("/campus/{campus}/rapports/2025-2026"),
        format!("/campus/{campus}/rapports/2024-2025/historique"),
        format!("/campus/{campus}/enquete/2025-2026"),
    ]
}

fn text(reply: &Reply) -> String {
    String::from_utf8_lossy(&reply.bytes).into_owned()
}

/// A page request with `who`'s session cookie.
fn page(app: &TestApp, who: Who, uri: &str) -> TestRequest {
    TestRequest::get()
        .uri(uri)
        .cookie(Cookie::new(SESSION_COOKIE, app.token(who).unwrap()))
}

/// A form posted with `who`'s session cookie and anti-forgery token.
fn post_form(app: &TestApp, who: Who, uri: &str, fields: &[(&str, &str)]) -> TestRequest {
    let token = app.token(who).unwrap();
    let mut fields: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    fields.push(("csrf".into(), app.state.tokens.csrf_token(&token)));
    TestRequest::post()
        .uri(uri)
        .cookie(Cookie::new(SESSION_COOKIE, token))
        .set_form(fields)
}

/// The analyst returns nevers's 2024-2025 report with a comment naming a person and a figure.
const COMMENT: &str =
    "Effectif à revoir (3 étudiants ?) : voir avec marie.durand@univ-test.example";

/// 1 June 2026; nevers has a returned 2024-2025 report (with [`COMMENT`]) and a 2025-2026 draft, privas (ARA) a
/// submitted 2024-2025 report.
async fn network() -> TestApp {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2024-2025",
        ReportStatus::Submitted,
        Some("2025-08-20T10:00:00Z"),
    );
    app.put_report("nevers", "2025-2026", ReportStatus::Draft, None);
    app.put_report(
        "privas",
        "2024-2025",
        ReportStatus::Submitted,
        Some("2025-08-21T10:00:00Z"),
    );
    let edit = pilotage_store::reports::Edit {
        actor: "analyste@test.example",
        expected_version: None,
        at: at("2026-06-01T09:00:00Z"),
    };
    pilotage_store::reports::transition(
        &mut app.conn(),
        &id("nevers"),
        year("2024-2025"),
        ReportAction::Return,
        Some(COMMENT),
        &edit,
        &pilotage_domain::notification::MailContext::default(),
    )
    .unwrap();
    app
}

/// A token id of its own for each hand-signed token.
fn rand_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Signs `claims` with the test service's secret, as anyone holding it could, without `TokenKeys::issue`'s checks.
fn hand_signed(app: &TestApp, claims: &Value) -> String {
    let mut claims = claims.clone();
    let now = app.state.now().timestamp();
    claims["iat"] = json!(now);
    claims["exp"] = json!(now + 3600);
    claims["iss"] = json!("pilotage");
    claims["jti"] = json!(format!("hand-signed-{}", rand_id()));
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(&[42u8; 32]),
    )
    .unwrap()
}

#[actix_web::test]
async fn a_regional_token_without_a_region_is_refused_everywhere() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let without_region = hand_signed(&app, &json!({"sub": "rectorat-bfc", "role": "regional"}));
    for uri in ["/api/v1/campuses", "/api/v1/exports/indicators?format=csv"] {
        let reply = send(&service, get(uri), Some(&without_region)).await;
        assert_eq!(reply.status, 401, "{uri}: {}", reply.body);
        assert_eq!(reply.content_type, "application/problem+json", "{uri}");
        let detail = reply.body["detail"].as_str().unwrap();
        assert!(
            detail.contains("jeton invalide") && detail.contains("région académique"),
            "{uri}: {detail}"
        );
        // The same token as a web session's cookie, on a read through the API: refused alike.
        let by_cookie = send(
            &service,
            get(uri).cookie(Cookie::new(SESSION_COOKIE, without_region.clone())),
            None,
        )
        .await;
        assert_eq!(by_cookie.status, 401, "{uri} by cookie: {}", by_cookie.body);
    }
    // A page: no session opens with it; the person is sent to sign in, as with an expired session.
    for uri in ["/tableaux-de-bord", "/campus/nevers", "/"] {
        let reply = send(
            &service,
            TestRequest::get()
                .uri(uri)
                .cookie(Cookie::new(SESSION_COOKIE, without_region.clone())),
            None,
        )
        .await;
        assert_eq!(reply.status, 303, "{uri}");
        assert!(
            !text(&reply).contains("Tableaux de bord"),
            "{uri}: no content"
        );
    }
    // Every other inconsistent scope is refused too.
    for claims in [
        json!({"sub": "rectorat-bfc", "role": "regional", "region": "BFC", "campus_ids": ["nevers"]}),
        json!({"sub": "coord.nevers@test.example", "role": "coordinator"}),
        json!({"sub": "analyste@test.example", "role": "analyst", "region": "BFC"}),
        json!({"sub": "ministere@test.example", "role": "ministry", "campus_ids": ["nevers"]}),
    ] {
        let reply = send(
            &service,
            get("/api/v1/campuses"),
            Some(&hand_signed(&app, &claims)),
        )
        .await;
        assert_eq!(reply.status, 401, "{claims}: {}", reply.body);
    }
    // The same hand-signing with the région is accepted: the refusals above are the scope's, not the signature's.
    let with_region = hand_signed(
        &app,
        &json!({"sub": "rectorat-bfc", "role": "regional", "region": "BFC"}),
    );
    for uri in ["/api/v1/campuses", "/api/v1/exports/indicators?format=csv"] {
        let reply = send(&service, get(uri), Some(&with_region)).await;
        assert_eq!(reply.status, 200, "{uri}: {}", reply.body);
    }
    let reply = send(
        &service,
        TestRequest::get()
            .uri("/tableaux-de-bord")
            .cookie(Cookie::new(SESSION_COOKIE, with_region)),
        None,
    )
    .await;
    assert_eq!(reply.status, 200);
}

#[actix_web::test]
async fn a_regional_client_gets_403_on_the_content_of_its_region_s_reports_and_404_elsewhere() {
    let app = network().await;
    let service = service!(app);
    let own = app.token(Who::RegionalOwn);
    for campus in ["nevers", "autun"] {
        for uri in raw_content_routes(campus) {
            let reply = send(&service, get(&uri), own.as_deref()).await;
            assert_eq!(reply.status, 403, "{uri}: {}", reply.body);
            assert_eq!(reply.content_type, "application/problem+json", "{uri}");
            let detail = reply.body["detail"].as_str().unwrap();
            assert!(
                detail.contains("n'est pas publié aux systèmes régionaux")
                    && detail.contains("GET /api/v1/reports?year="),
                "{uri}: {detail}"
            );
            let body = text(&reply);
            assert!(
                !body.contains("marie.durand") && !body.contains("students_enrolled"),
                "{uri}: {body}"
            );
        }
    }
    // Another région's campus, or one that does not exist: the same 404, the scope being checked first.
    for uri in raw_content_routes("privas")
        .into_iter()
        .chain(raw_content_routes("absent"))
    {
        let reply = send(&service, get(&uri), own.as_deref()).await;
        assert_eq!(reply.status, 404, "{uri}: {}", reply.body);
    }
    for uri in raw_content_routes("nevers") {
        let reply = send(
            &service,
            get(&uri),
            app.token(Who::RegionalOther).as_deref(),
        )
        .await;
        assert_eq!(reply.status, 404, "{uri}: {}", reply.body);
        // The campus's coordinator and the analyst still read them.
        for who in [Who::CoordinatorOwn, Who::Analyst] {
            let reply = send(&service, get(&uri), app.token(who).as_deref()).await;
            assert_eq!(reply.status, 200, "{uri} as {who:?}: {}", reply.body);
        }
    }
}

#[actix_web::test]
async fn a_regional_client_lists_its_region_s_reports_with_status_dates_and_timeliness_only() {
    let app = network().await;
    let service = service!(app);
    let reply = send(
        &service,
        get("/api/v1/reports?year=2024-2025&status=returned&late=false"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let items = reply.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", reply.body);
    let item = &items[0];
    assert_eq!(
        (&item["campus_id"], &item["status"], &item["late"]),
        (&json!("nevers"), &json!("returned"), &json!(false))
    );
    let keys: BTreeSet<&str> = item
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "academic_year",
            "campus_id",
            "campus_name",
            "deadline",
            "late",
            // Where the campus stands (à venir, en cours…): what `status`, the dates and `timeliness` already say.
            "progress",
            "region_code",
            "status",
            "submitted_at",
            "timeliness",
            "version",
        ])
    );
    assert!(!text(&reply).contains("marie.durand"), "{}", reply.body);
    let all = send(
        &service,
        get("/api/v1/reports?year=2024-2025"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    let campuses: Vec<_> = all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["campus_id"].as_str().unwrap())
        .collect();
    assert_eq!(campuses, vec!["autun", "nevers"], "its région's only");
    let missing = send(
        &service,
        get("/api/v1/reports?year=2024-2025&status=missing&late=true"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    assert_eq!(missing.body["items"][0]["campus_id"], "autun");
    assert_eq!(
        (
            &missing.body["items"][0]["status"],
            &missing.body["items"][0]["timeliness"]
        ),
        (&json!("missing"), &json!("late"))
    );
}

/// The (level, area) pairs of an export, and its text.
async fn export_areas<S, B>(
    service: &S,
    token: Option<&str>,
    format: &str,
) -> BTreeSet<(String, String)>
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let reply = send(
        service,
        get(&format!("/api/v1/exports/indicators?format={format}")),
        token,
    )
    .await;
    assert_eq!(reply.status, 200, "{format}: {}", reply.body);
    match format {
        "json" => reply
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["area_level"].as_str().unwrap().to_owned(),
                    o["ref_area"].as_str().unwrap().to_owned(),
                )
            })
            .collect(),
        "csv" => {
            // indicator,ref_area,area_level,…: the first three columns are identifiers, never quoted.
            let body = text(&reply);
            let mut lines = body.lines();
            let headers: Vec<&str> = lines.next().unwrap().split(',').collect();
            let column = |name: &str| headers.iter().position(|h| *h == name).unwrap();
            let (level, area) = (column("area_level"), column("ref_area"));
            assert!(level < 3 && area < 3, "{headers:?}");
            lines
                .map(|line| {
                    let cells: Vec<&str> = line.split(',').collect();
                    (cells[level].to_owned(), cells[area].to_owned())
                })
                .collect()
        }
        other => panic!("{other}"),
    }
}

#[actix_web::test]
async fn a_regional_client_s_export_holds_its_region_and_the_nation_only() {
    let app = network().await;
    // Figures come from handed-in reports: nevers's 2024-2025 one was returned, its 2023-2024 one counts.
    for (campus, y) in [("autun", "2024-2025"), ("nevers", "2023-2024")] {
        app.put_report(
            campus,
            y,
            ReportStatus::Accepted,
            Some("2024-08-22T10:00:00Z"),
        );
    }
    let service = service!(app);
    let pair = |level: &str, area: &str| (level.to_owned(), area.to_owned());
    for format in ["csv", "json"] {
        let bfc = export_areas(&service, app.token(Who::RegionalOwn).as_deref(), format).await;
        assert_eq!(
            bfc,
            BTreeSet::from([
                pair("campus", "autun"),
                pair("campus", "nevers"),
                pair("nation", "FR"),
                pair("region", "BFC"),
            ]),
            "{format}"
        );
        let ara = export_areas(&service, app.token(Who::RegionalOther).as_deref(), format).await;
        assert_eq!(
            ara,
            BTreeSet::from([
                pair("campus", "privas"),
                pair("nation", "FR"),
                pair("region", "ARA"),
            ]),
            "{format}"
        );
        // Internal roles still export every région: the regional filter is what removed them above.
        let analyst = export_areas(&service, app.token(Who::Analyst).as_deref(), format).await;
        for p in [
            pair("region", "ARA"),
            pair("region", "BFC"),
            pair("campus", "privas"),
        ] {
            assert!(analyst.contains(&p), "{format}: {p:?} in {analyst:?}");
        }
    }
    // The SDMX files follow the same rule.
    for format in ["sdmx-csv", "sdmx-json"] {
        let reply = send(
            &service,
            get(&format!("/api/v1/exports/indicators?format={format}")),
            app.token(Who::RegionalOwn).as_deref(),
        )
        .await;
        assert_eq!(reply.status, 200, "{format}");
        let body = text(&reply);
        assert!(
            body.contains("nevers") && !body.contains("privas"),
            "{format}"
        );
    }
}

#[actix_web::test]
async fn webhook_payloads_carry_statuses_and_dates_but_no_figure_and_no_person() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let events = json!([
        "report.submitted",
        "report.returned",
        "report.accepted",
        "deadline.passed"
    ]);
    let reply = send(
        &service,
        json(
            Method::POST,
            "/api/v1/webhooks",
            &json!({"url": "https://sirh.ac-dijon.fr/hooks", "events": events}),
        ),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    app.put_report("nevers", "2025-2026", ReportStatus::Draft, None);
    let mut conn = app.conn();
    for (n, (action, actor, comment)) in [
        (ReportAction::Submit, "coord.nevers@test.example", None),
        (ReportAction::Return, "analyste@test.example", Some(COMMENT)),
        (ReportAction::Submit, "coord.nevers@test.example", None),
        (ReportAction::Accept, "analyste@test.example", Some(COMMENT)),
    ]
    .into_iter()
    .enumerate()
    {
        let edit = pilotage_store::reports::Edit {
            actor,
            expected_version: None,
            at: at("2026-06-01T10:00:00Z") + chrono::Duration::minutes(i64::try_from(n).unwrap()),
        };
        pilotage_store::reports::transition(
            &mut conn,
            &id("nevers"),
            year("2025-2026"),
            action,
            comment,
            &edit,
            &pilotage_domain::notification::MailContext::default(),
        )
        .unwrap();
    }
    // autun has not handed its 2025-2026 report in by 1 September 2026.
    pilotage_jobs::deadline::run(&mut conn, at("2026-09-02T08:00:00Z")).unwrap();
    let outbox = send(
        &service,
        get("/api/v1/admin/outbox?channel=webhook&limit=100"),
        app.token(Who::Admin).as_deref(),
    )
    .await;
    assert_eq!(outbox.status, 200, "{}", outbox.body);
    let report_keys = BTreeSet::from([
        "academic_year",
        "at",
        "campus_id",
        "event",
        "region",
        "status",
    ]);
    let deadline_keys = BTreeSet::from([
        "academic_year",
        "at",
        "deadline",
        "event",
        "kind",
        "late_campuses",
        "region",
    ]);
    let mut seen = BTreeSet::new();
    for item in outbox.body["items"].as_array().unwrap() {
        let body = item["body"].as_str().unwrap();
        let payload: Value = serde_json::from_str(body).unwrap();
        let event = payload["event"].as_str().unwrap().to_owned();
        let keys: BTreeSet<&str> = payload
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let expected = if event == "deadline.passed" {
            &deadline_keys
        } else {
            &report_keys
        };
        assert_eq!(&keys, expected, "{event}: {body}");
        assert!(
            !body.contains('@') && !body.contains("durand") && !body.contains("étudiants"),
            "{event}: {body}"
        );
        assert_eq!(payload["region"], "BFC", "{body}");
        seen.insert(event);
    }
    assert_eq!(
        seen,
        BTreeSet::from([
            "deadline.passed".to_owned(),
            "report.accepted".to_owned(),
            "report.returned".to_owned(),
            "report.submitted".to_owned(),
        ])
    );
}

#[actix_web::test]
async fn a_regional_web_user_sees_statuses_and_dates_but_no_report_content() {
    let app = network().await;
    let service = service!(app);
    for campus in ["nevers", "autun"] {
        for uri in raw_content_pages(campus) {
            let reply = send(&service, page(&app, Who::RegionalOwn, &uri), None).await;
            assert_eq!(reply.status, 403, "{uri}");
            assert!(reply.content_type.starts_with("text/html"), "{uri}");
            let body = text(&reply);
            assert!(
                body.contains("ne sont pas publiés aux systèmes régionaux"),
                "{uri}: {body}"
            );
            assert!(
                !body.contains("marie.durand")
                    && !body.contains("<form method=\"post\" action=\"/campus"),
                "{uri}: {body}"
            );
        }
    }
    for uri in raw_content_pages("privas") {
        let reply = send(&service, page(&app, Who::RegionalOwn, &uri), None).await;
        assert_eq!(reply.status, 404, "{uri}");
    }
    // A form posted with a value refused would show the form again with the stored report: refused first.
    for (uri, field) in [
        ("/campus/nevers/rapports/2025-2026", "students_enrolled"),
        (
            "/campus/nevers/enquete/2025-2026",
            "forecast_students_enrolled",
        ),
    ] {
        let reply = send(
            &service,
            post_form(
                &app,
                Who::RegionalOwn,
                uri,
                &[(field, "douze"), ("version", "")],
            ),
            None,
        )
        .await;
        assert_eq!(reply.status, 403, "POST {uri}: {}", text(&reply));
        assert!(!text(&reply).contains("marie.durand"), "POST {uri}");
    }

    // The campus page: statuses, deadlines and timeliness, no comment, no link to the content.
    let campus = send(
        &service,
        page(&app, Who::RegionalOwn, "/campus/nevers"),
        None,
    )
    .await;
    assert_eq!(campus.status, 200);
    let body = text(&campus);
    assert!(body.contains("Rapport annuel 2024-2025"), "{body}");
    assert!(body.contains("Enquête flash 2025-2026"), "{body}");
    for absent in [
        "marie.durand",
        "Commentaire de l'opérateur",
        "/rapports/",
        "/enquete/",
        "/historique",
        "template.xlsx",
    ] {
        assert!(!body.contains(absent), "{absent} in {body}");
    }
    // Its dashboard page still works, with its région's dashboards.
    let dashboards = send(
        &service,
        page(&app, Who::RegionalOwn, "/tableaux-de-bord"),
        None,
    )
    .await;
    assert_eq!(dashboards.status, 200);
    let body = text(&dashboards);
    assert!(body.contains("scope=region:BFC"), "{body}");
    for absent in ["/rapports/", "/enquete/", "region:ARA"] {
        assert!(!body.contains(absent), "{absent} in {body}");
    }

    // The coordinator's page still has the comment and the links: what was removed above is the regional rule's.
    let coordinator = send(
        &service,
        page(&app, Who::CoordinatorOwn, "/campus/nevers"),
        None,
    )
    .await;
    let body = text(&coordinator);
    assert!(
        body.contains("marie.durand") && body.contains("/campus/nevers/rapports/2024-2025"),
        "{body}"
    );
    for uri in raw_content_pages("nevers") {
        let reply = send(&service, page(&app, Who::CoordinatorOwn, &uri), None).await;
        assert_eq!(reply.status, 200, "{uri}");
    }
}
