//! The command line: `pilotage migrate | seed | serve | token | backup | restore | …`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "pilotage",
    version,
    about = "Annual indicator reporting and national dashboards of the Campus connecté network"
)]
pub struct Cli {
    /// Optional TOML configuration file (also PILOTAGE_CONFIG); environment variables override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations to DATABASE_URL.
    Migrate,
    /// Load the demo network (campuses, reports, flash surveys, targets, users); running it again adds nothing.
    Seed {
        /// A folder of fixture files to load instead of the demo network built into the binary.
        #[arg(long, value_name = "DIR")]
        fixtures: Option<PathBuf>,
    },
    /// Start the HTTP server.
    Serve {
        /// Seed an empty database with the demo network first, and print the URLs and how to log in.
        #[arg(long)]
        demo: bool,
        /// Address to listen on (also PILOTAGE_BIND; default 127.0.0.1:8080).
        #[arg(long, value_name = "ADDR")]
        bind: Option<String>,
    },
    /// Export every indicator of every campus, région and the nation (all years).
    Export {
        /// csv, json, parquet, sdmx-csv or sdmx-json.
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Apply disclosure control (open data): counts of 1 to 4 students are suppressed.
        #[arg(long)]
        public: bool,
    },
    /// Render every dashboard for every scope (PNG and SVG) and an index.html, into DIR.
    Render {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Academic year (default: the year whose report is due this year).
        #[arg(long)]
        year: Option<String>,
    },
    /// The scheduled jobs: list them, or run one by hand.
    Jobs {
        #[command(subcommand)]
        action: JobsAction,
    },
    /// Write a consistent copy of the SQLite database to FILE, even while the server runs (PostgreSQL: pg_dump).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the data of the SQLite database with those of a backup (in one transaction; PostgreSQL: pg_restore).
    Restore {
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Write the OpenAPI description of the API (to standard output, or to FILE).
    Openapi {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print a signed access token for a role and scope (the server's secret for the same DATABASE_URL).
    Token {
        /// coordinator, analyst, ministry, regional or admin.
        #[arg(long)]
        role: String,
        /// A campus id (coordinators; repeat for several).
        #[arg(long = "campus", value_name = "ID")]
        campuses: Vec<String>,
        /// A région académique code (regional clients), e.g. BFC.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Validity, e.g. 30m, 12h, 7days.
        #[arg(long, default_value = "12h")]
        ttl: String,
        /// Who the token names (default: the role).
        #[arg(long)]
        subject: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobsAction {
    /// Every job with its schedule (Europe/Paris time), next run and last run.
    List,
    /// Run one job now, or as if at --at (reminders, deadline, closing, snapshot, deliver).
    Run {
        name: String,
        /// The time to run as of, with its offset, e.g. 2026-08-25T09:00:00+02:00.
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
    },
}
