//! `pilotage backup --out FILE` and `pilotage restore --from FILE`: SQLite backups taken and restored while the
//! server runs. PostgreSQL is refused with a pointer to pg_dump / pg_restore.

use crate::config::Config;
use anyhow::{Context, Result};
use pilotage_store::backup;
use std::path::Path;

/// Reads the live database through a read-only connection, and does not migrate it: a backup never writes to the
/// database it copies, and closing its connection never checkpoints nor removes the WAL of a running server.
pub fn backup(config: &Config, out: &Path) -> Result<()> {
    let mut conn = config
        .database_url
        .establish_read_only()
        .map_err(anyhow::Error::from)?;
    backup::backup(&mut conn, out).with_context(|| {
        format!(
            "sauvegarde de {} vers {}",
            config.database_url,
            out.display()
        )
    })?;
    println!("{} sauvegardée dans {}", config.database_url, out.display());
    Ok(())
}

pub fn restore(config: &Config, from: &Path) -> Result<()> {
    let mut conn = super::migrated_connection(config)?;
    let restored = backup::restore(&mut conn, from).with_context(|| {
        format!(
            "restauration de {} dans {}",
            from.display(),
            config.database_url
        )
    })?;
    println!(
        "{} restaurée depuis {} :",
        config.database_url,
        from.display()
    );
    for (table, rows) in restored {
        println!("  {table}: {rows}");
    }
    Ok(())
}
