#![doc = include_str!("../README.md")]

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
