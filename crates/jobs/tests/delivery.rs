//! Delivery of the outbox against a real SMTP server and a real HTTP receiver on loopback: e-mails in French,
//! signed webhooks retried with backoff until they succeed or die, nothing lost in a crash, nothing sent twice by
//! two workers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::{at, quick_retry, Network, Receiver, SmtpSink};
use pilotage_domain::{Event, ReportAction};
use pilotage_jobs::signature::{self, DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use pilotage_jobs::{reminders, JobName};
use pilotage_store::job_runs::Trigger;
use pilotage_store::outbox::{self, Channel, Filter, Status};
use pilotage_store::webhooks;
use std::sync::{Arc, Barrier};

fn count(net: &Network, status: Status) -> i64 {
    let filter = Filter {
        status: Some(status),
        channel: None,
    };
    outbox::list(&mut net.conn(), &filter, 1, 0).unwrap().1
}

#[test]
fn emails_wait_without_smtp_then_go_to_a_real_smtp_server() {
    let net = Network::new();
    assert_eq!(
        reminders::run(&mut net.conn(), at("2026-08-25T09:00:00+02:00")).unwrap(),
        3
    );
    // No SMTP server configured: the reminders stay in the outbox.
    let offline = net.jobs("2026-08-25T09:00:00+02:00", None, quick_retry(3));
    let report = offline
        .run(
            JobName::Deliver,
            at("2026-08-25T09:00:30+02:00"),
            Trigger::Manual,
        )
        .unwrap();
    assert_eq!(report.summary, "0 sent, 0 to retry, 0 dead");
    assert_eq!(count(&net, Status::Pending), 3);

    let sink = SmtpSink::start();
    let online = net.jobs(
        "2026-08-25T09:01:00+02:00",
        Some(&sink.config()),
        quick_retry(3),
    );
    let report = online
        .run(
            JobName::Deliver,
            at("2026-08-25T09:01:00+02:00"),
            Trigger::Manual,
        )
        .unwrap();
    assert_eq!(report.summary, "3 sent, 0 to retry, 0 dead");
    let mut to: Vec<String> = sink.messages().iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "coord-autun@example.fr",
            "coord-cahors@example.fr",
            "coord-nevers@example.fr"
        ]
    );
    let nevers = sink
        .messages()
        .into_iter()
        .find(|m| m.to == ["coord-nevers@example.fr"])
        .unwrap();
    assert!(nevers.from.contains("pilotage@campus-connecte.gouv.fr"));
    assert!(nevers.data.contains("Subject: "), "{}", nevers.data);
    assert!(nevers.data.contains("Message-ID: <"), "{}", nevers.data);
    assert_eq!(count(&net, Status::Sent), 3);
    // A second pass sends nothing again.
    online
        .run(
            JobName::Deliver,
            at("2026-08-25T09:02:00+02:00"),
            Trigger::Manual,
        )
        .unwrap();
    assert_eq!(sink.messages().len(), 3);
}

#[test]
fn a_receiver_failing_twice_gets_one_signed_delivery_after_backoff() {
    let net = Network::new();
    let receiver = Receiver::start(2);
    let secret = "un-secret-partage-avec-le-rectorat";
    let hook = webhooks::register(
        &mut net.conn(),
        common::BFC_CLIENT,
        &receiver.url,
        &[Event::ReportSubmitted],
        secret,
        at("2026-01-10T10:00:00Z"),
    )
    .unwrap();
    net.step("nevers", ReportAction::Submit, "2026-08-30T10:00:00Z");
    // cahors (Occitanie) is outside the BFC client's région.
    let mut conn = net.conn();
    pilotage_store::reports::save_draft(
        &mut conn,
        &"cahors".parse().unwrap(),
        common::year("2025-2026"),
        &Default::default(),
        &pilotage_store::reports::Edit {
            actor: "c",
            expected_version: None,
            at: at("2026-08-29T10:00:00Z"),
        },
    )
    .unwrap();
    net.step("cahors", ReportAction::Submit, "2026-08-30T10:00:00Z");
    let t0 = at("2026-08-30T10:00:10Z");
    let jobs = net.jobs("2026-08-30T10:00:10Z", None, quick_retry(5));
    let pass = |t| {
        jobs.run(JobName::Deliver, t, Trigger::Manual)
            .unwrap()
            .summary
    };
    assert_eq!(pass(t0), "0 sent, 1 to retry, 0 dead");
    assert_eq!(
        pass(t0 + Duration::seconds(30)),
        "0 sent, 0 to retry, 0 dead",
        "not due yet"
    );
    assert_eq!(
        pass(t0 + Duration::minutes(1)),
        "0 sent, 1 to retry, 0 dead"
    );
    assert_eq!(
        pass(t0 + Duration::minutes(2)),
        "0 sent, 0 to retry, 0 dead",
        "backoff doubled"
    );
    assert_eq!(
        pass(t0 + Duration::minutes(3)),
        "1 sent, 0 to retry, 0 dead"
    );
    assert_eq!(
        pass(t0 + Duration::minutes(30)),
        "0 sent, 0 to retry, 0 dead"
    );
    let hits = receiver.hits();
    assert_eq!(hits.len(), 3);
    assert_eq!(
        hits.iter().filter(|h| h.status == 200).count(),
        1,
        "exactly one delivery"
    );
    let delivery = hits[0].header(DELIVERY_HEADER).unwrap().to_owned();
    for hit in &hits {
        let ts: i64 = hit.header(TIMESTAMP_HEADER).unwrap().parse().unwrap();
        let sig = hit.header(SIGNATURE_HEADER).unwrap();
        assert!(
            signature::verify(secret, ts, hit.body.as_bytes(), sig),
            "signature of {hit:?}"
        );
        assert!(!signature::verify("wrong", ts, hit.body.as_bytes(), sig));
        assert_eq!(
            hit.header(DELIVERY_HEADER),
            Some(delivery.as_str()),
            "same id on every attempt"
        );
        assert_eq!(hit.header("X-Pilotage-Event"), Some("report.submitted"));
    }
    let body: serde_json::Value = serde_json::from_str(&hits[2].body).unwrap();
    assert_eq!(body["campus_id"], "nevers");
    assert_eq!(body["region"], "BFC");
    assert_eq!(body["status"], "submitted");
    let sent = outbox::with_key_prefix(&mut net.conn(), &format!("webhook:{}:", hook.id)).unwrap();
    assert_eq!(
        sent.len(),
        1,
        "cahors is not in the client's région: no event"
    );
    assert_eq!((sent[0].status.as_str(), sent[0].attempts), ("sent", 3));
}

