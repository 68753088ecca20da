//! `GET /api/v1/admin/jobs` (the scheduled jobs, their next runs and recent runs) and `GET /api/v1/admin/outbox`
//! (notifications waiting, sent or dead), for admins and analysts.

use crate::pagination::PageParams;
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use pilotage_app::admin;
use pilotage_app::auth::Caller;
use pilotage_app::db;
use pilotage_app::error::{ApiError, ApiResult, Problem};
use pilotage_app::state::AppState;
use pilotage_domain::Role;
use pilotage_store::outbox::{self, Channel, Status};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
pub struct JobRunView {
    pub id: i64,
    /// `schedule` or `manual`.
    pub trigger: String,
    /// The time the run acted as of.
    pub run_at: DateTime<Utc>,
    pub instance: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `succeeded` or `failed`.
    pub outcome: String,
    pub summary: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JobView {
    /// `reminders`, `deadline`, `closing`, `snapshot` or `deliver`.
    pub name: String,
    pub description: String,
    /// Cron expression with seconds, in `time_zone`.
    pub schedule: String,
    pub time_zone: String,
    pub next_run: Option<DateTime<Utc>>,
    /// The latest runs, newest first (10 at most).
    pub recent_runs: Vec<JobRunView>,
}

#[utoipa::path(
    tag = "admin",
    responses(
        (status = 200, description = "Every job with its schedule, next run and recent runs", body = Vec<JobView>),
        (status = 403, description = "Neither admin nor analyst", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/admin/jobs")]
pub async fn list_jobs(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    let now = state.now();
    let schedules = state.schedules.clone();
    let jobs = db::run(&state, move |conn| {
        admin::jobs::overview(conn, &caller, &schedules, now)
    })
    .await?;
    let jobs: Vec<JobView> = jobs
        .into_iter()
        .map(|status| JobView {
            name: status.job.as_str().to_owned(),
            description: status.job.description().to_owned(),
            schedule: status.schedule,
            time_zone: "Europe/Paris".into(),
            next_run: status.next_run,
            recent_runs: status
                .recent_runs
                .into_iter()
                .map(|r| JobRunView {
                    id: r.id,
                    trigger: r.trigger,
                    run_at: r.run_at,
                    instance: r.instance,
                    started_at: r.started_at,
                    finished_at: r.finished_at,
                    outcome: r.outcome,
                    summary: r.summary,
                })
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(jobs))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OutboxParams {
    /// `pending`, `sent` or `dead`.
    pub status: Option<String>,
    /// `email` or `webhook`.
    pub channel: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxMessageView {
    pub id: i64,
    pub dedupe_key: String,
    pub channel: String,
    pub recipient: String,
    pub event: String,
    pub subject: String,
    /// The e-mail's text or the webhook's JSON body.
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxPage {
    pub items: Vec<OutboxMessageView>,
    /// Messages matching the filter.
    pub total: i64,
    /// Messages by status, whatever the filter.
    pub pending: i64,
    pub sent: i64,
    pub dead: i64,
}

#[utoipa::path(
    tag = "admin",
    params(OutboxParams),
    responses(
        (status = 200, description = "Notifications, newest first", body = OutboxPage),
        (status = 400, description = "Malformed query", body = Problem),
        (status = 403, description = "Neither admin nor analyst", body = Problem),
        (status = 422, description = "Unknown status or channel, bad limit or offset", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/admin/outbox")]
pub async fn list_outbox(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<OutboxParams>,
) -> ApiResult<HttpResponse> {
    caller.require(&[Role::Admin, Role::Analyst])?;
    let (offset, limit) = PageParams {
        limit: query.limit,
        offset: query.offset,
    }
    .checked()?;
    let status = match query.status.as_deref() {
        None => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            ApiError::field(
                "status",
                "invalid",
                "valeurs possibles : pending, sent, dead",
            )
        })?),
    };
    let channel = match query.channel.as_deref() {
        None => None,
        Some("email") => Some(Channel::Email),
        Some("webhook") => Some(Channel::Webhook),
        Some(_) => {
            return Err(ApiError::field(
                "channel",
                "invalid",
                "valeurs possibles : email, webhook",
            ))
        }
    };
    let page = db::run(&state, move |conn| {
        let filter = outbox::Filter { status, channel };
        let (items, total) = outbox::list(conn, &filter, limit, offset)?;
        let counts = outbox::counts(conn)?;
        let count = |s: Status| {
            counts
                .iter()
                .find(|(name, _)| name == s.as_str())
                .map_or(0, |(_, n)| *n)
        };
        Ok(OutboxPage {
            items: items
                .into_iter()
                .map(|m| OutboxMessageView {
                    id: m.id,
                    dedupe_key: m.dedupe_key,
                    channel: m.channel,
                    recipient: m.recipient,
                    event: m.event,
                    subject: m.subject,
                    body: m.body,
                    created_at: m.created_at,
                    status: m.status,
                    attempts: m.attempts,
                    next_attempt_at: m.next_attempt_at,
                    last_error: m.last_error,
                    sent_at: m.sent_at,
                })
                .collect(),
            total,
            pending: count(Status::Pending),
            sent: count(Status::Sent),
            dead: count(Status::Dead),
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}
