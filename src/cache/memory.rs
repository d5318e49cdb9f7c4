//! The in-process cache (`litellm.Cache(type="local")`): bounded, with per-entry expiry.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Entry {
    value: String,
    expires: Option<Instant>,
    /// Write order, for evicting the oldest entry when full.
    written: u64,
}

#[derive(Default)]
struct State {
    entries: HashMap<String, Entry>,
    writes: u64,
}

pub struct MemoryCache {
    state: Mutex<State>,
    max_entries: usize,
    default_ttl: Option<Duration>,
}

fn live(entry: &Entry, now: Instant) -> bool {
    entry.expires.is_none_or(|t| t > now)
}

impl MemoryCache {
    pub fn new(max_entries: usize, default_ttl: Option<Duration>) -> Self {
        Self {
            state: Mutex::default(),
            max_entries: max_entries.max(1),
            default_ttl,
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn get(&self, key: &str) -> Option<String> {
        let mut state = self.state();
        let now = Instant::now();
        match state.entries.get(key) {
            Some(entry) if live(entry, now) => Some(entry.value.clone()),
            Some(_) => {
                state.entries.remove(key);
                None
            }
            None => None,
        }
    }

    pub fn set(&self, key: String, value: String, ttl: Option<Duration>) {
        let now = Instant::now();
        let expires = ttl.or(self.default_ttl).map(|t| now + t);
        let mut state = self.state();
        if state.entries.len() >= self.max_entries && !state.entries.contains_key(&key) {
            state.entries.retain(|_, e| live(e, now));
            if state.entries.len() >= self.max_entries {
                let oldest = state
                    .entries
                    .iter()
                    .min_by_key(|(_, e)| e.written)
                    .map(|(k, _)| k.clone());
                if let Some(oldest) = oldest {
                    state.entries.remove(&oldest);
                }
            }
        }
        state.writes += 1;
        let written = state.writes;
        state.entries.insert(
            key,
            Entry {
                value,
                expires,
                written,
            },
        );
    }

    pub fn delete(&self, key: &str) {
        self.state().entries.remove(key);
    }

    pub fn clear(&self) {
        self.state().entries.clear();
    }

    pub fn len(&self) -> usize {
        self.state().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_oldest_is_evicted_when_full() {
        let cache = MemoryCache::new(2, None);
        cache.set("a".into(), "1".into(), None);
        cache.set("b".into(), "2".into(), Some(Duration::from_millis(30)));
        assert_eq!(cache.get("a").as_deref(), Some("1"));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get("b"), None, "expired");
        cache.set("c".into(), "3".into(), None);
        cache.set("d".into(), "4".into(), None);
        assert_eq!(cache.get("a"), None, "oldest evicted");
        assert_eq!(
            (cache.get("c").as_deref(), cache.get("d").as_deref()),
            (Some("3"), Some("4"))
        );
        cache.delete("c");
        assert_eq!(cache.len(), 1);
        cache.clear();
        assert!(cache.is_empty());
    }
}
