//! After the closing date: each unsent annual report (draft or returned) is locked once, unless the campus has a
//! lock exception running later; its coordinators are told.

use crate::network::{all_campuses, years_around};
use anyhow::Result;
use chrono::{DateTime, Utc};
use pilotage_domain::{notification, DeadlineKind};
use pilotage_store::marks::{self, Mark};
use pilotage_store::{deadlines, notifications, reports, users, DbConnection};

/// Locks the unsent reports whose closing date has passed; returns how many were newly locked.
pub fn run(conn: &mut DbConnection, at: DateTime<Utc>) -> Result<usize> {
    let campuses = all_campuses(conn)?;
    let mut locked = 0;
    for year in years_around(at) {
        let statuses = reports::statuses_for_year(conn, year)?;
        let closing = deadlines::due(conn, year, DeadlineKind::AnnualReportClosing)?;
        for campus in &campuses {
            let Some((status, _)) = statuses.get(campus.id.as_str()) else {
                continue;
            };
            if !status.is_editable() {
                continue;
            }
            let own_deadline =
                deadlines::due_for_campus(conn, &campus.id, year, DeadlineKind::AnnualReport)?;
            let campus_closing = closing.max(own_deadline);
            if campus_closing >= at {
                continue;
            }
            if !marks::put(
                conn,
                &campus.id,
                year,
                DeadlineKind::AnnualReport,
                Mark::Locked,
                at,
            )? {
                continue;
            }
            locked += 1;
            for user in users::coordinators_of(conn, &campus.id)? {
                let mail = notification::report_locked(&campus.name, year, campus_closing);
                let key = format!("locked:{year}:{}:{}", campus.id, user.id);
                notifications::email(conn, key, &user.email, "report.locked", mail, at)?;
            }
        }
    }
    Ok(locked)
}
