//! Where the cost engine reads model entries from. The core has the embedded table; the Python
//! bindings add the user's `litellm.model_cost` dict once it exists, so edits to it are priced.

use serde_json::{Map, Value};
use std::sync::Arc;

/// One model's fields, as in `model_prices_and_context_window.json`.
pub type Entry = Map<String, Value>;

pub trait ModelTable {
    /// The entry stored under exactly `key`.
    fn entry(&self, key: &str) -> Option<Arc<Entry>>;
    /// The stored key equal to `name` ignoring ASCII case (LiteLLM's second lookup).
    fn key_ignoring_case(&self, name: &str) -> Option<String>;
}

/// A numeric field; LiteLLM's table stores prices as JSON numbers, user entries may hold ints.
pub fn number(entry: &Entry, key: &str) -> Option<f64> {
    entry.get(key).and_then(Value::as_f64)
}