#[test]
fn a_receiver_that_never_answers_ends_in_the_dead_letters() {
    let net = Network::new();
    // Nothing listens on port 9 of loopback: every attempt fails.
    webhooks::register(
        &mut net.conn(),
        common::BFC_CLIENT,
        "http://127.0.0.1:9/down",
        &[Event::ReportReturned],
        "s",
        at("2026-01-10T10:00:00Z"),
    )
    .unwrap();
    net.step("autun", ReportAction::Submit, "2026-08-30T10:00:00Z");
    net.step("autun", ReportAction::Return, "2026-09-03T10:00:00Z");
    let jobs = net.jobs("2026-09-03T10:00:00Z", None, quick_retry(3));
    let t0 = at("2026-09-03T10:00:10Z");
    let pass = |t| {
        jobs.run(JobName::Deliver, t, Trigger::Manual)
            .unwrap()
            .summary
    };
    assert_eq!(pass(t0), "0 sent, 1 to retry, 0 dead");
    assert_eq!(
        pass(t0 + Duration::minutes(1)),
        "0 sent, 1 to retry, 0 dead"
    );
    assert_eq!(
        pass(t0 + Duration::minutes(3)),
        "0 sent, 0 to retry, 1 dead"
    );
    assert_eq!(pass(t0 + Duration::hours(5)), "0 sent, 0 to retry, 0 dead");
    let dead = outbox::list(
        &mut net.conn(),
        &Filter {
            status: Some(Status::Dead),
            channel: Some(Channel::Webhook),
        },
        10,
        0,
    )
    .unwrap()
    .0;
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].attempts, 3);
    assert!(
        dead[0].last_error.as_deref().unwrap().starts_with("HTTP"),
        "{:?}",
        dead[0].last_error
    );
    // The coordinator's e-mail about the return is still waiting (no SMTP here), not lost.
    let returned =
        outbox::with_key_prefix(&mut net.conn(), "email:report.returned:autun:").unwrap();
    assert_eq!(returned.len(), 1);
    assert_eq!(returned[0].recipient, "coord-autun@example.fr");
    assert!(returned[0]
        .body
        .contains("Merci de compléter les effectifs."));
}

#[test]
fn a_crash_between_writing_and_delivering_loses_nothing() {
    let net = Network::new();
    reminders::run(&mut net.conn(), at("2026-08-25T09:00:00+02:00")).unwrap();
    let sink = SmtpSink::start();
    let t0 = at("2026-08-25T09:00:10+02:00");
    // A worker takes its lease on every reminder, then dies before sending any.
    let taken = outbox::claim_due(
        &mut net.conn(),
        &[Channel::Email],
        "crashed-worker",
        t0,
        Duration::minutes(5),
        100,
    )
    .unwrap();
    assert_eq!(taken.len(), 3);
    let survivor = net.jobs(
        "2026-08-25T09:01:00+02:00",
        Some(&sink.config()),
        quick_retry(3),
    );
    let during = survivor
        .run(JobName::Deliver, t0 + Duration::minutes(1), Trigger::Manual)
        .unwrap();
    assert_eq!(
        during.summary, "0 sent, 0 to retry, 0 dead",
        "the lease is respected"
    );
    let after = survivor
        .run(JobName::Deliver, t0 + Duration::minutes(6), Trigger::Manual)
        .unwrap();
    assert_eq!(
        after.summary, "3 sent, 0 to retry, 0 dead",
        "taken over once the lease ran out"
    );
    assert_eq!(sink.messages().len(), 3);
}

#[test]
fn two_workers_deliver_each_notification_once() {
    let net = Network::new();
    for when in [
        "2026-08-02T09:00:00+02:00",
        "2026-08-25T09:00:00+02:00",
        "2026-08-31T09:00:00+02:00",
    ] {
        reminders::run(&mut net.conn(), at(when)).unwrap();
    }
    let sink = SmtpSink::start();
    let t = at("2026-08-31T09:00:10+02:00");
    let workers: Vec<_> = (0..2)
        .map(|_| {
            Arc::new(net.jobs(
                "2026-08-31T09:00:10+02:00",
                Some(&sink.config()),
                quick_retry(3),
            ))
        })
        .collect();
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = workers
        .into_iter()
        .map(|jobs| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                jobs.run(JobName::Deliver, t, Trigger::Manual).unwrap()
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap().succeeded);
    }
    assert_eq!(sink.messages().len(), 9);
    assert_eq!(count(&net, Status::Sent), 9);
}
