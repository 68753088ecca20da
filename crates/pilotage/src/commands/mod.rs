//! The commands of the CLI, each in its own file.

mod backup;
mod export;
pub(crate) mod jobs;
mod migrate;
mod render;
mod seed;
mod serve;
mod token;

use crate::cli::{Cli, Command, JobsAction};
use crate::config::Config;
use anyhow::{Context, Result};
use pilotage_store::{DbConnection, StoreError};

/// Runs one command of the command line.
pub fn run(cli: Cli) -> Result<()> {
    if let Command::Openapi { out } = &cli.command {
        let text = pilotage_api::openapi::openapi_text();
        return match out {
            Some(path) => std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display())),
            None => {
                print!("{text}");
                Ok(())
            }
        };
    }
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Openapi { .. } => Ok(()),
        Command::Render { out, year } => render::run(&config, &out, year.as_deref()),
        Command::Export {
            format,
            out,
            public,
        } => export::run(&config, &format, &out, public),
        Command::Migrate => migrate::run(&config),
        Command::Jobs { action } => match action {
            JobsAction::List => jobs::list(&config),
            JobsAction::Run { name, at } => jobs::run(&config, &name, at.as_deref()),
        },
        Command::Backup { out } => backup::backup(&config, &out),
        Command::Restore { from } => backup::restore(&config, &from),
        Command::Seed { fixtures } => seed::run(&config, fixtures.as_deref()),
        Command::Serve { demo, bind } => serve::run(config, demo, bind),
        Command::Token {
            role,
            campuses,
            region,
            ttl,
            subject,
        } => {
            let token = token::run(
                &config,
                &token::Request {
                    role,
                    campuses,
                    region,
                    ttl,
                    subject,
                },
            )?;
            println!("{token}");
            Ok(())
        }
    }
}

/// A migrated connection to the configured database, or a clear error.
pub(crate) fn migrated_connection(config: &Config) -> Result<DbConnection> {
    let mut conn = config
        .database_url
        .establish()
        .map_err(anyhow::Error::from)?;
    pilotage_store::run_migrations(&mut conn)
        .map_err(|e: StoreError| anyhow::Error::from(e))
        .with_context(|| format!("migrating {}", config.database_url))?;
    Ok(conn)
}
