//! Ferrolite's core: provider translation, HTTP, streaming and error mapping for the `litellm`
//! Python API. Everything outside `python` is free of PyO3 so it can be tested with `cargo test`
//! and reused by the gateway.

// An `LlmError` is built at most once per call, on the cold path; boxing it would only add an
// allocation and indirection everywhere it is matched on.
#![allow(clippy::result_large_err)]

pub mod auth;
pub mod cache;
pub mod completion;
pub mod cost;
pub mod error;
pub mod http;
pub mod providers;
pub mod stream;
pub mod tokens;
pub mod types;

#[cfg(feature = "python")]
mod python;
