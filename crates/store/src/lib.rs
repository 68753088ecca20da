#![doc = include_str!("../README.md")]

pub mod api_clients;
pub mod audit;
pub mod backup;
pub mod campuses;
pub mod connection;
pub mod data_version;
pub mod dataset;
pub mod deadlines;
pub mod error;
pub mod files;
pub mod flash_surveys;
pub mod job_runs;
pub mod marks;
pub mod migrations;
pub mod notifications;
pub mod outbox;
pub mod password;
pub mod principals;
pub mod regions;
pub mod renewal;
pub mod reports;
pub mod revoked_tokens;
mod schema;
pub mod settings;
pub mod targets;
#[cfg(feature = "testing")]
pub mod testing;
mod time;
pub mod users;
pub mod webhooks;

pub use connection::{
    atomically, pool, Backend, DatabaseUrl, DbConnection, Pool, PooledConnection,
    DEFAULT_DATABASE_URL,
};
pub use error::{StoreError, StoreResult};
pub use migrations::run_migrations;
