//! The committed `openapi/openapi.json` is what the code describes: regenerate it with
//! `cargo run -- openapi --out openapi/openapi.json` when this fails.

#[test]
fn the_committed_openapi_description_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).expect("openapi/openapi.json is committed");
    let generated = pilotage_api::openapi::openapi_text();
    assert!(
        committed == generated,
        "openapi/openapi.json differs from the code: run `cargo run -- openapi --out openapi/openapi.json`"
    );
}

#[test]
fn every_route_is_described_with_its_errors() {
    let spec: serde_json::Value =
        serde_json::from_str(&pilotage_api::openapi::openapi_text()).unwrap();
    let paths = spec["paths"].as_object().unwrap();
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/token",
        "/api/v1/auth/logout",
        "/api/v1/campuses",
        "/api/v1/campuses/{campus_id}",
        "/api/v1/campuses/{campus_id}/reports/{year}",
        "/api/v1/campuses/{campus_id}/reports/{year}/submit",
        "/api/v1/campuses/{campus_id}/reports/{year}/return",
        "/api/v1/campuses/{campus_id}/reports/{year}/accept",
        "/api/v1/campuses/{campus_id}/reports/{year}/reopen",
        "/api/v1/campuses/{campus_id}/reports/{year}/history",
        "/api/v1/reports",
        "/api/v1/campuses/{campus_id}/flash-surveys/{year}",
        "/api/v1/targets",
        "/api/v1/deadlines/{year}",
        "/api/v1/lock-exceptions",
        "/api/v1/admin/users",
        "/api/v1/admin/users/{id}/reactivate",
        "/api/v1/admin/api-clients",
        "/api/v1/admin/api-clients/{client_id}/reactivate",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from the description"
        );
    }
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            // A route that moved answers its redirection (308) as its success.
            assert!(
                responses.keys().any(|s| s.starts_with('2') || s == "308"),
                "{method} {path}: no success response"
            );
            if path != "/api/v1/auth/login" && path != "/api/v1/auth/token" {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path}: 401 not described"
                );
            }
        }
    }
    let grid = &spec["components"]["schemas"]["IndicatorGrid"]["properties"];
    assert!(
        grid.get("prog_bts").is_some() && grid.get("exp_staff").is_some(),
        "the grid's fields are described"
    );
}
