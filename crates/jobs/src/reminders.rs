//! Reminders 30, 7 and 1 days before each deadline (counted in Paris calendar days, with the campus's own lock
//! exception if it has one) to the coordinators of campuses that have not handed in.

use crate::network::{all_campuses, handed_in, years_around, HANDED_IN_KINDS};
use anyhow::Result;
use chrono::{DateTime, Utc};
use pilotage_domain::french::paris_date;
use pilotage_domain::notification;
use pilotage_store::{deadlines, notifications, users, DbConnection};

/// Days before a deadline on which coordinators are reminded.
pub const REMINDER_DAYS: [i64; 3] = [30, 7, 1];

/// Writes the reminders due at `at` into the outbox; returns how many were new.
pub fn run(conn: &mut DbConnection, at: DateTime<Utc>) -> Result<usize> {
    let campuses = all_campuses(conn)?;
    let today = paris_date(at);
    let mut written = 0;
    for kind in HANDED_IN_KINDS {
        for year in years_around(at) {
            let done = handed_in(conn, kind, year, at)?;
            for campus in campuses.iter().filter(|c| c.expected_to_report(year)) {
                if done.contains(campus.id.as_str()) {
                    continue;
                }
                let due = deadlines::due_for_campus(conn, &campus.id, year, kind)?;
                let days_left = (paris_date(due) - today).num_days();
                if due < at || !REMINDER_DAYS.contains(&days_left) {
                    continue;
                }
                for user in users::coordinators_of(conn, &campus.id)? {
                    let mail = notification::reminder(kind, &campus.name, year, due, days_left);
                    // The due date is in the key: a lock exception's new date gets its own reminders.
                    let key = format!(
                        "reminder:{}:{year}:{}:{}:J-{days_left}:{}",
                        kind.as_str(),
                        campus.id,
                        paris_date(due),
                        user.id
                    );
                    if notifications::email(conn, key, &user.email, "reminder", mail, at)? {
                        written += 1;
                    }
                }
            }
        }
    }
    Ok(written)
}
