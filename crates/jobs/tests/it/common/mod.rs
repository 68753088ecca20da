//! A small network for the jobs' tests, a real SMTP sink and a real HTTP receiver on loopback.
#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use pilotage_domain::testing::sample_campus;
use pilotage_domain::{AcademicYear, FixedClock, RegionCode, ReportAction, Role};
use pilotage_jobs::{
    Jobs, RetryPolicy, Schedules, SmtpConfig, SmtpSecurity, Transports, WebhookPolicy,
};
use pilotage_store::reports::{self, Draft, Edit};
use pilotage_store::testing::TestDatabase;
use pilotage_store::{api_clients, campuses, users, DbConnection};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

pub fn year(s: &str) -> AcademicYear {
    s.parse().expect("year")
}

/// Three campuses: nevers (BFC, a draft for 2025-2026), autun (BFC, submitted) and cahors (OCC, nothing);
/// one active coordinator each, an inactive one for nevers, an analyst, and the BFC regional client.
pub struct Network {
    pub db: TestDatabase,
}

pub const BFC_CLIENT: &str = "rectorat-bfc";

impl Network {
    pub fn new() -> Self {
        let db = TestDatabase::new().expect("database");
        let mut conn = db.connect().expect("connection");
        let t0 = at("2026-01-10T10:00:00Z");
        for (id, region) in [
            ("nevers", RegionCode::BFC),
            ("autun", RegionCode::BFC),
            ("cahors", RegionCode::OCC),
        ] {
            campuses::upsert(&mut conn, &sample_campus(id, region), t0).expect("campus");
            let email = format!("coord-{id}@example.fr");
            let user = users::NewUser {
                email: &email,
                display_name: id,
                role: Role::Coordinator,
                campus_ids: &[id.parse().expect("id")],
                region_code: None,
                password: "un mot de passe assez long",
            };
            users::create(&mut conn, &user, t0).expect("coordinator");
        }
        let former = users::create(
            &mut conn,
            &users::NewUser {
                email: "former-nevers@example.fr",
                display_name: "former",
                role: Role::Coordinator,
                campus_ids: &["nevers".parse().expect("id")],
                region_code: None,
                password: "un mot de passe assez long",
            },
            t0,
        )
        .expect("former");
        users::set_active(&mut conn, former.id, false, t0).expect("deactivate");
        users::create(
            &mut conn,
            &users::NewUser {
                email: "analyste@operateur.fr",
                display_name: "Analyste",
                role: Role::Analyst,
                campus_ids: &[],
                region_code: None,
                password: "un mot de passe assez long",
            },
            t0,
        )
        .expect("analyst");
        api_clients::create(
            &mut conn,
            BFC_CLIENT,
            "Rectorat BFC",
            RegionCode::BFC,
            "key",
            t0,
        )
        .expect("client");
        let y = year("2025-2026");
        for id in ["nevers", "autun"] {
            let edit = Edit {
                actor: "coord",
                expected_version: None,
                at: t0,
            };
            reports::save_draft(
                &mut conn,
                &id.parse().expect("id"),
                y,
                &Draft::default(),
                &edit,
            )
            .expect("draft");
        }
        Self { db }
    }

    pub fn conn(&self) -> DbConnection {
        self.db.connect().expect("connection")
    }

    /// A report step, as the API does it.
    pub fn step(&self, campus: &str, action: ReportAction, when: &str) {
        let mut conn = self.conn();
        let edit = Edit {
            actor: "someone",
            expected_version: None,
            at: at(when),
        };
        reports::transition(
            &mut conn,
            &campus.parse().expect("id"),
            year("2025-2026"),
            action,
            Some("Merci de compléter les effectifs."),
            &edit,
            &pilotage_domain::notification::MailContext::default(),
        )
        .expect("transition");
    }

    /// The jobs of one instance on this database.
    pub fn jobs(&self, now: &str, smtp: Option<&SmtpConfig>, retry: RetryPolicy) -> Jobs {
        self.jobs_with(now, smtp, retry, dev_webhooks())
    }

