//! What this instance computed from the data, kept while the data version stays where it was read: the loaded
//! statistics dataset, statistics answers, and whether a token's subject is still active. Every write bumps the
//! version in the database (triggers), so a change made through any instance makes these stale at once.

use actix_web::web::Bytes;
use pilotage_analytics::Dataset;
use pilotage_store::principals::Standing;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Most statistics answers kept; beyond, the cache starts afresh (so odd queries cannot grow it without end).
const ANSWERS: usize = 4096;
/// Most token subjects remembered for one data version.
const SUBJECTS: usize = 10_000;

/// The data version read for this request (by the `Caller` extractor), kept in the request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataVersion(pub i64);

/// An answer kept: its body, and its ETag when it has one.
#[derive(Debug, Clone)]
pub struct Answer {
    pub etag: Option<String>,
    pub body: Bytes,
}

#[derive(Default)]
pub struct Freshness {
    /// By `include_drafts`.
    datasets: Mutex<HashMap<bool, (i64, Arc<Dataset>)>>,
    answers: Mutex<HashMap<String, (i64, Answer)>>,
    subjects: Mutex<(i64, HashMap<String, Option<Standing>>)>,
}

impl Freshness {
    pub fn dataset(&self, version: i64, drafts: bool) -> Option<Arc<Dataset>> {
        let map = self.datasets.lock().ok()?;
        map.get(&drafts)
            .filter(|(v, _)| *v == version)
            .map(|(_, d)| Arc::clone(d))
    }

    pub fn keep_dataset(&self, version: i64, drafts: bool, data: Arc<Dataset>) {
        if let Ok(mut map) = self.datasets.lock() {
            map.insert(drafts, (version, data));
        }
    }

    pub fn answer(&self, key: &str, version: i64) -> Option<Answer> {
        let map = self.answers.lock().ok()?;
        map.get(key)
            .filter(|(v, _)| *v == version)
            .map(|(_, a)| a.clone())
    }

    pub fn keep_answer(&self, key: String, version: i64, answer: Answer) {
        if let Ok(mut map) = self.answers.lock() {
            if map.len() >= ANSWERS {
                map.retain(|_, (v, _)| *v >= version);
                if map.len() >= ANSWERS {
                    map.clear();
                }
            }
            map.insert(key, (version, answer));
        }
    }

    /// The standing of `subject` at `version` (active, last deactivated), if known: `Some(None)` for a subject that
    /// is neither a user nor an API client.
    pub fn subject(&self, version: i64, subject: &str) -> Option<Option<Standing>> {
        let guard = self.subjects.lock().ok()?;
        if guard.0 != version {
            return None;
        }
        guard.1.get(subject).copied()
    }

    pub fn keep_subject(&self, version: i64, subject: String, standing: Option<Standing>) {
        if let Ok(mut guard) = self.subjects.lock() {
            if guard.0 != version {
                if guard.0 > version {
                    return;
                }
                *guard = (version, HashMap::new());
            }
            if guard.1.len() >= SUBJECTS {
                guard.1.clear();
            }
            guard.1.insert(subject, standing);
        }
    }
}
