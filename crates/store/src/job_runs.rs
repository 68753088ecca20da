//! The record of scheduled-job runs. A scheduled run claims its slot through a unique index, so that when several
//! instances share one database each slot runs once, whichever instance gets there first.

use crate::connection::{insert_unique, DbConnection};
use crate::error::StoreResult;
use crate::schema::job_runs;
use crate::time::{from_db, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

/// How a run was started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// By the scheduler, for one slot (the scheduled time).
    Schedule(DateTime<Utc>),
    /// By hand (`pilotage jobs run`), as if at a given time.
    Manual,
    /// By the scheduler, for a job that may run on every instance at once (the outbox worker): no slot claimed.
    Recurring,
}

/// One run of a job as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobRun {
    pub id: i64,
    pub job: String,
    /// `schedule` or `manual`.
    pub trigger: String,
    /// The time the job acted as of (the slot for a scheduled run, `--at` for a manual one).
    pub run_at: DateTime<Utc>,
    pub instance: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `succeeded` or `failed`.
    pub outcome: String,
    /// What the run did, or why it failed.
    pub summary: Option<String>,
}

type RunRow = (
    i64,
    String,
    String,
    NaiveDateTime,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
    String,
    Option<String>,
);

const COLUMNS: (
    job_runs::id,
    job_runs::job,
    job_runs::trigger,
    job_runs::run_at,
    job_runs::instance,
    job_runs::started_at,
    job_runs::finished_at,
    job_runs::outcome,
    job_runs::summary,
) = (
    job_runs::id,
    job_runs::job,
    job_runs::trigger,
    job_runs::run_at,
    job_runs::instance,
    job_runs::started_at,
    job_runs::finished_at,
    job_runs::outcome,
    job_runs::summary,
);

fn into_run(row: RunRow) -> JobRun {
    let (id, job, trigger, run_at, instance, started_at, finished_at, outcome, summary) = row;
    JobRun {
        id,
        job,
        trigger,
        run_at: from_db(run_at),
        instance,
        started_at: from_db(started_at),
        finished_at: finished_at.map(from_db),
        outcome,
        summary,
    }
}

/// Records the start of a run. For a scheduled run, `None` when another instance already claimed that slot.
pub fn start(
    conn: &mut DbConnection,
    job: &str,
    trigger: Trigger,
    run_at: DateTime<Utc>,
    instance: &str,
    started_at: DateTime<Utc>,
) -> StoreResult<Option<i64>> {
    let (trigger_name, slot) = match trigger {
        Trigger::Schedule(slot) => ("schedule", Some(slot.to_rfc3339())),
        Trigger::Manual => ("manual", None),
        Trigger::Recurring => ("schedule", None),
    };
    // Another instance that claimed the slot first: this one does not run it.
    let claimed = insert_unique(conn, |conn| {
        diesel::insert_into(job_runs::table)
            .values((
                job_runs::job.eq(job),
                job_runs::slot.eq(slot.as_deref()),
                job_runs::trigger.eq(trigger_name),
                job_runs::run_at.eq(to_db(run_at)),
                job_runs::instance.eq(instance),
                job_runs::started_at.eq(to_db(started_at)),
                job_runs::outcome.eq("running"),
            ))
            .execute(conn)
    })?;
    if !claimed {
        return Ok(None);
    }
    let id = job_runs::table
        .filter(job_runs::job.eq(job))
        .filter(job_runs::instance.eq(instance))
        .filter(job_runs::outcome.eq("running"))
        .order(job_runs::id.desc())
        .select(job_runs::id)
        .first(conn)?;
    Ok(Some(id))
}

/// Records the end of a run.
pub fn finish(
    conn: &mut DbConnection,
    id: i64,
    succeeded: bool,
    summary: &str,
    finished_at: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::update(job_runs::table.find(id))
        .set((
            job_runs::finished_at.eq(Some(to_db(finished_at))),
            job_runs::outcome.eq(if succeeded { "succeeded" } else { "failed" }),
            job_runs::summary.eq(Some(summary)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The latest runs of a job, newest first.
pub fn recent(conn: &mut DbConnection, job: &str, limit: i64) -> StoreResult<Vec<JobRun>> {
    let rows: Vec<RunRow> = job_runs::table
        .filter(job_runs::job.eq(job))
        .order(job_runs::id.desc())
        .limit(limit)
        .select(COLUMNS)
        .load(conn)?;
    Ok(rows.into_iter().map(into_run).collect())
}
