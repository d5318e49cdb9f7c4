//! Response caching: LiteLLM's exact-match cache. A key names what determines the answer (model,
//! messages, parameters); a value is the normalised response as JSON text.

pub mod memory;

use crate::types::CompletionRequest;
use serde_json::{json, Value};
use std::hash::{DefaultHasher, Hash, Hasher};

/// The cache key of a request: a hash of the model, the messages, the OpenAI parameters and the
/// pass-through kwargs. Credentials, headers and timeouts are left out, as in LiteLLM, so the same
/// question asked with another key hits the same entry.
pub fn key(req: &CompletionRequest) -> String {
    let material = json!({
        "model": req.model,
        "messages": req.messages,
        "params": sorted(&Value::Object(req.params.clone())),
        "extra": sorted(&Value::Object(req.extra.clone())),
        "api_base": req.options.api_base,
    });
    // Two 64-bit hashes with different seeds: a 128-bit key, so collisions are not a concern for an
    // in-process cache.
    let text = material.to_string();
    let digest = |seed: u64| {
        let mut hasher = DefaultHasher::new();
        seed.hash(&mut hasher);
        text.hash(&mut hasher);
        hasher.finish()
    };
    format!("{:016x}{:016x}", digest(0x9e37_79b9), digest(0x7f4a_7c15))
}

/// Object keys in sorted order at every level, so `{a, b}` and `{b, a}` give the same key.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(v: Value) -> CompletionRequest {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn keys_ignore_credentials_and_param_order_but_not_content() {
        let a = request(
            json!({"model": "m", "messages": [{"role": "user", "content": "hi"}],
                               "params": {"temperature": 0.1, "seed": 1}, "options": {"api_key": "k1"}}),
        );
        let b = request(
            json!({"model": "m", "messages": [{"role": "user", "content": "hi"}],
                               "params": {"seed": 1, "temperature": 0.1}, "options": {"api_key": "k2"}}),
        );
        let c = request(
            json!({"model": "m", "messages": [{"role": "user", "content": "hello"}],
                               "params": {"seed": 1, "temperature": 0.1}}),
        );
        assert_eq!(key(&a), key(&b));
        assert_ne!(key(&a), key(&c));
        assert_eq!(key(&a).len(), 32);
    }
}
