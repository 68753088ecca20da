//! After a deadline: each expected campus that has not handed in (its own lock exception respected) is marked
//! late once; analysts get one summary by région académique, and regional systems a `deadline.passed` event.

use crate::network::{all_campuses, handed_in, years_around, HANDED_IN_KINDS};
use anyhow::Result;
use chrono::{DateTime, Utc};
use pilotage_domain::deadline::meets;
use pilotage_domain::{notification, Campus, Event, Role};
use pilotage_store::marks::{self, Mark};
use pilotage_store::{deadlines, notifications, users, webhooks, DbConnection};
use std::collections::BTreeMap;

/// What a run of the deadline job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Campuses newly marked late.
    pub marked_late: usize,
    /// Summaries written for analysts.
    pub summaries: usize,
    /// Webhook notifications written.
    pub webhooks: usize,
}

pub fn run(conn: &mut DbConnection, at: DateTime<Utc>) -> Result<Outcome> {
    let campuses = all_campuses(conn)?;
    let analysts = users::active_with_role(conn, Role::Analyst)?;
    let mut outcome = Outcome::default();
    for kind in HANDED_IN_KINDS {
        for year in years_around(at) {
            let done = handed_in(conn, kind, year, at)?;
            let mut late: BTreeMap<&str, Vec<&Campus>> = BTreeMap::new();
            for campus in campuses.iter().filter(|c| c.expected_to_report(year)) {
                if done.contains(campus.id.as_str()) {
                    continue;
                }
                let due = deadlines::due_for_campus(conn, &campus.id, year, kind)?;
                if meets(at, due) {
                    continue;
                }
                if marks::put(conn, &campus.id, year, kind, Mark::Late, at)? {
                    late.entry(campus.region_code.as_str())
                        .or_default()
                        .push(campus);
                }
            }
            if late.is_empty() {
                continue;
            }
            outcome.marked_late += late.values().map(Vec::len).sum::<usize>();
            let due = deadlines::due(conn, year, kind)?;
            let by_region: Vec<(String, Vec<String>)> = late
                .values()
                .map(|campuses| {
                    let region = campuses
                        .first()
                        .map(|c| c.region_code.name().to_owned())
                        .unwrap_or_default();
                    (region, campuses.iter().map(|c| c.name.clone()).collect())
                })
                .collect();
            let key = format!("{}:{year}:{}", kind.as_str(), at.to_rfc3339());
            for analyst in &analysts {
                let mail = notification::deadline_summary(kind, year, due, &by_region);
                let dedupe = format!("deadline-summary:{key}:{}", analyst.id);
                if notifications::email(conn, dedupe, &analyst.email, "deadline.summary", mail, at)?
                {
                    outcome.summaries += 1;
                }
            }
            for (region, campuses) in &late {
                let body = serde_json::json!({
                    "event": Event::DeadlinePassed.as_str(),
                    "kind": kind.as_str(),
                    "academic_year": year.to_string(),
                    "region": region,
                    "deadline": due.to_rfc3339(),
                    "late_campuses": campuses.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
                    "at": at.to_rfc3339(),
                });
                outcome.webhooks +=
                    webhooks::notify(conn, Event::DeadlinePassed, region, &key, &body, at)?;
            }
        }
    }
    Ok(outcome)
}
