//! Providers: the registry of specs, model-string resolution, parameter checks, error mapping,
//! and one module per wire dialect.

pub mod anthropic;
pub mod azure;
pub mod dialect;
pub mod error_map;
pub mod ollama;
pub mod openai;
pub mod params;
pub mod python_json;
pub mod registry;
pub mod resolve;

pub use registry::{Dialect, ProviderSpec};
pub use resolve::{endpoint_for, get_llm_provider, Endpoint, Resolved};

/// Seconds since the Unix epoch: the `created` of responses LiteLLM builds itself.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
