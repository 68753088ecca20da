//! Bad input gets a clear 4xx in problem+json, naming the field and the rule — never a 500.

use crate::common::{get, json, send, TestApp, Who};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use serde_json::json;

const REPORT: &str = "/api/v1/campuses/nevers/reports/2025-2026";

#[actix_web::test]
async fn bad_requests_are_named_and_refused() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let analyst = app.token(Who::Analyst);
    let put = |body: &str| {
        TestRequest::put()
            .uri(REPORT)
            .insert_header(("Content-Type", "application/json"))
            .set_payload(body.to_owned())
    };
    let cases: Vec<(&str, TestRequest, Option<String>, u16, &str)> = vec![
        (
            "wrong content type",
            TestRequest::put()
                .uri(REPORT)
                .insert_header(("Content-Type", "text/plain"))
                .set_payload("{}"),
            coord.clone(),
            415,
            "Content-Type: application/json",
        ),
        (
            "no content type",
            TestRequest::put().uri(REPORT).set_payload("{}"),
            coord.clone(),
            415,
            "JSON",
        ),
        (
            "broken JSON",
            put(r#"{"grid": {"students_enrolled": 3"#),
            coord.clone(),
            400,
            "JSON mal formé",
        ),
        ("empty body", put(""), coord.clone(), 400, "vide"),
        (
            "unknown field",
            put(r#"{"grid": {"students_enroled": 3}}"#),
            coord.clone(),
            422,
            "grid.students_enroled : champ inconnu « students_enroled »",
        ),
        (
            "unknown top-level field",
            put(r#"{"grille": {}}"#),
            coord.clone(),
            422,
            "champ inconnu « grille »",
        ),
        (
            "text in a count",
            put(r#"{"grid": {"prog_bts": "douze"}}"#),
            coord.clone(),
            422,
            "grid.prog_bts : type de valeur invalide",
        ),
        (
            "number out of range",
            put(r#"{"grid": {"exp_staff": 1e40}}"#),
            coord.clone(),
            422,
            "grid.exp_staff",
        ),
        (
            "fraction in a count",
            put(r#"{"grid": {"students_enrolled": 12.5}}"#),
            coord.clone(),
            422,
            "grid.students_enrolled",
        ),
        (
            "unknown indicator explained",
            put(r#"{"gap_explanations": {"sucess_rate": "x"}}"#),
            coord.clone(),
            422,
            "« sucess_rate » n'est pas un indicateur",
        ),
        (
            "year that does not parse",
            get("/api/v1/campuses/nevers/reports/2025-2027"),
            coord.clone(),
            400,
            "paramètre year",
        ),
        (
            "year with a slash",
            get("/api/v1/campuses/nevers/reports/2025%2F2026"),
            coord.clone(),
            400,
            "paramètre year",
        ),
        (
            "campus id that does not parse",
            get("/api/v1/campuses/Nevers/reports/2025-2026"),
            coord.clone(),
            400,
            "paramètre campus_id",
        ),
        (
            "year not started",
            put(r#"{"grid": {}}"#).uri("/api/v1/campuses/nevers/reports/2030-2031"),
            coord.clone(),
            422,
            "ne peut pas encore être commencé",
        ),
        (
            "bad If-Match",
            put("{}").insert_header(("If-Match", "abc")),
            coord.clone(),
            400,
            "If-Match",
        ),
        (
            "limit out of range",
            get("/api/v1/campuses?limit=0"),
            analyst.clone(),
            422,
            "limit",
        ),
        (
            "limit not a number",
            get("/api/v1/campuses?limit=abc"),
            analyst.clone(),
            400,
            "paramètres de requête invalides",
        ),
        (
            "unknown région",
            get("/api/v1/campuses?region=XX"),
            analyst.clone(),
            422,
            "région académique « XX » inconnue",
        ),
        (
            "unknown status",
            get("/api/v1/reports?status=lost"),
            analyst.clone(),
            422,
            "status",
        ),
        (
            "unknown route",
            get("/api/v1/nowhere"),
            analyst.clone(),
            404,
            "aucune ressource GET /api/v1/nowhere",
        ),
        (
            "target on an unknown indicator",
            json(
                Method::PUT,
                "/api/v1/targets",
                &json!({"indicator": "happiness", "scope": "nation", "academic_year": "2025-2026", "direction": "at_least", "value": 1}),
            ),
            analyst.clone(),
            422,
            "indicateur « happiness » inconnu",
        ),
        (
            "target on an unknown campus",
            json(
                Method::PUT,
                "/api/v1/targets",
                &json!({"indicator": "enrolment", "scope": "campus:atlantide", "academic_year": "2025-2026", "direction": "at_least", "value": 1}),
            ),
            analyst.clone(),
            422,
            "aucun campus « atlantide »",
        ),
        (
            "target with a bad scope",
            json(
                Method::PUT,
                "/api/v1/targets",
                &json!({"indicator": "enrolment", "scope": "city:paris", "academic_year": "2025-2026", "direction": "at_least", "value": 1}),
            ),
            analyst.clone(),
            422,
            "scope",
        ),
        (
            "campus with bad coordinates",
            json(Method::PUT, "/api/v1/campuses/nevers", &{
                let mut c = serde_json::to_value(crate::common::campus(
                    "nevers",
                    pilotage_domain::RegionCode::BFC,
                ))
                .unwrap();
                c["latitude"] = json!(123.0);
                c
            }),
            analyst.clone(),
            422,
            "attributs du campus invalides",
        ),
        (
            "lock exception of an unknown kind",
            json(
                Method::PUT,
                "/api/v1/campuses/nevers/lock-exceptions/2025-2026/closing",
                &json!({"due_at": "2026-10-01T00:00:00Z", "reason": "x"}),
            ),
            analyst.clone(),
            400,
            "kind",
        ),
        (
            "lock exception without reason",
            json(
                Method::PUT,
                "/api/v1/campuses/nevers/lock-exceptions/2025-2026/annual_report",
                &json!({"due_at": "2026-10-01T00:00:00Z", "reason": " "}),
            ),
            analyst.clone(),
            422,
            "motif",
        ),
    ];
    let count = cases.len();
    for (name, req, token, status, expected) in cases {
        let reply = send(&service, req, token.as_deref()).await;
        assert_eq!(reply.status.as_u16(), status, "{name}: {}", reply.body);
        assert_eq!(reply.content_type, "application/problem+json", "{name}");
        let text = reply.body.to_string();
        assert!(
            text.contains(expected),
            "{name}: expected « {expected} » in {text}"
        );
    }
    assert_eq!(count, 26);
}

#[actix_web::test]
async fn a_body_over_the_limit_is_413() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let big = format!(
        r#"{{"narrative": {{"achievements": "{}"}}}}"#,
        "x".repeat(300 * 1024)
    );
    let req = TestRequest::put()
        .uri(REPORT)
        .insert_header(("Content-Type", "application/json"))
        .set_payload(big);
    let reply = send(&service, req, app.token(Who::CoordinatorOwn).as_deref()).await;
    assert_eq!(reply.status, 413);
    let long = json!({"narrative": {"achievements": "é".repeat(20_001)}});
    let reply = send(
        &service,
        json(Method::PUT, REPORT, &long),
        app.token(Who::CoordinatorOwn).as_deref(),
    )
    .await;
    assert_eq!(
        (
            reply.status.as_u16(),
            reply.body["errors"][0]["field"].as_str()
        ),
        (422, Some("narrative.achievements"))
    );
}
