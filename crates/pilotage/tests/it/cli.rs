//! The `pilotage` binary as an operator runs it: clear errors and exit codes, migrate, token, serve.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use crate::common;

use common::{pilotage, url, Server};
use pilotage_app::auth::TokenKeys;
use pilotage_domain::Role;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Output, Stdio};

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A database URL for this test: a temporary SQLite file, or a fresh PostgreSQL database under CI.
fn database() -> pilotage_store::testing::TestDatabase {
    pilotage_store::testing::TestDatabase::new().expect("test database")
}

#[test]
fn a_bad_database_url_ends_at_once_with_a_clear_message() {
    let cases = [
        (
            "mysql://root@127.0.0.1/x",
            "schéma « mysql » non pris en charge",
        ),
        (
            "postgres://nobody@127.0.0.1:1/none",
            "connexion impossible à la base postgres://nobody@127.0.0.1:1/none",
        ),
        (
            "sqlite:///nonexistent-dir-pilotage/p.db",
            "le dossier /nonexistent-dir-pilotage n'existe pas",
        ),
        ("sqlite://", "chemin"),
    ];
    for (bad, expected) in cases {
        for args in [
            &["migrate"][..],
            &["seed"],
            &["serve"],
            &["token", "--role", "analyst"],
        ] {
            let out = run(pilotage(bad).args(args));
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{bad} {args:?}: {stderr}");
            assert!(stderr.starts_with("error: "), "{bad} {args:?}: {stderr}");
            assert!(stderr.contains(expected), "{bad} {args:?}: {stderr}");
            assert!(!stderr.contains("panicked"), "{bad} {args:?}: {stderr}");
        }
    }
}

