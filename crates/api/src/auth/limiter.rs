//! Limits failed logins: after too many failures for one login within a window, further attempts are refused
//! until the window ends. Kept in memory, per instance.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

const MAX_FAILURES: u32 = 5;
const WINDOW_MINUTES: i64 = 15;

#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, DateTime<Utc>)>>,
}

impl LoginLimiter {
    /// `Err(seconds to wait)` when `login` is locked out at `now`.
    pub fn check(&self, login: &str, now: DateTime<Utc>) -> Result<(), u64> {
        let Ok(mut map) = self.failures.lock() else {
            return Ok(());
        };
        match map.get(&key(login)) {
            Some((count, since)) if *count >= MAX_FAILURES => {
                let until = *since + Duration::minutes(WINDOW_MINUTES);
                if now < until {
                    Err(u64::try_from((until - now).num_seconds())
                        .unwrap_or(1)
                        .max(1))
                } else {
                    map.remove(&key(login));
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    pub fn failed(&self, login: &str, now: DateTime<Utc>) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        let entry = map.entry(key(login)).or_insert((0, now));
        if now - entry.1 > Duration::minutes(WINDOW_MINUTES) {
            *entry = (0, now);
        }
        entry.0 += 1;
    }

    pub fn succeeded(&self, login: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(&key(login));
        }
    }
}

fn key(login: &str) -> String {
    login.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_login_for_the_window() {
        let limiter = LoginLimiter::default();
        let t0: DateTime<Utc> = "2026-01-01T10:00:00Z".parse().unwrap();
        for _ in 0..5 {
            assert!(limiter.check("a@x.fr", t0).is_ok());
            limiter.failed("A@x.fr", t0);
        }
        assert_eq!(
            limiter.check("a@x.fr", t0 + Duration::minutes(1)),
            Err(14 * 60)
        );
        assert!(limiter.check("other@x.fr", t0).is_ok());
        assert!(limiter.check("a@x.fr", t0 + Duration::minutes(16)).is_ok());
        limiter.failed("b@x.fr", t0);
        limiter.succeeded("b@x.fr");
        assert!(limiter.check("b@x.fr", t0).is_ok());
    }
}
