//! The notifications a report's review step causes, written in that step's transaction: the domain decides whom a
//! transition tells (`submission::notices`); this writes the webhook events and e-mails to the outbox.

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::outbox::{self, Channel, NewMessage};
use crate::schema::campuses;
use crate::{users, webhooks};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::notification::{Email, MailContext, ReportStep};
use pilotage_domain::submission::{self, Notice};
use pilotage_domain::{AcademicYear, CampusId, ReportAction, ReportStatus};

/// An e-mail to one address, keyed so that it is written once.
pub fn email(
    conn: &mut DbConnection,
    dedupe_key: String,
    to: &str,
    event: &str,
    mail: Email,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    outbox::enqueue(
        conn,
        &NewMessage {
            dedupe_key,
            channel: Channel::Email,
            recipient: to.to_owned(),
            webhook_id: None,
            event: event.to_owned(),
            subject: mail.subject,
            body: mail.body,
        },
        now,
    )
}

/// Writes the notices of a report's transition (`pilotage_domain::submission::notices` decides them): the webhook
/// event to the regional systems subscribed for the campus's région, the e-mails to its coordinators (and only
/// them: the users whose scope holds this campus), linking to the report's page at `mail`'s public address.
#[allow(clippy::too_many_arguments)] // each is one fact of the step; the domain's ReportStep is built here
pub fn report_transition(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    action: ReportAction,
    status: ReportStatus,
    comment: Option<&str>,
    now: DateTime<Utc>,
    mail: &MailContext,
) -> StoreResult<()> {
    // Nothing to tell: not even the campus is read.
    if submission::event_of(action).is_none() {
        return Ok(());
    }
    let (name, region): (String, String) = campuses::table
        .find(campus.as_str())
        .select((campuses::name, campuses::region_code))
        .first(conn)?;
    // Unique per step: the time of the step (to the microsecond) tells a second submission from the first.
    let key = format!("{campus}:{year}:{}", now.format("%Y-%m-%dT%H:%M:%S%.6fZ"));
    let step = ReportStep {
        campus_id: campus,
        campus_name: &name,
        year,
        at: now,
    };
    for notice in submission::notices(action, &step, comment, mail) {
        match notice {
            Notice::Webhook(event) => {
                let body =
                    webhooks::report_event_body(event, campus, &region, year, status.as_str(), now);
                webhooks::notify(conn, event, &region, &key, &body, now)?;
            }
            Notice::Coordinators { event, mail } => {
                for user in users::coordinators_of(conn, campus)? {
                    email(
                        conn,
                        format!("email:{}:{key}:{}", event.as_str(), user.id),
                        &user.email,
                        event.as_str(),
                        mail.clone(),
                        now,
                    )?;
                }
            }
        }
    }
    Ok(())
}