    /// The jobs of one instance whose webhooks follow `webhooks`.
    pub fn jobs_with(
        &self,
        now: &str,
        smtp: Option<&SmtpConfig>,
        retry: RetryPolicy,
        webhooks: WebhookPolicy,
    ) -> Jobs {
        Jobs {
            pool: pilotage_store::pool(&self.db.url, 4).expect("pool"),
            clock: Arc::new(FixedClock::at(at(now))),
            instance: format!("test-{}", rand_suffix()),
            schedules: Schedules::default(),
            snapshot_dir: std::env::temp_dir(),
            snapshot_source: None,
            transports: Transports::new(smtp, webhooks).expect("transports"),
            retry,
        }
    }
}

/// The development setting the loopback receivers need (`PILOTAGE_WEBHOOK_ALLOW_LOOPBACK=on`).
pub fn dev_webhooks() -> WebhookPolicy {
    WebhookPolicy {
        allow_loopback: true,
        ..WebhookPolicy::default()
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}

pub fn quick_retry(max_attempts: i32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        first_backoff: Duration::minutes(1),
        lease: Duration::minutes(5),
    }
}

/// One e-mail as the sink received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

/// A real SMTP server on loopback that accepts everything and keeps what it received.
pub struct SmtpSink {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let store = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let store = store.clone();
                std::thread::spawn(move || serve_smtp(stream, store));
            }
        });
        Self { port, received }
    }

    pub fn config(&self) -> SmtpConfig {
        SmtpConfig {
            host: "127.0.0.1".into(),
            port: self.port,
            username: None,
            password: None,
            sender: "Pilotage <pilotage@campus-connecte.gouv.fr>".into(),
            security: SmtpSecurity::None,
        }
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }
}

fn serve_smtp(stream: std::net::TcpStream, store: Arc<Mutex<Vec<Received>>>) {
    let mut writer = stream.try_clone().expect("clone");
    let mut reader = BufReader::new(stream);
    let say = |w: &mut std::net::TcpStream, s: &str| {
        let _ = w.write_all(s.as_bytes());
    };
    say(&mut writer, "220 sink ESMTP\r\n");
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            say(&mut writer, "250 sink\r\n");
        } else if upper.starts_with("MAIL FROM:") {
            from = line[10..].trim().to_owned();
            to.clear();
            say(&mut writer, "250 OK\r\n");
        } else if upper.starts_with("RCPT TO:") {
            to.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
            say(&mut writer, "250 OK\r\n");
        } else if upper.starts_with("DATA") {
            say(&mut writer, "354 go ahead\r\n");
            let mut data = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(&line);
            }
            store.lock().expect("lock").push(Received {
                from: from.clone(),
                to: to.clone(),
                data,
            });
            say(&mut writer, "250 queued\r\n");
        } else if upper.starts_with("QUIT") {
            say(&mut writer, "221 bye\r\n");
            return;
        } else {
            say(&mut writer, "250 OK\r\n");
        }
    }
}

/// One request as the HTTP receiver got it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The status it answered.
    pub status: u16,
}

impl Hit {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A real HTTP server on loopback that answers 500 to the first `failures` requests, then 200.
pub struct Receiver {
    pub url: String,
    pub hits: Arc<Mutex<Vec<Hit>>>,
}

impl Receiver {
    pub fn start(failures: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!(
            "http://{}/hooks/pilotage",
            listener.local_addr().expect("addr")
        );
        let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let store = hits.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let failed_so_far = store.lock().expect("lock").len();
                let status = if failed_so_far < failures { 500 } else { 200 };
                if let Some(hit) = serve_http(stream, status) {
                    store.lock().expect("lock").push(hit);
                }
            }
        });
        Self { url, hits }
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().expect("lock").clone()
    }
}

fn serve_http(stream: std::net::TcpStream, status: u16) -> Option<Hit> {
    let mut writer = stream.try_clone().ok()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((k, v)) = trimmed.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    let reason = if status == 200 {
        "OK"
    } else {
        "Internal Server Error"
    };
    let _ = writer.write_all(
        format!("HTTP/1.1 {status} {reason}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
            .as_bytes(),
    );
    Some(Hit {
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        status,
    })
}
