//! The annual report's life: drafts, validation, gap explanations, review, history, concurrency, deadlines,
//! spreadsheets.

use crate::common::{at, clean_grid_json, get, json, post, send, send_current, TestApp, Who};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use serde_json::{json, Value};

const REPORT: &str = "/api/v1/campuses/nevers/reports/2025-2026";

fn codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn the_full_review_lifecycle() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let analyst = app.token(Who::Analyst);

    // A report not started reads as an empty draft, version 0.
    let empty = send(&service, get(REPORT), coord.as_deref()).await;
    assert_eq!(
        (
            empty.status.as_u16(),
            empty.body["exists"].as_bool(),
            empty.body["version"].as_i64()
        ),
        (200, Some(false), Some(0))
    );
    assert_eq!(
        empty.body["validation"]["missing"]
            .as_array()
            .unwrap()
            .len(),
        52
    );

    // A partial draft is saved, with what is missing and inconsistent reported.
    let partial = json(
        Method::PUT,
        REPORT,
        &json!({"grid": {"students_enrolled": 20, "women": 25, "men": 0, "sex_unreported": 0}}),
    );
    let saved = send(&service, partial, coord.as_deref()).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.etag.as_deref(), Some("\"1\""));
    assert!(
        codes(&json!({"errors": saved.body["validation"]["errors"]}))
            .contains(&("grid.women".into(), "sum_sex".into()))
    );

    // Submitting it is refused, every failing field listed, and it stays a draft.
    let refused = send(
        &service,
        post(&format!("{REPORT}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(refused.status, 422);
    let failing = codes(&refused.body);
    assert!(failing.contains(&("grid.women".into(), "sum_sex".into())));
    assert!(failing.contains(&("grid.exp_staff".into(), "required".into())));
    assert_eq!(
        send(&service, get(REPORT), coord.as_deref()).await.body["status"],
        "draft"
    );

    // A complete grid that misses the enrolment target (15) needs an explanation, named in the refusal.
    let mut grid = clean_grid_json();
    for (field, value) in [
        ("students_enrolled", 12),
        ("prog_licence", 2),
        ("women", 5),
        ("age_26_plus", 1),
        ("outcome_success", 10),
        ("outcome_failure", 0),
        ("students_new", 8),
        ("survey_respondents", 10),
        ("survey_would_not_have_studied", 3),
    ] {
        grid[field] = json!(value);
    }
    let saved = send_current(
        &service,
        REPORT,
        json(Method::PUT, REPORT, &json!({"grid": grid})),
        coord.as_deref(),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(
        saved.body["validation"]["submittable"].as_bool().unwrap(),
        "{}",
        saved.body["validation"]
    );
    let enrolment = saved.body["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "enrolment")
        .unwrap()
        .clone();
    assert_eq!(
        (
            enrolment["explanation_required"].as_bool(),
            enrolment["gap"]["status"].as_str()
        ),
        (Some(true), Some("missed"))
    );
    let refused = send(
        &service,
        post(&format!("{REPORT}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        codes(&refused.body),
        vec![(
            "gap_explanations.enrolment".to_owned(),
            "gap_explanation_required".to_owned()
        )]
    );

    let explained = json!({"grid": grid, "gap_explanations": {"enrolment": "Deux départs en cours d'année."}, "narrative": {"achievements": "Six ateliers."}});
    assert_eq!(
        send_current(
            &service,
            REPORT,
            json(Method::PUT, REPORT, &explained),
            coord.as_deref()
        )
        .await
        .status,
        200
    );
    let submitted = send(
        &service,
        post(&format!("{REPORT}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    assert_eq!(
        (
            submitted.body["status"].as_str(),
            submitted.body["late"].as_bool()
        ),
        (Some("submitted"), Some(false))
    );

    // Submitted: the coordinator can no longer change it.
    let locked = send_current(
        &service,
        REPORT,
        json(Method::PUT, REPORT, &explained),
        coord.as_deref(),
    )
    .await;
    assert_eq!(locked.status, 409);

    // The analyst returns it: a comment is required.
    let no_comment = send(
        &service,
        post(&format!("{REPORT}/return")),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (no_comment.status.as_u16(), codes(&no_comment.body)),
        (422, vec![("comment".to_owned(), "required".to_owned())])
    );
    let returned = send(
        &service,
        json(
            Method::POST,
            &format!("{REPORT}/return"),
            &json!({"comment": "Vérifier l'effectif."}),
        ),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (returned.status.as_u16(), returned.body["status"].as_str()),
        (200, Some("returned"))
    );
    assert_eq!(returned.body["review_comment"], "Vérifier l'effectif.");

    // Corrected and resubmitted, then accepted: read-only.
    assert_eq!(
        send_current(
            &service,
            REPORT,
            json(Method::PUT, REPORT, &explained),
            coord.as_deref()
        )
        .await
        .status,
        200
    );
    assert_eq!(
        send(
            &service,
            post(&format!("{REPORT}/submit")),
            coord.as_deref()
        )
        .await
        .status,
        200
    );
    let accepted = send(
        &service,
        post(&format!("{REPORT}/accept")),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (
            accepted.status.as_u16(),
            accepted.body["status"].as_str(),
            accepted.body["editable"].as_bool()
        ),
        (200, Some("accepted"), Some(false))
    );
    assert_eq!(
        send_current(
            &service,
            REPORT,
            json(Method::PUT, REPORT, &explained),
            coord.as_deref()
        )
        .await
        .status,
        409
    );
    assert_eq!(
        send(
            &service,
            post(&format!("{REPORT}/accept")),
            analyst.as_deref()
        )
        .await
        .status,
        409
    );

    // Reopened by the analyst: editable again, and recorded.
    let reopened = send(
        &service,
        json(
            Method::POST,
            &format!("{REPORT}/reopen"),
            &json!({"comment": "Erreur de saisie signalée."}),
        ),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (reopened.status.as_u16(), reopened.body["status"].as_str()),
        (200, Some("returned"))
    );

    let history = send(
        &service,
        get(&format!("{REPORT}/history")),
        analyst.as_deref(),
    )
    .await;
    let statuses: Vec<_> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["field"] == "status")
        .map(|e| {
            (
                e["actor"].as_str().unwrap(),
                e["new_value"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("coord.nevers@test.example", "submitted"),
            ("analyste@test.example", "returned"),
            ("coord.nevers@test.example", "submitted"),
            ("analyste@test.example", "accepted"),
            ("analyste@test.example", "returned"),
        ]
    );
    let women = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["field"] == "women")
        .count();
    assert_eq!(women, 2, "each change of a value is recorded");
}

#[actix_web::test]
async fn a_stale_version_gets_412_and_overwrites_nothing() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let first = send(
        &service,
        json(
            Method::PUT,
            REPORT,
            &json!({"grid": {"students_enrolled": 20}}),
        ),
        coord.as_deref(),
    )
    .await;
    let etag = first.etag.unwrap();
    let second = send(
        &service,
        json(
            Method::PUT,
            REPORT,
            &json!({"grid": {"students_enrolled": 21}}),
        )
        .insert_header(("If-Match", etag.as_str())),
        coord.as_deref(),
    )
    .await;
    assert_eq!(second.status, 200);
    let stale = send(
        &service,
        json(
            Method::PUT,
            REPORT,
            &json!({"grid": {"students_enrolled": 99}}),
        )
        .insert_header(("If-Match", etag.as_str())),
        coord.as_deref(),
    )
    .await;
    assert_eq!(stale.status, 412);
    assert_eq!(
        send(&service, get(REPORT), coord.as_deref()).await.body["grid"]["students_enrolled"],
        21
    );
    let stale_submit = send(
        &service,
        post(&format!("{REPORT}/submit")).insert_header(("If-Match", etag.as_str())),
        coord.as_deref(),
    )
    .await;
    assert_eq!(stale_submit.status, 412);
    let bad = send(
        &service,
        json(Method::PUT, REPORT, &json!({})).insert_header(("If-Match", "version deux")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(bad.status, 400);
}

async fn submit_at(app: &TestApp, who: Who, report: &str, when: &str) -> Value {
    app.clock.set(at(when));
    let campus_token = app.token(who);
    let service = service!(app);
    let body = json!({"grid": clean_grid_json()});
    assert_eq!(
        send(
            &service,
            json(Method::PUT, report, &body),
            campus_token.as_deref()
        )
        .await
        .status,
        200
    );
    let reply = send(
        &service,
        post(&format!("{report}/submit")),
        campus_token.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

#[actix_web::test]
async fn the_deadline_is_paris_midnight_in_summer_time() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    // 23:59 Paris time on 1 September 2026 (UTC+2) is 21:59 UTC: on time.
    let on_time = submit_at(&app, Who::CoordinatorOwn, REPORT, "2026-09-01T21:59:00Z").await;
    assert_eq!(
        (on_time["late"].as_bool(), on_time["timeliness"].as_str()),
        (Some(false), Some("on_time"))
    );
    assert_eq!(on_time["deadline"], "2026-09-01T21:59:59Z");
    // 00:01 Paris time on 2 September is 22:01 UTC on 1 September: accepted, and late.
    let late = submit_at(
        &app,
        Who::CoordinatorOwn,
        "/api/v1/campuses/nevers/reports/2024-2025",
        "2025-09-01T22:01:00Z",
    )
    .await;
    assert_eq!(
        (
            late["status"].as_str(),
            late["late"].as_bool(),
            late["timeliness"].as_str()
        ),
        (Some("submitted"), Some(true), Some("submitted_late"))
    );
}

#[actix_web::test]
async fn the_whole_last_second_of_the_deadline_is_on_time() {
    // 23:59:59.0 and 23:59:59.7 Paris time are on time; 00:00:00.0 on the next day is late.
    for (at, expected) in [
        ("2026-09-01T21:59:59.000Z", "on_time"),
        ("2026-09-01T21:59:59.700Z", "on_time"),
        ("2026-09-01T22:00:00.000Z", "submitted_late"),
    ] {
        let app = TestApp::new("2026-06-01T10:00:00Z");
        let report = submit_at(&app, Who::CoordinatorOwn, REPORT, at).await;
        assert_eq!(
            report["timeliness"].as_str(),
            Some(expected),
            "{at}: {report}"
        );
    }
}

#[actix_web::test]
async fn a_lock_exception_moves_the_deadline_and_the_closing_for_one_campus() {
    let app = TestApp::new("2026-09-20T10:00:00Z");
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    let coord = app.token(Who::CoordinatorOwn);
    // Not started, deadline passed: late.
    let before = send(&service, get(REPORT), coord.as_deref()).await;
    assert_eq!(
        (
            before.body["late"].as_bool(),
            before.body["timeliness"].as_str()
        ),
        (Some(true), Some("late"))
    );
    let exception =
        json!({"due_at": "2026-10-15T23:59:59+02:00", "reason": "Changement de coordination"});
    let granted = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/campuses/nevers/lock-exceptions/2025-2026/annual_report",
            &exception,
        ),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(granted.status, 200, "{}", granted.body);
    // After the general closing (30 September) the campus can still edit until its own date, and is on time.
    let reply = submit_at(&app, Who::CoordinatorOwn, REPORT, "2026-10-10T10:00:00Z").await;
    assert_eq!(
        (reply["late"].as_bool(), reply["deadline"].as_str()),
        (Some(false), Some("2026-10-15T21:59:59Z"))
    );
    // Another campus, without exception, is closed by then.
    app.clock.set(at("2026-10-10T10:00:00Z"));
    let service = service!(app);
    let privas = app.token(Who::CoordinatorOther);
    let closed = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/campuses/privas/reports/2025-2026",
            &json!({"grid": {}}),
        ),
        privas.as_deref(),
    )
    .await;
    assert_eq!(closed.status, 409);
    assert!(
        closed.body["detail"]
            .as_str()
            .unwrap()
            .contains("clos depuis le 30/09/2026 23:59"),
        "{}",
        closed.body
    );
}

#[actix_web::test]
async fn analysts_move_deadlines_and_dates_must_stay_in_order() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    let moved = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/deadlines/2025-2026",
            &json!({"annual_report_due": "2026-09-08T23:59:59+02:00"}),
        ),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (
            moved.status.as_u16(),
            moved.body["annual_report_due"].as_str()
        ),
        (200, Some("2026-09-08T21:59:59Z"))
    );
    assert_eq!(
        send(
            &service,
            get(REPORT),
            app.token(Who::CoordinatorOwn).as_deref()
        )
        .await
        .body["deadline"],
        "2026-09-08T21:59:59Z"
    );
    let disorder = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/deadlines/2025-2026",
            &json!({"annual_report_closing": "2026-09-02T00:00:00Z"}),
        ),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (disorder.status.as_u16(), codes(&disorder.body)),
        (
            422,
            vec![("annual_report_closing".to_owned(), "order".to_owned())]
        )
    );
    let not_a_date = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/deadlines/2025-2026",
            &json!({"flash_survey_due": "le 15 octobre"}),
        ),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(not_a_date.status, 422);
    assert_eq!(codes(&not_a_date.body)[0].0, "flash_survey_due");
}

#[actix_web::test]
async fn the_flash_survey_has_its_own_window() {
    let app = TestApp::new("2026-08-20T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let survey = "/api/v1/campuses/nevers/flash-surveys/2026-2027";
    let body = json!({"forecast_students_enrolled": 22, "forecast_prog_licence": 22, "forecast_prog_master": 0, "forecast_prog_doctorate": 0,
                      "forecast_prog_daeu": 0, "forecast_prog_bts": 0, "forecast_prog_other_public": 0, "forecast_prog_private": 0});
    let early = send(&service, json(Method::PUT, survey, &body), coord.as_deref()).await;
    assert_eq!(early.status, 409);
    assert!(
        early.body["detail"]
            .as_str()
            .unwrap()
            .contains("ouvre le 01/09/2026 00:00"),
        "{}",
        early.body
    );
    app.clock.set(at("2026-10-16T08:00:00Z"));
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let bad = json!({"forecast_students_enrolled": 22, "forecast_prog_licence": 2});
    assert_eq!(
        send(&service, json(Method::PUT, survey, &bad), coord.as_deref())
            .await
            .status,
        200
    );
    let refused = send(
        &service,
        post(&format!("{survey}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        send(&service, json(Method::PUT, survey, &body), coord.as_deref())
            .await
            .status,
        200
    );
    let sent = send(
        &service,
        post(&format!("{survey}/submit")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(
        (
            sent.status.as_u16(),
            sent.body["status"].as_str(),
            sent.body["late"].as_bool()
        ),
        (200, Some("submitted"), Some(true))
    );
}

#[actix_web::test]
async fn a_spreadsheet_round_trip_fills_the_draft() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    app.put_report(
        "nevers",
        "2024-2025",
        pilotage_domain::ReportStatus::Accepted,
        Some("2025-08-20T10:00:00Z"),
    );
    // No draft yet: the template carries last year's values.
    let template = send(
        &service,
        get(&format!("{REPORT}/template.xlsx")),
        coord.as_deref(),
    )
    .await;
    assert_eq!(template.status, 200);
    assert_eq!(
        template.content_type,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let uploaded = send_current(
        &service,
        REPORT,
        TestRequest::put()
            .uri(&format!("{REPORT}/spreadsheet"))
            .set_payload(template.bytes.clone()),
        coord.as_deref(),
    )
    .await;
    assert_eq!(uploaded.status, 200, "{}", uploaded.body);
    assert_eq!(uploaded.body["grid"], clean_grid_json());
    // Download again (now the draft) and upload: still equal.
    let again = send(
        &service,
        get(&format!("{REPORT}/template.xlsx")),
        coord.as_deref(),
    )
    .await;
    let grid = pilotage_spreadsheet::read_upload(&again.bytes).unwrap();
    assert_eq!(serde_json::to_value(grid).unwrap(), clean_grid_json());
    // A CSV filled by hand works too.
    let csv = "Champ;Valeur\nstudents_enrolled;21\nexp_staff;80 000,50\ntutors_fte;1,5\n";
    let from_csv = send_current(
        &service,
        REPORT,
        TestRequest::put()
            .uri(&format!("{REPORT}/spreadsheet"))
            .set_payload(csv),
        coord.as_deref(),
    )
    .await;
    assert_eq!(from_csv.status, 200, "{}", from_csv.body);
    assert_eq!(
        (
            from_csv.body["grid"]["students_enrolled"].as_i64(),
            from_csv.body["grid"]["exp_staff"].as_i64()
        ),
        (Some(21), Some(8_000_050))
    );
}

#[actix_web::test]
async fn broken_uploads_are_refused_with_the_cell_and_nothing_is_saved() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let upload = |bytes: Vec<u8>| {
        TestRequest::put()
            .uri(&format!("{REPORT}/spreadsheet"))
            .set_payload(bytes)
    };
    let text_in_number = "Champ;Valeur\nstudents_enrolled;20\nprog_bts;douze\n"
        .as_bytes()
        .to_vec();
    let reply = send(&service, upload(text_in_number), coord.as_deref()).await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.body["errors"][0]["field"], "grid.prog_bts");
    assert_eq!(
        reply.body["errors"][0]["message"],
        "BTS (cellule B3) : « douze » n'est pas un nombre entier"
    );
    for (bytes, expected) in [
        (Vec::new(), "vide"),
        (b"\x89PNG\r\n\x1a\n not a sheet".to_vec(), "ni un classeur"),
        (b"PK\x03\x04 truncated zip".to_vec(), ""),
    ] {
        let reply = send(&service, upload(bytes), coord.as_deref()).await;
        assert_eq!(reply.status, 422, "{}", reply.body);
        assert_eq!(reply.body["errors"][0]["code"], "unreadable");
        assert!(
            reply.body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(expected),
            "{}",
            reply.body
        );
    }
    let huge = vec![b'a'; 6 * 1024 * 1024];
    assert_eq!(
        send(&service, upload(huge), coord.as_deref()).await.status,
        413
    );
    // A formula in a value cell.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Champ").unwrap();
    sheet.write_string(0, 1, "Valeur").unwrap();
    sheet.write_string(1, 0, "students_enrolled").unwrap();
    sheet.write_formula(1, 1, "=10+10").unwrap();
    let reply = send(
        &service,
        upload(workbook.save_to_buffer().unwrap()),
        coord.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 422);
    assert!(
        reply.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("formules"),
        "{}",
        reply.body
    );
    // Nothing was saved by any of them.
    assert_eq!(
        send(&service, get(REPORT), coord.as_deref()).await.body["exists"],
        false
    );
}
