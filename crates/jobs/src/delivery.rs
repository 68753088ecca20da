//! The outbox worker: takes a lease on due notifications, delivers them, and records each outcome. A failure is
//! retried with exponential backoff (1, 2, 4 … minutes) and ends dead after the last attempt. E-mails wait when
//! no SMTP server is configured.

use crate::transport::Transports;
use anyhow::Result;
use chrono::{DateTime, Duration, Utc};
use pilotage_store::outbox::{self, Channel};
use pilotage_store::{webhooks, DbConnection};

/// Retries and leases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts before a notification is dead.
    pub max_attempts: i32,
    /// Wait after the first failure; doubled after each.
    pub first_backoff: Duration,
    /// How long a worker holds a notification it is delivering (another worker takes it over afterwards).
    pub lease: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            first_backoff: Duration::minutes(1),
            lease: Duration::minutes(5),
        }
    }
}

impl RetryPolicy {
    /// When to try again after `attempts` failed attempts (this one included), or `None` to give up.
    pub fn retry_at(&self, attempts: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if attempts >= self.max_attempts {
            return None;
        }
        let factor = 1i32 << (attempts - 1).clamp(0, 20);
        Some(now + self.first_backoff * factor)
    }
}

/// What one pass of the worker did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub sent: usize,
    pub failed: usize,
    pub dead: usize,
}

/// Delivers every due notification (up to `batch`) as `owner`.
pub fn deliver_due(
    conn: &mut DbConnection,
    transports: &Transports,
    policy: &RetryPolicy,
    owner: &str,
    now: DateTime<Utc>,
    batch: i64,
) -> Result<Outcome> {
    let mut channels = vec![Channel::Webhook];
    if transports.can_email() {
        channels.push(Channel::Email);
    }
    let claimed = outbox::claim_due(conn, &channels, owner, now, policy.lease, batch)?;
    let mut outcome = Outcome::default();
    for message in claimed {
        let result = if message.channel == Channel::Email.as_str() {
            transports.email(
                &message.recipient,
                &message.subject,
                &message.body,
                &message.dedupe_key,
            )
        } else {
            match message.webhook_id {
                Some(id) => match webhooks::secret(conn, id)? {
                    Some(secret) => transports.webhook(
                        &message.recipient,
                        &message.event,
                        &message.body,
                        &secret,
                        &message.dedupe_key,
                        now,
                    ),
                    None => Err("webhook removed".to_owned()),
                },
                None => Err("webhook notification without a webhook".to_owned()),
            }
        };
        match result {
            Ok(()) => {
                outbox::mark_sent(conn, message.id, owner, now)?;
                outcome.sent += 1;
            }
            Err(error) => {
                let retry_at = policy.retry_at(message.attempts + 1, now);
                outbox::mark_failed(conn, message.id, owner, &error, retry_at)?;
                if retry_at.is_some() {
                    outcome.failed += 1;
                } else {
                    outcome.dead += 1;
                }
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_then_gives_up() {
        let p = RetryPolicy {
            max_attempts: 4,
            first_backoff: Duration::minutes(1),
            lease: Duration::minutes(5),
        };
        let now: DateTime<Utc> = "2026-09-02T08:00:00Z".parse().unwrap();
        assert_eq!(p.retry_at(1, now), Some(now + Duration::minutes(1)));
        assert_eq!(p.retry_at(2, now), Some(now + Duration::minutes(2)));
        assert_eq!(p.retry_at(3, now), Some(now + Duration::minutes(4)));
        assert_eq!(p.retry_at(4, now), None);
    }
}
