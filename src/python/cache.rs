//! The in-process response cache behind `litellm.Cache(type="local")`.

use super::bridge::raise;
use crate::cache::{self, memory::MemoryCache};
use crate::types::CompletionRequest;
use pyo3::prelude::*;
use std::time::Duration;

fn seconds(ttl: Option<f64>) -> Option<Duration> {
    ttl.filter(|t| t.is_finite() && *t > 0.0)
        .map(Duration::from_secs_f64)
}

#[pyclass(frozen, module = "litellm._core")]
pub struct ResponseCache(MemoryCache);

#[pymethods]
impl ResponseCache {
    #[new]
    #[pyo3(signature = (max_entries=10_000, ttl=None))]
    fn new(max_entries: usize, ttl: Option<f64>) -> Self {
        Self(MemoryCache::new(max_entries, seconds(ttl)))
    }

    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key)
    }

    #[pyo3(signature = (key, value, ttl=None))]
    fn set(&self, key: String, value: String, ttl: Option<f64>) {
        self.0.set(key, value, seconds(ttl));
    }

    fn delete(&self, key: &str) {
        self.0.delete(key);
    }

    fn clear(&self) {
        self.0.clear();
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }
}

/// The cache key of a request payload (the JSON the shim sends to `completion`).
#[pyfunction]
pub fn cache_key(payload: &str) -> PyResult<String> {
    Ok(cache::key(
        &CompletionRequest::from_json(payload).map_err(raise)?,
    ))
}
