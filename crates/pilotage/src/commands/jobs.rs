//! `pilotage jobs list` and `pilotage jobs run NAME [--at DATETIME]`: the scheduled jobs, run by hand as if at a
//! given time (operators catching up, tests moving the clock).

use crate::config::Config;
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use pilotage_domain::SystemClock;
use pilotage_jobs::{instance_name, JobName, Jobs, RetryPolicy, Transports};
use pilotage_store::job_runs::{self, Trigger};
use pilotage_store::Pool;
use std::io::Write as _;
use std::sync::Arc;

/// The jobs of this instance, as the configuration describes them.
pub(crate) fn build(config: &Config, pool: Pool) -> Result<Jobs> {
    Ok(Jobs {
        pool,
        clock: Arc::new(SystemClock),
        instance: instance_name(),
        schedules: config.schedules.clone(),
        snapshot_dir: config.snapshot_dir.clone(),
        snapshot_source: Some(Arc::new(crate::snapshot::OfficialFigures)),
        transports: Transports::new(config.smtp.as_ref(), config.webhooks)?,
        retry: RetryPolicy::default(),
    })
}

/// A time given on the command line: RFC 3339 with its offset, e.g. 2026-08-25T09:00:00+02:00.
pub(crate) fn parse_at(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            anyhow::anyhow!(
                "--at {text:?}: {e}; expected a date and time with its offset, e.g. 2026-08-25T09:00:00+02:00"
            )
        })
}

pub fn list(config: &Config) -> Result<()> {
    drop(super::migrated_connection(config)?);
    let pool = pilotage_store::pool(&config.database_url, 1)?;
    let mut conn = pool.get().context("no database connection")?;
    let now = Utc::now();
    // Written through a lock that reports a closed pipe (`| head`) as an error rather than a panic.
    let mut out = std::io::stdout().lock();
    for job in JobName::ALL {
        let next = config
            .schedules
            .next_after(job, now)
            .map(|t| t.with_timezone(&Paris).to_rfc3339())
            .unwrap_or_else(|| "never".into());
        writeln!(
            out,
            "{job:<10} {:<16} next {next}",
            config.schedules.expression(job)
        )?;
        writeln!(out, "           {}", job.description())?;
        if let Some(last) = job_runs::recent(&mut conn, job.as_str(), 1)?.first() {
            writeln!(
                out,
                "           last run {} ({}, {}): {}",
                last.run_at.with_timezone(&Paris).to_rfc3339(),
                last.trigger,
                last.outcome,
                last.summary.as_deref().unwrap_or("")
            )?;
        }
    }
    Ok(())
}

pub fn run(config: &Config, name: &str, at: Option<&str>) -> Result<()> {
    let job: JobName = name.parse().map_err(anyhow::Error::msg)?;
    let at = match at {
        Some(text) => parse_at(text)?,
        None => Utc::now(),
    };
    drop(super::migrated_connection(config)?);
    let pool = pilotage_store::pool(&config.database_url, 2)?;
    let jobs = build(config, pool)?;
    let report = jobs.run(job, at, Trigger::Manual)?;
    println!(
        "{job} as of {}: {}",
        at.with_timezone(&Paris).to_rfc3339(),
        report.summary
    );
    if !report.succeeded {
        bail!("job {job} failed");
    }
    Ok(())
}
