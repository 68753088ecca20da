//! The statistics endpoints: fresh figures, scoped by role — a regional client never sees another région's
//! campus-level figures.

use crate::common::{get, json, post, send, TestApp, Who};
use actix_web::http::Method;
use pilotage_domain::ReportStatus;
use serde_json::{json, Value};

fn network() -> TestApp {
    let app = TestApp::new("2026-10-01T10:00:00Z");
    for (campus, submitted) in [
        ("nevers", "2026-08-20T10:00:00Z"),
        ("autun", "2026-09-05T10:00:00Z"),
        ("privas", "2026-08-25T10:00:00Z"),
    ] {
        app.put_report(campus, "2025-2026", ReportStatus::Accepted, Some(submitted));
        app.put_report(
            campus,
            "2024-2025",
            ReportStatus::Accepted,
            Some("2025-08-25T10:00:00Z"),
        );
    }
    app
}

fn campus_ids(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    fn walk(v: &Value, found: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    if k == "campus_id" {
                        if let Some(s) = v.as_str() {
                            found.push(s.to_owned());
                        }
                    }
                    if k == "scope" {
                        if let Some(s) = v.as_str().and_then(|s| s.strip_prefix("campus:")) {
                            found.push(s.to_owned());
                        }
                    }
                    walk(v, found);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, found)),
            _ => {}
        }
    }
    walk(value, &mut found);
    found.sort();
    found.dedup();
    found
}

