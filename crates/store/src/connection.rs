//! One connection type over PostgreSQL and SQLite, chosen from `DATABASE_URL`, and its pool.

use crate::error::{StoreError, StoreResult};
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The database used when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://pilotage.db";

/// A connection to either backend. PostgreSQL is the first variant: the SQLite one accepts any string as a path.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Inserts `rows` (a slice or `Vec` of insertable values) into `table` in one multi-row statement, on either backend.
/// Diesel's multi-connection backend cannot build a batch insert itself (SQLite and PostgreSQL spell the missing
/// values differently), so the statement is built for the concrete connection.
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::connection::DbConnection::Pg(pg) => {
                diesel::insert_into($table).values($rows).execute(pg)
            }
            $crate::connection::DbConnection::Sqlite(sqlite) => {
                diesel::insert_into($table).values($rows).execute(sqlite)
            }
        }
    };
}
pub(crate) use insert_many;

/// Runs an insert that a unique index may refuse, in a savepoint: `false` when a row with the same key was
/// there (written by a concurrent writer, another instance or a second run), without poisoning the enclosing
/// transaction (PostgreSQL aborts it on a unique violation).
pub(crate) fn insert_unique(
    conn: &mut DbConnection,
    insert: impl FnOnce(&mut DbConnection) -> diesel::QueryResult<usize>,
) -> StoreResult<bool> {
    match conn.transaction(insert) {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Runs `work` in one transaction: everything it writes is kept if it succeeds, and nothing if it fails, whatever its
/// error type (the API's, for a handler that checks and writes several rows). Nested calls use savepoints.
///
/// On SQLite the outermost transaction begins IMMEDIATE: it takes the write lock at once, waiting for it (busy
/// timeout) behind other writers. A deferred one would read first and then fail with "database is locked" when it
/// tried to write after another writer, which is what concurrent saves did.
pub fn atomically<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StoreError>,
{
    enum Failure<E> {
        Work(E),
        Database(diesel::result::Error),
    }
    impl<E> From<diesel::result::Error> for Failure<E> {
        fn from(e: diesel::result::Error) -> Self {
            Self::Database(e)
        }
    }
    let database = |e: diesel::result::Error| E::from(StoreError::from(e));
    if let DbConnection::Sqlite(sqlite) = conn {
        let depth = AnsiTransactionManager::transaction_manager_status_mut(sqlite)
            .transaction_depth()
            .map_err(database)?;
        if depth.is_none() {
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")
                .map_err(database)?;
            let result = work(conn);
            let DbConnection::Sqlite(sqlite) = conn else {
                return result;
            };
            return match result {
                Ok(value) => {
                    AnsiTransactionManager::commit_transaction(sqlite).map_err(database)?;
                    Ok(value)
                }
                Err(e) => {
                    AnsiTransactionManager::rollback_transaction(sqlite).map_err(database)?;
                    Err(e)
                }
            };
        }
    }
    conn.transaction(|conn| work(conn).map_err(Failure::Work))
        .map_err(|failure| match failure {
            Failure::Work(e) => e,
            Failure::Database(e) => database(e),
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Self::Postgres => "postgresql",
            Self::Sqlite => "sqlite",
        }
    }
}

/// A parsed `DATABASE_URL`: `postgres://…`/`postgresql://…`, or `sqlite://path`, `sqlite:path` or a bare path.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    /// The URL for PostgreSQL, the file path for SQLite.
    target: String,
}

impl DatabaseUrl {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SQLite file path, or the PostgreSQL URL.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// What to show people: the URL without its password.
    pub fn redacted(&self) -> String {
        match self.backend {
            Backend::Sqlite => format!("sqlite://{}", self.target),
            Backend::Postgres => redact_password(&self.target),
        }
    }

    /// Opens one connection, with the real cause on failure.
    pub fn establish(&self) -> StoreResult<DbConnection> {
        let fail = |cause: String| StoreError::Connect {
            target: self.redacted(),
            cause,
        };
        match self.backend {
            Backend::Postgres => PgConnection::establish(&self.target)
                .map(DbConnection::Pg)
                .map_err(|e| fail(e.to_string().trim().to_owned())),
            Backend::Sqlite => {
                let path = Path::new(&self.target);
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    if !parent.is_dir() {
                        return Err(fail(format!(
                            "le dossier {} n'existe pas",
                            parent.display()
                        )));
                    }
                }
                // A URI (`file:…`) is SQLite's to read; a path is made owner-only before SQLite opens it.
                if !self.target.starts_with("file:") {
                    crate::files::protect_sqlite_files(path);
                }
                let mut conn =
                    SqliteConnection::establish(&self.target).map_err(|e| fail(e.to_string()))?;
                // WAL lets readers work while a report is written; the busy timeout makes writers queue, not fail.
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;",
                )
                .map_err(|e| fail(e.to_string()))?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

impl DatabaseUrl {
    /// Opens one connection that never writes to the database nor removes any of its files: for SQLite the file
    /// is opened read-only (`mode=ro`), so that closing the connection never checkpoints nor deletes the live WAL
    /// of a running server (a read-write connection that finds itself the last one on the file does both). A
    /// missing file is an error, not a new empty database. PostgreSQL: the same connection as [`Self::establish`].
    pub fn establish_read_only(&self) -> StoreResult<DbConnection> {
        if self.backend == Backend::Postgres {
            return self.establish();
        }
        let fail = |cause: String| StoreError::Connect {
            target: self.redacted(),
            cause,
        };
        let uri = if self.target.starts_with("file:") {
            // The last `mode` of a URI is the one SQLite applies.
            let separator = if self.target.contains('?') { '&' } else { '?' };
            format!("{}{separator}mode=ro", self.target)
        } else {
            if !Path::new(&self.target).is_file() {
                return Err(fail(format!("le fichier {} n'existe pas", self.target)));
            }
            crate::files::read_only_uri(&self.target)
        };
        let mut conn = SqliteConnection::establish(&uri).map_err(|e| fail(e.to_string()))?;
        conn.batch_execute("PRAGMA busy_timeout = 10000;")
            .map_err(|e| fail(e.to_string()))?;
        Ok(DbConnection::Sqlite(conn))
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl FromStr for DatabaseUrl {
    type Err = StoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let url = s.trim();
        if url.is_empty() {
            return Err(StoreError::InvalidUrl(
                "valeur vide ; exemples : sqlite://pilotage.db, postgres://utilisateur@127.0.0.1:5432/pilotage".into(),
            ));
        }
        let sqlite = |path: &str| {
            if path.is_empty() {
                Err(StoreError::InvalidUrl(format!("« {url} » ne donne pas de chemin de fichier SQLite (exemple : sqlite://pilotage.db)")))
            } else if path == ":memory:" {
                Err(StoreError::InvalidUrl(
                    "une base SQLite en mémoire ne peut pas être partagée entre connexions ; donnez un fichier".into(),
                ))
            } else {
                Ok(Self {
                    backend: Backend::Sqlite,
                    target: path.to_owned(),
                })
            }
        };
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let after = url.split_once("://").map_or("", |(_, r)| r);
            if after.is_empty() {
                return Err(StoreError::InvalidUrl(format!(
                    "« {url} » ne nomme aucun serveur PostgreSQL"
                )));
            }
            return Ok(Self {
                backend: Backend::Postgres,
                target: url.to_owned(),
            });
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            return sqlite(path);
        }
        if let Some(path) = url.strip_prefix("sqlite:") {
            return sqlite(path);
        }
        if let Some((scheme, _)) = url.split_once("://") {
            return Err(StoreError::InvalidUrl(format!(
                "schéma « {scheme} » non pris en charge ; utilisez postgres://… (PostgreSQL) ou sqlite://chemin (SQLite)"
            )));
        }
        sqlite(url)
    }
}

/// Opens connections for the pool through [`DatabaseUrl::establish`], so that pool errors carry the real cause.
#[derive(Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl diesel::r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = StoreError;

    fn connect(&self) -> Result<DbConnection, StoreError> {
        self.url.establish()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), StoreError> {
        conn.batch_execute("SELECT 1").map_err(StoreError::from)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

pub type Pool = diesel::r2d2::Pool<ConnectionManager>;
pub type PooledConnection = diesel::r2d2::PooledConnection<ConnectionManager>;

/// A pool over `url`. One connection is opened first so that an unreachable database fails at once, clearly.
pub fn pool(url: &DatabaseUrl, max_size: u32) -> StoreResult<Pool> {
    drop(url.establish()?);
    diesel::r2d2::Pool::builder()
        .max_size(max_size.max(1))
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(15))
        .build(ConnectionManager { url: url.clone() })
        .map_err(StoreError::from)
}

/// Whether the database answers a query that reads its schema (a trivial `SELECT 1` would pass on a file that is
/// no longer a database): the régions académiques are counted.
pub fn ping(conn: &mut DbConnection) -> StoreResult<()> {
    use crate::schema::regions;
    use diesel::prelude::*;
    regions::table
        .count()
        .get_result::<i64>(conn)
        .map(|_| ())
        .map_err(StoreError::from)
}

impl DbConnection {
    pub fn backend(&self) -> Backend {
        match self {
            Self::Pg(_) => Backend::Postgres,
            Self::Sqlite(_) => Backend::Sqlite,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<DatabaseUrl, String> {
        s.parse::<DatabaseUrl>().map_err(|e| e.to_string())
    }

    #[test]
    fn urls_choose_the_backend() {
        let pg = parse("postgres://u:secret@127.0.0.1:5432/x").unwrap();
        assert_eq!(pg.backend(), Backend::Postgres);
        assert_eq!(pg.redacted(), "postgres://u:***@127.0.0.1:5432/x");
        assert_eq!(
            parse("postgresql://127.0.0.1/x").unwrap().backend(),
            Backend::Postgres
        );
        for (url, path) in [
            ("sqlite://pilotage.db", "pilotage.db"),
            ("sqlite:///tmp/a.db", "/tmp/a.db"),
            ("sqlite:b.db", "b.db"),
            ("data/c.db", "data/c.db"),
        ] {
            let parsed = parse(url).unwrap();
            assert_eq!(
                (parsed.backend(), parsed.target()),
                (Backend::Sqlite, path),
                "{url}"
            );
        }
    }

    #[test]
    fn bad_urls_say_why() {
        assert!(parse("mysql://root@localhost/x")
            .unwrap_err()
            .contains("schéma « mysql » non pris en charge"));
        assert!(parse("").unwrap_err().contains("valeur vide"));
        assert!(parse("sqlite://").unwrap_err().contains("chemin"));
        assert!(parse("sqlite::memory:").unwrap_err().contains("mémoire"));
        assert!(parse("postgres://").unwrap_err().contains("serveur"));
    }

    #[test]
    fn a_sqlite_file_in_a_missing_folder_is_a_clear_error() {
        let err = parse("sqlite:///nonexistent-folder-xyz/p.db")
            .unwrap()
            .establish()
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("/nonexistent-folder-xyz") && err.contains("n'existe pas"),
            "{err}"
        );
    }

    #[test]
    fn a_file_that_is_not_a_database_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-a-db.db");
        std::fs::write(&path, vec![b'x'; 4096]).unwrap();
        let err = parse(path.to_str().unwrap())
            .unwrap()
            .establish()
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("connexion impossible") && err.contains("not a database"),
            "{err}"
        );
    }

    #[test]
    fn an_unreachable_postgres_server_is_a_clear_error() {
        // Port 1 on loopback: nothing listens there.
        let err = parse("postgres://nobody@127.0.0.1:1/none")
            .unwrap()
            .establish()
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("connexion impossible à la base postgres://nobody@127.0.0.1:1/none"),
            "{err}"
        );
        assert!(err.to_lowercase().contains("connect"), "{err}");
    }
}
