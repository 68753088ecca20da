//! The scheduler inside `pilotage serve` (tokio-cron-scheduler). It ticks every ten seconds; at each tick, each job
//! whose latest slot (its cron expression evaluated in Europe/Paris time, so summer and winter time are right)
//! has not been seen by this instance is run for that slot, on a blocking thread. Slots missed by more than an
//! hour (the server was down) are not caught up; the next one runs as usual.

use crate::catalog::JobName;
use crate::runner::Jobs;
use anyhow::Result;
use chrono::{DateTime, Duration, Utc};
use pilotage_store::job_runs::Trigger;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio_cron_scheduler::{Job, JobScheduler};

/// Starts the scheduler; keep the returned value alive (dropping it does not stop it: call `shutdown`).
pub async fn start(jobs: Arc<Jobs>) -> Result<JobScheduler> {
    let scheduler = JobScheduler::new().await?;
    let seen: Arc<Seen> = Arc::default();
    let tick = Job::new_async("*/10 * * * * *", move |_, _| {
        let jobs = jobs.clone();
        let seen = seen.clone();
        Box::pin(async move {
            tick(jobs, seen).await;
        })
    })?;
    scheduler.add(tick).await?;
    scheduler.start().await?;
    Ok(scheduler)
}

/// The slots this instance has already seen, by job.
#[derive(Debug, Default)]
pub struct Seen(Mutex<HashMap<JobName, DateTime<Utc>>>);

/// One tick: runs, for its latest slot, each job whose slot this instance has not seen yet; returns what ran.
pub async fn tick(jobs: Arc<Jobs>, seen: Arc<Seen>) -> Vec<crate::RunReport> {
    let now = jobs.clock.now();
    let mut reports = Vec::new();
    for job in JobName::ALL {
        let Some(slot) = jobs.schedules.latest_at_or_before(job, now) else {
            continue;
        };
        if now - slot > Duration::hours(1) {
            continue;
        }
        {
            let Ok(mut seen) = seen.0.lock() else {
                return reports;
            };
            if seen.get(&job).is_some_and(|last| *last >= slot) {
                continue;
            }
            seen.insert(job, slot);
        }
        let jobs = jobs.clone();
        let result =
            tokio::task::spawn_blocking(move || jobs.run(job, slot, Trigger::Schedule(slot))).await;
        match result {
            Ok(Ok(report)) => {
                if report.ran && job != JobName::Deliver {
                    tracing::info!(job = %job, slot = %slot, succeeded = report.succeeded, "{}", report.summary);
                }
                reports.push(report);
            }
            Ok(Err(e)) => tracing::error!(job = %job, slot = %slot, "job failed: {e:#}"),
            Err(e) => tracing::error!(job = %job, slot = %slot, "job panicked: {e}"),
        }
    }
    reports
}
