//! What the jobs publish over the API: the job list with next runs and recent runs, the outbox, the dated
//! snapshots, webhooks registered by regional systems, and a report locked by the closing job.

use crate::common::{at, get, json, send, year, TestApp, Who};
use pilotage_domain::{DeadlineKind, ReportStatus};
use pilotage_jobs::Schedules;
use pilotage_store::job_runs::{self, Trigger};
use pilotage_store::marks::{self, Mark};
use serde_json::json;

#[actix_web::test]
async fn the_job_list_gives_schedules_next_runs_in_paris_time_and_recent_runs() {
    let app = TestApp::new("2026-12-07T10:00:00Z");
    let mut conn = app.conn();
    let id = job_runs::start(
        &mut conn,
        "reminders",
        Trigger::Manual,
        at("2026-08-25T07:00:00Z"),
        "test",
        at("2026-12-07T09:00:00Z"),
    )
    .unwrap()
    .unwrap();
    job_runs::finish(
        &mut conn,
        id,
        true,
        "12 reminders written to the outbox",
        at("2026-12-07T09:00:01Z"),
    )
    .unwrap();
    let service = service!(app);
    let reply = send(
        &service,
        get("/api/v1/admin/jobs"),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let jobs = reply.body.as_array().unwrap();
    let names: Vec<&str> = jobs.iter().map(|j| j["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["reminders", "deadline", "closing", "snapshot", "deliver"]
    );
    let reminders = &jobs[0];
    assert_eq!(reminders["schedule"], "0 0 9 * * *");
    assert_eq!(reminders["time_zone"], "Europe/Paris");
    // 09:00 in Paris on 8 December (winter time) is 08:00 UTC.
    assert_eq!(reminders["next_run"], "2026-12-08T08:00:00Z");
    assert_eq!(
        reminders["recent_runs"][0]["summary"],
        "12 reminders written to the outbox"
    );
    assert_eq!(reminders["recent_runs"][0]["outcome"], "succeeded");
    assert_eq!(jobs[3]["recent_runs"], json!([]));
}

#[actix_web::test]
async fn a_submission_reaches_the_outbox_of_the_region_that_registered_a_webhook() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let bfc = app.token(Who::RegionalOwn);
    // Bad registrations, each naming its field.
    for (body, status, field) in [
        (
            json!({"url": "ftp://sirh.ac-dijon.fr", "events": ["report.submitted"]}),
            422,
            "url",
        ),
        (
            json!({"url": "https://sirh.ac-dijon.fr/hooks", "events": []}),
            422,
            "events",
        ),
        (
            json!({"url": "https://sirh.ac-dijon.fr/hooks", "events": ["report.deleted"]}),
            422,
            "report.deleted",
        ),
        (
            json!({"url": "https://sirh.ac-dijon.fr/hooks"}),
            422,
            "events",
        ),
    ] {
        let reply = send(
            &service,
            json(actix_web::http::Method::POST, "/api/v1/webhooks", &body),
            bfc.as_deref(),
        )
        .await;
        assert_eq!(reply.status.as_u16(), status, "{body}: {}", reply.body);
        assert!(
            reply.body.to_string().contains(field),
            "{body}: {}",
            reply.body
        );
    }
    let reply = send(
        &service,
        json(actix_web::http::Method::POST, "/api/v1/webhooks", &json!({"url": "https://sirh.ac-dijon.fr/hooks", "events": ["report.submitted", "report.returned"]})),
        bfc.as_deref(),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["secret"].as_str().unwrap().len(), 64);
    let list = send(&service, get("/api/v1/webhooks"), bfc.as_deref()).await;
    assert_eq!(list.body.as_array().unwrap().len(), 1);
    assert!(
        !list
            .body
            .to_string()
            .contains(reply.body["secret"].as_str().unwrap()),
        "the secret is shown once"
    );
    let other = send(
        &service,
        get("/api/v1/webhooks"),
        app.token(Who::RegionalOther).as_deref(),
    )
    .await;
    assert_eq!(
        other.body,
        json!([]),
        "another région's client sees none of them"
    );

    app.put_report("nevers", "2025-2026", ReportStatus::Draft, None);
    let mut conn = app.conn();
    let edit = pilotage_store::reports::Edit {
        actor: "coord",
        expected_version: None,
        at: at("2026-06-01T10:00:00Z"),
    };
    pilotage_store::reports::transition(
        &mut conn,
        &"nevers".parse().unwrap(),
        year("2025-2026"),
        pilotage_domain::ReportAction::Submit,
        None,
        &edit,
        &pilotage_domain::notification::MailContext::default(),
    )
    .unwrap();
    let outbox = send(
        &service,
        get("/api/v1/admin/outbox?status=pending&channel=webhook"),
        app.token(Who::Admin).as_deref(),
    )
    .await;
    assert_eq!(outbox.status, 200, "{}", outbox.body);
    assert_eq!(outbox.body["total"], 1);
    let item = &outbox.body["items"][0];
    assert_eq!(item["recipient"], "https://sirh.ac-dijon.fr/hooks");
    assert_eq!(item["event"], "report.submitted");
    let payload: serde_json::Value = serde_json::from_str(item["body"].as_str().unwrap()).unwrap();
    assert_eq!(payload["campus_id"], "nevers");
    for bad in [
        "/api/v1/admin/outbox?status=lost",
        "/api/v1/admin/outbox?channel=fax",
        "/api/v1/admin/outbox?limit=0",
    ] {
        let reply = send(&service, get(bad), app.token(Who::Admin).as_deref()).await;
        assert_eq!(reply.status, 422, "{bad}: {}", reply.body);
    }
}

#[actix_web::test]
async fn snapshots_are_listed_and_served_and_nothing_else_is() {
    let mut app = TestApp::new("2026-11-29T10:00:00Z");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("2026-11-28")).unwrap();
    std::fs::write(
        dir.path().join("2026-11-28/indicators.csv.csv"),
        "indicator;value\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("secret.txt"), "not for you").unwrap();
    app.state = app
        .state
        .clone()
        .with_jobs(Schedules::default(), dir.path().to_path_buf());
    let service = service!(app);
    let token = app.token(Who::Ministry);
    let list = send(&service, get("/api/v1/snapshots"), token.as_deref()).await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body[0]["date"], "2026-11-28");
    assert_eq!(
        list.body[0]["files"][0]["href"],
        "/api/v1/snapshots/2026-11-28/indicators.csv.csv"
    );
    let file = send(
        &service,
        get("/api/v1/snapshots/2026-11-28/indicators.csv.csv"),
        token.as_deref(),
    )
    .await;
    assert_eq!(file.status, 200);
    assert_eq!(file.bytes, b"indicator;value\n");
    assert!(file.content_type.starts_with("text/csv"));
    for (uri, status) in [
        ("/api/v1/snapshots/28-11-2026/indicators.csv.csv", 422),
        ("/api/v1/snapshots/2026-11-27/indicators.csv.csv", 404),
        ("/api/v1/snapshots/2026-11-28/..%2Fsecret.txt", 404),
        ("/api/v1/snapshots/2026-11-28/.hidden", 404),
    ] {
        let reply = send(&service, get(uri), token.as_deref()).await;
        assert_eq!(reply.status.as_u16(), status, "{uri}: {}", reply.body);
    }
}

