//! The scheduled jobs (their schedule, next run and recent runs) and the outbox's failed deliveries, which an
//! admin may send again.

use super::require_admin;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use pilotage_domain::Role;
use pilotage_jobs::{JobName, Schedules};
use pilotage_store::job_runs::{self, JobRun};
use pilotage_store::outbox::{self, Message, Status};
use pilotage_store::DbConnection;

/// How many runs of each job are shown.
pub const RECENT_RUNS: i64 = 10;

/// A job as the administration sees it.
#[derive(Debug, Clone)]
pub struct JobStatus {
    pub job: JobName,
    /// Cron expression with seconds, Europe/Paris time.
    pub schedule: String,
    pub next_run: Option<DateTime<Utc>>,
    /// Newest first.
    pub recent_runs: Vec<JobRun>,
}

/// Every job with its schedule, next run and latest runs, for an admin or an analyst (403 otherwise).
pub fn overview(
    conn: &mut DbConnection,
    caller: &Caller,
    schedules: &Schedules,
    now: DateTime<Utc>,
) -> ApiResult<Vec<JobStatus>> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let mut out = Vec::new();
    for job in JobName::ALL {
        out.push(JobStatus {
            job,
            schedule: schedules.expression(job).to_owned(),
            next_run: schedules.next_after(job, now),
            recent_runs: job_runs::recent(conn, job.as_str(), RECENT_RUNS)?,
        });
    }
    Ok(out)
}

/// The job's name in French.
pub fn job_label(job: JobName) -> &'static str {
    match job {
        JobName::Reminders => "Rappels avant les échéances",
        JobName::Deadline => "Constat des retards après une échéance",
        JobName::Closing => "Clôture de la saisie des rapports",
        JobName::Snapshot => "Copie datée des statistiques",
        JobName::Deliver => "Envoi des notifications",
    }
}

/// What the job does, in French.
pub fn job_description(job: JobName) -> &'static str {
    match job {
        JobName::Reminders => "Rappelle, 30, 7 et 1 jours avant l'échéance du rapport annuel et de l'enquête flash, aux coordinations des campus qui n'ont pas transmis.",
        JobName::Deadline => "Après une échéance, marque en retard les campus qui n'ont pas transmis et envoie aux analystes un récapitulatif par région.",
        JobName::Closing => "Après la date de clôture, verrouille les rapports non transmis (dérogations respectées) et prévient leurs coordinations.",
        JobName::Snapshot => "Enregistre une copie datée des exports statistiques et des tableaux de bord de la dernière année.",
        JobName::Deliver => "Envoie les notifications en attente (courriels, webhooks signés) et réessaie en espaçant les tentatives.",
    }
}

/// The deliveries given up after their last attempt, newest first (`limit` at most), with their total.
pub fn failed_deliveries(
    conn: &mut DbConnection,
    caller: &Caller,
    limit: i64,
) -> ApiResult<(Vec<Message>, i64)> {
    require_admin(caller)?;
    let filter = outbox::Filter {
        status: Some(Status::Dead),
        channel: None,
    };
    Ok(outbox::list(conn, &filter, limit, 0)?)
}

/// Sends a failed delivery again, for an admin (403 otherwise): it waits again for the delivery job, due at once
/// and with all its attempts. 404 for an unknown message, 409 for one that has not failed.
pub fn retry_delivery(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    require_admin(caller)?;
    let message = outbox::get(conn, id)?
        .ok_or_else(|| ApiError::NotFound(format!("notification {id} introuvable")))?;
    if message.status != Status::Dead.as_str() {
        return Err(ApiError::Conflict(
            "cette notification n'a pas échoué : elle est envoyée ou en attente d'envoi".into(),
        ));
    }
    if !outbox::retry(conn, id, now)? {
        return Err(ApiError::Conflict(
            "cette notification vient d'être relancée ou envoyée".into(),
        ));
    }
    Ok(())
}
