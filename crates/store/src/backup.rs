//! Backups of a SQLite database while it serves: `VACUUM INTO` writes a consistent copy (one read transaction),
//! and a restore replaces every table's rows from a copy in one transaction, so a running server sees either the
//! data before or the data restored, and its caches go stale (every write bumps the data version).
//! PostgreSQL is backed up with its own tools (pg_dump / pg_restore, see the README).

use crate::connection::{DatabaseUrl, DbConnection};
use crate::error::{StoreError, StoreResult};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;
use std::path::Path;

/// Tables whose rows a restore does not copy: the migrations run (the restored copy is migrated to the same
/// level first) and the data version (which the restore bumps instead).
const NOT_RESTORED: [&str; 2] = ["__diesel_schema_migrations", "data_version"];

fn sqlite(conn: &mut DbConnection) -> StoreResult<&mut SqliteConnection> {
    match conn {
        DbConnection::Sqlite(c) => Ok(c),
        DbConnection::Pg(_) => Err(StoreError::Migration(
            "sauvegarde intégrée réservée à SQLite : pour PostgreSQL, utilisez pg_dump -Fc et pg_restore (voir le README)"
                .into(),
        )),
    }
}

/// A path as an SQL string literal.
fn literal(path: &Path) -> StoreResult<String> {
    let text = path
        .to_str()
        .ok_or_else(|| StoreError::Migration(format!("chemin illisible : {}", path.display())))?;
    Ok(format!("'{}'", text.replace('\'', "''")))
}

/// Writes a consistent copy of the SQLite database to `out`, which must not exist yet.
pub fn backup(conn: &mut DbConnection, out: &Path) -> StoreResult<()> {
    let conn = sqlite(conn)?;
    if out.exists() {
        return Err(StoreError::Conflict(format!(
            "le fichier {}",
            out.display()
        )));
    }
    conn.batch_execute(&format!("VACUUM INTO {}", literal(out)?))?;
    Ok(())
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

/// What a restore copied: each table and its number of rows.
pub type Restored = Vec<(String, i64)>;

/// Replaces the data of the SQLite database behind `conn` with that of the backup file `from` (checked for
/// integrity, and migrated to this version first, in a temporary copy): all tables in one transaction.
pub fn restore(conn: &mut DbConnection, from: &Path) -> StoreResult<Restored> {
    sqlite(conn)?;
    if !from.is_file() {
        return Err(StoreError::NotFound(format!(
            "le fichier de sauvegarde {}",
            from.display()
        )));
    }
    let scratch = tempfile_next_to(from)?;
    let result = (|| {
        {
            let url: DatabaseUrl = format!("sqlite://{}", from.display()).parse()?;
            let mut source = url.establish()?;
            let check: Vec<Check> =
                diesel::sql_query("PRAGMA integrity_check").load(sqlite(&mut source)?)?;
            if check.first().map(|c| c.integrity_check.as_str()) != Some("ok") {
                return Err(StoreError::Corrupt(format!(
                    "{} n'est pas une base SQLite intacte",
                    from.display()
                )));
            }
            let tables: Vec<Name> = diesel::sql_query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'campuses'",
            )
            .load(sqlite(&mut source)?)?;
            if tables.is_empty() {
                return Err(StoreError::Corrupt(format!(
                    "{} n'est pas une sauvegarde de Pilotage",
                    from.display()
                )));
            }
            backup(&mut source, &scratch)?;
        }
        let url: DatabaseUrl = format!("sqlite://{}", scratch.display()).parse()?;
        crate::run_migrations(&mut url.establish()?)?;
        copy_tables(sqlite(conn)?, &scratch)
    })();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    result
}

/// A path that does not exist yet, beside `file`.
fn tempfile_next_to(file: &Path) -> StoreResult<std::path::PathBuf> {
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for n in 0..1000 {
        let candidate = dir.join(format!(".pilotage-restore-{}-{n}.db", std::process::id()));
        if !candidate.exists() {
            return Ok(candidate);
        }
    }
    Err(StoreError::Conflict(format!(
        "un fichier temporaire dans {}",
        dir.display()
    )))
}

/// One row of `PRAGMA foreign_key_check`: a row whose parent is missing.
#[derive(QueryableByName)]
struct Orphan {
    #[diesel(sql_type = Text)]
    table: String,
}

fn copy_tables(conn: &mut SqliteConnection, copy: &Path) -> StoreResult<Restored> {
    // Foreign keys are checked once all tables are filled (SQLite's deferred checks miscount the cascades of
    // tables emptied together), and the transaction is rolled back if any row lacks its parent.
    conn.batch_execute(&format!(
        "PRAGMA foreign_keys = OFF; ATTACH DATABASE {} AS restored",
        literal(copy)?
    ))?;
    let result = conn.immediate_transaction(|conn| {
        let tables: Vec<Name> = diesel::sql_query(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .load(conn)?;
        let quoted: Vec<(String, String)> = tables
            .into_iter()
            .filter(|t| !NOT_RESTORED.contains(&t.name.as_str()))
            .map(|t| {
                let q = format!("\"{}\"", t.name.replace('"', "\"\""));
                (t.name, q)
            })
            .collect();
        for (_, q) in &quoted {
            conn.batch_execute(&format!("DELETE FROM main.{q}"))?;
        }
        let mut restored = Vec::new();
        for (name, q) in quoted {
            conn.batch_execute(&format!("INSERT INTO main.{q} SELECT * FROM restored.{q}"))?;
            let count: Vec<Count> =
                diesel::sql_query(format!("SELECT COUNT(*) AS n FROM main.{q}")).load(conn)?;
            restored.push((name, count.first().map_or(0, |c| c.n)));
        }
        let orphans: Vec<Orphan> = diesel::sql_query("PRAGMA main.foreign_key_check").load(conn)?;
        if let Some(orphan) = orphans.first() {
            return Err(StoreError::Corrupt(format!(
                "la sauvegarde a des lignes sans parent (table {})",
                orphan.table
            )));
        }
        Ok::<_, StoreError>(restored)
    });
    conn.batch_execute("DETACH DATABASE restored; PRAGMA foreign_keys = ON")?;
    result
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}
