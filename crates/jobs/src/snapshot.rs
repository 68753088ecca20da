//! Dated snapshots of the official figures: each night the statistics exports and dashboards of the latest year
//! are written under `DIR/YYYY-MM-DD/` (the Paris date), so that the ministry can fetch the figures as they stood
//! on a given day. A folder is written whole or not at all (written aside, then renamed).

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};
use pilotage_store::DbConnection;
use serde::Serialize;
use std::path::{Path, PathBuf};

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
    let date = crate::network::paris_date(at);
    let target = dir.join(date.to_string());
    if target.exists() {
        return Ok(Outcome::AlreadyTaken(date));
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the snapshot folder {}", dir.display()))?;
    let files = source.files(conn, at)?;
    let staging = dir.join(format!(".{date}-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    std::fs::create_dir(&staging)
        .with_context(|| format!("cannot create {}", staging.display()))?;
    for (name, bytes) in &files {
        if !is_plain_name(name) {
            anyhow::bail!("snapshot file name {name:?} is not a plain file name");
        }
        std::fs::write(staging.join(name), bytes)
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
pub fn list(dir: &Path) -> Result<Vec<Snapshot>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    for entry in entries {
        let entry = entry?;
        let Some(date) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<NaiveDate>().ok())
        else {
            continue;
        };
        let mut files = Vec::new();
        for file in std::fs::read_dir(entry.path())? {
            let file = file?;
            if let Some(name) = file.file_name().to_str().filter(|n| is_plain_name(n)) {
                files.push(SnapshotFile {
                    name: name.to_owned(),
                    bytes: file.metadata()?.len(),
                });
            }
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        out.push(Snapshot { date, files });
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.date));
    Ok(out)
}

/// The path of one snapshot file, if the date and name are well formed and the file exists.
pub fn file_path(dir: &Path, date: NaiveDate, name: &str) -> Option<PathBuf> {
    if !is_plain_name(name) {
        return None;
    }
    let path = dir.join(date.to_string()).join(name);
    path.is_file().then_some(path)
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
