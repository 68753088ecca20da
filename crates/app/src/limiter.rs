//! Limits failed logins. A login is locked after 5 failures within 15 minutes **from one client address** only
//! (key: login and address), so an attacker elsewhere cannot lock a coordinator out; each address is also limited
//! to 50 failures per window whatever the logins it tries. Kept in memory, per instance.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

const MAX_FAILURES: u32 = 5;
/// Failures one address may make within a window, over all the logins it tries.
const MAX_ADDRESS_FAILURES: u32 = 50;
const WINDOW_MINUTES: i64 = 15;
/// Most entries kept in each map; a flood of new keys evicts expired, then unlocked entries, never a lock.
pub const MAX_ENTRIES: usize = 10_000;
/// Longest login accepted (an e-mail address has at most 254 bytes); longer ones are refused before any lookup.
pub const MAX_LOGIN_BYTES: usize = 254;

#[derive(Debug, Default)]
struct Maps {
    /// (login, address) → failures and the start of their window.
    logins: HashMap<(String, String), (u32, DateTime<Utc>)>,
    /// address → failures and the start of their window.
    addresses: HashMap<String, (u32, DateTime<Utc>)>,
}

#[derive(Debug, Default)]
pub struct LoginLimiter {
    maps: Mutex<Maps>,
}

/// Seconds left in a window that started at `since` and holds `count >= max` failures, or `None`.
fn locked(entry: Option<&(u32, DateTime<Utc>)>, max: u32, now: DateTime<Utc>) -> Option<u64> {
    let (count, since) = entry?;
    let until = *since + Duration::minutes(WINDOW_MINUTES);
    (*count >= max && now < until).then(|| {
        u64::try_from((until - now).num_seconds())
            .unwrap_or(1)
            .max(1)
    })
}

/// Counts a failure; `Err(seconds)` when the map is full of locked entries (refused rather than forget a lock).
fn bump<K: std::hash::Hash + Eq>(
    map: &mut HashMap<K, (u32, DateTime<Utc>)>,
    key: K,
    max: u32,
    now: DateTime<Utc>,
) -> Result<(), u64> {
    let window = Duration::minutes(WINDOW_MINUTES);
    if !map.contains_key(&key) && map.len() >= MAX_ENTRIES {
        map.retain(|_, (_, since)| now - *since <= window);
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, (count, _)| *count >= max);
        }
        if map.len() >= MAX_ENTRIES {
            return Err(u64::try_from(window.num_seconds()).unwrap_or(1));
        }
    }
    let entry = map.entry(key).or_insert((0, now));
    if now - entry.1 > window {
        *entry = (0, now);
    }
    entry.0 = entry.0.saturating_add(1);
    Ok(())
}

impl LoginLimiter {
    /// `Err(seconds to wait)` when `login` is locked out for `address` at `now`, or `address` made too many
    /// failures.
    pub fn check(&self, login: &str, address: &str, now: DateTime<Utc>) -> Result<(), u64> {
        let Ok(maps) = self.maps.lock() else {
            return Ok(());
        };
        let by_login = locked(maps.logins.get(&key(login, address)), MAX_FAILURES, now);
        let by_address = locked(maps.addresses.get(address), MAX_ADDRESS_FAILURES, now);
        match by_login.max(by_address) {
            Some(wait) => Err(wait),
            None => Ok(()),
        }
    }

    /// Counts a failure; `Err(seconds to wait)` when the limiter is full of live locks and cannot count it.
    pub fn failed(&self, login: &str, address: &str, now: DateTime<Utc>) -> Result<(), u64> {
        let Ok(mut maps) = self.maps.lock() else {
            return Ok(());
        };
        bump(&mut maps.logins, key(login, address), MAX_FAILURES, now)?;
        bump(
            &mut maps.addresses,
            address.to_owned(),
            MAX_ADDRESS_FAILURES,
            now,
        )
    }

    /// Entries kept (logins, addresses).
    pub fn sizes(&self) -> (usize, usize) {
        self.maps
            .lock()
            .map(|m| (m.logins.len(), m.addresses.len()))
            .unwrap_or_default()
    }

    pub fn succeeded(&self, login: &str, address: &str) {
        if let Ok(mut maps) = self.maps.lock() {
            maps.logins.remove(&key(login, address));
        }
    }
}

fn key(login: &str, address: &str) -> (String, String) {
    let mut login = login.trim().to_lowercase();
    let mut end = login.len().min(MAX_LOGIN_BYTES);
    while !login.is_char_boundary(end) {
        end -= 1;
    }
    login.truncate(end);
    (login, address.to_owned())
}

