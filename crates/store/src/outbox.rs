//! The notification outbox. Notifications are written in the transaction of the event that causes them, and a
//! worker delivers them later: a crash never loses one. Each carries a dedupe key, so writing the same
//! notification twice (a job run again for the same time) keeps one; a worker leases a row while delivering it,
//! so two workers never deliver the same row at once.

use crate::connection::{insert_unique, DbConnection};
use crate::error::{StoreError, StoreResult};
use crate::schema::outbox;
use crate::time::{from_db, to_db};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

/// How a notification travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Webhook,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Webhook => "webhook",
        }
    }
}

/// Where a notification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Waiting for delivery (or for its next attempt).
    Pending,
    Sent,
    /// Given up after the last attempt.
    Dead,
}

impl Status {
    pub const ALL: [Status; 3] = [Self::Pending, Self::Sent, Self::Dead];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Dead => "dead",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A notification to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub dedupe_key: String,
    pub channel: Channel,
    /// An e-mail address, or a webhook's URL.
    pub recipient: String,
    pub webhook_id: Option<i64>,
    /// What caused it: `reminder`, `deadline.summary`, `report.returned`, …
    pub event: String,
    pub subject: String,
    /// The e-mail's text, or the webhook's JSON body.
    pub body: String,
}

/// A notification as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub id: i64,
    pub dedupe_key: String,
    /// `email` or `webhook`.
    pub channel: String,
    pub recipient: String,
    pub webhook_id: Option<i64>,
    pub event: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// `pending`, `sent` or `dead`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = outbox)]
struct Row {
    id: i64,
    dedupe_key: String,
    channel: String,
    recipient: String,
    webhook_id: Option<i64>,
    event: String,
    subject: String,
    body: String,
    created_at: NaiveDateTime,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    last_error: Option<String>,
    sent_at: Option<NaiveDateTime>,
}

fn into_message(row: Row) -> Message {
    Message {
        id: row.id,
        dedupe_key: row.dedupe_key,
        channel: row.channel,
        recipient: row.recipient,
        webhook_id: row.webhook_id,
        event: row.event,
        subject: row.subject,
        body: row.body,
        created_at: from_db(row.created_at),
        status: row.status,
        attempts: row.attempts,
        next_attempt_at: from_db(row.next_attempt_at),
        last_error: row.last_error,
        sent_at: row.sent_at.map(from_db),
    }
}

/// Writes a notification unless one with the same dedupe key exists; returns whether it was written. Call it
/// inside the transaction of the event that causes it.
pub fn enqueue(
    conn: &mut DbConnection,
    message: &NewMessage,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let exists: i64 = outbox::table
        .filter(outbox::dedupe_key.eq(&message.dedupe_key))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    // A savepoint, so that a concurrent writer of the same key costs this one row, not the whole transaction.
    insert_unique(conn, |conn| {
        diesel::insert_into(outbox::table)
            .values((
                outbox::dedupe_key.eq(&message.dedupe_key),
                outbox::channel.eq(message.channel.as_str()),
                outbox::recipient.eq(&message.recipient),
                outbox::webhook_id.eq(message.webhook_id),
                outbox::event.eq(&message.event),
                outbox::subject.eq(&message.subject),
                outbox::body.eq(&message.body),
                outbox::created_at.eq(to_db(now)),
                outbox::status.eq(Status::Pending.as_str()),
                outbox::attempts.eq(0),
                outbox::next_attempt_at.eq(to_db(now)),
            ))
            .execute(conn)
    })
}

/// Which notifications to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub channel: Option<Channel>,
}

/// Notifications, newest first, with the total matching the filter.
pub fn list(
    conn: &mut DbConnection,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> StoreResult<(Vec<Message>, i64)> {
    let query = || {
        let mut q = outbox::table.into_boxed();
        if let Some(status) = filter.status {
            q = q.filter(outbox::status.eq(status.as_str()));
        }
        if let Some(channel) = filter.channel {
            q = q.filter(outbox::channel.eq(channel.as_str()));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<Row> = query()
        .order(outbox::id.desc())
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(into_message).collect(), total))
}

/// Every notification whose dedupe key starts with `prefix`, oldest first (tests and operators).
pub fn with_key_prefix(conn: &mut DbConnection, prefix: &str) -> StoreResult<Vec<Message>> {
    let rows: Vec<Row> = outbox::table
        .filter(outbox::dedupe_key.like(format!("{prefix}%")))
        .order(outbox::id.asc())
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(into_message).collect())
}

