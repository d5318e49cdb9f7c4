//! Providers: the registry of specs, model-string resolution, parameter checks, error mapping,
//! and one module per wire dialect.

pub mod alternation;
pub mod anthropic;
pub mod azure;
pub mod bedrock;
pub mod chunks;
pub mod cohere;
pub mod dialect;
pub mod error_map;
pub mod gemini;
pub mod huggingface;
pub mod json_tool;
pub mod media;
pub mod ollama;
pub mod openai;
pub mod params;
pub mod prompts;
pub mod python_json;
pub mod reasoning_models;
pub mod registry;
pub mod resolve;
pub mod tool_pairing;
pub mod watsonx;

pub use registry::{Dialect, ProviderSpec};
pub use resolve::{endpoint_for, get_llm_provider, Endpoint, Resolved};

/// Seconds since the Unix epoch: the `created` of responses LiteLLM builds itself.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The caller's `extra_headers`/`headers` over the provider's own: a caller's header replaces
/// any of the same name (case-insensitive); non-string values are sent as their JSON text.
pub fn apply_call_headers(
    headers: &mut Vec<(String, String)>,
    extra: &serde_json::Map<String, serde_json::Value>,
) {
    for (name, value) in extra {
        let value = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => continue,
            other => other.to_string(),
        };
        headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
        headers.push((name.clone(), value));
    }
}
