//! No data lost, no secret leaked, with the real binary: a server killed in the middle of saves leaves every
//! report whole or absent; SQLite backups of a running server restore the same data; a PostgreSQL dump restores
//! into an equivalent database; passwords, API keys and tokens never reach the logs; links in the snapshot folder
//! are not followed and a backup never loses a write of the server; the database files and backups are
//! owner-only; rotating the token secret signs every token out.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use crate::common;

use chrono::{Duration, Utc};
use common::{pilotage, url, Server};
use pilotage_app::auth::TokenKeys;
use pilotage_domain::{AcademicYear, CampusId, IndicatorGrid, Role};
use pilotage_store::testing::TestDatabase;
use pilotage_store::{campuses, reports, settings, Backend};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;

/// Runs `pilotage ARGS…` on the database.
fn cli<S: AsRef<OsStr>>(database_url: &str, args: &[S]) -> Output {
    pilotage(database_url)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What a command printed, once checked that it succeeded.
fn succeeded(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Loads the demo network; returns what `seed` printed (the credentials it created).
fn seed(database_url: &str) -> String {
    succeeded(cli(database_url, &["seed"]))
}

/// Starts `pilotage serve` on a free port and returns it with its address, once it listens (no sleeping).
fn serve(database_url: &str, log_level: &str, stderr: Stdio) -> (Server, String) {
    serve_with(pilotage(database_url), log_level, stderr)
}

/// Starts `pilotage serve` with the command's own environment (see [`serve`]).
fn serve_with(mut command: Command, log_level: &str, stderr: Stdio) -> (Server, String) {
    let child = command
        .env("RUST_LOG", log_level)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("spawn");
    let mut server = Server(child);
    let stdout = server.0.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("server printed its address")
            .expect("line");
        if let Some(rest) = line.strip_prefix("Pilotage is listening on http://") {
            break rest.split_whitespace().next().expect("address").to_owned();
        }
    };
    // Keep reading what the server prints so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (server, address)
}

/// One HTTP/1.1 request; the status code and the body (`None` when the connection broke).
fn request(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(address).ok()?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.get(9..12)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n")?.1.to_owned();
    Some((status, body))
}

fn keys(db: &TestDatabase) -> TokenKeys {
    let mut conn = db.connect().expect("conn");
    let secret = settings::get(&mut conn, "jwt_secret")
        .expect("read")
        .expect("the server stored its secret");
    TokenKeys::from_secret(secret.as_bytes()).expect("keys")
}

/// A complete grid of the demo network (the first report of the fixtures).
fn fixture_grid() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/reports.json");
    let reports: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixtures")).expect("json");
    reports[0]["grid"].clone()
}

#[test]
fn a_server_killed_in_the_middle_of_saves_leaves_each_report_whole_or_absent() {
    let db = TestDatabase::new().expect("db");
    let database_url = url(&db);
    seed(&database_url);
    let (mut server, address) = serve(&database_url, "warn", Stdio::inherit());
    let keys = keys(&db);
    let year = AcademicYear::containing(Utc::now()).expect("year");
    let campus_ids: Vec<CampusId> = campuses::all(&mut db.connect().expect("conn"))
        .expect("campuses")
        .into_iter()
        .map(|c| c.id)
        .take(40)
        .collect();
    let grid = fixture_grid();
    let body = serde_json::json!({ "grid": grid }).to_string();
    let (answered, first_answer) = mpsc::channel();
    let writers: Vec<_> = campus_ids
        .iter()
        .map(|id| {
            let token = keys
                .issue(
                    &format!("coord.{id}@test.example"),
                    Role::Coordinator,
                    vec![id.clone()],
                    None,
                    Duration::hours(1),
                    Utc::now(),
                )
                .expect("token");
            let (address, body, answered) = (address.clone(), body.clone(), answered.clone());
            let path = format!("/api/v1/campuses/{id}/reports/{year}");
            std::thread::spawn(move || {
                let auth = format!("Bearer {token}");
                let reply = request(
                    &address,
                    "PUT",
                    &path,
                    &[
                        ("Authorization", &auth),
                        ("Content-Type", "application/json"),
                    ],
                    &body,
                );
                let _ = answered.send(reply.clone());
                reply
            })
        })
        .collect();
    // Killed (SIGKILL) as soon as the first save is answered, while the others are on their way.
    let first = first_answer.recv().expect("a writer answered");
    assert_eq!(first.as_ref().map(|(s, _)| *s), Some(200), "{first:?}");
    server.0.kill().expect("kill");
    server.0.wait().expect("wait");
    let replies: Vec<_> = writers
        .into_iter()
        .map(|w| w.join().expect("writer"))
        .collect();

    let expected: IndicatorGrid = serde_json::from_value(grid).expect("grid");
    let mut conn = db.connect().expect("conn");
    let mut whole = 0;
    for (id, reply) in campus_ids.iter().zip(&replies) {
        match reports::get(&mut conn, id, year).expect("read") {
            Some(report) => {
                assert_eq!(
                    report.grid, expected,
                    "{id}: a saved report holds the whole grid"
                );
                assert_eq!(report.version, 1, "{id}");
                whole += 1;
            }
            None => assert!(
                !matches!(reply, Some((200, _))),
                "{id}: answered 200 but absent"
            ),
        }
    }
    assert!(whole >= 1, "at least the answered save is there");
}

