//! Hostile and careless input: overflowing numbers, strange JSON, odd headers, paths and queries, dates far from
//! their year, huge lists. Each gets a clear 4xx in French naming the field — never a 500, a panic or a half-saved
//! report.

use crate::common::{clean_grid_json, get, json, post, send, send_current, TestApp, Who};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use serde_json::{json, Value};

const REPORT: &str = "/api/v1/campuses/nevers/reports/2025-2026";
const SURVEY: &str = "/api/v1/campuses/nevers/flash-surveys/2025-2026";

fn raw_put(uri: &str, body: impl Into<Vec<u8>>) -> TestRequest {
    TestRequest::put()
        .uri(uri)
        .insert_header(("Content-Type", "application/json"))
        .set_payload(body.into())
}

/// The clean grid with some fields replaced, as a save body.
fn grid_with(changes: &[(&str, Value)]) -> Value {
    let mut grid = clean_grid_json();
    for (field, value) in changes {
        grid[*field] = value.clone();
    }
    json!({ "grid": grid })
}

/// `(field, code)` of every entry of a list of field errors.
fn pairs(errors: &Value) -> Vec<(String, String)> {
    errors
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or("").to_owned(),
                        e["code"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn message_of<'a>(errors: &'a Value, field: &str, code: &str) -> &'a str {
    errors
        .as_array()
        .and_then(|list| {
            list.iter()
                .find(|e| e["field"] == field && e["code"] == code)
        })
        .and_then(|e| e["message"].as_str())
        .unwrap_or_else(|| panic!("no {field}/{code} in {errors}"))
}

