//! The SQLite files at rest: owner-only (the database holds the token secret and the password hashes), and the
//! private scratch folders in which backups and restores write their copies.

use crate::error::{StoreError, StoreResult};
use std::fs::{DirBuilder, OpenOptions};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode of every database file and backup: read and write by the owner only.
pub const OWNER_ONLY: u32 = 0o600;

/// What SQLite adds beside a database file (it gives them the database file's own mode).
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn io_error(what: &str, path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Io(format!("{what} {} : {e}", path.display()))
}

/// Makes the SQLite database at `path` owner-only before SQLite opens it: an absent file is created empty with
/// mode 0600 (SQLite takes an empty file as a new database, and creates its `-wal`, `-shm` and `-journal` files
/// with the database file's mode); an existing file or companion readable or writable by others is narrowed to
/// 0600, with a warning in the log. A file that cannot be narrowed (owned by another account) is only warned
/// about.
pub(crate) fn protect_sqlite_files(path: &Path) {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(OWNER_ONLY)
        .open(path)
    {
        Ok(_) => return,
        // Already there (or being created by another process at the same time): narrowed below if need be.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        // Left to SQLite, which reports it with the path (a missing folder, a read-only one…).
        Err(_) => return,
    }
    let companions = COMPANIONS.map(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    });
    for file in std::iter::once(path.to_path_buf()).chain(companions) {
        let Ok(meta) = std::fs::metadata(&file) else {
            continue;
        };
        let mode = meta.permissions().mode() & 0o777;
        if !meta.is_file() || mode & 0o077 == 0 {
            continue;
        }
        match std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode & 0o700)) {
            Ok(()) => tracing::warn!(
                "{} was readable or writable by other accounts (mode {mode:o}): narrowed to {:o}",
                file.display(),
                mode & 0o700
            ),
            Err(e) => tracing::warn!(
                "{} is readable or writable by other accounts (mode {mode:o}) and cannot be narrowed: {e}",
                file.display()
            ),
        }
    }
}

/// A folder of our own (mode 0700, a fresh name) for the copies a backup or a restore writes: nobody else can
/// plant a link or a file in it, and removing it touches nothing outside it.
pub(crate) struct PrivateDir {
    path: PathBuf,
}

impl PrivateDir {
    /// A new private folder inside `parent`, named `.pilotage-PURPOSE-…`.
    pub(crate) fn new_in(parent: &Path, purpose: &str) -> StoreResult<Self> {
        let mut last = None;
        for _ in 0..16 {
            let path = parent.join(format!(
                ".pilotage-{purpose}-{}-{:08x}",
                std::process::id(),
                rand::random::<u32>()
            ));
            // mkdir never follows a link, and fails on any existing entry.
            match DirBuilder::new().mode(0o700).create(&path) {
                Ok(()) => return Ok(Self { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(io_error("dossier temporaire", &path, e)),
            }
        }
        Err(io_error(
            "dossier temporaire dans",
            parent,
            last.unwrap_or_else(|| std::io::ErrorKind::AlreadyExists.into()),
        ))
    }

    /// A new empty owner-only file in the folder (never an existing one).
    pub(crate) fn new_file(&self, name: &str) -> StoreResult<PathBuf> {
        let path = self.path.join(name);
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(OWNER_ONLY)
            .open(&path)
            .map_err(|e| io_error("fichier temporaire", &path, e))?;
        Ok(path)
    }
}

impl Drop for PrivateDir {
    /// Removes what was written in the folder (files only: nothing else was), then the folder.
    fn drop(&mut self) {
        if let Ok(entries) = std::fs::read_dir(&self.path) {
            for entry in entries.flatten() {
                if entry.file_type().is_ok_and(|t| !t.is_dir()) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        let _ = std::fs::remove_dir(&self.path);
    }
}

/// The SQLite URI that opens the file at `path` read-only (`file:PATH?mode=ro`, the path percent-encoded).
pub(crate) fn read_only_uri(path: &str) -> String {
    let mut uri = String::from(if path.starts_with('/') {
        "file://"
    } else {
        "file:"
    });
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?mode=ro");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_uris_escape_what_a_uri_would_read() {
        assert_eq!(read_only_uri("/tmp/a.db"), "file:///tmp/a.db?mode=ro");
        assert_eq!(read_only_uri("b.db"), "file:b.db?mode=ro");
        assert_eq!(
            read_only_uri("/d/x?y#z%é.db"),
            "file:///d/x%3Fy%23z%25%C3%A9.db?mode=ro"
        );
    }
}
