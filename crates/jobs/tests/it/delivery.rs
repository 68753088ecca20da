//! Delivery of the outbox against a real SMTP server and a real HTTP receiver on loopback: e-mails in French,
//! signed webhooks retried with backoff until they succeed or die, nothing lost in a crash, nothing sent twice by
//! two workers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use chrono::Duration;
use common::{at, dev_webhooks, quick_retry, Network, Receiver, SmtpSink};
use pilotage_domain::{Event, ReportAction};
use pilotage_jobs::signature::{self, DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use pilotage_jobs::WebhookPolicy;
use pilotage_jobs::{reminders, JobName};
use pilotage_store::job_runs::Trigger;
use pilotage_store::outbox::{self, Channel, Filter, Status};
use pilotage_store::webhooks;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration as StdDuration, Instant};

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

/// A loopback listener that counts the connections it gets, reads the request, writes `answer`, then (when
/// `stall`) keeps the connection open without writing more, or streams `answer` again and again (when `stream`).
struct Raw {
    url: String,
    connections: Arc<AtomicUsize>,
}

impl Raw {
    fn start(answer: Vec<u8>, repeat: Option<Vec<u8>>, stall: bool) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hooks", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let count = connections.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                let answer = answer.clone();
                let repeat = repeat.clone();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 8192];
                    let _ = stream.read(&mut buf);
                    if stall {
                        std::thread::sleep(StdDuration::from_secs(60));
                        return;
                    }
                    let _ = stream.write_all(&answer);
                    if let Some(chunk) = repeat {
                        while stream.write_all(&chunk).is_ok() {}
                    }
                });
            }
        });
        Self { url, connections }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// One webhook of the BFC client at `url`, one submission of nevers, one delivery attempt with `policy`: the
/// summary, the last error and how long the attempt took.
fn attempt(url: &str, policy: WebhookPolicy) -> (String, String, StdDuration) {
    let net = Network::new();
    let hook = webhooks::register(
        &mut net.conn(),
        common::BFC_CLIENT,
        url,
        &[Event::ReportSubmitted],
        "s",
        at("2026-01-10T10:00:00Z"),
    )
    .unwrap();
    net.step("nevers", ReportAction::Submit, "2026-08-30T10:00:00Z");
    let jobs = net.jobs_with("2026-08-30T10:00:10Z", None, quick_retry(5), policy);
    let started = Instant::now();
    let summary = jobs
        .run(
            JobName::Deliver,
            at("2026-08-30T10:00:10Z"),
            Trigger::Manual,
        )
        .unwrap()
        .summary;
    let took = started.elapsed();
    let rows = outbox::with_key_prefix(&mut net.conn(), &format!("webhook:{}:", hook.id)).unwrap();
    let error = rows[0].last_error.clone().unwrap_or_default();
    (summary, error, took)
}

fn quick(allow_loopback: bool) -> WebhookPolicy {
    WebhookPolicy {
        allow_loopback,
        timeout: StdDuration::from_secs(1),
        ..dev_webhooks()
    }
}

/// Issue 15, point 1: a stored URL that points inside (a row edited in the store, a name that now resolves to
/// loopback) is refused at delivery without connecting, when loopback is not allowed.
#[test]
fn a_webhook_that_became_internal_is_refused_without_connecting() {
    for host in [
        "127.0.0.1",
        "localhost",
        "[::ffff:127.0.0.1]",
        "127.0.0.1@127.0.0.1",
    ] {
        let listener = Raw::start(
            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".to_vec(),
            None,
            false,
        );
        let port = listener.url.rsplit(':').next().unwrap().to_owned();
        let url = format!("http://{host}:{port}");
        let (summary, error, _) = attempt(&url, quick(false));
        assert_eq!(summary, "0 sent, 1 to retry, 0 dead", "{url}");
        assert!(error.starts_with("refused: "), "{url}: {error}");
        assert_eq!(listener.connections(), 0, "{url}: the listener was reached");
    }
    // The same receiver with the development setting: delivered.
    let listener = Raw::start(
        b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".to_vec(),
        None,
        false,
    );
    let (summary, error, _) = attempt(&listener.url, quick(true));
    assert_eq!(summary, "1 sent, 0 to retry, 0 dead", "{error}");
    assert_eq!(listener.connections(), 1);
}

/// Issue 15, point 1: a 302 is a failed attempt; the place it points to is never reached.
#[test]
fn a_redirect_is_not_followed() {
    let target = Raw::start(
        b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".to_vec(),
        None,
        false,
    );
    let redirect = format!(
        "HTTP/1.1 302 Found\r\nlocation: {}\r\ncontent-length: 0\r\n\r\n",
        target.url
    );
    let first = Raw::start(redirect.into_bytes(), None, false);
    let (summary, error, _) = attempt(&first.url, quick(true));
    assert_eq!(summary, "0 sent, 1 to retry, 0 dead");
    assert!(error.contains("302"), "{error}");
    assert_eq!(first.connections(), 1);
    assert_eq!(target.connections(), 0, "the redirect was followed");
}

/// Issue 15, point 1: a receiver streaming an endless answer, or never answering, fails the attempt within the
/// bound (here 1 s) and without reading more than the size bound.
#[test]
fn an_endless_or_silent_receiver_fails_within_the_bound() {
    let endless = Raw::start(
        b"HTTP/1.1 200 OK\r\ncontent-length: 1000000000\r\n\r\n".to_vec(),
        Some(vec![b'x'; 65536]),
        false,
    );
    let silent = Raw::start(Vec::new(), None, true);
    for url in [&endless.url, &silent.url] {
        let (summary, error, took) = attempt(url, quick(true));
        assert_eq!(summary, "0 sent, 1 to retry, 0 dead", "{url}: {error}");
        assert!(took < StdDuration::from_secs(4), "{url}: took {took:?}");
    }
}
