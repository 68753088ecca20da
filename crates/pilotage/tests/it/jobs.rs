//! `pilotage jobs` against the demo network, as an operator runs it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pilotage_store::outbox;
use std::process::{Command, Output};

fn pilotage(database_url: &str, snapshots: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pilotage"));
    cmd.env("DATABASE_URL", database_url)
        .env("PILOTAGE_SNAPSHOT_DIR", snapshots)
        .env_remove("PILOTAGE_CONFIG")
        .env_remove("PILOTAGE_SMTP_HOST")
        .env("RUST_LOG", "warn");
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn jobs_run_by_hand_on_the_demo_network_write_reminders_marks_and_a_snapshot() {
    let db = pilotage_store::testing::TestDatabase::new().unwrap();
    let url = match db.url.backend() {
        pilotage_store::Backend::Sqlite => format!("sqlite://{}", db.url.target()),
        pilotage_store::Backend::Postgres => db.url.target().to_owned(),
    };
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| pilotage(&url, dir.path()).args(args).output().unwrap();
    let seeded = run(&["seed"]);
    assert!(seeded.status.success(), "{}", text(&seeded));

    let out = run(&[
        "jobs",
        "run",
        "reminders",
        "--at",
        "2026-08-25T09:00:00+02:00",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let mut conn = db.connect().unwrap();
    let written = outbox::with_key_prefix(&mut conn, "reminder:").unwrap();
    assert!(
        !written.is_empty(),
        "the demo has coordinators who have not submitted"
    );
    assert_eq!(
        text(&out).trim(),
        format!(
            "reminders as of 2026-08-25T09:00:00+02:00: {} reminders written to the outbox",
            written.len()
        )
    );
    assert!(written
        .iter()
        .all(|m| m.subject.contains("(J-7)") && m.status == "pending"));
    // The demo's coordinated campuses on 25 August 2026: Nevers and Aubusson had submitted; Guéret had not yet (it
    // did on the 26th) and Millau's report was returned; Calvi and Saint-Laurent-du-Maroni have lock exceptions
    // (30 October, 15 September), so 25 August is not seven days before their own deadline.
    let mut to: Vec<&str> = written.iter().map(|m| m.recipient.as_str()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "coord.creuse@pilotage.example",
            "coord.millau@pilotage.example"
        ]
    );
    // Calvi's own J-7, in October.
    let calvi = run(&[
        "jobs",
        "run",
        "reminders",
        "--at",
        "2026-10-23T09:00:00+02:00",
    ]);
    assert!(
        text(&calvi).contains(": 1 reminders written"),
        "{}",
        text(&calvi)
    );
    let calvi = outbox::with_key_prefix(
        &mut conn,
        "reminder:annual_report:2025-2026:calvi:2026-10-30:J-7:",
    )
    .unwrap();
    assert_eq!(calvi.len(), 1);
    assert_eq!(calvi[0].recipient, "coord.calvi@pilotage.example");
    let again = run(&[
        "jobs",
        "run",
        "reminders",
        "--at",
        "2026-08-25T09:00:00+02:00",
    ]);
    assert!(
        text(&again).contains(": 0 reminders written"),
        "{}",
        text(&again)
    );

    let out = run(&[
        "jobs",
        "run",
        "snapshot",
        "--at",
        "2026-11-28T02:30:00+01:00",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("snapshot 2026-11-28: 11 files"),
        "{}",
        text(&out)
    );
    let day = dir.path().join("2026-11-28");
    let csv = std::fs::read_to_string(day.join("indicators.csv.csv")).unwrap();
    assert!(csv.lines().count() > 100, "every indicator of every scope");
    let png = std::fs::read(day.join("national-2025-2026.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");

    let list = run(&["jobs", "list"]);
    assert!(list.status.success(), "{}", text(&list));
    for job in ["reminders", "deadline", "closing", "snapshot", "deliver"] {
        assert!(
            text(&list).contains(&format!("{job:<10} ")),
            "{job}: {}",
            text(&list)
        );
    }
    assert!(text(&list).contains("last run 2026-08-25T09:00:00+02:00 (manual, succeeded)"));

    for (args, message) in [
        (vec!["jobs", "run", "nightly"], "unknown job \"nightly\""),
        (
            vec!["jobs", "run", "reminders", "--at", "tomorrow"],
            "expected a date and time with its offset",
        ),
        (
            vec!["jobs", "run", "reminders", "--at", "2026-08-25 09:00"],
            "--at",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(text(&out).contains(message), "{args:?}: {}", text(&out));
    }
}
