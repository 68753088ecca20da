//! `pilotage migrate`: applies pending migrations.

use crate::config::Config;
use anyhow::Result;

pub fn run(config: &Config) -> Result<()> {
    let mut conn = config.database_url.establish()?;
    let applied = pilotage_store::run_migrations(&mut conn)?;
    if applied.is_empty() {
        println!("{}: schema up to date", config.database_url);
    } else {
        println!("{}: applied {}", config.database_url, applied.join(", "));
    }
    Ok(())
}
