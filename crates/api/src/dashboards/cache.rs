//! Rendered dashboards kept in memory, keyed by their ETag (a fingerprint of the data, the dashboard, the scope,
//! the year and the format): an unchanged answer is served again, a write changes the fingerprint.

use std::collections::HashMap;
use std::sync::Mutex;

/// Most renders kept; beyond, the cache starts afresh (a steering pack is a few dozen files).
const CAPACITY: usize = 64;

#[derive(Debug, Default)]
pub struct RenderCache {
    entries: Mutex<HashMap<String, Vec<u8>>>,
}

impl RenderCache {
    pub fn get(&self, etag: &str) -> Option<Vec<u8>> {
        self.entries.lock().ok()?.get(etag).cloned()
    }

    pub fn put(&self, etag: String, bytes: Vec<u8>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY {
                entries.clear();
            }
            entries.insert(etag, bytes);
        }
    }
}
