//! Dashboards served as PNG and SVG, scoped by role, with an ETag that changes when the data does.

use crate::common::{get, send, TestApp, Who};
use pilotage_domain::ReportStatus;

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[actix_web::test]
async fn dashboards_render_for_each_role_within_its_scope() {
    let app = TestApp::new("2026-10-01T10:00:00Z");
    for campus in ["nevers", "autun", "privas"] {
        app.put_report(
            campus,
            "2025-2026",
            ReportStatus::Accepted,
            Some("2026-08-20T10:00:00Z"),
        );
    }
    let service = service!(app);
    let list = send(
        &service,
        get("/api/v1/dashboards"),
        app.token(Who::Ministry).as_deref(),
    )
    .await;
    let names: Vec<_> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["national", "region", "campus", "gaps", "completeness"]
    );

    let national = send(
        &service,
        get("/api/v1/dashboards/national.png?year=2025-2026"),
        app.token(Who::Ministry).as_deref(),
    )
    .await;
    assert_eq!(
        (national.status.as_u16(), national.content_type.as_str()),
        (200, "image/png")
    );
    assert_eq!(png_size(&national.bytes).0, 1600);
    let etag = national.etag.clone().unwrap();
    let again = send(
        &service,
        get("/api/v1/dashboards/national.png?year=2025-2026")
            .insert_header(("If-None-Match", etag.as_str())),
        app.token(Who::Ministry).as_deref(),
    )
    .await;
    assert_eq!(again.status, 304);

    let region = send(
        &service,
        get("/api/v1/dashboards/region.svg?year=2025-2026"),
        app.token(Who::RegionalOwn).as_deref(),
    )
    .await;
    assert_eq!(region.status, 200);
    let svg = String::from_utf8(region.bytes).unwrap();
    assert!(
        svg.contains("Campus connectés — tableau de bord régional")
            && svg.contains("Bourgogne-Franche-Comté")
    );
    assert!(!svg.contains("privas"), "another région's campus drawn");

    for (who, uri, status) in [
        (
            Who::RegionalOwn,
            "/api/v1/dashboards/region.png?scope=region:ARA",
            404,
        ),
        (Who::RegionalOwn, "/api/v1/dashboards/national.png", 403),
        (
            Who::RegionalOwn,
            "/api/v1/dashboards/campus.png?scope=campus:autun",
            200,
        ),
        (
            Who::RegionalOther,
            "/api/v1/dashboards/campus.png?scope=campus:autun",
            404,
        ),
        (Who::CoordinatorOwn, "/api/v1/dashboards/campus.png", 200),
        (
            Who::CoordinatorOwn,
            "/api/v1/dashboards/campus.png?scope=campus:privas",
            404,
        ),
        (
            Who::CoordinatorOwn,
            "/api/v1/dashboards/region.png?scope=region:BFC",
            403,
        ),
        (Who::CoordinatorOwn, "/api/v1/dashboards/gaps.png", 403),
        (
            Who::Analyst,
            "/api/v1/dashboards/completeness.svg?year=2025-2026",
            200,
        ),
        (Who::Analyst, "/api/v1/dashboards/pie.png", 404),
        (Who::Analyst, "/api/v1/dashboards/national.pdf", 404),
        (
            Who::Analyst,
            "/api/v1/dashboards/region.png?scope=city:paris",
            422,
        ),
        (
            Who::Analyst,
            "/api/v1/dashboards/campus.png?scope=campus:atlantide",
            404,
        ),
        (Who::Anonymous, "/api/v1/dashboards/national.png", 401),
    ] {
        let reply = send(&service, get(uri), app.token(who).as_deref()).await;
        assert_eq!(
            reply.status.as_u16(),
            status,
            "{uri} as {who:?}: {}",
            reply.body
        );
    }

    // A write changes the data, so the ETag.
    app.put_report(
        "nevers",
        "2024-2025",
        ReportStatus::Accepted,
        Some("2025-08-20T10:00:00Z"),
    );
    let changed = send(
        &service,
        get("/api/v1/dashboards/national.png?year=2025-2026"),
        app.token(Who::Ministry).as_deref(),
    )
    .await;
    assert_ne!(changed.etag.unwrap(), etag);
}

#[actix_web::test]
async fn regional_dashboards_withhold_a_handful_of_students() {
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
    let service = service!(app);
    let uri = "/api/v1/dashboards/region.svg?year=2025-2026&scope=region:BFC";
    let internal = String::from_utf8(
        send(&service, get(uri), app.token(Who::Analyst).as_deref())
            .await
            .bytes,
    )
    .unwrap();
    let regional = send(&service, get(uri), app.token(Who::RegionalOwn).as_deref()).await;
    assert_eq!(regional.status, 200);
    let regional = String::from_utf8(regional.bytes).unwrap();
    // Autun's 2 successes out of 3 (66,7 %) are drawn for the analyst, withheld from the regional client.
    assert!(internal.contains("66,7"), "the analyst sees the exact rate");
    assert!(
        !regional.contains("66,7"),
        "the regional client must not see a rate of 3 students"
    );
}
