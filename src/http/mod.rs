//! Outbound HTTP: the runtime we own, the client pool, retries with backoff, SSE decoding.

pub mod client;
pub mod ndjson;
pub mod retry;
pub mod runtime;
pub mod sse;
