//! Embedded migrations, one folder per backend, applied at start; running them again is harmless.

use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::connection::SimpleConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

/// An arbitrary constant naming the advisory lock that serialises migrations across instances on PostgreSQL.
const MIGRATION_LOCK: i64 = 0x5049_4c4f_5441_4745;

/// Applies pending migrations and returns the versions applied now (empty when up to date).
pub fn run_migrations(conn: &mut DbConnection) -> StoreResult<Vec<String>> {
    let fail = |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    let applied = match conn {
        DbConnection::Pg(pg) => {
            pg.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let result = pg
                .run_pending_migrations(POSTGRES)
                .map(|v| v.iter().map(ToString::to_string).collect());
            pg.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
            result.map_err(fail)?
        }
        DbConnection::Sqlite(sqlite) => sqlite
            .run_pending_migrations(SQLITE)
            .map(|v| v.iter().map(ToString::to_string).collect())
            .map_err(fail)?,
    };
    crate::regions::sync(conn)?;
    Ok(applied)
}