#[actix_web::test]
async fn national_series_are_pooled_and_fresh() {
    let app = network();
    let service = service!(app);
    let ministry = app.token(Who::Ministry);
    let reply = send(
        &service,
        get("/api/v1/stats/series?indicator=success_rate"),
        ministry.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let points = reply.body["points"].as_array().unwrap();
    assert_eq!(points.len(), 2);
    // Three campuses of 17 successes out of 20: 51 / 60 = 85 %.
    assert_eq!(
        (
            points[1]["academic_year"].as_str(),
            points[1]["value"].as_f64(),
            points[1]["numerator"].as_f64()
        ),
        (Some("2025-2026"), Some(85.0), Some(51.0))
    );
    assert_eq!(points[1]["target"]["value"], 80.0);
    assert_eq!(points[1]["gap"]["status"], "met");
    assert_eq!(points[1]["change"], 0.0);

    // A report submitted a second ago is in the next answer.
    app.clock.set(crate::common::at("2026-10-02T10:00:00Z"));
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    let mut grid = crate::common::clean_grid_json();
    grid["outcome_success"] = json!(11);
    grid["outcome_failure"] = json!(7);
    let draft = send(
        &service,
        json(
            Method::PUT,
            "/api/v1/campuses/nevers/reports/2026-2027",
            // 55 % misses the default national target (85 %) every year has: it is explained.
            &json!({"grid": grid, "gap_explanations": {"success_rate": "Deux abandons pour raisons de santé."}}),
        ),
        coord.as_deref(),
    )
    .await;
    assert_eq!(draft.status, 200, "{}", draft.body);
    let submitted = send(
        &service,
        post("/api/v1/campuses/nevers/reports/2026-2027/submit"),
        coord.as_deref(),
    )
    .await;
    assert_eq!(submitted.status, 200, "{}", submitted.body);
    let reply = send(
        &service,
        get("/api/v1/stats/series?indicator=success_rate&from=2026-2027"),
        app.token(Who::Ministry).as_deref(),
    )
    .await;
    let fresh = reply.body["points"][0]["value"].as_f64().unwrap();
    assert!((fresh - 55.0).abs() < 1e-9, "{fresh}");
}

#[actix_web::test]
async fn every_statistic_answers_for_each_role_within_its_scope() {
    let app = network();
    let service = service!(app);
    let endpoints = [
        "/api/v1/stats/indicators",
        "/api/v1/stats/series?indicator=enrolment",
        "/api/v1/stats/gaps?year=2025-2026",
        "/api/v1/stats/completeness?year=2025-2026",
        "/api/v1/stats/criteria?year=2025-2026",
        "/api/v1/stats/outliers?year=2025-2026",
    ];
    for who in Who::ALL {
        for uri in endpoints {
            let reply = send(&service, get(uri), app.token(who).as_deref()).await;
            if who == Who::Anonymous {
                assert_eq!(reply.status, 401, "{uri}");
                continue;
            }
            assert_eq!(reply.status, 200, "{uri} as {who:?}: {}", reply.body);
            let seen = campus_ids(&reply.body);
            let allowed: &[&str] = match who {
                Who::CoordinatorOwn => &["nevers"],
                Who::CoordinatorOther | Who::RegionalOther => &["privas"],
                Who::RegionalOwn => &["autun", "nevers"],
                _ => &["autun", "nevers", "privas"],
            };
            assert!(
                seen.iter().all(|c| allowed.contains(&c.as_str())),
                "{uri} as {who:?} shows {seen:?}"
            );
        }
    }
    // Campus and région series outside the scope are refused like absent ones.
    for (who, uri) in [
        (
            Who::RegionalOther,
            "/api/v1/stats/series?indicator=enrolment&scope=campus:nevers",
        ),
        (
            Who::RegionalOther,
            "/api/v1/stats/series?indicator=enrolment&scope=region:BFC",
        ),
        (
            Who::CoordinatorOther,
            "/api/v1/stats/series?indicator=enrolment&scope=campus:nevers",
        ),
        (
            Who::CoordinatorOther,
            "/api/v1/stats/criteria?campus=nevers",
        ),
    ] {
        assert_eq!(
            send(&service, get(uri), app.token(who).as_deref())
                .await
                .status,
            404,
            "{uri} as {who:?}"
        );
    }
    let own = send(
        &service,
        get("/api/v1/stats/series?indicator=enrolment&scope=region:BFC"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    assert_eq!(own.body["points"][1]["value"], 40.0);
}

#[actix_web::test]
async fn completeness_and_criteria_of_a_year() {
    let app = network();
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    let c = send(
        &service,
        get("/api/v1/stats/completeness?year=2025-2026"),
        analyst.as_deref(),
    )
    .await;
    let national = &c.body["scopes"][0];
    assert_eq!(national["scope"], "national");
    assert_eq!(
        (
            national["annual_reports"]["expected"].as_u64(),
            national["annual_reports"]["late"].as_u64()
        ),
        (Some(3), Some(1))
    );
    let late: Vec<_> = c.body["follow_up"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "annual_report")
        .map(|f| f["campus_id"].as_str().unwrap())
        .collect();
    assert_eq!(late, vec!["autun"]);
    let criteria = send(
        &service,
        get("/api/v1/stats/criteria?year=2025-2026&campus=autun"),
        analyst.as_deref(),
    )
    .await;
    let card = &criteria.body["scorecards"][0];
    let on_time = card["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "report_on_time")
        .unwrap();
    assert_eq!(on_time["status"], "not_met");
}

#[actix_web::test]
async fn bad_statistics_requests_are_named() {
    let app = network();
    let service = service!(app);
    let ministry = app.token(Who::Ministry);
    for (uri, status, text) in [
        ("/api/v1/stats/series?indicator=happiness", 422, "happiness"),
        ("/api/v1/stats/series", 400, "indicator"),
        (
            "/api/v1/stats/series?indicator=enrolment&scope=city:paris",
            422,
            "portée",
        ),
        ("/api/v1/stats/gaps?year=2025", 400, "AAAA-AAAA"),
        ("/api/v1/stats/gaps?drafts=true", 403, "analystes"),
    ] {
        let reply = send(&service, get(uri), ministry.as_deref()).await;
        assert_eq!(reply.status.as_u16(), status, "{uri}: {}", reply.body);
        assert!(
            reply.body.to_string().contains(text),
            "{uri}: {}",
            reply.body
        );
    }
}

#[actix_web::test]
async fn regional_clients_never_see_a_handful_of_students_nor_other_regions() {
    let app = TestApp::new("2026-10-01T10:00:00Z");
    let tiny = crate::common::tiny_grid_json();
    app.put_report_with(
        "autun",
        "2025-2026",
        ReportStatus::Accepted,
        Some("2026-08-20T10:00:00Z"),
        serde_json::from_value(tiny).unwrap(),
    );
    app.put_report(
        "nevers",
        "2025-2026",
        ReportStatus::Accepted,
        Some("2026-08-20T10:00:00Z"),
    );
    app.put_report(
        "privas",
        "2025-2026",
        ReportStatus::Accepted,
        Some("2026-08-20T10:00:00Z"),
    );
    let service = service!(app);
    let regional = app.token(Who::RegionalOwn);
    let analyst = app.token(Who::Analyst);

    let uri = "/api/v1/stats/series?indicator=enrolment&scope=campus:autun";
    let exact = send(&service, get(uri), analyst.as_deref()).await;
    assert_eq!(exact.body["points"][0]["value"], 3.0);
    let hidden = send(&service, get(uri), regional.as_deref()).await;
    assert_eq!(
        (hidden.status.as_u16(), &hidden.body["points"][0]["value"]),
        (200, &Value::Null)
    );
    // The complementary cell (nevers, the other campus of the région) is withheld too, so that the regional total
    // (published) cannot give autun's 3 back.
    let nevers = send(
        &service,
        get("/api/v1/stats/series?indicator=enrolment&scope=campus:nevers"),
        regional.as_deref(),
    )
    .await;
    assert_eq!(nevers.body["points"][0]["value"], Value::Null);
    let region = send(
        &service,
        get("/api/v1/stats/series?indicator=enrolment&scope=region:BFC"),
        regional.as_deref(),
    )
    .await;
    assert_eq!(region.body["points"][0]["value"], 23.0);
    let rate = send(
        &service,
        get("/api/v1/stats/series?indicator=success_rate&scope=campus:autun"),
        regional.as_deref(),
    )
    .await;
    assert_eq!(
        (
            rate.body["points"][0]["value"].clone(),
            rate.body["points"][0]["numerator"].clone()
        ),
        (Value::Null, Value::Null)
    );

    // Exports: exact for the ministry, suppressed (status C) for the région, and never another région's campuses.
    let internal = send(
        &service,
        get("/api/v1/exports/indicators?format=csv"),
        app.token(Who::Ministry).as_deref(),
    )
    .await;
    let internal = String::from_utf8(internal.bytes).unwrap();
    assert!(
        internal
            .lines()
            .any(|l| l.starts_with("enrolment,autun,campus,2025-2026,3")),
        "{internal}"
    );
    let public = send(
        &service,
        get("/api/v1/exports/indicators?format=csv"),
        regional.as_deref(),
    )
    .await;
    assert_eq!(public.status, 200);
    let public = String::from_utf8(public.bytes).unwrap();
    assert!(
        public
            .lines()
            .any(|l| l == "enrolment,autun,campus,2025-2026,,STUDENTS,C"),
        "{public}"
    );
    assert!(
        !public.contains(",privas,"),
        "another région's campus leaked"
    );
    let other = send(
        &service,
        get("/api/v1/exports/indicators?format=sdmx-json"),
        app.token(Who::RegionalOther).as_deref(),
    )
    .await;
    let text = String::from_utf8(other.bytes).unwrap();
    assert!(
        !text.contains("\"autun\"") && !text.contains("\"nevers\""),
        "BFC campuses leaked to ARA"
    );
    let unknown = send(
        &service,
        get("/api/v1/exports/indicators?format=xlsx"),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(
        (
            unknown.status.as_u16(),
            unknown.body["errors"][0]["field"].as_str()
        ),
        (422, Some("format"))
    );
}

#[actix_web::test]
async fn regional_series_show_no_numerator_denominator_nor_change_next_to_a_withheld_year() {
    let app = TestApp::new("2026-10-01T10:00:00Z");
    let accepted = |slug: &str, y: &str| {
        app.put_report(
            slug,
            y,
            ReportStatus::Accepted,
            Some("2026-08-20T10:00:00Z"),
        );
    };
    // nevers: 3 students in 2024-2025 (withheld), 20 in 2025-2026; autun 20 both years.
    app.put_report_with(
        "nevers",
        "2024-2025",
        ReportStatus::Accepted,
        Some("2025-08-20T10:00:00Z"),
        serde_json::from_value(crate::common::tiny_grid_json()).unwrap(),
    );
    accepted("nevers", "2025-2026");
    accepted("autun", "2024-2025");
    accepted("autun", "2025-2026");
    let service = service!(app);
    let uri = "/api/v1/stats/series?indicator=enrolment&scope=campus:nevers";
    let exact = send(&service, get(uri), app.token(Who::Analyst).as_deref()).await;
    assert_eq!(exact.body["points"][1]["change"], 17.0, "{}", exact.body);
    assert_eq!(exact.body["points"][1]["numerator"], 20.0);

    let regional = app.token(Who::RegionalOwn);
    let shown = send(&service, get(uri), regional.as_deref()).await;
    let points = &shown.body["points"];
    assert_eq!(points[0]["value"], Value::Null, "{}", shown.body);
    // 20 is published, but 20 − change would give the withheld 3 back.
    assert_eq!(points[1]["value"], 20.0);
    assert_eq!(points[1]["change"], Value::Null);
    for point in points.as_array().unwrap() {
        assert_eq!(
            (&point["numerator"], &point["denominator"]),
            (&Value::Null, &Value::Null)
        );
    }
    let rate = send(
        &service,
        get("/api/v1/stats/series?indicator=students_per_tutor&scope=region:BFC"),
        regional.as_deref(),
    )
    .await;
    let last = &rate.body["points"][1];
    assert!(last["value"].is_number(), "{}", rate.body);
    assert_eq!(
        (&last["numerator"], &last["denominator"]),
        (&Value::Null, &Value::Null),
        "a région's head count beside its students per tutor"
    );
}