#[actix_web::test]
async fn snapshot_links_and_stray_entries_are_neither_followed_nor_fatal() {
    let mut app = TestApp::new("2026-11-29T10:00:00Z");
    let dir = tempfile::tempdir().unwrap();
    // What must never be served: a file outside the snapshot folder (think of the database).
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secret.csv"), "top secret").unwrap();
    let snapshots = dir.path().join("snapshots");
    let day = snapshots.join("2026-11-28");
    std::fs::create_dir_all(&day).unwrap();
    std::fs::write(day.join("indicators.csv.csv"), "indicator;value\n").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.csv"), day.join("lien.csv")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.csv"), day.join("mort.csv")).unwrap();
    std::fs::hard_link(outside.join("secret.csv"), day.join("double.csv")).unwrap();
    std::fs::create_dir(day.join("dossier.csv")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(day.join("prise.csv")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(day.join("tube.csv"))
        .status()
        .is_ok_and(|s| s.success());
    // A day folder that is a link, a file named as a day, folders not named as one.
    std::os::unix::fs::symlink(&outside, snapshots.join("2026-11-27")).unwrap();
    std::fs::write(snapshots.join("2026-11-26"), "not a folder").unwrap();
    std::fs::create_dir(snapshots.join("2026-1-5")).unwrap();
    std::fs::write(snapshots.join("2026-1-5/indicators.csv.csv"), "x").unwrap();
    std::fs::create_dir(snapshots.join("brouillons")).unwrap();
    app.state = app
        .state
        .clone()
        .with_jobs(Schedules::default(), snapshots.clone());
    let service = service!(app);
    let token = app.token(Who::Ministry);

    let list = send(&service, get("/api/v1/snapshots"), token.as_deref()).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(
        list.body,
        json!([{"date": "2026-11-28", "files": [{
            "name": "indicators.csv.csv",
            "bytes": 16,
            "href": "/api/v1/snapshots/2026-11-28/indicators.csv.csv"
        }]}])
    );
    let file = send(
        &service,
        get("/api/v1/snapshots/2026-11-28/indicators.csv.csv"),
        token.as_deref(),
    )
    .await;
    assert_eq!(
        (file.status.as_u16(), file.bytes.as_slice()),
        (200, b"indicator;value\n".as_slice())
    );
    let mut refused = vec![
        ("/api/v1/snapshots/2026-11-28/lien.csv", 404),
        ("/api/v1/snapshots/2026-11-28/mort.csv", 404),
        ("/api/v1/snapshots/2026-11-28/double.csv", 404),
        ("/api/v1/snapshots/2026-11-28/dossier.csv", 404),
        ("/api/v1/snapshots/2026-11-28/prise.csv", 404),
        ("/api/v1/snapshots/2026-11-27/secret.csv", 404),
        ("/api/v1/snapshots/2026-11-26/indicators.csv.csv", 404),
        ("/api/v1/snapshots/2026-01-05/indicators.csv.csv", 404),
        (
            "/api/v1/snapshots/2026-11-28/..%2F..%2Foutside%2Fsecret.csv",
            404,
        ),
        ("/api/v1/snapshots/2026-11-28/%2E%2E", 404),
        ("/api/v1/snapshots/2026-11-28/lien.csv%00", 422),
        ("/api/v1/snapshots/..%2Foutside/secret.csv", 422),
        (
            "/api/v1/snapshots/2026-11-28%2F..%2F..%2Foutside/secret.csv",
            422,
        ),
    ];
    if fifo {
        refused.push(("/api/v1/snapshots/2026-11-28/tube.csv", 404));
    }
    for (uri, status) in refused {
        let reply = send(&service, get(uri), token.as_deref()).await;
        assert_eq!(reply.status.as_u16(), status, "{uri}: {}", reply.body);
        assert!(
            !String::from_utf8_lossy(&reply.bytes).contains("top secret"),
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn a_report_locked_at_closing_stays_locked_until_an_exception_is_granted() {
    let app = TestApp::new("2026-10-05T10:00:00Z");
    app.put_report("nevers", "2025-2026", ReportStatus::Draft, None);
    let mut conn = app.conn();
    let nevers = "nevers".parse().unwrap();
    marks::put(
        &mut conn,
        &nevers,
        year("2025-2026"),
        DeadlineKind::AnnualReport,
        Mark::Locked,
        at("2026-09-30T22:10:00Z"),
    )
    .unwrap();
    let service = service!(app);
    let coordinator = app.token(Who::CoordinatorOwn);
    let view = send(
        &service,
        get("/api/v1/campuses/nevers/reports/2025-2026"),
        coordinator.as_deref(),
    )
    .await;
    assert_eq!(view.body["locked_at"], "2026-09-30T22:10:00Z");
    assert_eq!(view.body["editable"], false);
    let put = send(
        &service,
        json(
            actix_web::http::Method::PUT,
            "/api/v1/campuses/nevers/reports/2025-2026",
            &json!({"grid": {}}),
        ),
        coordinator.as_deref(),
    )
    .await;
    assert_eq!(put.status, 409, "{}", put.body);
    // An analyst grants until 20 October: the lock is lifted.
    let grant = send(
        &service,
        json(
            actix_web::http::Method::PUT,
            "/api/v1/campuses/nevers/lock-exceptions/2025-2026/annual_report",
            &json!({"due_at": "2026-10-20T21:59:59Z", "reason": "Changement de coordination"}),
        ),
        app.token(Who::Analyst).as_deref(),
    )
    .await;
    assert!(grant.status.is_success(), "{}", grant.body);
    let view = send(
        &service,
        get("/api/v1/campuses/nevers/reports/2025-2026"),
        coordinator.as_deref(),
    )
    .await;
    assert_eq!(view.body["locked_at"], serde_json::Value::Null);
    assert_eq!(view.body["editable"], true);
}

/// Issue 15, point 1: registration refuses, with 422 naming `url`, every URL that reaches inside (loopback,
/// private, link-local, unique-local, multicast, unspecified, broadcast, documentation ranges, their IPv4-mapped
/// and compatible IPv6 forms, `localhost`, user information, another scheme); loopback is off without the
/// development setting.
#[actix_web::test]
async fn webhooks_to_inside_addresses_are_refused_at_registration() {
    let app = TestApp::new("2026-06-01T10:00:00Z");
    let service = service!(app);
    let bfc = app.token(Who::RegionalOwn);
    for url in [
        "http://127.0.0.1@127.0.0.3:8080/",
        "https://127.0.0.1@sirh.ac-dijon.fr/",
        "https://user:pw@sirh.ac-dijon.fr/",
        "http://127.0.0.1:5432",
        "https://127.0.0.1/",
        "https://2130706433/",
        "https://0x7f.1/",
        "https://localhost/",
        "http://localhost:8080/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.1.2.3/",
        "https://172.16.0.1/",
        "https://192.168.0.1/",
        "https://100.64.0.1/",
        "https://0.0.0.0:5432/",
        "https://255.255.255.255/",
        "https://224.0.0.251/",
        "https://192.0.2.10/",
        "https://198.51.100.10/",
        "https://203.0.113.10/",
        "https://[::1]/",
        "https://[::]/",
        "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:a9fe:a9fe]/",
        "https://[::127.0.0.1]/",
        "https://[fe80::1]/",
        "https://[fc00::1]/",
        "https://[ff02::1]/",
        "https://[2001:db8::1]/",
        "http://sirh.ac-dijon.fr/hooks",
        "ftp://sirh.ac-dijon.fr/",
        "file:///etc/passwd",
        "https://",
    ] {
        let body = json!({"url": url, "events": ["report.submitted"]});
        let reply = send(
            &service,
            json(actix_web::http::Method::POST, "/api/v1/webhooks", &body),
            bfc.as_deref(),
        )
        .await;
        assert_eq!(reply.status.as_u16(), 422, "{url}: {}", reply.body);
        let errors = reply.body["errors"].as_array().unwrap();
        assert!(
            errors.iter().any(|e| e["field"] == "url"),
            "{url}: {}",
            reply.body
        );
    }
    let list = send(&service, get("/api/v1/webhooks"), bfc.as_deref()).await;
    assert_eq!(list.body, json!([]), "nothing registered");
}
