//! `pilotage backup --out FILE` and `pilotage restore --from FILE`: SQLite backups taken and restored while the
//! server runs. PostgreSQL is refused with a pointer to pg_dump / pg_restore.

use crate::config::Config;
use anyhow::{Context, Result};
use pilotage_store::backup;
use std::path::Path;

pub fn backup(config: &Config, out: &Path) -> Result<()> {
    let mut conn = super::migrated_connection(config)?;
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
