//! The jobs run with a clock moved by the test: reminders at J-30, J-7 and J-1 (summer and winter time), the
//! deadline job marking the late, the closing job locking unsent drafts, each run twice without repeating itself,
//! and two instances firing a job once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{at, year, Network};
use pilotage_domain::{DeadlineKind, LockException, ReportAction};
use pilotage_jobs::{reminders, JobName};
use pilotage_store::job_runs::{self, Trigger};
use pilotage_store::marks::{self, Mark};
use pilotage_store::{deadlines, outbox, webhooks};
use std::sync::{Arc, Barrier};

fn recipients(net: &Network, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = outbox::with_key_prefix(&mut net.conn(), prefix)
        .unwrap()
        .into_iter()
        .map(|m| m.recipient)
        .collect();
    out.sort();
    out
}

fn remind(net: &Network, when: &str) -> usize {
    reminders::run(&mut net.conn(), at(when)).unwrap()
}

#[test]
fn reminders_go_to_the_coordinators_who_have_not_submitted_at_j30_j7_j1() {
    let net = Network::new();
    net.step("autun", ReportAction::Submit, "2026-06-01T10:00:00Z");
    let expected = vec![
        "coord-cahors@example.fr".to_owned(),
        "coord-nevers@example.fr".to_owned(),
    ];
    for (when, days) in [
        ("2026-08-02T09:00:00+02:00", 30),
        ("2026-08-25T09:00:00+02:00", 7),
        ("2026-08-31T09:00:00+02:00", 1),
    ] {
        assert_eq!(remind(&net, when), 2, "{when}");
        let prefix = "reminder:annual_report:2025-2026:";
        let sent: Vec<_> = outbox::with_key_prefix(&mut net.conn(), prefix)
            .unwrap()
            .into_iter()
            .filter(|m| m.dedupe_key.contains(&format!(":J-{days}:")))
            .map(|m| m.recipient)
            .collect();
        let mut sent = sent;
        sent.sort();
        assert_eq!(
            sent, expected,
            "J-{days}: never the submitted campus, never a former coordinator"
        );
        // A second run at the same time writes nothing new.
        assert_eq!(remind(&net, when), 0, "{when} again");
    }
    // Other days: nothing.
    assert_eq!(remind(&net, "2026-08-26T09:00:00+02:00"), 0);
    assert_eq!(remind(&net, "2026-07-01T09:00:00+02:00"), 0);
    let j7 = outbox::with_key_prefix(
        &mut net.conn(),
        "reminder:annual_report:2025-2026:nevers:2026-09-01:J-7",
    )
    .unwrap();
    assert_eq!(j7.len(), 1);
    assert!(
        j7[0]
            .subject
            .contains("2025-2026 du Campus connecté de nevers"),
        "{}",
        j7[0].subject
    );
    assert!(
        j7[0].body.contains("1er septembre 2026 à 23 h 59"),
        "{}",
        j7[0].body
    );
}

