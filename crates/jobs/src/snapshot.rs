//! Dated snapshots of the official figures: each night the statistics exports and dashboards of the latest year
//! are written under `DIR/YYYY-MM-DD/` (the Paris date), so that the ministry can fetch the figures as they stood
//! on a given day. A folder is written whole or not at all (written aside, then renamed).

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};
use pilotage_store::DbConnection;
use rustix::fs::{self as rfs, AtFlags, Mode, OFlags};
use serde::Serialize;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

/// What goes into a snapshot: the binary provides it (exports and dashboards), the job writes it.
pub trait SnapshotSource: Send + Sync {
    /// The files of a snapshot taken at `at`: names (no folders) and contents.
    fn files(&self, conn: &mut DbConnection, at: DateTime<Utc>) -> Result<Vec<(String, Vec<u8>)>>;
}

/// One file of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotFile {
    pub name: String,
    pub bytes: u64,
}

/// The snapshot of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    pub date: NaiveDate,
    pub files: Vec<SnapshotFile>,
}

/// What a run of the snapshot job did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Written {
        date: NaiveDate,
        files: usize,
    },
    /// That day's snapshot exists already (it is never overwritten).
    AlreadyTaken(NaiveDate),
}

/// Takes the snapshot of `at`'s day into `dir`, unless that day's exists.
pub fn take(
    conn: &mut DbConnection,
    source: &dyn SnapshotSource,
    dir: &Path,
    at: DateTime<Utc>,
) -> Result<Outcome> {
    let date = pilotage_domain::french::paris_date(at);
    let target = dir.join(date.to_string());
    if target.exists() {
        return Ok(Outcome::AlreadyTaken(date));
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("cannot create the snapshot folder {}", dir.display()))?;
    let files = source.files(conn, at)?;
    let staging = dir.join(format!(".{date}-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    // Owner-only, like every file Pilotage writes; created here, so nothing in it was planted beforehand.
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    for (name, bytes) in &files {
        if !is_plain_name(name) {
            anyhow::bail!("snapshot file name {name:?} is not a plain file name");
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(staging.join(name))
            .and_then(|mut file| file.write_all(bytes))
            .with_context(|| format!("cannot write {name} in {}", staging.display()))?;
    }
    match std::fs::rename(&staging, &target) {
        Ok(()) => Ok(Outcome::Written {
            date,
            files: files.len(),
        }),
        // Another instance finished the same day's snapshot first.
        Err(_) if target.exists() => {
            std::fs::remove_dir_all(&staging)?;
            Ok(Outcome::AlreadyTaken(date))
        }
        Err(e) => {
            Err(e).with_context(|| format!("cannot move the snapshot to {}", target.display()))
        }
    }
}

/// A file name without folders, dots first or odd characters.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Every snapshot in `dir`, newest first (an absent folder holds none).
///
/// Only what [`read_file`] would serve is listed: day folders named by their date (`YYYY-MM-DD`), holding regular
/// files with plain names and one link. Anything else in the folder (a link, a file where a day folder should be,
/// a folder named otherwise, an unreadable entry, a FIFO or socket, a file with a second hard link) is skipped, not
/// an error: a stray entry must not take the list down.
pub fn list(dir: &Path) -> Result<Vec<Snapshot>> {
    let mut out = Vec::new();
    let root = match open_root(dir) {
        Ok(root) => root,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let entries =
        rfs::Dir::read_from(&root).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let Ok(entry) = entry else {
            continue;
        };
        let Some(date) = entry.file_name().to_str().ok().and_then(day_of) else {
            continue;
        };
        let Ok(day) = open_day(&root, date) else {
            tracing::debug!("snapshots: {date} skipped (not a plain folder)");
            continue;
        };
        let Ok(day_entries) = rfs::Dir::read_from(&day) else {
            continue;
        };
        let mut files = Vec::new();
        for file in day_entries.flatten() {
            let Some(name) = file.file_name().to_str().ok().filter(|n| is_plain_name(n)) else {
                continue;
            };
            match rfs::statat(&day, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(stat) if servable(&stat) => files.push(SnapshotFile {
                    name: name.to_owned(),
                    bytes: u64::try_from(stat.st_size).unwrap_or(0),
                }),
                _ => tracing::debug!("snapshots: {date}/{name} skipped (not a plain file)"),
            }
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        out.push(Snapshot { date, files });
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.date));
    Ok(out)
}

/// The contents of one snapshot file; `None` when the name is not a plain file name or there is no such file,
/// and also when the entry is not one that a snapshot holds: a symbolic link (the day folder or the file), a file
/// with another hard link, a FIFO, a socket or a device. Nothing outside `dir/DATE/` is ever opened: the day folder
/// and the file are opened relative to their parent with `O_NOFOLLOW`, and the bytes are read from the file that
/// was checked (no second lookup by name).
///
/// Why a hard link matters: opening and closing any descriptor of the SQLite database file in the server's
/// process releases SQLite's POSIX locks on it, after which another process can checkpoint and delete the live
/// WAL. So an entry is checked (`lstat`) before it is opened at all, and checked again once open.
pub fn read_file(dir: &Path, date: NaiveDate, name: &str) -> std::io::Result<Option<Vec<u8>>> {
    if !is_plain_name(name) {
        return Ok(None);
    }
    let root = match open_root(dir) {
        Ok(root) => root,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let Ok(day) = open_day(&root, date) else {
        return Ok(None);
    };
    match rfs::statat(&day, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(stat) if servable(&stat) => {}
        _ => return Ok(None),
    }
    let Ok(fd) = rfs::openat(
        &day,
        name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    ) else {
        return Ok(None);
    };
    let opened = rfs::fstat(&fd)?;
    if !servable(&opened) {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    std::fs::File::from(fd).read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// The date a day folder is named by, written exactly as the snapshot job writes it.
fn day_of(name: &str) -> Option<NaiveDate> {
    name.parse::<NaiveDate>()
        .ok()
        .filter(|d| d.to_string() == name)
}

/// The snapshot folder itself (the operator's setting: a link there is followed).
fn open_root(dir: &Path) -> std::io::Result<OwnedFd> {
    Ok(rfs::openat(
        rfs::CWD,
        dir,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

/// A day folder, opened relative to the snapshot folder: a link, or anything but a folder, fails.
fn open_day(root: &OwnedFd, date: NaiveDate) -> std::io::Result<OwnedFd> {
    Ok(rfs::openat(
        root,
        date.to_string(),
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

/// A regular file with no other name: what the snapshot job writes, and nothing else.
fn servable(stat: &rfs::Stat) -> bool {
    rfs::FileType::from_raw_mode(stat.st_mode) == rfs::FileType::RegularFile && stat.st_nlink == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_served() {
        for bad in ["", "../secret", ".hidden", "a/b", "a\\b", "évil.csv"] {
            assert!(!is_plain_name(bad), "{bad}");
        }
        assert!(is_plain_name("indicators.csv"));
        assert!(is_plain_name("national-2025-2026.png"));
    }
}
