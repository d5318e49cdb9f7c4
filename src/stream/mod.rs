//! Streaming: the task that turns a provider body into normalised chunks, and the builder that
//! turns chunks back into one response.

pub mod chunk_builder;
pub mod pump;