/// 422 for a login longer than any real one, before any lookup.
pub fn check_length(field: &str, login: &str) -> Result<(), crate::error::ApiError> {
    if login.len() > MAX_LOGIN_BYTES {
        return Err(crate::error::ApiError::field(
            field,
            "too_long",
            format!("{} octets : {MAX_LOGIN_BYTES} au plus", login.len()),
        ));
    }
    Ok(())
}

/// The client address a request came from (the peer's IP; forwarding headers are not trusted).
pub fn address_of(req: &actix_web::HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_login_for_the_window() {
        let limiter = LoginLimiter::default();
        let t0: DateTime<Utc> = "2026-01-01T10:00:00Z".parse().unwrap();
        for _ in 0..5 {
            assert!(limiter.check("a@x.fr", "1.1.1.1", t0).is_ok());
            limiter.failed("A@x.fr", "1.1.1.1", t0).unwrap();
        }
        assert_eq!(
            limiter.check("a@x.fr", "1.1.1.1", t0 + Duration::minutes(1)),
            Err(14 * 60)
        );
        assert!(limiter.check("other@x.fr", "1.1.1.1", t0).is_ok());
        assert!(limiter
            .check("a@x.fr", "1.1.1.1", t0 + Duration::minutes(16))
            .is_ok());
        limiter.failed("b@x.fr", "1.1.1.1", t0).unwrap();
        limiter.succeeded("b@x.fr", "1.1.1.1");
        assert!(limiter.check("b@x.fr", "1.1.1.1", t0).is_ok());
    }

    #[test]
    fn a_lock_from_one_address_does_not_lock_the_owner_elsewhere() {
        let limiter = LoginLimiter::default();
        let t0: DateTime<Utc> = "2026-08-31T10:00:00Z".parse().unwrap();
        for _ in 0..5 {
            limiter.failed("coord@x.fr", "6.6.6.6", t0).unwrap();
        }
        assert!(limiter.check("coord@x.fr", "6.6.6.6", t0).is_err());
        assert!(limiter.check("coord@x.fr", "10.0.0.7", t0).is_ok());
    }

    #[test]
    fn one_address_trying_many_logins_is_limited() {
        let limiter = LoginLimiter::default();
        let t0: DateTime<Utc> = "2026-08-31T10:00:00Z".parse().unwrap();
        for i in 0..MAX_ADDRESS_FAILURES {
            assert!(limiter.check(&format!("c{i}@x.fr"), "6.6.6.6", t0).is_ok());
            limiter
                .failed(&format!("c{i}@x.fr"), "6.6.6.6", t0)
                .unwrap();
        }
        assert!(limiter.check("fresh@x.fr", "6.6.6.6", t0).is_err());
        assert!(limiter.check("fresh@x.fr", "7.7.7.7", t0).is_ok());
        assert!(limiter
            .check("fresh@x.fr", "6.6.6.6", t0 + Duration::minutes(16))
            .is_ok());
    }

    #[test]
    fn a_flood_of_twenty_thousand_logins_stays_bounded_and_keeps_a_real_lockout() {
        let limiter = LoginLimiter::default();
        let t0: DateTime<Utc> = "2026-08-31T10:00:00Z".parse().unwrap();
        for _ in 0..5 {
            limiter.failed("coord@x.fr", "6.6.6.6", t0).unwrap();
        }
        for i in 0..20_000u32 {
            let address = format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255);
            let _ = limiter.failed(&format!("{i}@flood.fr"), &address, t0);
        }
        let (logins, addresses) = limiter.sizes();
        assert!(
            logins <= MAX_ENTRIES && addresses <= MAX_ENTRIES,
            "{logins} {addresses}"
        );
        assert!(limiter.check("coord@x.fr", "6.6.6.6", t0).is_err());
        // Full of locks: a new failure is refused (429) rather than forgetting one.
        let full = LoginLimiter::default();
        for i in 0..MAX_ENTRIES {
            for _ in 0..5 {
                full.failed(&format!("{i}@x.fr"), "6.6.6.6", t0).ok();
            }
        }
        assert!(full.failed("new@x.fr", "6.6.6.6", t0).is_err());
        assert!(full.check("0@x.fr", "6.6.6.6", t0).is_err());
        // Expired entries make room again.
        assert!(full
            .failed("new@x.fr", "6.6.6.6", t0 + Duration::minutes(16))
            .is_ok());
        assert!(key(&"a".repeat(200_000), "").0.len() <= MAX_LOGIN_BYTES);
    }
}
