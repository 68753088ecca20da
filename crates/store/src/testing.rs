//! Test databases: a temporary SQLite file, or, when `TEST_DATABASE_URL` names a PostgreSQL server, a fresh
//! database on it that is dropped afterwards. Each test gets its own; no shared state.

use crate::connection::{Backend, DatabaseUrl, DbConnection};
use crate::error::StoreResult;
use diesel::connection::SimpleConnection;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database for one test, migrated, removed when dropped.
pub struct TestDatabase {
    pub url: DatabaseUrl,
    _dir: Option<tempfile::TempDir>,
    /// The server URL and database name to drop, for PostgreSQL.
    postgres: Option<(DatabaseUrl, String)>,
}

impl TestDatabase {
    /// A new empty, migrated database on the backend chosen by `TEST_DATABASE_URL` (SQLite when unset).
    pub fn new() -> StoreResult<Self> {
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|v| !v.trim().is_empty())
        {
            Some(server) => Self::postgres(&server),
            None => Self::sqlite(),
        }
    }

    pub fn sqlite() -> StoreResult<Self> {
        let dir = tempfile::tempdir().map_err(|e| crate::StoreError::Connect {
            target: "tempdir".into(),
            cause: e.to_string(),
        })?;
        let url: DatabaseUrl =
            format!("sqlite://{}", dir.path().join("test.db").display()).parse()?;
        let db = Self {
            url,
            _dir: Some(dir),
            postgres: None,
        };
        crate::run_migrations(&mut db.connect()?)?;
        Ok(db)
    }

    fn postgres(server: &str) -> StoreResult<Self> {
        let server_url: DatabaseUrl = server.parse()?;
        let name = format!(
            "pilotage_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            rand::random::<u32>()
        );
        server_url
            .establish()?
            .batch_execute(&format!("CREATE DATABASE {name}"))?;
        let url: DatabaseUrl = with_database(server, &name).parse()?;
        let db = Self {
            url,
            _dir: None,
            postgres: Some((server_url, name)),
        };
        crate::run_migrations(&mut db.connect()?)?;
        Ok(db)
    }

    pub fn connect(&self) -> StoreResult<DbConnection> {
        self.url.establish()
    }

    pub fn backend(&self) -> Backend {
        self.url.backend()
    }
}

/// `postgres://host/db?opts` with its database replaced by `name`.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (server, None),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let root = match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((server, name)) = &self.postgres {
            if let Ok(mut conn) = server.establish() {
                // Best effort: a leftover test database is harmless and named as such.
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// The sample campus and its builder live with the domain types; here too for the tests that use a database.
pub use pilotage_domain::testing::{sample_campus, CampusBuilder};

#[cfg(test)]
mod tests {
    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(
            super::with_database("postgres://u@127.0.0.1:5432/test", "x"),
            "postgres://u@127.0.0.1:5432/x"
        );
        assert_eq!(
            super::with_database("postgres://127.0.0.1", "x"),
            "postgres://127.0.0.1/x"
        );
        assert_eq!(
            super::with_database("postgres://h/test?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
    }
}
