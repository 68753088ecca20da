//! The audit log: every value change and status change, who and when.

use crate::connection::{insert_many, DbConnection};
use crate::error::StoreResult;
use crate::schema::audit_log;
use crate::time::{from_db, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{AcademicYear, Campus, CampusId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    AnnualReport,
    FlashSurvey,
    Target,
    Deadline,
    Campus,
    Renewal,
    User,
    ApiClient,
    Webhook,
    Session,
}

impl Entity {
    fn as_str(self) -> &'static str {
        match self {
            Self::AnnualReport => "annual_report",
            Self::FlashSurvey => "flash_survey",
            Self::Target => "target",
            Self::Deadline => "deadline",
            Self::Campus => "campus",
            Self::Renewal => "renewal",
            Self::User => "user",
            Self::ApiClient => "api_client",
            Self::Webhook => "webhook",
            Self::Session => "session",
        }
    }
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// `value_changed`, `status_changed`, `created`, …
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub comment: Option<String>,
}

/// A change to record.
pub(crate) struct Change<'a> {
    pub entity: Entity,
    pub campus_id: Option<&'a CampusId>,
    pub academic_year: Option<AcademicYear>,
    pub action: &'a str,
    pub field: Option<&'a str>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub comment: Option<&'a str>,
}

/// One audit row to insert. `None` is written as NULL (not as the column's default), which lets several rows go
/// in one multi-row `INSERT` on SQLite too.
#[derive(Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
struct NewEntry<'a> {
    at: NaiveDateTime,
    actor: &'a str,
    entity: &'static str,
    campus_id: Option<&'a str>,
    academic_year: Option<String>,
    action: &'a str,
    field: Option<&'a str>,
    old_value: Option<String>,
    new_value: Option<String>,
    comment: Option<&'a str>,
}

impl<'a> NewEntry<'a> {
    fn new(actor: &'a str, at: DateTime<Utc>, change: Change<'a>) -> Self {
        Self {
            at: to_db(at),
            actor,
            entity: change.entity.as_str(),
            campus_id: change.campus_id.map(CampusId::as_str),
            academic_year: change.academic_year.map(|y| y.to_string()),
            action: change.action,
            field: change.field,
            old_value: change.old_value,
            new_value: change.new_value,
            comment: change.comment,
        }
    }
}

pub(crate) fn record(
    conn: &mut DbConnection,
    actor: &str,
    at: DateTime<Utc>,
    change: Change<'_>,
) -> StoreResult<()> {
    record_all(conn, actor, at, vec![change])
}

/// Records several changes made together by `actor` at `at`, in one statement (in the order given).
pub(crate) fn record_all(
    conn: &mut DbConnection,
    actor: &str,
    at: DateTime<Utc>,
    changes: Vec<Change<'_>>,
) -> StoreResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let entries: Vec<NewEntry<'_>> = changes
        .into_iter()
        .map(|change| NewEntry::new(actor, at, change))
        .collect();
    insert_many!(conn, audit_log::table, &entries)?;
    Ok(())
}

/// What a write audited by [`record_write`] was about.
#[derive(Debug, Clone, Copy)]
pub enum Written<'a> {
    Campus(&'a CampusId),
    /// A user, by e-mail address.
    User(&'a str),
    /// An API client, by id.
    ApiClient(&'a str),
    /// A session (a signed token), by its id (`jti`): never the token itself.
    Session(&'a str),
}

/// Records a write that its repository does not audit itself (campuses, accounts, API clients, sessions): `action` on
/// `what`, by `actor`. Run it in the write's transaction.
pub fn record_write(
    conn: &mut DbConnection,
    actor: &str,
    at: DateTime<Utc>,
    action: &str,
    what: Written<'_>,
) -> StoreResult<()> {
    let (entity, campus_id, subject) = match what {
        Written::Campus(id) => (Entity::Campus, Some(id), None),
        Written::User(email) => (Entity::User, None, Some(email)),
        Written::ApiClient(id) => (Entity::ApiClient, None, Some(id)),
        Written::Session(jti) => (Entity::Session, None, Some(jti)),
    };
    let change = Change {
        entity,
        campus_id,
        academic_year: None,
        action,
        field: None,
        old_value: None,
        new_value: subject.map(str::to_owned),
        comment: None,
    };
    record(conn, actor, at, change)
}

/// Records an update of a campus field by field: one entry per changed field (`premises.seats`,
/// `convention.end_year`…), with its old and new values as JSON. Run it in the write's transaction.
pub fn record_campus_update(
    conn: &mut DbConnection,
    actor: &str,
    at: DateTime<Utc>,
    old: &Campus,
    new: &Campus,
) -> StoreResult<()> {
    let flat = |campus: &Campus| {
        let mut fields = BTreeMap::new();
        flatten(
            "",
            &serde_json::to_value(campus).unwrap_or_default(),
            &mut fields,
        );
        fields
    };
    let (before, after) = (flat(old), flat(new));
    let names: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let changes: Vec<Change<'_>> = names
        .into_iter()
        .filter(|name| before.get(*name) != after.get(*name))
        .map(|name| Change {
            entity: Entity::Campus,
            campus_id: Some(&new.id),
            academic_year: None,
            action: "updated",
            field: Some(name.as_str()),
            old_value: before.get(name).map(ToString::to_string),
            new_value: after.get(name).map(ToString::to_string),
            comment: None,
        })
        .collect();
    record_all(conn, actor, at, changes)
}

/// The leaves of a JSON value by dotted path.
fn flatten(
    prefix: &str,
    value: &serde_json::Value,
    into: &mut BTreeMap<String, serde_json::Value>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, v, into);
            }
        }
        leaf => {
            into.insert(prefix.to_owned(), leaf.clone());
        }
    }
}

