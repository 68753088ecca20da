//! Not due is not late: a year still being reported says « à venir » and « en cours », never « en retard », in the
//! API, on the analyst's page, the campus page and the dashboards, and its figures are marked provisional with
//! their coverage; after the deadline a missing report is « en retard », after the closing date « manquant ».

use crate::common::{at, get, send, send_page, TestApp, Who};
use pilotage_domain::ReportStatus;
use serde_json::Value;

/// 1 December 2026: 2026-2027 is being reported (due 1 September 2027). Nevers sent its report (accepted),
/// Autun has a draft, Privas has nothing.
fn network() -> TestApp {
    let app = TestApp::new("2026-12-01T10:00:00Z");
    app.put_report(
        "nevers",
        "2026-2027",
        ReportStatus::Accepted,
        Some("2026-11-20T10:00:00Z"),
    );
    app.put_report("autun", "2026-2027", ReportStatus::Draft, None);
    app
}

async fn page<S, B>(service: &S, app: &TestApp, who: Who, uri: &str) -> String
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let reply = send_page(service, app, who, uri).await;
    assert_eq!(reply.status, 200, "{uri}");
    String::from_utf8(reply.bytes).unwrap()
}

fn annual_follow_up(body: &Value) -> Vec<(String, String)> {
    body["follow_up"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "annual_report")
        .map(|f| {
            (
                f["campus_id"].as_str().unwrap().to_owned(),
                f["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn a_year_not_yet_due_has_nothing_late_and_says_its_figures_are_provisional() {
    let app = network();
    let service = service!(app);
    let analyst = app.token(Who::Analyst);
    let c = send(
        &service,
        get("/api/v1/stats/completeness?year=2026-2027"),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(c.status, 200);
    let national = &c.body["scopes"][0]["annual_reports"];
    for (field, expected) in [
        ("expected", 3),
        ("submitted", 1),
        ("on_time", 1),
        ("in_progress", 1),
        ("upcoming", 1),
        ("overdue", 0),
        ("unsent_after_closing", 0),
    ] {
        assert_eq!(
            national[field].as_u64(),
            Some(expected),
            "{field}: {national}"
        );
    }
    assert_eq!(national["provisional"], true);
    assert!(annual_follow_up(&c.body).is_empty(), "{}", c.body);

    // The report list says where each campus stands.
    let list = send(
        &service,
        get("/api/v1/reports?year=2026-2027"),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(list.status, 200);
    let progress: Vec<_> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["campus_id"].as_str().unwrap().to_owned(),
                i["progress"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (campus, state) in [
        ("nevers", "on_time"),
        ("autun", "in_progress"),
        ("privas", "upcoming"),
    ] {
        assert!(
            progress.contains(&(campus.to_owned(), state.to_owned())),
            "{campus} {state}: {progress:?}"
        );
    }

    // The analyst's page: statuses in words, no report in the late list, the coverage above the tables.
    let html = page(&service, &app, Who::Analyst, "/analyse?annee=2026-2027").await;
    assert!(
        html.contains("1 rapport sur 3 — chiffres provisoires"),
        "{html}"
    );
    for heading in [
        "Transmis à l'heure",
        "En cours",
        "À venir",
        "En retard",
        "Manquant",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(!html.contains("échéance dépassée"), "{html}");
    let late_list = html
        .split("Retards et documents manquants")
        .nth(1)
        .and_then(|rest| rest.split("File de relecture").next())
        .unwrap();
    assert!(!late_list.contains("Rapport annuel"), "{late_list}");

    // The campus page: the accepted report is « transmis à l'heure », the survey's state is in words.
    let campus = page(&service, &app, Who::CoordinatorOwn, "/campus/nevers").await;
    assert!(campus.contains("transmis à l'heure"), "{campus}");
    assert!(!campus.contains("en retard (non transmis)"));

    // The dashboards' page says so above the pictures, and the dashboards carry it in their title and footer.
    let dashboards = page(
        &service,
        &app,
        Who::Ministry,
        "/tableaux-de-bord?annee=2026-2027",
    )
    .await;
    assert!(
        dashboards.contains("1 rapport sur 3 — chiffres provisoires"),
        "{dashboards}"
    );
    let svg = send(
        &service,
        get("/api/v1/dashboards/national.svg?year=2026-2027"),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(svg.status, 200);
    let svg = String::from_utf8(svg.bytes).unwrap();
    assert!(
        svg.contains("chiffres provisoires"),
        "no coverage in the dashboard"
    );
    // The map's legend counts the campuses by state: none is « manquant », the two not yet due are rings.
    assert!(
        svg.contains("manquant (0)"),
        "the map calls campuses not yet due missing"
    );
    assert!(
        svg.contains("pas encore dû (2)"),
        "the map's campuses not yet due"
    );

    // The exports mark the year's aggregates provisional (SDMX status P); the campus's own figure is final.
    let csv = send(
        &service,
        get("/api/v1/exports/indicators?format=csv"),
        analyst.as_deref(),
    )
    .await;
    assert_eq!(csv.status, 200);
    let text = String::from_utf8(csv.bytes).unwrap();
    let success: Vec<_> = text
        .lines()
        .filter(|l| l.starts_with("success_rate,") && l.contains(",2026-2027,"))
        .collect();
    assert!(
        success
            .iter()
            .any(|l| l.contains(",FR,nation,") && l.ends_with(",P")),
        "{success:?}"
    );
    assert!(
        success
            .iter()
            .any(|l| l.contains(",nevers,campus,") && l.ends_with(",A")),
        "{success:?}"
    );
}

#[actix_web::test]
async fn after_the_deadline_a_report_is_late_and_after_the_closing_date_missing() {
    let app = network();
    let service = service!(app);
    // 10 September 2027: past the deadline, before the closing date (30 September).
    app.clock.set(at("2027-09-10T10:00:00Z"));
    let analyst = app.token(Who::Analyst);
    let c = send(
        &service,
        get("/api/v1/stats/completeness?year=2026-2027"),
        analyst.as_deref(),
    )
    .await;
    let mut late = annual_follow_up(&c.body);
    late.sort();
    assert_eq!(
        late,
        vec![
            ("autun".to_owned(), "late".to_owned()),
            ("privas".to_owned(), "late".to_owned())
        ]
    );
    assert_eq!(c.body["scopes"][0]["annual_reports"]["provisional"], true);
    let html = page(&service, &app, Who::Analyst, "/analyse?annee=2026-2027").await;
    assert!(html.contains("Retards et documents manquants ("), "{html}");
    let campus = page(&service, &app, Who::Analyst, "/campus/autun").await;
    assert!(
        campus.contains("en retard — échéance dépassée depuis"),
        "{campus}"
    );

    // 1 October 2027: the year is closed; what did not come is missing and the figures are final.
    app.clock.set(at("2027-10-01T10:00:00Z"));
    let analyst = app.token(Who::Analyst);
    let c = send(
        &service,
        get("/api/v1/stats/completeness?year=2026-2027"),
        analyst.as_deref(),
    )
    .await;
    let mut missing = annual_follow_up(&c.body);
    missing.sort();
    assert_eq!(
        missing,
        vec![
            ("autun".to_owned(), "missing".to_owned()),
            ("privas".to_owned(), "missing".to_owned())
        ]
    );
    let national = &c.body["scopes"][0]["annual_reports"];
    assert_eq!(national["provisional"], false);
    assert_eq!(national["unsent_after_closing"].as_u64(), Some(2));
    let html = page(&service, &app, Who::Analyst, "/analyse?annee=2026-2027").await;
    assert!(!html.contains("chiffres provisoires"));
    assert!(html.contains("<td>manquant</td>"), "{html}");
}