#[actix_web::test]
async fn overflowing_amounts_and_sums_never_panic_and_still_break_their_rules() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let zero_money: Vec<(&str, Value)> = [
        "rev_state",
        "rev_local_authority",
        "rev_region",
        "rev_partners",
        "rev_in_kind",
        "exp_staff",
        "exp_premises",
        "exp_equipment",
        "exp_operations",
        "exp_communication",
    ]
    .into_iter()
    .map(|f| (f, json!(0)))
    .collect();
    // revenues − expenses = i64::MAX − (−1) and 0 − i64::MIN: both overflowed an i64 (a panic, then a 500).
    for (revenue, expense) in [(i64::MAX, -1), (0, i64::MIN)] {
        let mut changes = zero_money.clone();
        changes.push(("rev_other", json!(revenue)));
        changes.push(("exp_other", json!(expense)));
        let reply = send_current(
            &service,
            REPORT,
            json(Method::PUT, REPORT, &grid_with(&changes)),
            coord.as_deref(),
        )
        .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let warnings = &reply.body["validation"]["warnings"];
        assert!(
            message_of(warnings, "grid.rev_other", "budget_unbalanced")
                .contains("écart de 92\u{a0}233\u{a0}720\u{a0}368\u{a0}547\u{a0}758,08\u{a0}€"),
            "{warnings}"
        );
        assert!(pairs(&reply.body["validation"]["errors"])
            .contains(&("grid.exp_other".into(), "non_negative".into())));
    }
    // Programmes summing past i64::MAX used to skip the sum rule: the report could be submitted.
    let overflowing = grid_with(&[
        ("prog_licence", json!(i64::MAX)),
        ("prog_master", json!(i64::MAX)),
    ]);
    let saved = send_current(
        &service,
        REPORT,
        json(Method::PUT, REPORT, &overflowing),
        coord.as_deref(),
    )
    .await;
    assert_eq!(saved.status, 200);
    assert!(
        message_of(
            &saved.body["validation"]["errors"],
            "grid.prog_licence",
            "sum_programmes"
        )
        .contains("18\u{a0}446\u{a0}744\u{a0}073\u{a0}709\u{a0}551\u{a0}622 au lieu des 20"),
        "{}",
        saved.body
    );
    let submitted = send(
        &service,
        post(&format!("{REPORT}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(submitted.status, 422, "{}", submitted.body);
    assert!(pairs(&submitted.body["errors"])
        .contains(&("grid.prog_master".into(), "sum_programmes".into())));
    let after = send(&service, get(REPORT), coord.as_deref()).await;
    assert_eq!(after.body["status"], "draft");
}

#[actix_web::test]
async fn odd_json_is_refused_in_french_and_saves_nothing() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let saved = send_current(
        &service,
        REPORT,
        json(Method::PUT, REPORT, &json!({"grid": clean_grid_json()})),
        coord.as_deref(),
    )
    .await;
    assert_eq!(saved.status, 200);
    let deep = format!(
        "{{\"grid\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let cases: Vec<(&str, Vec<u8>, u16, &str, &str)> = vec![
        (
            "u64::MAX in cents",
            br#"{"grid": {"exp_staff": 18446744073709551615}}"#.to_vec(),
            422,
            "grid.exp_staff",
            "entier 18446744073709551615 reçu, un nombre entier (de -9223372036854775808 à 9223372036854775807",
        ),
        (
            "1e20 in cents",
            br#"{"grid": {"exp_staff": 100000000000000000000}}"#.to_vec(),
            422,
            "grid.exp_staff",
            "nombre décimal 1e+20 reçu",
        ),
        (
            "-0 in a count",
            br#"{"grid": {"students_enrolled": -0}}"#.to_vec(),
            422,
            "grid.students_enrolled",
            "nombre décimal -0.0 reçu",
        ),
        (
            "NaN as a string",
            br#"{"grid": {"tutors_fte": "NaN"}}"#.to_vec(),
            422,
            "grid.tutors_fte",
            "chaîne \"NaN\" reçu, un nombre attendu",
        ),
        (
            "bare NaN",
            br#"{"grid": {"tutors_fte": NaN}}"#.to_vec(),
            400,
            "",
            "sans guillemets ni NaN",
        ),
        (
            "1e309",
            br#"{"grid": {"tutors_fte": 1e309}}"#.to_vec(),
            400,
            "",
            "nombre hors limites",
        ),
        (
            "null grid",
            br#"{"grid": null}"#.to_vec(),
            422,
            "grid",
            "null reçu, un objet JSON { … } attendu",
        ),
        (
            "deeply nested lists",
            deep.into_bytes(),
            422,
            "grid[0]",
            "liste reçu",
        ),
        (
            "not UTF-8",
            b"{\"narrative\": {\"achievements\": \"\xff\xfe\"}}".to_vec(),
            400,
            "",
            "UTF-8",
        ),
        (
            "a list instead of an object",
            b"[]".to_vec(),
            422,
            "(document)",
            "un objet JSON { … } est attendu",
        ),
        (
            "a string instead of an object",
            b"\"grid\"".to_vec(),
            422,
            "(document)",
            "un objet JSON { … } est attendu",
        ),
        (
            "duplicate key",
            br#"{"grid": {"women": 1, "women": 2}}"#.to_vec(),
            422,
            "grid",
            "champ « women » en double",
        ),
    ];
    for (name, body, status, field, expected) in cases {
        let reply = send_current(&service, REPORT, raw_put(REPORT, body), coord.as_deref()).await;
        assert_eq!(reply.status.as_u16(), status, "{name}: {}", reply.body);
        assert_eq!(reply.content_type, "application/problem+json", "{name}");
        let text = if status == 422 {
            assert_eq!(reply.body["errors"][0]["field"], field, "{name}");
            reply.body["errors"][0]["message"].as_str().unwrap_or("")
        } else {
            reply.body["detail"].as_str().unwrap_or("")
        };
        assert!(
            text.contains(expected),
            "{name}: « {expected} » not in {text}"
        );
    }
    // None of them touched the saved draft (a `[]` body used to empty it).
    let after = send(&service, get(REPORT), coord.as_deref()).await;
    assert_eq!(after.body["grid"], clean_grid_json());
    assert_eq!(after.etag.as_deref(), Some("\"1\""));
    // A float of 1e308 is a number: saved, and the FTE rule names it.
    let huge_fte = send(
        &service,
        json(
            Method::PUT,
            REPORT,
            &grid_with(&[("tutors_fte", json!(1e308))]),
        )
        .insert_header(("If-Match", "\"1\"")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(huge_fte.status, 200);
    assert!(pairs(&huge_fte.body["validation"]["errors"])
        .contains(&("grid.tutors_fte".into(), "fte_range".into())));
}

#[actix_web::test]
async fn if_match_variants_are_read_or_refused_clearly() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let save = |if_match: &str| {
        json(Method::PUT, REPORT, &json!({})).insert_header(("If-Match", if_match.to_owned()))
    };
    let first = send(&service, save("*"), coord.as_deref()).await;
    assert_eq!(
        (first.status.as_u16(), first.etag.as_deref()),
        (200, Some("\"1\""))
    );
    // The report exists now: `*` and a weak tag name no version, so nothing is overwritten (428).
    for any in ["*", "W/\"1\""] {
        let reply = send(&service, save(any), coord.as_deref()).await;
        assert_eq!(reply.status, 428, "{any}: {}", reply.body);
        assert!(reply.body["detail"].as_str().unwrap().contains("If-Match"));
    }
    let unconditional = send(
        &service,
        json(Method::PUT, REPORT, &json!({})),
        coord.as_deref(),
    )
    .await;
    assert_eq!(unconditional.status, 428, "{}", unconditional.body);
    let strong = send(&service, save("\"1\""), coord.as_deref()).await;
    assert_eq!(
        (strong.status.as_u16(), strong.etag.as_deref()),
        (200, Some("\"2\""))
    );
    for bad in ["\"\"", "\"99999999999999999999\"", "\"1\", \"2\"", "W/"] {
        let reply = send(&service, save(bad), coord.as_deref()).await;
        assert_eq!(reply.status, 400, "{bad}");
        assert!(
            reply.body["detail"]
                .as_str()
                .unwrap()
                .contains("en-tête If-Match"),
            "{bad}: {}",
            reply.body
        );
    }
    let stale = send(&service, save("\"-1\""), coord.as_deref()).await;
    assert_eq!(stale.status, 412);
    assert!(stale.body["detail"]
        .as_str()
        .unwrap()
        .contains("la version -1 n'est plus la dernière (version actuelle : 2)"));
}

#[actix_web::test]
async fn workshop_themes_beyond_any_rule_are_refused_and_the_template_still_downloads() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let thousands: Vec<String> = (0..5_000).map(|i| format!("thème {i}")).collect();
    for (name, themes) in [
        ("thousands of themes", json!(thousands)),
        ("one huge theme", json!(["x".repeat(100_000)])),
    ] {
        let reply = send(
            &service,
            json(
                Method::PUT,
                REPORT,
                &grid_with(&[("workshop_themes", themes)]),
            ),
            coord.as_deref(),
        )
        .await;
        assert_eq!(reply.status, 422, "{name}: {}", reply.body);
        assert!(
            message_of(&reply.body["errors"], "grid.workshop_themes", "too_long")
                .contains("20000 caractères au plus"),
            "{name}: {}",
            reply.body
        );
    }
    // The same through a CSV (comma separated, themes in one cell).
    let csv = format!(
        "Champ,Valeur\nstudents_enrolled,20\nworkshop_themes,\"{}\"\n",
        (0..5_000)
            .map(|i| format!("thème {i}"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let uploaded = send_current(
        &service,
        REPORT,
        TestRequest::put()
            .uri(&format!("{REPORT}/spreadsheet"))
            .set_payload(csv),
        coord.as_deref(),
    )
    .await;
    assert_eq!(uploaded.status, 422, "{}", uploaded.body);
    assert_eq!(
        pairs(&uploaded.body["errors"]),
        vec![("grid.workshop_themes".to_owned(), "too_long".to_owned())]
    );
    assert_eq!(
        send(&service, get(REPORT), coord.as_deref()).await.body["exists"],
        false,
        "nothing was saved"
    );
    // 51 themes break the rule but stay a draft's business: saved, flagged, and the template downloads.
    let many: Vec<String> = (0..51).map(|i| format!("Atelier numéro {i}")).collect();
    let saved = send(
        &service,
        json(
            Method::PUT,
            REPORT,
            &grid_with(&[("workshop_themes", json!(many))]),
        ),
        coord.as_deref(),
    )
    .await;
    assert_eq!(saved.status, 200);
    assert!(pairs(&saved.body["validation"]["errors"]).contains(&(
        "grid.workshop_themes".into(),
        "workshop_themes_too_many".into()
    )));
    let template = send(
        &service,
        get(&format!("{REPORT}/template.xlsx")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(template.status, 200);
    let grid = pilotage_spreadsheet::read_upload(&template.bytes).unwrap();
    assert_eq!(grid.workshop_themes.map(|t| t.len()), Some(51));
}

#[actix_web::test]
async fn a_csv_of_ten_thousand_columns_is_read_by_its_first_two() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let wide = (0..10_000)
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(";");
    let csv = format!("Champ;Valeur;{wide}\nstudents_enrolled;20;{wide}\n");
    let reply = send_current(
        &service,
        REPORT,
        TestRequest::put()
            .uri(&format!("{REPORT}/spreadsheet"))
            .set_payload(csv),
        coord.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["grid"]["students_enrolled"], 20);
    assert_eq!(reply.body["grid"]["exp_staff"], Value::Null);
}

#[actix_web::test]
async fn uploads_from_callers_who_may_not_write_are_not_read() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let garbage = || {
        TestRequest::put()
            .uri(&format!("{REPORT}/spreadsheet"))
            .set_payload(b"\x89PNG not a sheet".to_vec())
    };
    for (who, status, expected) in [
        (Who::CoordinatorOther, 404, "campus « nevers » introuvable"),
        (Who::RegionalOther, 404, "campus « nevers » introuvable"),
        (Who::RegionalOwn, 403, "seule la coordination du campus"),
        (Who::Analyst, 403, "seule la coordination du campus"),
    ] {
        let reply = send(&service, garbage(), app.token(who).as_deref()).await;
        assert_eq!(reply.status.as_u16(), status, "{who:?}: {}", reply.body);
        assert!(
            reply.body["detail"].as_str().unwrap().contains(expected),
            "{who:?}: {}",
            reply.body
        );
    }
    let own = send(
        &service,
        garbage(),
        app.token(Who::CoordinatorOwn).as_deref(),
    )
    .await;
    assert_eq!(own.status, 422);
    assert_eq!(own.body["errors"][0]["code"], "unreadable");
}

#[actix_web::test]
async fn odd_paths_and_queries_get_clear_answers() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    let long = send(
        &service,
        get(&format!("/api/v1/campuses/{}", "a".repeat(5_000))),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(long.status, 400);
    let detail = long.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("trop long (5000 caractères ; 64 au plus)"),
        "{detail}"
    );
    assert!(detail.len() < 200, "the id is not echoed whole: {detail}");
    let accented = send(
        &service,
        get("/api/v1/campuses/n%C3%A9vers"),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(accented.status, 400);
    assert!(accented.body["detail"]
        .as_str()
        .unwrap()
        .contains("identifiant « névers » invalide"));
    let encoded = send(
        &service,
        get("/api/v1/campuses/%6Eevers"),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (encoded.status.as_u16(), &encoded.body["id"]),
        (200, &json!("nevers"))
    );
    for (uri, status, expected) in [
        (
            "/api/v1/campuses?limit=1&limit=2",
            400,
            "champ « limit » en double",
        ),
        (
            "/api/v1/campuses?offset=9223372036854775808",
            400,
            "nombre trop grand",
        ),
        ("/api/v1/campuses?limit=abc", 400, "nombre entier attendu"),
        ("/api/v1/reports?late=maybe", 400, "true ou false attendu"),
        (
            "/api/v1/campuses?limit=-5",
            422,
            "doit être compris entre 1 et 500",
        ),
    ] {
        let reply = send(&service, get(uri), analyst.as_deref()).await;
        assert_eq!(reply.status.as_u16(), status, "{uri}: {}", reply.body);
        assert!(
            reply.body["detail"].as_str().unwrap().contains(expected),
            "{uri}: {}",
            reply.body
        );
    }
    for uri in [
        format!("/api/v1/campuses?offset={}", i64::MAX),
        format!("/api/v1/reports?year=2025-2026&offset={}", i64::MAX),
    ] {
        let reply = send(&service, get(&uri), analyst.as_deref()).await;
        assert_eq!(reply.status, 200, "{uri}");
        assert_eq!(
            (&reply.body["items"], &reply.body["total"]),
            (&json!([]), &json!(3)),
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn deadlines_far_from_their_year_or_without_offset_are_refused_and_nothing_moves() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    let uri = "/api/v1/deadlines/2025-2026";
    let before = send(&service, get(uri), analyst.as_deref()).await;
    for (date, code, expected) in [
        (
            "2026-09-01T23:59:59",
            "invalid_value",
            "format RFC 3339 avec décalage horaire",
        ),
        (
            "2026-09-01",
            "invalid_value",
            "format RFC 3339 avec décalage horaire",
        ),
        (
            "0001-01-01T00:00:00Z",
            "out_of_range",
            "entre le 01/01/2025 et le 31/12/2028",
        ),
        (
            "-5000-01-01T00:00:00Z",
            "out_of_range",
            "entre le 01/01/2025 et le 31/12/2028",
        ),
        (
            "+20000-01-01T00:00:00Z",
            "out_of_range",
            "entre le 01/01/2025 et le 31/12/2028",
        ),
        (
            "1970-01-01T00:00:00Z",
            "out_of_range",
            "entre le 01/01/2025 et le 31/12/2028",
        ),
        (
            "9999-12-31T23:59:59Z",
            "out_of_range",
            "entre le 01/01/2025 et le 31/12/2028",
        ),
    ] {
        // The report's due date is valid: it must not move when the other date is refused.
        let body =
            json!({"annual_report_due": "2026-09-05T23:59:59+02:00", "flash_survey_opens": date});
        let reply = send(&service, json(Method::PUT, uri, &body), analyst.as_deref()).await;
        assert_eq!(reply.status, 422, "{date}: {}", reply.body);
        assert!(
            message_of(&reply.body["errors"], "flash_survey_opens", code).contains(expected),
            "{date}: {}",
            reply.body
        );
    }
    assert_eq!(
        send(&service, get(uri), analyst.as_deref()).await.body,
        before.body
    );
}

#[actix_web::test]
async fn lock_exceptions_only_give_more_time() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    let uri = "/api/v1/campuses/nevers/lock-exceptions/2025-2026/annual_report";
    for (due_at, code, expected) in [
        (
            "2026-08-01T00:00:00+02:00",
            "not_later",
            "postérieure à l'échéance de l'année (01/09/2026 23:59)",
        ),
        (
            "2026-09-01T23:59:59+02:00",
            "not_later",
            "postérieure à l'échéance de l'année (01/09/2026 23:59)",
        ),
        (
            "2020-01-01T00:00:00Z",
            "out_of_range",
            "entre le 01/01/2025 et le 31/12/2028",
        ),
        (
            "9999-01-01T00:00:00Z",
            "out_of_range",
            "entre le 01/01/2025 et le 31/12/2028",
        ),
    ] {
        let body = json!({"due_at": due_at, "reason": "Changement de coordination"});
        let reply = send(&service, json(Method::PUT, uri, &body), analyst.as_deref()).await;
        assert_eq!(reply.status, 422, "{due_at}: {}", reply.body);
        assert!(
            message_of(&reply.body["errors"], "due_at", code).contains(expected),
            "{due_at}: {}",
            reply.body
        );
    }
    let listed = send(&service, get("/api/v1/lock-exceptions"), analyst.as_deref()).await;
    assert_eq!(listed.body, json!([]));
    let report = send(
        &service,
        get(REPORT),
        app.token(Who::CoordinatorOwn).as_deref(),
    )
    .await;
    assert_eq!(report.body["deadline"], "2026-09-01T21:59:59Z");
}

#[actix_web::test]
async fn targets_outside_the_unit_of_their_indicator_are_refused() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    for (indicator, value, expected) in [
        (
            "success_rate",
            json!(1e308),
            "un pourcentage compris entre 0 et 100",
        ),
        (
            "success_rate",
            json!(150),
            "un pourcentage compris entre 0 et 100",
        ),
        (
            "enrolment",
            json!(-1e308),
            "un effectif ou un nombre compris entre 0 et 1000000",
        ),
        (
            "presence_hours",
            json!(200),
            "un nombre d'heures par semaine",
        ),
        ("cost_per_student", json!(1e308), "un montant en euros"),
    ] {
        let body = json!({"indicator": indicator, "scope": "nation", "academic_year": "2025-2026", "direction": "at_least", "value": value});
        let reply = send(
            &service,
            json(Method::PUT, "/api/v1/targets", &body),
            analyst.as_deref(),
        )
        .await;
        assert_eq!(reply.status, 422, "{indicator} {value}");
        assert!(
            message_of(&reply.body["errors"], "value", "invalid").contains(expected),
            "{indicator} {value}: {}",
            reply.body
        );
    }
    let fine = json!({"indicator": "success_rate", "scope": "nation", "academic_year": "2025-2026", "direction": "at_least", "value": 85});
    let reply = send(
        &service,
        json(Method::PUT, "/api/v1/targets", &fine),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (reply.status.as_u16(), &reply.body["value"]),
        (200, &json!(85.0))
    );
}

#[actix_web::test]
async fn extreme_campus_attributes_are_refused_without_overflow() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let admin = app.token(Who::Admin);
    let base = || {
        serde_json::to_value(crate::common::campus(
            "nouveau",
            pilotage_domain::RegionCode::BFC,
        ))
        .unwrap()
    };
    let mut overflow = base();
    overflow["convention"] = json!({"start_year": -1, "end_year": i32::MAX});
    let mut far = base();
    far["latitude"] = json!(1e308);
    far["longitude"] = json!(-1e308);
    let mut nan = base();
    nan["latitude"] = json!("NaN");
    let mut seats = base();
    seats["premises"]["seats"] = json!(10_000_000_000i64);
    for (name, body, expected) in [
        (
            "convention overflowing an i32",
            overflow,
            vec![
                ("convention.start_year", "invalid"),
                ("convention", "invalid"),
            ],
        ),
        (
            "coordinates of 1e308",
            far,
            vec![("latitude", "invalid"), ("longitude", "invalid")],
        ),
        ("NaN latitude", nan, vec![("latitude", "invalid_value")]),
        (
            "seats beyond i32",
            seats,
            vec![("premises.seats", "invalid_value")],
        ),
    ] {
        let reply = send(
            &service,
            json(Method::POST, "/api/v1/campuses", &body),
            admin.as_deref(),
        )
        .await;
        assert_eq!(reply.status, 422, "{name}: {}", reply.body);
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
            .collect();
        assert_eq!(pairs(&reply.body["errors"]), expected, "{name}");
    }
    let missing = send(&service, get("/api/v1/campuses/nouveau"), admin.as_deref()).await;
    assert_eq!(missing.status, 404);
}

#[actix_web::test]
async fn flash_survey_sums_cannot_overflow_and_a_transmitted_survey_is_read_only_until_reopened() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let survey = |licence: i64, master: i64| {
        json!({"forecast_students_enrolled": 22, "forecast_prog_licence": licence, "forecast_prog_master": master,
               "forecast_prog_doctorate": 0, "forecast_prog_daeu": 0, "forecast_prog_bts": 0,
               "forecast_prog_other_public": 0, "forecast_prog_private": 0})
    };
    let overflowing = send(
        &service,
        json(Method::PUT, SURVEY, &survey(i64::MAX, i64::MAX)),
        coord.as_deref(),
    )
    .await;
    assert_eq!(overflowing.status, 200);
    let refused = send(
        &service,
        post(&format!("{SURVEY}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(message_of(
        &refused.body["errors"],
        "forecast_students_enrolled",
        "sum_forecast_programmes"
    )
    .contains("totalise 18446744073709551614 au lieu de 22"));
    assert_eq!(
        send(
            &service,
            json(Method::PUT, SURVEY, &survey(20, 2)),
            coord.as_deref()
        )
        .await
        .status,
        200
    );
    let submitted = send(
        &service,
        post(&format!("{SURVEY}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(submitted.body["status"], "submitted", "{}", submitted.body);
    // A transmitted survey is read-only: a change, even a broken one, is refused and nothing moves.
    let broken = send(
        &service,
        json(
            Method::PUT,
            SURVEY,
            &json!({"forecast_students_enrolled": -3}),
        ),
        coord.as_deref(),
    )
    .await;
    assert_eq!(broken.status, 409, "{}", broken.body);
    assert!(broken.body["detail"]
        .as_str()
        .unwrap()
        .contains("demandez à l'opérateur de la rouvrir"));
    let after = send(&service, get(SURVEY), coord.as_deref()).await;
    assert_eq!(
        (
            &after.body["status"],
            &after.body["survey"]["forecast_prog_master"]
        ),
        (&json!("submitted"), &json!(2))
    );
    // Reopened by an analyst (a reason is required, and checked like every text), it is corrected as a draft.
    let analyst = app.token(Who::Analyst);
    for (body, status) in [
        (json!({}), 422),
        (json!({"reason": "\u{0}"}), 422),
        (json!({"reason": 3}), 422),
        (json!({"reason": "ok", "extra": 1}), 422),
    ] {
        let reply = send(
            &service,
            json(Method::POST, &format!("{SURVEY}/reopen"), &body),
            analyst.as_deref(),
        )
        .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
    }
    let reopened = send(
        &service,
        json(
            Method::POST,
            &format!("{SURVEY}/reopen"),
            &json!({"reason": "Erreur signalée par la coordination"}),
        ),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(reopened.status, 200, "{}", reopened.body);
    let corrected = send(
        &service,
        json(Method::PUT, SURVEY, &survey(19, 3)),
        coord.as_deref(),
    )
    .await;
    assert_eq!(
        (corrected.status.as_u16(), &corrected.body["status"]),
        (200, &json!("draft"))
    );
}

#[actix_web::test]
async fn nul_and_control_characters_are_refused_naming_the_field_and_narratives_keep_their_lines() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let admin = app.token(Who::Admin);
    let coord = app.token(Who::CoordinatorOwn);
    let mut campus = serde_json::to_value(crate::common::campus(
        "nouveau",
        pilotage_domain::RegionCode::BFC,
    ))
    .unwrap();
    campus["name"] = json!("Nouveau\r\nCampus");
    let mut campus_nul = campus.clone();
    campus_nul["name"] = json!("Nouveau\u{0}");
    let mut grid_nul = grid_with(&[]);
    grid_nul["narrative"] = json!({"achievements": "Six ateliers\u{0}"});
    for (name, uri, method, body, token, field, code) in [
        (
            "login e-mail with NUL",
            "/api/v1/auth/login",
            Method::POST,
            json!({"email": "a\u{0}@b.fr", "password": "x"}),
            None,
            "email",
            "control_character",
        ),
        (
            "login password with NUL",
            "/api/v1/auth/login",
            Method::POST,
            json!({"email": "analyste@test.example", "password": "\u{0}"}),
            None,
            "password",
            "control_character",
        ),
        (
            "token client id with NUL",
            "/api/v1/auth/token",
            Method::POST,
            json!({"client_id": "x\u{0}", "client_key": "k"}),
            None,
            "client_id",
            "control_character",
        ),
        (
            "token client key with ESC",
            "/api/v1/auth/token",
            Method::POST,
            json!({"client_id": "x", "client_key": "k\u{1b}"}),
            None,
            "client_key",
            "control_character",
        ),
        (
            "campus name on two lines",
            "/api/v1/campuses",
            Method::POST,
            campus,
            admin.clone(),
            "name",
            "line_break",
        ),
        (
            "campus name with NUL",
            "/api/v1/campuses",
            Method::POST,
            campus_nul,
            admin.clone(),
            "name",
            "control_character",
        ),
        (
            "narrative with NUL",
            REPORT,
            Method::PUT,
            grid_nul,
            coord.clone(),
            "narrative.achievements",
            "control_character",
        ),
    ] {
        let reply = send(&service, json(method, uri, &body), token.as_deref()).await;
        assert_eq!(reply.status, 422, "{name}: {}", reply.body);
        assert_eq!(
            pairs(&reply.body["errors"]),
            vec![(field.to_owned(), code.to_owned())],
            "{name}"
        );
    }
    let missing = send(&service, get("/api/v1/campuses/nouveau"), admin.as_deref()).await;
    assert_eq!(missing.status, 404);
    // A multi-line narrative keeps its line breaks and tabs.
    let mut lines = grid_with(&[]);
    lines["narrative"] =
        json!({"achievements": "Six ateliers.\r\nDeux sorties.\n\tUne exposition."});
    let saved = send(
        &service,
        json(Method::PUT, REPORT, &lines),
        coord.as_deref(),
    )
    .await;
    assert!(saved.status == 200 || saved.status == 201, "{}", saved.body);
    let read = send(&service, get(REPORT), coord.as_deref()).await;
    assert_eq!(
        read.body["narrative"]["achievements"],
        "Six ateliers.\r\nDeux sorties.\n\tUne exposition."
    );
}

#[actix_web::test]
async fn control_characters_in_paths_and_query_strings_are_refused_naming_them() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let admin = app.token(Who::Admin);
    let ministry = app.token(Who::Ministry);
    for (name, uri, token, field, code) in [
        (
            "NUL in a campus id",
            "/api/v1/campuses/nev%00ers",
            admin.clone(),
            "chemin",
            "control_character",
        ),
        (
            "line feed in an account path",
            "/api/v1/admin/users/a%0Ab",
            admin.clone(),
            "chemin",
            "line_break",
        ),
        (
            "NUL in a free-text filter",
            "/api/v1/admin/outbox?status=pending%00",
            admin.clone(),
            "status",
            "control_character",
        ),
        (
            "CR in an indicator",
            "/api/v1/stats/series?indicator=success_rate%0D",
            ministry.clone(),
            "indicator",
            "line_break",
        ),
        (
            "control character in a parameter's name",
            "/api/v1/campuses?reg%01ion=BFC",
            admin.clone(),
            "region",
            "control_character",
        ),
        (
            "NUL before any sign-in",
            "/api/v1/campuses/%00",
            None,
            "chemin",
            "control_character",
        ),
    ] {
        let reply = send(&service, get(uri), token.as_deref()).await;
        assert_eq!(reply.status, 422, "{name}: {}", reply.body);
        assert_eq!(reply.content_type, "application/problem+json", "{name}");
        assert_eq!(
            pairs(&reply.body["errors"]),
            vec![(field.to_owned(), code.to_owned())],
            "{name}"
        );
    }
    // The pages answer in French, as a page.
    let page = send(&service, get("/campus/nev%00ers?onglet=a"), None).await;
    assert_eq!(page.status, 422);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    let html = String::from_utf8(page.bytes).unwrap();
    assert!(html.contains("lang=\"fr\""), "{html}");
    // Ordinary accents and encoded spaces pass.
    let fine = send(
        &service,
        get("/api/v1/campuses?region=BFC"),
        admin.as_deref(),
    )
    .await;
    assert_eq!(fine.status, 200, "{}", fine.body);
}