#[test]
fn days_are_counted_in_paris_time_in_summer_and_in_winter() {
    let net = Network::new();
    // 00:30 in Paris on 25 August is still 24 August in UTC: J-7 all the same.
    assert_eq!(remind(&net, "2026-08-24T22:30:00Z"), 3);
    assert_eq!(
        recipients(
            &net,
            "reminder:annual_report:2025-2026:cahors:2026-09-01:J-7:"
        ),
        vec!["coord-cahors@example.fr"]
    );
    // Winter: cahors has until 15 December (a lock exception); 09:00 and 00:30 in Paris on 8 December are J-7.
    let mut conn = net.conn();
    deadlines::grant_exception(
        &mut conn,
        &LockException {
            campus_id: "cahors".parse().unwrap(),
            academic_year: year("2025-2026"),
            kind: DeadlineKind::AnnualReport,
            due_at: at("2026-12-15T23:59:59+01:00"),
            reason: "Changement de coordination".into(),
        },
        "analyste",
        at("2026-09-20T10:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        remind(&net, "2026-12-07T23:30:00Z"),
        1,
        "00:30 in Paris, winter time"
    );
    assert_eq!(
        recipients(
            &net,
            "reminder:annual_report:2025-2026:cahors:2026-12-15:J-7:"
        ),
        vec!["coord-cahors@example.fr"]
    );
    assert_eq!(
        remind(&net, "2026-12-08T09:00:00+01:00"),
        0,
        "same day: already written"
    );
    assert_eq!(
        remind(&net, "2026-12-14T09:00:00+01:00"),
        1,
        "J-1 in winter"
    );
    // The flash survey: 15 October, J-7 on 8 October, for every campus (none has answered).
    assert_eq!(remind(&net, "2026-10-08T09:00:00+02:00"), 3);
    assert_eq!(
        recipients(&net, "reminder:flash_survey:2026-2027:").len(),
        3
    );
}

#[test]
fn the_deadline_job_marks_the_missing_late_once_and_tells_analysts_and_the_region() {
    let net = Network::new();
    net.step("autun", ReportAction::Submit, "2026-08-30T10:00:00Z");
    let secret = "webhook-secret";
    let mut conn = net.conn();
    let hook = webhooks::register(
        &mut conn,
        common::BFC_CLIENT,
        "http://127.0.0.1:9/hook",
        &[pilotage_domain::Event::DeadlinePassed],
        secret,
        at("2026-01-10T10:00:00Z"),
    )
    .unwrap();
    // Before the deadline: nobody is late.
    let jobs = net.jobs("2026-09-01T12:00:00Z", None, common::quick_retry(3));
    let before = jobs
        .run(
            JobName::Deadline,
            at("2026-09-01T21:00:00Z"),
            Trigger::Manual,
        )
        .unwrap();
    assert!(before.succeeded, "{}", before.summary);
    assert!(marks::campuses_marked(
        &mut conn,
        year("2025-2026"),
        DeadlineKind::AnnualReport,
        Mark::Late
    )
    .unwrap()
    .is_empty());
    // Just after it (00:05 on 2 September, Paris).
    let when = at("2026-09-02T00:05:00+02:00");
    let report = jobs.run(JobName::Deadline, when, Trigger::Manual).unwrap();
    assert!(report.succeeded, "{}", report.summary);
    assert_eq!(
        marks::campuses_marked(
            &mut conn,
            year("2025-2026"),
            DeadlineKind::AnnualReport,
            Mark::Late
        )
        .unwrap(),
        vec!["cahors", "nevers"]
    );
    let summaries =
        outbox::with_key_prefix(&mut conn, "deadline-summary:annual_report:2025-2026").unwrap();
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].recipient, "analyste@operateur.fr");
    assert!(
        summaries[0]
            .body
            .contains("Bourgogne-Franche-Comté (1) :\n  - Campus connecté de nevers"),
        "{}",
        summaries[0].body
    );
    assert!(
        summaries[0]
            .body
            .contains("Occitanie (1) :\n  - Campus connecté de cahors"),
        "{}",
        summaries[0].body
    );
    let events = outbox::with_key_prefix(
        &mut conn,
        &format!("webhook:{}:deadline.passed:annual_report", hook.id),
    )
    .unwrap();
    assert_eq!(events.len(), 1, "one event for the BFC client");
    assert!(
        events[0].body.contains("\"nevers\"") && !events[0].body.contains("cahors"),
        "{}",
        events[0].body
    );
    // Run again at the same time, then later: nothing new.
    let total = outbox::list(&mut conn, &Default::default(), 1, 0)
        .unwrap()
        .1;
    jobs.run(JobName::Deadline, when, Trigger::Manual).unwrap();
    jobs.run(
        JobName::Deadline,
        at("2026-09-03T00:05:00+02:00"),
        Trigger::Manual,
    )
    .unwrap();
    assert_eq!(
        outbox::list(&mut conn, &Default::default(), 1, 0)
            .unwrap()
            .1,
        total
    );
    let runs = job_runs::recent(&mut conn, "deadline", 10).unwrap();
    assert_eq!(runs.len(), 4);
    assert!(runs.iter().all(|r| r.outcome == "succeeded"));
    assert!(
        runs[0]
            .summary
            .as_deref()
            .unwrap()
            .starts_with("0 campuses marked late"),
        "{:?}",
        runs[0].summary
    );
}

#[test]
fn the_closing_job_locks_unsent_drafts_but_respects_lock_exceptions() {
    let net = Network::new();
    net.step("autun", ReportAction::Submit, "2026-08-30T10:00:00Z");
    let mut conn = net.conn();
    // nevers's draft; cahors starts one, and is granted until 20 October.
    pilotage_store::reports::save_draft(
        &mut conn,
        &"cahors".parse().unwrap(),
        year("2025-2026"),
        &Default::default(),
        &pilotage_store::reports::Edit {
            actor: "c",
            expected_version: None,
            at: at("2026-09-10T10:00:00Z"),
        },
    )
    .unwrap();
    deadlines::grant_exception(
        &mut conn,
        &LockException {
            campus_id: "cahors".parse().unwrap(),
            academic_year: year("2025-2026"),
            kind: DeadlineKind::AnnualReport,
            due_at: at("2026-10-20T23:59:59+02:00"),
            reason: "Arrêt maladie".into(),
        },
        "analyste",
        at("2026-09-20T10:00:00Z"),
    )
    .unwrap();
    let jobs = net.jobs("2026-10-01T00:10:00+02:00", None, common::quick_retry(3));
    let report = jobs
        .run(
            JobName::Closing,
            at("2026-10-01T00:10:00+02:00"),
            Trigger::Manual,
        )
        .unwrap();
    assert_eq!(report.summary, "1 unsent reports locked");
    let locked = marks::campuses_marked(
        &mut conn,
        year("2025-2026"),
        DeadlineKind::AnnualReport,
        Mark::Locked,
    )
    .unwrap();
    assert_eq!(locked, vec!["nevers"]);
    let told = outbox::with_key_prefix(&mut conn, "locked:2025-2026:nevers:").unwrap();
    assert_eq!(told.len(), 1);
    assert!(told[0].subject.contains("clôturé sans transmission"));
    // After its own date, cahors is locked too; a second run changes nothing.
    let later = jobs
        .run(
            JobName::Closing,
            at("2026-10-21T00:10:00+02:00"),
            Trigger::Manual,
        )
        .unwrap();
    assert_eq!(later.summary, "1 unsent reports locked");
    let again = jobs
        .run(
            JobName::Closing,
            at("2026-10-21T00:10:00+02:00"),
            Trigger::Manual,
        )
        .unwrap();
    assert_eq!(again.summary, "0 unsent reports locked");
}

