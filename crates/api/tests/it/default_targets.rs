//! Every year has the brand criteria's national targets by default: a year without stored targets still asks
//! for an explanation of a missed one.

use crate::common::{clean_grid_json, json, send_current, TestApp, Who};
use actix_web::http::Method;
use serde_json::{json, Value};

fn indicator<'a>(body: &'a Value, name: &str) -> &'a Value {
    body["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap()
}

#[actix_web::test]
async fn a_year_without_stored_targets_asks_to_explain_a_low_success_rate() {
    let app = TestApp::new("2026-11-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    const REPORT: &str = "/api/v1/campuses/nevers/reports/2026-2027";
    let mut grid = clean_grid_json();
    grid["outcome_success"] = json!(10);
    grid["outcome_failure"] = json!(8);
    let saved = send_current(
        &service,
        REPORT,
        json(Method::PUT, REPORT, &json!({"grid": grid})),
        coord.as_deref(),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let success = indicator(&saved.body, "success_rate");
    assert_eq!(success["gap"]["target"].as_f64(), Some(85.0), "{success}");
    assert_eq!(success["gap"]["status"], "missed");
    assert_eq!(success["explanation_required"].as_bool(), Some(true));
    let tutors = indicator(&saved.body, "students_per_tutor");
    assert_eq!(tutors["gap"]["target"].as_f64(), Some(20.0), "{tutors}");
}

#[actix_web::test]
async fn a_stored_national_target_replaces_the_default() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let coord = app.token(Who::CoordinatorOwn);
    // TestApp stores a national success-rate target of 80 % for 2025-2026: it wins over the default 85 %.
    const REPORT: &str = "/api/v1/campuses/nevers/reports/2025-2026";
    let mut grid = clean_grid_json();
    grid["outcome_success"] = json!(16);
    grid["outcome_failure"] = json!(2);
    let saved = send_current(
        &service,
        REPORT,
        json(Method::PUT, REPORT, &json!({"grid": grid})),
        coord.as_deref(),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let success = indicator(&saved.body, "success_rate");
    assert_eq!(success["gap"]["target"].as_f64(), Some(80.0), "{success}");
    assert_eq!(success["gap"]["status"], "met");
}

#[actix_web::test]
async fn the_statistics_compare_a_year_without_stored_targets_with_the_defaults() {
    let app = TestApp::new("2026-11-01T10:00:00Z");
    let mut grid = crate::common::clean_grid();
    grid.outcome_success = Some(10);
    grid.outcome_failure = Some(8);
    app.put_report_with(
        "nevers",
        "2026-2027",
        pilotage_domain::ReportStatus::Submitted,
        Some("2026-10-20T10:00:00Z"),
        grid,
    );
    let service = service!(app);
    let gaps = crate::common::send(
        &service,
        crate::common::get("/api/v1/stats/gaps?year=2026-2027"),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(gaps.status, 200, "{}", gaps.body);
    let success = gaps.body["indicators"]
        .as_array()
        .or_else(|| gaps.body.as_array())
        .unwrap()
        .iter()
        .find(|g| g["indicator"] == "success_rate")
        .unwrap();
    assert_eq!(
        success["national"]["target"]["value"].as_f64(),
        Some(85.0),
        "{success}"
    );
    let missed: Vec<_> = success["missed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["scope"].as_str().unwrap())
        .collect();
    assert_eq!(missed, vec!["campus:nevers"]);
}