#[test]
fn a_backup_of_a_running_sqlite_server_restores_the_same_data() {
    let db = TestDatabase::new().expect("db");
    let database_url = url(&db);
    let dir = tempfile::tempdir().expect("dir");
    let backup = dir.path().join("sauvegarde.db");
    let backup_to = [
        OsStr::new("backup"),
        OsStr::new("--out"),
        backup.as_os_str(),
    ];
    let restore_from = |file: &Path| {
        cli(
            &database_url,
            &[
                OsStr::new("restore"),
                OsStr::new("--from"),
                file.as_os_str(),
            ],
        )
    };
    if db.backend() == Backend::Postgres {
        let out = cli(&database_url, &backup_to);
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("pg_dump"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    seed(&database_url);
    let (_server, address) = serve(&database_url, "warn", Stdio::null());
    let export = |name: &str| {
        let file = dir.path().join(name);
        let args = ["export", "--format", "csv", "--out"].map(OsStr::new);
        succeeded(cli(
            &database_url,
            &[&args[..], &[file.as_os_str()]].concat(),
        ));
        std::fs::read_to_string(file).expect("export file")
    };
    let before = export("avant.csv");
    succeeded(cli(&database_url, &backup_to));
    // A second backup to the same file is refused: a backup never overwrites.
    assert!(!cli(&database_url, &backup_to).status.success());

    // A change after the backup, through the running server.
    let keys = keys(&db);
    let year = AcademicYear::containing(Utc::now()).expect("year");
    let token = keys
        .issue(
            "c@test.example",
            Role::Coordinator,
            vec!["nevers".parse().unwrap()],
            None,
            Duration::hours(1),
            Utc::now(),
        )
        .expect("token");
    let body = serde_json::json!({ "grid": fixture_grid() }).to_string();
    let auth = format!("Bearer {token}");
    let report_path = format!("/api/v1/campuses/nevers/reports/{year}");
    let shown_before = request(
        &address,
        "GET",
        &report_path,
        &[("Authorization", &auth)],
        "",
    )
    .expect("read");
    let (status, answer) = request(
        &address,
        "PUT",
        &format!("/api/v1/campuses/nevers/reports/{year}"),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        &body,
    )
    .expect("save");
    assert_eq!(status, 200, "{answer}");
    let nevers: CampusId = "nevers".parse().unwrap();
    let saved = reports::get(&mut db.connect().expect("conn"), &nevers, year).expect("read");
    assert!(saved.is_some());

    assert!(succeeded(restore_from(&backup)).contains("annual_reports: 462"));
    assert_eq!(export("apres.csv"), before);
    let restored = reports::get(&mut db.connect().expect("conn"), &nevers, year).expect("read");
    assert!(
        restored.is_none(),
        "the draft saved after the backup is gone"
    );
    // The running server sees the restored data at once: the report saved after the backup is gone.
    let shown_after = request(
        &address,
        "GET",
        &report_path,
        &[("Authorization", &auth)],
        "",
    )
    .expect("read");
    assert_eq!(shown_after, shown_before);

    // Not a backup: refused, nothing changed.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"pas une base").expect("write");
    assert!(!restore_from(&junk).status.success());
    let missing = restore_from(Path::new("/nonexistent/sauvegarde.db"));
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("introuvable"));
    assert_eq!(export("fin.csv"), before);
}

/// `pg_dump` of a database as plain SQL, its lines sorted (rows come in their physical order, which updates
/// change), without the lines that change from one dump to the next.
fn pg_dump(database_url: &str) -> Vec<String> {
    let out = Command::new("pg_dump")
        .args(["--no-owner", "--no-privileges", database_url])
        .output()
        .expect("pg_dump runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| {
            !l.starts_with("-- Dumped")
                && !l.starts_with("\\restrict")
                && !l.starts_with("\\unrestrict")
        })
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn a_postgres_dump_restores_into_an_equivalent_database() {
    let Some(server) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        eprintln!("skipped: TEST_DATABASE_URL is not set (PostgreSQL only)");
        return;
    };
    let db = TestDatabase::new().expect("db");
    let database_url = url(&db);
    seed(&database_url);
    let dir = tempfile::tempdir().expect("dir");
    let dump = dir.path().join("pilotage.dump");
    let out = Command::new("pg_dump")
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(&dump)
        .arg(&database_url)
        .output()
        .expect("pg_dump");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let name = format!("pilotage_restore_{}_{}", std::process::id(), rand_suffix());
    let psql = |sql: &str| {
        let out = Command::new("psql")
            .args([server.as_str(), "-v", "ON_ERROR_STOP=1", "-c", sql])
            .output()
            .expect("psql");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    psql(&format!("CREATE DATABASE {name}"));
    let restored_url = database_url.replace(
        database_url.rsplit('/').next().expect("database name"),
        &name,
    );
    let out = Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname", &restored_url])
        .arg(&dump)
        .output()
        .expect("pg_restore");
    let restored = pg_dump(&restored_url);
    let original = pg_dump(&database_url);
    // The restored database is usable as is: migrations up to date, the data readable.
    let migrate = cli(&restored_url, &["migrate"]);
    let campuses_restored = restored_url
        .parse::<pilotage_store::DatabaseUrl>()
        .expect("url")
        .establish()
        .and_then(|mut c| campuses::all(&mut c))
        .map(|c| c.len());
    psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        restored == original,
        "the restored database differs from the original"
    );
    assert!(
        String::from_utf8_lossy(&migrate.stdout).contains("schema up to date"),
        "{}",
        String::from_utf8_lossy(&migrate.stdout)
    );
    assert_eq!(campuses_restored.expect("campuses"), 85);
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

#[test]
fn passwords_api_keys_and_tokens_never_reach_the_logs() {
    let db = TestDatabase::new().expect("db");
    let database_url = url(&db);
    let printed = seed(&database_url);
    // `role login secret` lines of the seed's output.
    let secret_of = |login: &str| {
        printed
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(login))
            .and_then(|l| l.split_whitespace().nth(2))
            .unwrap_or_else(|| panic!("{login} in {printed}"))
            .to_owned()
    };
    let password = secret_of("admin@pilotage.example");
    let key = secret_of("rectorat-bfc");
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("server.log");
    let (mut server, address) = serve(
        &database_url,
        "debug",
        Stdio::from(std::fs::File::create(&log).expect("log file")),
    );
    let json = [("Content-Type", "application/json")];
    let login =
        serde_json::json!({ "email": "admin@pilotage.example", "password": password }).to_string();
    let (status, body) =
        request(&address, "POST", "/api/v1/auth/login", &json, &login).expect("login");
    assert_eq!(status, 200, "{body}");
    let token = serde_json::from_str::<serde_json::Value>(&body).expect("json")["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let wrong =
        serde_json::json!({ "email": "admin@pilotage.example", "password": "Mauvais-Secret-42" })
            .to_string();
    let (status, _) =
        request(&address, "POST", "/api/v1/auth/login", &json, &wrong).expect("login");
    assert_eq!(status, 401);
    let exchange =
        serde_json::json!({ "client_id": "rectorat-bfc", "client_key": key }).to_string();
    let (status, body) =
        request(&address, "POST", "/api/v1/auth/token", &json, &exchange).expect("token");
    assert_eq!(status, 200, "{body}");
    let auth = format!("Bearer {token}");
    let (status, _) = request(
        &address,
        "GET",
        "/api/v1/admin/users",
        &[("Authorization", &auth)],
        "",
    )
    .expect("users");
    assert_eq!(status, 200);
    // A token in the query string is not how to authenticate, and is not logged either.
    let (status, _) = request(
        &address,
        "GET",
        &format!("/api/v1/campuses?access_token={token}"),
        &[],
        "",
    )
    .expect("campuses");
    assert_eq!(status, 401);
    server.0.kill().expect("kill");
    server.0.wait().expect("wait");
    let logged = std::fs::read_to_string(&log).expect("log");
    assert!(
        logged.contains("/api/v1/auth/login"),
        "the requests are logged: {logged}"
    );
    for secret in [
        password.as_str(),
        "Mauvais-Secret-42",
        key.as_str(),
        token.as_str(),
    ] {
        assert!(!logged.contains(secret), "a secret reached the logs");
    }
}

/// The file of a SQLite test database; `None` on PostgreSQL.
fn sqlite_file(db: &TestDatabase) -> Option<PathBuf> {
    (db.backend() == Backend::Sqlite).then(|| PathBuf::from(db.url.target()))
}

/// The permission bits of a file or folder.
fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// `path` with `suffix` appended (`db` → `db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[test]
fn reading_file_endpoints_then_a_backup_loses_no_acknowledged_write_after_kill_9() {
    let db = TestDatabase::new().expect("db");
    let Some(database) = sqlite_file(&db) else {
        eprintln!("skipped: SQLite only (the database's own files; api/jobs.rs checks the endpoint on both backends)");
        return;
    };
    let database_url = url(&db);
    seed(&database_url);
    let dir = tempfile::tempdir().expect("dir");
    let snapshots = dir.path().join("snapshots");
    let day = snapshots.join("2026-11-28");
    std::fs::create_dir_all(&day).expect("day");
    std::fs::write(day.join("indicators.csv.csv"), "indicator;value\n").expect("file");
    // Links to the live database in the snapshot folder, and stray entries.
    std::os::unix::fs::symlink(&database, day.join("base.csv")).expect("symlink");
    std::fs::hard_link(&database, day.join("copie.csv")).expect("hard link");
    let database_folder = database.parent().expect("folder");
    std::os::unix::fs::symlink(database_folder, snapshots.join("2026-11-27")).expect("symlink");
    std::fs::write(
        snapshots.join("2026-11-26"),
        "a file where a day folder should be",
    )
    .expect("file");
    std::fs::create_dir(snapshots.join("brouillons")).expect("folder");
    std::fs::create_dir(day.join("dossier.csv")).expect("folder");
    let _socket = std::os::unix::net::UnixListener::bind(day.join("prise.csv")).expect("socket");
    let fifo = Command::new("mkfifo")
        .arg(day.join("tube.csv"))
        .status()
        .is_ok_and(|s| s.success());

    let serve_here = || {
        let mut command = pilotage(&database_url);
        command
            .env("PILOTAGE_SNAPSHOT_DIR", &snapshots)
            .env("PILOTAGE_JOBS", "off");
        serve_with(command, "warn", Stdio::inherit())
    };
    let (mut server, address) = serve_here();
    let keys = keys(&db);
    let token = |role: Role, campuses: Vec<CampusId>| {
        let token = keys
            .issue(
                "test@test.example",
                role,
                campuses,
                None,
                Duration::hours(1),
                Utc::now(),
            )
            .expect("token");
        format!("Bearer {token}")
    };
    let ministry = token(Role::Ministry, vec![]);
    let get = |address: &str, auth: &str, path: &str| {
        request(address, "GET", path, &[("Authorization", auth)], "").expect("an answer")
    };

    // Every file endpoint: the list (the stray entries left out, no 500), what it lists (200), and every link
    // and stray entry (404, like an absent file).
    let (status, body) = get(&address, &ministry, "/api/v1/snapshots");
    assert_eq!(status, 200, "{body}");
    let list: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(
        list,
        serde_json::json!([{"date": "2026-11-28", "files": [{
            "name": "indicators.csv.csv",
            "bytes": 16,
            "href": "/api/v1/snapshots/2026-11-28/indicators.csv.csv"
        }]}])
    );
    let (status, body) = get(
        &address,
        &ministry,
        "/api/v1/snapshots/2026-11-28/indicators.csv.csv",
    );
    assert_eq!((status, body.as_str()), (200, "indicator;value\n"));
    let mut refused: Vec<String> = [
        "2026-11-28/base.csv",
        "2026-11-28/copie.csv",
        "2026-11-28/dossier.csv",
        "2026-11-28/prise.csv",
        "2026-11-27/test.db",
        "2026-11-27/test.db-wal",
        "2026-11-26/indicators.csv.csv",
        "2026-11-28/..%2F..%2F2026-11-27%2Ftest.db",
        "2026-11-28/%2E%2E",
        "2026-11-28/base.csv%00",
    ]
    .iter()
    .map(|p| format!("/api/v1/snapshots/{p}"))
    .collect();
    if fifo {
        refused.push("/api/v1/snapshots/2026-11-28/tube.csv".into());
    }
    for path in &refused {
        let (status, body) = get(&address, &ministry, path);
        // A NUL is refused before routing (422, `chemin`), anything else answers as absent.
        let expected = if path.contains("%00") { 422 } else { 404 };
        assert_eq!(status, expected, "{path}: {body}");
        assert!(!body.contains("SQLite format"), "{path}");
    }

    // A backup with the real binary while the server runs, then a write answered 200.
    let backup = dir.path().join("sauvegarde.db");
    succeeded(cli(
        &database_url,
        &[
            OsStr::new("backup"),
            OsStr::new("--out"),
            backup.as_os_str(),
        ],
    ));
    let year = AcademicYear::containing(Utc::now()).expect("year");
    let nevers: CampusId = "nevers".parse().unwrap();
    let coordinator = token(Role::Coordinator, vec![nevers.clone()]);
    let report = format!("/api/v1/campuses/nevers/reports/{year}");
    let body = serde_json::json!({ "grid": fixture_grid() }).to_string();
    let (status, answer) = request(
        &address,
        "PUT",
        &report,
        &[
            ("Authorization", &coordinator),
            ("Content-Type", "application/json"),
        ],
        &body,
    )
    .expect("save");
    assert_eq!(status, 200, "{answer}");

    // Killed (SIGKILL), restarted: the acknowledged write is there.
    server.0.kill().expect("kill");
    server.0.wait().expect("wait");
    assert!(
        with_suffix(&database, "-wal").exists(),
        "the live WAL is still there"
    );
    let (_server, address) = serve_here();
    let (status, shown) = get(&address, &coordinator, &report);
    assert_eq!(status, 200, "the write answered 200 is there: {shown}");
    let saved = reports::get(&mut db.connect().expect("conn"), &nevers, year).expect("read");
    assert_eq!(
        saved.map(|r| r.grid),
        Some(serde_json::from_value::<IndicatorGrid>(fixture_grid()).expect("grid"))
    );
}

#[test]
fn the_database_backups_and_snapshots_are_owner_only() {
    let db = TestDatabase::new().expect("db");
    let database_url = url(&db);
    seed(&database_url);
    let dir = tempfile::tempdir().expect("dir");

    // Snapshots, on either backend: folders 0700, files 0600.
    let snapshots = dir.path().join("snapshots");
    succeeded(
        pilotage(&database_url)
            .env("PILOTAGE_SNAPSHOT_DIR", &snapshots)
            .args([
                "jobs",
                "run",
                "snapshot",
                "--at",
                "2026-11-28T02:30:00+01:00",
            ])
            .output()
            .expect("runs"),
    );
    let day = snapshots.join("2026-11-28");
    assert_eq!((mode(&snapshots), mode(&day)), (0o700, 0o700));
    let files: Vec<PathBuf> = std::fs::read_dir(&day)
        .expect("day")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 11);
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }

    let Some(database) = sqlite_file(&db) else {
        eprintln!("the database files: SQLite only");
        return;
    };
    // A database file created by the binary is owner-only.
    let fresh = dir.path().join("neuve.db");
    succeeded(cli(&format!("sqlite://{}", fresh.display()), &["migrate"]));
    assert_eq!(mode(&fresh), 0o600);
    // An existing one readable by others is narrowed at start, with a warning.
    std::fs::set_permissions(&database, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = cli(&database_url, &["migrate"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("narrowed to 600"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    succeeded(out);
    assert_eq!(mode(&database), 0o600);
    // While a server runs, SQLite's -wal and -shm files take the database file's mode.
    let (_server, address) = serve(&database_url, "warn", Stdio::null());
    let (status, _) = request(&address, "GET", "/health", &[], "").expect("health");
    assert_eq!(status, 200);
    for suffix in ["-wal", "-shm"] {
        assert_eq!(mode(&with_suffix(&database, suffix)), 0o600, "{suffix}");
    }
    // A backup holds the token secret and the password hashes: owner-only too.
    let backup = dir.path().join("sauvegarde.db");
    succeeded(cli(
        &database_url,
        &[
            OsStr::new("backup"),
            OsStr::new("--out"),
            backup.as_os_str(),
        ],
    ));
    assert_eq!(mode(&backup), 0o600);
    let copy: pilotage_store::DatabaseUrl = format!("sqlite://{}", backup.display())
        .parse()
        .expect("url");
    let mut copy = copy.establish_read_only().expect("the backup opens");
    assert!(settings::get(&mut copy, "jwt_secret")
        .expect("read")
        .is_some());
}

#[test]
fn rotating_the_token_secret_signs_out_every_live_token_at_once() {
    let db = TestDatabase::new().expect("db");
    let database_url = url(&db);
    let printed = seed(&database_url);
    let secret_of = |login: &str| {
        printed
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(login))
            .and_then(|l| l.split_whitespace().nth(2))
            .unwrap_or_else(|| panic!("{login} in {printed}"))
            .to_owned()
    };
    let password = secret_of("admin@pilotage.example");
    let key = secret_of("rectorat-bfc");
    let json = [("Content-Type", "application/json")];
    // A person's token from the login, and an API client's from its key.
    let tokens = |address: &str| {
        let exchange = |path: &str, body: serde_json::Value| {
            let (status, body) =
                request(address, "POST", path, &json, &body.to_string()).expect("answer");
            assert_eq!(status, 200, "{path}: {body}");
            serde_json::from_str::<serde_json::Value>(&body).expect("json")["access_token"]
                .as_str()
                .expect("token")
                .to_owned()
        };
        (
            exchange(
                "/api/v1/auth/login",
                serde_json::json!({"email": "admin@pilotage.example", "password": password}),
            ),
            exchange(
                "/api/v1/auth/token",
                serde_json::json!({"client_id": "rectorat-bfc", "client_key": key}),
            ),
        )
    };
    // What a person's token gets as a header and as a web session's cookie, and what a client's token gets.
    let answers = |address: &str, (person, client): &(String, String)| {
        let status = |headers: &[(&str, &str)], path: &str| {
            request(address, "GET", path, headers, "")
                .expect("answer")
                .0
        };
        [
            status(
                &[("Authorization", &format!("Bearer {person}"))],
                "/api/v1/admin/users",
            ),
            status(
                &[("Cookie", &format!("pilotage_session={person}"))],
                "/api/v1/admin/users",
            ),
            status(
                &[("Authorization", &format!("Bearer {client}"))],
                "/api/v1/campuses",
            ),
        ]
    };
    let (server, address) = serve(&database_url, "warn", Stdio::null());
    let first = tokens(&address);
    assert_eq!(answers(&address, &first), [200, 200, 200]);
    drop(server);

    // A new PILOTAGE_JWT_SECRET: every live token and session is refused at once; signing in again works.
    let mut command = pilotage(&database_url);
    command.env(
        "PILOTAGE_JWT_SECRET",
        "une-autre-clé-de-signature-de-32-octets-au-moins",
    );
    let (server, address) = serve_with(command, "warn", Stdio::null());
    assert_eq!(answers(&address, &first), [401, 401, 401]);
    let second = tokens(&address);
    assert_eq!(answers(&address, &second), [200, 200, 200]);
    drop(server);

    // The stored secret removed (the variable unset): a new one is generated at start, and every token signed
    // with either earlier secret is refused.
    let mut conn = db.connect().expect("conn");
    let stored = settings::get(&mut conn, "jwt_secret").expect("read");
    assert!(settings::remove(&mut conn, "jwt_secret").expect("remove"));
    drop(conn);
    let (_server, address) = serve(&database_url, "warn", Stdio::null());
    assert_eq!(answers(&address, &first), [401, 401, 401]);
    assert_eq!(answers(&address, &second), [401, 401, 401]);
    let third = tokens(&address);
    assert_eq!(answers(&address, &third), [200, 200, 200]);
    let now = settings::get(&mut db.connect().expect("conn"), "jwt_secret").expect("read");
    assert!(now.is_some() && now != stored);
}