#[test]
fn two_instances_fire_a_scheduled_slot_once() {
    let net = Network::new();
    let slot = at("2026-08-25T09:00:00+02:00");
    let a = Arc::new(net.jobs("2026-08-25T07:00:05Z", None, common::quick_retry(3)));
    let b = Arc::new(net.jobs("2026-08-25T07:00:05Z", None, common::quick_retry(3)));
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = [a, b]
        .into_iter()
        .map(|jobs| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                jobs.run(JobName::Reminders, slot, Trigger::Schedule(slot))
                    .unwrap()
            })
        })
        .collect();
    let reports: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(reports.iter().filter(|r| r.ran).count(), 1, "{reports:?}");
    let ran = reports.iter().find(|r| r.ran).unwrap();
    assert_eq!(ran.summary, "3 reminders written to the outbox");
    let mut conn = net.conn();
    assert_eq!(
        job_runs::recent(&mut conn, "reminders", 10).unwrap().len(),
        1
    );
    assert_eq!(
        outbox::with_key_prefix(&mut conn, "reminder:")
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scheduler_tick_runs_each_due_slot_once_in_paris_time() {
    use pilotage_jobs::scheduler::{tick, Seen};
    let net = Network::new();
    // 09:00:05 in Paris on 25 August (summer time): the reminders' slot of 09:00 is due.
    let a = Arc::new(net.jobs("2026-08-25T07:00:05Z", None, common::quick_retry(3)));
    let b = Arc::new(net.jobs("2026-08-25T07:00:05Z", None, common::quick_retry(3)));
    let (seen_a, seen_b) = (Arc::new(Seen::default()), Arc::new(Seen::default()));
    let (first, second) = tokio::join!(
        tick(a.clone(), seen_a.clone()),
        tick(b.clone(), seen_b.clone())
    );
    let ran: Vec<_> = first
        .iter()
        .chain(second.iter())
        .filter(|r| r.ran && r.job == JobName::Reminders)
        .collect();
    assert_eq!(
        ran.len(),
        1,
        "one instance ran the slot: {first:?} {second:?}"
    );
    assert_eq!(ran[0].at, at("2026-08-25T07:00:00Z"));
    assert_eq!(ran[0].summary, "3 reminders written to the outbox");
    // The next tick of the same instance does not look at that slot again.
    let again = tick(a, seen_a).await;
    assert!(again.iter().all(|r| r.job == JobName::Deliver), "{again:?}");
    let mut conn = net.conn();
    assert_eq!(
        job_runs::recent(&mut conn, "reminders", 10).unwrap().len(),
        1
    );
    // In winter, 09:00 in Paris is 08:00 UTC: at 07:30 UTC on 8 December the latest slot is the day before.
    let winter = Arc::new(net.jobs("2026-12-08T07:30:00Z", None, common::quick_retry(3)));
    let reports = tick(winter.clone(), Arc::new(Seen::default())).await;
    assert!(
        reports.iter().all(|r| r.job != JobName::Reminders),
        "yesterday's slot is more than an hour old: not caught up"
    );
    let winter = Arc::new(net.jobs("2026-12-08T08:00:01Z", None, common::quick_retry(3)));
    let reports = tick(winter, Arc::new(Seen::default())).await;
    let reminders = reports
        .iter()
        .find(|r| r.job == JobName::Reminders)
        .unwrap();
    assert_eq!(reminders.at, at("2026-12-08T08:00:00Z"));
}

#[test]
fn two_manual_deadline_runs_at_once_both_succeed_and_mark_each_campus_once() {
    let net = Network::new();
    let when = at("2026-09-02T00:05:00+02:00");
    let a = Arc::new(net.jobs("2026-09-02T00:05:00+02:00", None, common::quick_retry(3)));
    let b = Arc::new(net.jobs("2026-09-02T00:05:00+02:00", None, common::quick_retry(3)));
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = [a, b]
        .into_iter()
        .map(|jobs| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                jobs.run(JobName::Deadline, when, Trigger::Manual).unwrap()
            })
        })
        .collect();
    let reports: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(
        reports.iter().all(|r| r.ran && r.succeeded),
        "no run fails on the other's marks: {reports:?}"
    );
    let mut conn = net.conn();
    assert_eq!(
        marks::campuses_marked(
            &mut conn,
            year("2025-2026"),
            DeadlineKind::AnnualReport,
            Mark::Late
        )
        .unwrap(),
        vec!["autun", "cahors", "nevers"],
        "nobody has handed in here; each campus is marked once"
    );
    let summaries =
        outbox::with_key_prefix(&mut conn, "deadline-summary:annual_report:2025-2026").unwrap();
    assert_eq!(summaries.len(), 1, "one summary for the analysts");
}
