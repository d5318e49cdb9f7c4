//! Providers: the registry of specs, model-string resolution, parameter checks, error mapping,
//! and one module per wire dialect.

pub mod anthropic;
pub mod azure;
pub mod dialect;
pub mod error_map;
pub mod openai;
pub mod params;
pub mod registry;
pub mod resolve;

pub use registry::{Dialect, ProviderSpec};
pub use resolve::{endpoint_for, get_llm_provider, Endpoint, Resolved};
