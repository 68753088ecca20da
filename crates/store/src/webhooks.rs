//! Webhooks registered by API clients (regional systems), and the notifications of an event to each subscriber,
//! written into the outbox in the caller's transaction.

use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::outbox::{self, Channel, NewMessage};
use crate::schema::{api_clients, campuses, webhooks};
use crate::time::{from_db, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{AcademicYear, CampusId, Event};
use serde::Serialize;

/// A registered webhook (its secret is never read back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    pub id: i64,
    pub client_id: String,
    pub url: String,
    pub events: Vec<Event>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

type Row = (i64, String, String, String, bool, NaiveDateTime);

const COLUMNS: (
    webhooks::id,
    webhooks::client_id,
    webhooks::url,
    webhooks::events,
    webhooks::active,
    webhooks::created_at,
) = (
    webhooks::id,
    webhooks::client_id,
    webhooks::url,
    webhooks::events,
    webhooks::active,
    webhooks::created_at,
);

fn into_webhook(row: Row) -> StoreResult<Webhook> {
    let (id, client_id, url, events, active, created_at) = row;
    let events = events
        .split(',')
        .filter(|e| !e.is_empty())
        .map(|e| Event::parse(e).ok_or_else(|| StoreError::corrupt(format!("event {e}"))))
        .collect::<StoreResult<_>>()?;
    Ok(Webhook {
        id,
        client_id,
        url,
        events,
        active,
        created_at: from_db(created_at),
    })
}

/// Registers a webhook for an API client.
pub fn register(
    conn: &mut DbConnection,
    client_id: &str,
    url: &str,
    events: &[Event],
    secret: &str,
    now: DateTime<Utc>,
) -> StoreResult<Webhook> {
    let events: Vec<&str> = events.iter().map(|e| e.as_str()).collect();
    crate::atomically(conn, |conn| {
        diesel::insert_into(webhooks::table)
            .values((
                webhooks::client_id.eq(client_id),
                webhooks::url.eq(url),
                webhooks::events.eq(events.join(",")),
                webhooks::secret.eq(secret),
                webhooks::active.eq(true),
                webhooks::created_at.eq(to_db(now)),
            ))
            .execute(conn)?;
        let row: Row = webhooks::table
            .filter(webhooks::client_id.eq(client_id))
            .order(webhooks::id.desc())
            .select(COLUMNS)
            .first(conn)?;
        let webhook = into_webhook(row)?;
        let named = format!("{} {} [{}]", webhook.id, url, events.join(","));
        crate::audit::record_webhook(conn, client_id, now, "webhook_registered", &named)?;
        Ok(webhook)
    })
}

/// The webhooks of one client (or of every client), active ones and not.
pub fn list(conn: &mut DbConnection, client_id: Option<&str>) -> StoreResult<Vec<Webhook>> {
    let mut query = webhooks::table.into_boxed();
    if let Some(client) = client_id {
        query = query.filter(webhooks::client_id.eq(client));
    }
    let rows: Vec<Row> = query.order(webhooks::id.asc()).select(COLUMNS).load(conn)?;
    rows.into_iter().map(into_webhook).collect()
}

/// Stops a client's webhook, audited under the client's name; `false` when it has none of that id.
pub fn deactivate(
    conn: &mut DbConnection,
    client_id: &str,
    id: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    crate::atomically(conn, |conn| {
        let url: Option<String> = webhooks::table
            .find(id)
            .filter(webhooks::client_id.eq(client_id))
            .select(webhooks::url)
            .first(conn)
            .optional()?;
        let Some(url) = url else {
            return Ok(false);
        };
        diesel::update(webhooks::table.find(id))
            .set(webhooks::active.eq(false))
            .execute(conn)?;
        let named = format!("{id} {url}");
        crate::audit::record_webhook(conn, client_id, now, "webhook_deleted", &named)?;
        Ok(true)
    })
}

/// The signing secret of a webhook, if it is still active.
pub fn secret(conn: &mut DbConnection, id: i64) -> StoreResult<Option<String>> {
    Ok(webhooks::table
        .find(id)
        .filter(webhooks::active.eq(true))
        .select(webhooks::secret)
        .first(conn)
        .optional()?)
}

/// Writes one outbox message per active webhook subscribed to `event` whose client may see `region` (clients of
/// that région, or national clients). `key` makes the event unique (e.g. the campus, year and time).
pub fn notify(
    conn: &mut DbConnection,
    event: Event,
    region: &str,
    key: &str,
    body: &serde_json::Value,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let rows: Vec<(i64, String, String)> = webhooks::table
        .inner_join(api_clients::table)
        .filter(webhooks::active.eq(true))
        .filter(api_clients::active.eq(true))
        .filter(
            api_clients::region_code
                .eq(region)
                .or(api_clients::region_code.is_null()),
        )
        .filter(webhooks::events.like(format!("%{}%", event.as_str())))
        .select((webhooks::id, webhooks::url, webhooks::events))
        .load(conn)?;
    let mut written = 0;
    for (id, url, events) in rows {
        if !events.split(',').any(|e| e == event.as_str()) {
            continue;
        }
        let message = NewMessage {
            dedupe_key: format!("webhook:{id}:{}:{key}", event.as_str()),
            channel: Channel::Webhook,
            recipient: url,
            webhook_id: Some(id),
            event: event.as_str().to_owned(),
            subject: event.as_str().to_owned(),
            body: body.to_string(),
        };
        if outbox::enqueue(conn, &message, now)? {
            written += 1;
        }
    }
    Ok(written)
}

/// The région académique of a campus (to address its events).
pub fn campus_region(conn: &mut DbConnection, campus: &CampusId) -> StoreResult<String> {
    Ok(campuses::table
        .find(campus.as_str())
        .select(campuses::region_code)
        .first(conn)?)
}

/// The JSON body of a report event, for regional systems: which campus, région and year, the new status and when —
/// no figure and no person (the analyst's review comment is part of the report's content, which is not published
/// to regional systems, and may name people; it reaches the campus's coordinators by e-mail only).
pub fn report_event_body(
    event: Event,
    campus: &CampusId,
    region: &str,
    year: AcademicYear,
    status: &str,
    at: DateTime<Utc>,
) -> serde_json::Value {
    serde_json::json!({
        "event": event.as_str(),
        "campus_id": campus.as_str(),
        "region": region,
        "academic_year": year.to_string(),
        "status": status,
        "at": at.to_rfc3339(),
    })
}
