//! Backups of a SQLite database while it serves: `VACUUM INTO` writes a consistent copy (one read transaction),
//! and a restore replaces every table's rows from a copy in one transaction, so a running server sees either the
//! data before or the data restored, and its caches go stale (every write bumps the data version).
//! PostgreSQL is backed up with its own tools (pg_dump / pg_restore, see the README).
//!
//! Neither ever deletes, truncates or rewrites a file of the live database: the backup reads it through a
//! read-only connection (see [`DatabaseUrl::establish_read_only`]), the restore writes its rows through SQLite in
//! one transaction, and every copy either writes lives in a private scratch folder of its own (mode 0700) that
//! is removed afterwards. A backup holds the token secret and the password hashes: it is created owner-only
//! (0600), never through a link and never over an existing file.

use crate::connection::{DatabaseUrl, DbConnection};
use crate::error::{StoreError, StoreResult};
use crate::files::PrivateDir;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;
use std::path::{Path, PathBuf};

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

/// The folder of `file`, absolute (so that SQLite never reads a path of ours as a `file:` URI).
fn folder_of(file: &Path) -> StoreResult<PathBuf> {
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::path::absolute(dir)
        .map_err(|e| StoreError::Io(format!("dossier de {} : {e}", file.display())))
}

/// Writes a consistent copy of the database behind `conn` into `copy`, an empty file of a private folder.
fn vacuum_into(conn: &mut SqliteConnection, copy: &Path) -> StoreResult<()> {
    conn.batch_execute(&format!("VACUUM INTO {}", literal(copy)?))?;
    std::fs::File::open(copy)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::Io(format!("{} : {e}", copy.display())))
}

/// Writes a consistent copy of the SQLite database to `out`, which must not exist yet (not even as a link).
///
/// Pass a read-only connection ([`DatabaseUrl::establish_read_only`]) to a database that serves: `VACUUM INTO`
/// only reads it, and closing a read-only connection never checkpoints nor deletes the live WAL. The copy is
/// written into a new owner-only (0600) file of a private folder made beside `out`, synced, then given the name
/// `out` by a hard link, which never follows a link and never replaces anything: the backup appears complete or
/// not at all, and a link or a file already at `out` is refused untouched.
pub fn backup(conn: &mut DbConnection, out: &Path) -> StoreResult<()> {
    let conn = sqlite(conn)?;
    let taken = || StoreError::Conflict(format!("le fichier {}", out.display()));
    if out.symlink_metadata().is_ok() {
        return Err(taken());
    }
    let folder = folder_of(out)?;
    let scratch = PrivateDir::new_in(&folder, "backup")?;
    let copy = scratch.new_file("backup.db")?;
    vacuum_into(conn, &copy)?;
    match std::fs::hard_link(&copy, out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(taken()),
        Err(e) => return Err(StoreError::Io(format!("{} : {e}", out.display()))),
    }
    // The new name itself survives a crash.
    if let Ok(dir) = std::fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
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
///
/// The backup is opened read-only and never changed; its copy is written, migrated and attached in a private
/// folder (0700) made beside it, which is removed afterwards with everything in it (and nothing outside it).
pub fn restore(conn: &mut DbConnection, from: &Path) -> StoreResult<Restored> {
    sqlite(conn)?;
    if !from.is_file() {
        return Err(StoreError::NotFound(format!(
            "le fichier de sauvegarde {}",
            from.display()
        )));
    }
    let scratch = PrivateDir::new_in(&folder_of(from)?, "restore")?;
    let copy = scratch.new_file("restored.db")?;
    {
        let url: DatabaseUrl = format!("sqlite://{}", from.display()).parse()?;
        let mut source = url.establish_read_only()?;
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
        vacuum_into(sqlite(&mut source)?, &copy)?;
    }
    let url: DatabaseUrl = format!("sqlite://{}", copy.display()).parse()?;
    crate::run_migrations(&mut url.establish()?)?;
    copy_tables(sqlite(conn)?, &copy)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Everything in `dir`, sorted.
    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_backup_is_owner_only_and_never_written_through_a_link_or_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let live: DatabaseUrl = format!("sqlite://{}", dir.path().join("live.db").display())
            .parse()
            .unwrap();
        let mut conn = live.establish().unwrap();
        crate::run_migrations(&mut conn).unwrap();
        crate::settings::set(&mut conn, "jwt_secret", "le-secret").unwrap();
        drop(conn);
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();

        // A backup, through a read-only connection: owner-only, complete, and nothing left beside it.
        let mut source = live.establish_read_only().unwrap();
        let backup_file = out.join("sauvegarde.db");
        backup(&mut source, &backup_file).unwrap();
        assert_eq!(mode(&backup_file), 0o600);
        assert_eq!(entries(&out), ["sauvegarde.db"]);
        let copy: DatabaseUrl = format!("sqlite://{}", backup_file.display())
            .parse()
            .unwrap();
        assert_eq!(
            crate::settings::get(&mut copy.establish_read_only().unwrap(), "jwt_secret").unwrap(),
            Some("le-secret".to_owned())
        );

        // Never over a file, never through a link (to a file, to nowhere): refused, nothing written.
        let existing = out.join("existing.db");
        std::fs::write(&existing, "keep me").unwrap();
        let victim = out.join("victim.txt");
        std::fs::write(&victim, "keep me too").unwrap();
        let to_victim = out.join("to-victim.db");
        std::os::unix::fs::symlink(&victim, &to_victim).unwrap();
        let dangling = out.join("dangling.db");
        std::os::unix::fs::symlink(out.join("created-through-a-link.db"), &dangling).unwrap();
        for target in [&existing, &backup_file, &to_victim, &dangling] {
            let err = backup(&mut source, target).unwrap_err();
            assert!(
                matches!(err, StoreError::Conflict(_)),
                "{}: {err}",
                target.display()
            );
        }
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me too");
        assert_eq!(
            entries(&out),
            [
                "dangling.db",
                "existing.db",
                "sauvegarde.db",
                "to-victim.db",
                "victim.txt"
            ]
        );

        // A restore leaves nothing beside the backup, nor beside the live database.
        let before = entries(dir.path());
        let restored = restore(&mut live.establish().unwrap(), &backup_file).unwrap();
        assert!(restored
            .iter()
            .any(|(table, rows)| table == "settings" && *rows == 1));
        assert_eq!(entries(&out).len(), 5);
        let after: Vec<String> = entries(dir.path())
            .into_iter()
            .filter(|n| !n.starts_with("live.db-"))
            .collect();
        assert_eq!(
            after,
            before
                .into_iter()
                .filter(|n| !n.starts_with("live.db-"))
                .collect::<Vec<_>>()
        );
    }
}