/// Takes a lease on up to `limit` due notifications of the given channels for `owner`, until `now + lease`.
/// A row leased by another worker whose lease has not run out is left alone.
pub fn claim_due(
    conn: &mut DbConnection,
    channels: &[Channel],
    owner: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> StoreResult<Vec<Message>> {
    let names: Vec<&str> = channels.iter().map(|c| c.as_str()).collect();
    let free = outbox::lease_until
        .is_null()
        .or(outbox::lease_until.lt(to_db(now)));
    let candidates: Vec<i64> = outbox::table
        .filter(outbox::status.eq(Status::Pending.as_str()))
        .filter(outbox::channel.eq_any(&names))
        .filter(outbox::next_attempt_at.le(to_db(now)))
        .filter(free)
        .order(outbox::id.asc())
        .limit(limit)
        .select(outbox::id)
        .load(conn)?;
    let mut claimed = Vec::new();
    for id in candidates {
        // The conditional update is the lock: of two workers racing for a row, one updates it, the other none.
        let taken = diesel::update(
            outbox::table
                .find(id)
                .filter(outbox::status.eq(Status::Pending.as_str()))
                .filter(
                    outbox::lease_until
                        .is_null()
                        .or(outbox::lease_until.lt(to_db(now))),
                ),
        )
        .set((
            outbox::lease_owner.eq(Some(owner)),
            outbox::lease_until.eq(Some(to_db(now + lease))),
        ))
        .execute(conn)?;
        if taken == 1 {
            let row: Row = outbox::table
                .find(id)
                .select(Row::as_select())
                .first(conn)?;
            claimed.push(into_message(row));
        }
    }
    Ok(claimed)
}

/// Records a delivery.
pub fn mark_sent(
    conn: &mut DbConnection,
    id: i64,
    owner: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::update(outbox::table.find(id).filter(outbox::lease_owner.eq(owner)))
        .set((
            outbox::status.eq(Status::Sent.as_str()),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::sent_at.eq(Some(to_db(now))),
            outbox::last_error.eq(None::<String>),
            outbox::lease_owner.eq(None::<String>),
            outbox::lease_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or dead when `None`.
pub fn mark_failed(
    conn: &mut DbConnection,
    id: i64,
    owner: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> StoreResult<()> {
    let status = if retry_at.is_some() {
        Status::Pending
    } else {
        Status::Dead
    };
    crate::atomically(conn, |conn| {
        diesel::update(outbox::table.find(id).filter(outbox::lease_owner.eq(owner)))
            .set((
                outbox::status.eq(status.as_str()),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::last_error.eq(Some(error)),
                outbox::lease_owner.eq(None::<String>),
                outbox::lease_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        if let Some(at) = retry_at {
            diesel::update(outbox::table.find(id))
                .set(outbox::next_attempt_at.eq(to_db(at)))
                .execute(conn)?;
        }
        Ok::<_, StoreError>(())
    })?;
    Ok(())
}

/// Counts by status (for the administration page).
pub fn counts(conn: &mut DbConnection) -> StoreResult<Vec<(String, i64)>> {
    let mut out = Vec::new();
    for status in Status::ALL {
        let n: i64 = outbox::table
            .filter(outbox::status.eq(status.as_str()))
            .count()
            .get_result(conn)?;
        out.push((status.as_str().to_owned(), n));
    }
    Ok(out)
}

/// One notification.
pub fn get(conn: &mut DbConnection, id: i64) -> StoreResult<Option<Message>> {
    let row: Option<Row> = outbox::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?;
    Ok(row.map(into_message))
}

/// Puts a dead notification back in the queue, due at `now` with all its attempts again (its last error kept
/// until the next attempt); `false` when it is not dead (sent, or already waiting).
pub fn retry(conn: &mut DbConnection, id: i64, now: DateTime<Utc>) -> StoreResult<bool> {
    let changed = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq(Status::Dead.as_str())),
    )
    .set((
        outbox::status.eq(Status::Pending.as_str()),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(to_db(now)),
        outbox::lease_owner.eq(None::<String>),
        outbox::lease_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}
