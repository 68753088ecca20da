//! Scheduled jobs of Pilotage and the notification outbox: reminders before each deadline, marking the late,
//! locking at the closing date, nightly snapshots of the official figures, and the worker that delivers e-mails
//! (SMTP) and signed webhooks with retries. Several instances may share one database: each scheduled slot runs
//! once (claimed in the database) and each notification is delivered by one worker at a time (a lease).

pub mod catalog;
pub mod closing;
pub mod deadline;
pub mod delivery;
pub mod network;
pub mod reminders;
pub mod runner;
pub mod scheduler;
pub mod signature;
pub mod snapshot;
pub mod transport;
pub mod webhook_url;

pub use catalog::{JobName, Schedules};
pub use delivery::RetryPolicy;
pub use runner::{instance_name, Jobs, RunReport};
pub use snapshot::SnapshotSource;
pub use transport::{SmtpConfig, SmtpSecurity, Transports};
pub use webhook_url::WebhookPolicy;
