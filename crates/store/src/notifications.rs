//! The notifications a report's review step causes, written in that step's transaction: the webhook event to the
//! regional systems that subscribed, and an e-mail to the campus's coordinators when an analyst returns or accepts.

use crate::connection::DbConnection;
use crate::error::StoreResult;
use crate::outbox::{self, Channel, NewMessage};
use crate::schema::campuses;
use crate::{users, webhooks};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::notification::{self, Email};
use pilotage_domain::{AcademicYear, CampusId, Event, ReportAction, ReportStatus};

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

/// What a review step tells whom.
pub fn report_transition(
    conn: &mut DbConnection,
    campus: &CampusId,
    year: AcademicYear,
    action: ReportAction,
    status: ReportStatus,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let event = match action {
        ReportAction::Submit => Event::ReportSubmitted,
        ReportAction::Accept => Event::ReportAccepted,
        ReportAction::Return => Event::ReportReturned,
        ReportAction::Edit | ReportAction::Reopen => return Ok(()),
    };
    let (name, region): (String, String) = campuses::table
        .find(campus.as_str())
        .select((campuses::name, campuses::region_code))
        .first(conn)?;
    // Unique per step: the time of the step (to the microsecond) tells a second submission from the first.
    let key = format!("{campus}:{year}:{}", now.format("%Y-%m-%dT%H:%M:%S%.6fZ"));
    let body = webhooks::report_event_body(event, campus, &region, year, status.as_str(), now);
    webhooks::notify(conn, event, &region, &key, &body, now)?;
    if matches!(event, Event::ReportAccepted | Event::ReportReturned) {
        let accepted = event == Event::ReportAccepted;
        for user in users::coordinators_of(conn, campus)? {
            let mail = notification::report_reviewed(&name, year, accepted, comment);
            email(
                conn,
                format!("email:{}:{key}:{}", event.as_str(), user.id),
                &user.email,
                event.as_str(),
                mail,
                now,
            )?;
        }
    }
    Ok(())
}
