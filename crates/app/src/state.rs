//! What every handler shares: the database pool, the token keys, the clock, the login limiter, what was computed
//! from the data (kept while the data version stays the same), and what the jobs publish (schedules, snapshots).

use crate::cookies::CookiePolicy;
use crate::freshness::Freshness;
use crate::limiter::LoginLimiter;
use crate::tokens::TokenKeys;
use pilotage_domain::notification::MailContext;
use pilotage_domain::Clock;
use pilotage_jobs::{Schedules, WebhookPolicy};
use pilotage_store::{Backend, Pool};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub backend: Backend,
    pub tokens: TokenKeys,
    pub clock: Arc<dyn Clock>,
    pub login_limiter: Arc<LoginLimiter>,
    /// The jobs' schedules (shown at `/admin/jobs`).
    pub schedules: Arc<Schedules>,
    /// Where the nightly snapshots are kept.
    pub snapshot_dir: Arc<PathBuf>,
    pub freshness: Arc<Freshness>,
    /// Turns at the database, one per pooled connection, handed out first come, first served (see `db::run`).
    pub db_turns: Arc<Semaphore>,
    /// Where webhooks may point (loopback only in development), checked at registration.
    pub webhooks: WebhookPolicy,
    /// When the pages' cookies get `Secure` (`PILOTAGE_SECURE_COOKIES`, `PILOTAGE_TRUSTED_PROXIES`).
    pub cookies: CookiePolicy,
    /// What the e-mails about reports link to and name as contact (`PILOTAGE_PUBLIC_URL`,
    /// `PILOTAGE_OPERATOR_EMAIL`).
    pub mail: Arc<MailContext>,
}

impl AppState {
    pub fn new(pool: Pool, backend: Backend, tokens: TokenKeys, clock: Arc<dyn Clock>) -> Self {
        Self {
            backend,
            tokens,
            clock,
            login_limiter: Arc::new(LoginLimiter::default()),
            schedules: Arc::new(Schedules::default()),
            snapshot_dir: Arc::new(PathBuf::from("snapshots")),
            freshness: Arc::new(Freshness::default()),
            db_turns: Arc::new(Semaphore::new(pool.max_size() as usize)),
            webhooks: WebhookPolicy::default(),
            cookies: CookiePolicy::default(),
            mail: Arc::new(MailContext::default()),
            pool,
        }
    }

    /// The configured schedules and snapshot folder.
    pub fn with_jobs(mut self, schedules: Schedules, snapshot_dir: PathBuf) -> Self {
        self.schedules = Arc::new(schedules);
        self.snapshot_dir = Arc::new(snapshot_dir);
        self
    }

    /// The webhook policy of the configuration (`PILOTAGE_WEBHOOK_ALLOW_LOOPBACK`).
    pub fn with_webhooks(mut self, webhooks: WebhookPolicy) -> Self {
        self.webhooks = webhooks;
        self
    }

    /// The cookie policy of the configuration (`PILOTAGE_SECURE_COOKIES`, `PILOTAGE_TRUSTED_PROXIES`).
    pub fn with_cookies(mut self, cookies: CookiePolicy) -> Self {
        self.cookies = cookies;
        self
    }

    /// The public address and operator contact of the configuration, for the e-mails about reports.
    pub fn with_mail(mut self, mail: MailContext) -> Self {
        self.mail = Arc::new(mail);
        self
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
