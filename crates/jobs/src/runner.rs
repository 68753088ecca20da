//! Runs one job as of a time, and records the run. A scheduled run first claims its slot in the database, so that
//! with several instances on one database each slot runs once; each job's writes are one transaction.

use crate::catalog::{JobName, Schedules};
use crate::delivery::{self, RetryPolicy};
use crate::snapshot::{self, SnapshotSource};
use crate::transport::Transports;
use crate::{closing, deadline, reminders};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use pilotage_domain::Clock;
use pilotage_store::job_runs::{self, Trigger};
use pilotage_store::{atomically, DbConnection, Pool};
use std::path::PathBuf;
use std::sync::Arc;

/// Everything the jobs need.
pub struct Jobs {
    pub pool: Pool,
    pub clock: Arc<dyn Clock>,
    /// Names this instance in the run records and leases (host and process by default).
    pub instance: String,
    pub schedules: Schedules,
    pub snapshot_dir: PathBuf,
    pub snapshot_source: Option<Arc<dyn SnapshotSource>>,
    pub transports: Transports,
    pub retry: RetryPolicy,
}

/// What running a job did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunReport {
    pub job: JobName,
    pub at: DateTime<Utc>,
    /// `false` when another instance had already claimed this slot.
    pub ran: bool,
    pub succeeded: bool,
    pub summary: String,
}

/// A name for this instance: host name and process id.
pub fn instance_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_owned())
        })
        .unwrap_or_else(|| "pilotage".to_owned());
    format!("{host}:{}", std::process::id())
}

impl Jobs {
    /// Runs `job` as if at `at`; blocking (call it from a blocking thread).
    pub fn run(&self, job: JobName, at: DateTime<Utc>, trigger: Trigger) -> Result<RunReport> {
        let mut conn = self.pool.get().context("no database connection")?;
        let conn = &mut *conn;
        if job == JobName::Deliver {
            return self.deliver(conn, at, trigger);
        }
        let started = self.clock.now();
        let Some(id) = job_runs::start(conn, job.as_str(), trigger, at, &self.instance, started)?
        else {
            return Ok(RunReport {
                job,
                at,
                ran: false,
                succeeded: true,
                summary: "slot already run by another instance".into(),
            });
        };
        let result = self.execute(conn, job, at);
        let (succeeded, summary) = match result {
            Ok(summary) => (true, summary),
            Err(e) => (false, format!("{e:#}")),
        };
        job_runs::finish(conn, id, succeeded, &summary, self.clock.now())?;
        Ok(RunReport {
            job,
            at,
            ran: true,
            succeeded,
            summary,
        })
    }

    fn execute(&self, conn: &mut DbConnection, job: JobName, at: DateTime<Utc>) -> Result<String> {
        Ok(match job {
            JobName::Reminders => {
                let n = atomically(conn, |c| reminders::run(c, at))?;
                format!("{n} reminders written to the outbox")
            }
            JobName::Deadline => {
                let o = atomically(conn, |c| deadline::run(c, at))?;
                format!(
                    "{} campuses marked late, {} summaries to analysts, {} webhook notifications",
                    o.marked_late, o.summaries, o.webhooks
                )
            }
            JobName::Closing => {
                let n = atomically(conn, |c| closing::run(c, at))?;
                format!("{n} unsent reports locked")
            }
            JobName::Snapshot => {
                let source = self
                    .snapshot_source
                    .as_deref()
                    .context("no snapshot source configured")?;
                match snapshot::take(conn, source, &self.snapshot_dir, at)? {
                    snapshot::Outcome::Written { date, files } => {
                        format!("snapshot {date}: {files} files")
                    }
                    snapshot::Outcome::AlreadyTaken(date) => {
                        format!("snapshot {date} already taken; left as it was")
                    }
                }
            }
            JobName::Deliver => anyhow::bail!("the outbox worker is run by deliver()"),
        })
    }

    /// The outbox worker: leases make it safe on several instances, so a scheduled pass is recorded only when it
    /// did something (every 30 seconds otherwise); a manual pass always is.
    fn deliver(
        &self,
        conn: &mut DbConnection,
        at: DateTime<Utc>,
        trigger: Trigger,
    ) -> Result<RunReport> {
        let started = self.clock.now();
        let outcome =
            delivery::deliver_due(conn, &self.transports, &self.retry, &self.instance, at, 200);
        let (succeeded, summary, busy) = match outcome {
            Ok(o) => (
                true,
                format!("{} sent, {} to retry, {} dead", o.sent, o.failed, o.dead),
                o.sent + o.failed + o.dead > 0,
            ),
            Err(e) => (false, format!("{e:#}"), true),
        };
        if busy || trigger == Trigger::Manual {
            let trigger = match trigger {
                Trigger::Schedule(_) => Trigger::Recurring,
                other => other,
            };
            if let Some(id) = job_runs::start(
                conn,
                JobName::Deliver.as_str(),
                trigger,
                at,
                &self.instance,
                started,
            )? {
                job_runs::finish(conn, id, succeeded, &summary, self.clock.now())?;
            }
        }
        Ok(RunReport {
            job: JobName::Deliver,
            at,
            ran: true,
            succeeded,
            summary,
        })
    }
}
