//! `pilotage seed`: loads the demo network (or a folder of fixtures) and prints the credentials it created.

use crate::config::Config;
use crate::fixtures::Fixtures;
use crate::seed::SeedSummary;
use anyhow::Result;
use chrono::Utc;
use std::io::IsTerminal;
use std::path::Path;

pub fn run(config: &Config, dir: Option<&Path>) -> Result<()> {
    let fixtures = match dir {
        Some(dir) => Fixtures::from_dir(dir)?,
        None => Fixtures::embedded()?,
    };
    let mut conn = super::migrated_connection(config)?;
    let summary = crate::seed::run(
        &mut conn,
        &fixtures,
        Utc::now(),
        !std::io::stderr().is_terminal(),
    )?;
    print_summary(&config.database_url.to_string(), &summary);
    Ok(())
}

pub(crate) fn print_summary(target: &str, s: &SeedSummary) {
    if !s.added_anything() {
        println!("{target}: the demo network is already loaded; nothing added");
        return;
    }
    println!(
        "{target}: added {} campuses, {} annual reports, {} flash surveys, {} targets, {} lock exceptions",
        s.campuses, s.reports, s.flash_surveys, s.targets, s.lock_exceptions
    );
    if !s.credentials.is_empty() {
        println!("\nNew credentials (shown once; only their hashes are stored):");
        for c in &s.credentials {
            println!("  {:<12} {:<36} {}", c.role.as_str(), c.login, c.secret);
        }
    }
}
