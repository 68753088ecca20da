//! Builders shared by the analytics tests.

#![allow(dead_code, clippy::unwrap_used)] // each test file uses part of them; a failed parse is the test failing

use chrono::{DateTime, Utc};

pub use pilotage_domain::testing::sample_campus as campus;

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}