/// Records a webhook registered or stopped by its API client (its secret is never recorded).
pub fn record_webhook(
    conn: &mut DbConnection,
    client_id: &str,
    at: DateTime<Utc>,
    action: &str,
    webhook: &str,
) -> StoreResult<()> {
    let change = Change {
        entity: Entity::Webhook,
        campus_id: None,
        academic_year: None,
        action,
        field: None,
        old_value: None,
        new_value: Some(webhook.to_owned()),
        comment: None,
    };
    record(conn, client_id, at, change)
}

/// Every entry written by `actor`, oldest first, as (entity, action, what it names).
pub fn by_actor(
    conn: &mut DbConnection,
    actor: &str,
) -> StoreResult<Vec<(String, String, Option<String>)>> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = audit_log::table
        .filter(audit_log::actor.eq(actor))
        .order(audit_log::id)
        .select((
            audit_log::entity,
            audit_log::action,
            audit_log::campus_id,
            audit_log::new_value,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(entity, action, campus, value)| (entity, action, campus.or(value)))
        .collect())
}

type EntryRow = (
    NaiveDateTime,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The history of one campus's record of a kind for a year, oldest first.
pub fn history(
    conn: &mut DbConnection,
    entity: Entity,
    campus: &CampusId,
    year: AcademicYear,
) -> StoreResult<Vec<AuditEntry>> {
    entries(conn, entity, campus, Some(year))
}

/// The changes made to a campus's own record (its name, premises, convention…), oldest first.
pub fn campus_changes(conn: &mut DbConnection, campus: &CampusId) -> StoreResult<Vec<AuditEntry>> {
    entries(conn, Entity::Campus, campus, None)
}

fn entries(
    conn: &mut DbConnection,
    entity: Entity,
    campus: &CampusId,
    year: Option<AcademicYear>,
) -> StoreResult<Vec<AuditEntry>> {
    let mut query = audit_log::table
        .filter(audit_log::entity.eq(entity.as_str()))
        .filter(audit_log::campus_id.eq(campus.as_str()))
        .into_boxed();
    query = match year {
        Some(year) => query.filter(audit_log::academic_year.eq(year.to_string())),
        None => query.filter(audit_log::academic_year.is_null()),
    };
    let rows: Vec<EntryRow> = query
        .order(audit_log::id)
        .select((
            audit_log::at,
            audit_log::actor,
            audit_log::action,
            audit_log::field,
            audit_log::old_value,
            audit_log::new_value,
            audit_log::comment,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(at, actor, action, field, old_value, new_value, comment)| AuditEntry {
                at: from_db(at),
                actor,
                action,
                field,
                old_value,
                new_value,
                comment,
            },
        )
        .collect())
}

/// Which entries of the whole log to find.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Part of the actor's e-mail address or client id (compared in lower case).
    pub actor: Option<String>,
    /// The action exactly (`created`, `status_changed`…).
    pub action: Option<String>,
    /// From this time, included.
    pub from: Option<DateTime<Utc>>,
    /// Before this time, excluded.
    pub until: Option<DateTime<Utc>>,
}

/// An entry of the whole log, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoggedEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// `annual_report`, `user`, `api_client`…
    pub entity: String,
    pub campus_id: Option<String>,
    pub academic_year: Option<String>,
    pub action: String,
    pub field: Option<String>,
    pub new_value: Option<String>,
}

type LoggedRow = (
    NaiveDateTime,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
);

/// The entries matching `search`, newest first, `limit` at most, with how many match in all.
pub fn search(
    conn: &mut DbConnection,
    search: &Search,
    limit: i64,
) -> StoreResult<(Vec<LoggedEntry>, i64)> {
    let query = || {
        let mut q = audit_log::table.into_boxed();
        if let Some(actor) = &search.actor {
            let escaped: String = actor
                .to_lowercase()
                .chars()
                .flat_map(|c| match c {
                    '%' | '_' | '\\' => vec!['\\', c],
                    c => vec![c],
                })
                .collect();
            q = q.filter(audit_log::actor.like(format!("%{escaped}%")).escape('\\'));
        }
        if let Some(action) = &search.action {
            q = q.filter(audit_log::action.eq(action.clone()));
        }
        if let Some(from) = search.from {
            q = q.filter(audit_log::at.ge(to_db(from)));
        }
        if let Some(until) = search.until {
            q = q.filter(audit_log::at.lt(to_db(until)));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<LoggedRow> = query()
        .order(audit_log::id.desc())
        .limit(limit)
        .select((
            audit_log::at,
            audit_log::actor,
            audit_log::entity,
            audit_log::campus_id,
            audit_log::academic_year,
            audit_log::action,
            audit_log::field,
            audit_log::new_value,
        ))
        .load(conn)?;
    let entries = rows
        .into_iter()
        .map(
            |(at, actor, entity, campus_id, academic_year, action, field, new_value)| LoggedEntry {
                at: from_db(at),
                actor,
                entity,
                campus_id,
                academic_year,
                action,
                field,
                new_value,
            },
        )
        .collect();
    Ok((entries, total))
}

/// Every distinct action in the log, sorted (for the search form's choices).
pub fn actions(conn: &mut DbConnection) -> StoreResult<Vec<String>> {
    Ok(audit_log::table
        .select(audit_log::action)
        .distinct()
        .order(audit_log::action)
        .load(conn)?)
}
