//! Ferrolite's core: provider translation, HTTP, streaming and error mapping for the `litellm`
//! Python API. Everything outside `python` is free of PyO3 so it can be tested with `cargo test`
//! and reused by the gateway.

pub mod completion;
pub mod cost;
pub mod error;
pub mod http;
pub mod providers;
pub mod stream;
pub mod types;

#[cfg(feature = "python")]
mod python;