#[test]
fn migrate_twice_is_harmless() {
    let db = database();
    let out = run(pilotage(&url(&db)).arg("migrate"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("schema up to date"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn token_signs_with_the_secret_kept_in_the_database() {
    let db = database();
    let out = run(pilotage(&url(&db)).args([
        "token", "--role", "regional", "--region", "bfc", "--ttl", "30m",
    ]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = text(&out.stdout).trim().to_owned();
    let mut conn = db.connect().expect("conn");
    let secret = pilotage_store::settings::get(&mut conn, "jwt_secret")
        .expect("read")
        .expect("secret generated");
    let claims = TokenKeys::from_secret(secret.as_bytes())
        .expect("keys")
        .verify(&token)
        .expect("valid token");
    assert_eq!(
        (claims.role, claims.region.map(|r| r.to_string())),
        (Role::Regional, Some("BFC".into()))
    );
    assert!(claims.exp - claims.iat == 1800);
    // A second call uses the same secret.
    let again = run(pilotage(&url(&db)).args(["token", "--role", "analyst"]));
    let token = text(&again.stdout).trim().to_owned();
    assert!(TokenKeys::from_secret(secret.as_bytes())
        .expect("keys")
        .verify(&token)
        .is_ok());
}

#[test]
fn token_refuses_bad_requests_with_the_reason() {
    let db = database();
    let cases: [(&[&str], &str); 6] = [
        (&["token", "--role", "root"], "unknown role \"root\""),
        (
            &["token", "--role", "coordinator"],
            "doit nommer au moins un campus",
        ),
        (
            &["token", "--role", "coordinator", "--campus", "nowhere"],
            "--campus nowhere: no such campus",
        ),
        (
            &["token", "--role", "regional", "--region", "XX"],
            "région académique « XX » inconnue",
        ),
        (
            &["token", "--role", "analyst", "--ttl", "soon"],
            "invalid --ttl \"soon\"",
        ),
        (
            &["token", "--role", "analyst", "--campus", "Nevers"],
            "--campus Nevers: id",
        ),
    ];
    for (args, expected) in cases {
        let out = run(pilotage(&url(&db)).args(args));
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let out = run(pilotage(&url(&db))
        .env("PILOTAGE_JWT_SECRET", "short")
        .args(["token", "--role", "analyst"]));
    assert!(
        text(&out.stderr).contains("PILOTAGE_JWT_SECRET must be at least 32 bytes"),
        "{}",
        text(&out.stderr)
    );
}

fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    response
}

#[test]
fn serve_demo_loads_the_network_prints_tokens_and_answers_health() {
    let db = database();
    let child = pilotage(&url(&db))
        .args(["serve", "--demo", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut server = Server(child);
    let stdout = server.0.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut printed = Vec::new();
    // Blocks on the server's own output until it says where it listens: no sleeping.
    let address = loop {
        let line = lines
            .next()
            .expect("server printed its address")
            .expect("line");
        printed.push(line.clone());
        if let Some(rest) = line.strip_prefix("Pilotage is listening on http://") {
            break rest.split_whitespace().next().expect("address").to_owned();
        }
    };
    let printed = printed.join("\n");
    assert!(printed.contains("added 85 campuses"), "{printed}");
    assert!(
        printed.contains("analyst") && printed.contains("analyste@pilotage.example"),
        "{printed}"
    );
    let response = get(&address, "/health");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let body = response.split("\r\n\r\n").nth(1).expect("body");
    let json: serde_json::Value = serde_json::from_str(body.trim()).expect("json");
    assert_eq!(json["status"], "ok");
    assert_eq!(json["database"]["reachable"], true);
    assert_eq!(json["database"]["backend"], db.url.backend().name());
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    // The tokens printed after the address are signed with the server's secret.
    let token_line = lines
        .find_map(|l| l.ok().filter(|l| l.trim_start().starts_with("ey")))
        .expect("a token");
    let mut conn = db.connect().expect("conn");
    let secret = pilotage_store::settings::get(&mut conn, "jwt_secret")
        .expect("read")
        .expect("secret");
    assert!(TokenKeys::from_secret(secret.as_bytes())
        .expect("keys")
        .verify(token_line.trim())
        .is_ok());
}

fn copy_fixtures(to: &std::path::Path) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    for entry in std::fs::read_dir(&from).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
        }
    }
}

#[test]
fn seed_loads_a_fixtures_folder_once() {
    let db = database();
    let dir = tempfile::tempdir().expect("dir");
    copy_fixtures(dir.path());
    let folder = dir.path().to_str().expect("utf-8 path");
    let first = run(pilotage(&url(&db)).args(["seed", "--fixtures", folder]));
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("added 85 campuses, 462 annual reports"),
        "{}",
        text(&first.stdout)
    );
    let second = run(pilotage(&url(&db)).args(["seed", "--fixtures", folder]));
    assert!(
        text(&second.stdout).contains("already loaded; nothing added"),
        "{}",
        text(&second.stdout)
    );
}

#[test]
fn seed_refuses_bad_fixtures_before_writing_anything() {
    let db = database();
    let dir = tempfile::tempdir().expect("dir");
    copy_fixtures(dir.path());
    let reports = dir.path().join("reports.json");
    let mut all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&reports).expect("read")).expect("json");
    all[0]["grid"]["women"] = serde_json::json!(999);
    std::fs::write(&reports, all.to_string()).expect("write");
    let folder = dir.path().to_str().expect("utf-8 path");
    let out = run(pilotage(&url(&db)).args(["seed", "--fixtures", folder]));
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("report nevers 2020-2021") && stderr.contains("Répartition par sexe"),
        "{stderr}"
    );
    let mut conn = db.connect().expect("conn");
    assert_eq!(
        pilotage_store::campuses::all(&mut conn)
            .expect("campuses")
            .len(),
        0,
        "nothing written"
    );

    std::fs::write(dir.path().join("campuses.json"), "[{\"id\": \"Nevers\"}]").expect("write");
    let out = run(pilotage(&url(&db)).args(["seed", "--fixtures", folder]));
    assert!(
        text(&out.stderr).contains("invalid fixture file campuses.json"),
        "{}",
        text(&out.stderr)
    );

    let out = run(pilotage(&url(&db)).args(["seed", "--fixtures", "/nonexistent/fixtures"]));
    assert!(
        text(&out.stderr).contains("fixtures folder /nonexistent/fixtures does not exist"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn export_writes_every_format_and_refuses_an_unknown_one() {
    let db = database();
    let seeded = run(pilotage(&url(&db)).arg("seed"));
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    let dir = tempfile::tempdir().expect("dir");
    let sdmx = dir.path().join("indicateurs.csv");
    let out = run(pilotage(&url(&db)).args([
        "export",
        "--format",
        "sdmx-csv",
        "--public",
        "--out",
        sdmx.to_str().expect("path"),
    ]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&sdmx).expect("written");
    let mut lines = written.lines();
    assert_eq!(
        lines.next(),
        Some("DATAFLOW,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS")
    );
    assert!(
        written.contains("PILOTAGE:CAMPUS_CONNECTES(1.0),success_rate,FR,2025-09-01/P1Y,"),
        "national figure missing"
    );
    assert!(
        written.lines().any(|l| l.ends_with(",C")),
        "some cells are confidential in the public export"
    );
    let parquet = dir.path().join("indicateurs.parquet");
    let out = run(pilotage(&url(&db)).args([
        "export",
        "--format",
        "parquet",
        "--out",
        parquet.to_str().expect("path"),
    ]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(&std::fs::read(&parquet).expect("written")[..4], b"PAR1");
    let bad = run(pilotage(&url(&db)).args([
        "export",
        "--format",
        "xlsx",
        "--out",
        "/tmp/never-written.xlsx",
    ]));
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("format d'export « xlsx » inconnu"),
        "{}",
        text(&bad.stderr)
    );
}
