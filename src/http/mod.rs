//! Outbound HTTP: the runtime we own, the client pool, retries with backoff, stream framings
//! (SSE, NDJSON, AWS event-stream), and guarded downloads of user-supplied media URLs.

pub mod client;
pub mod event_stream;
pub mod media_fetch;
pub mod ndjson;
pub mod retry;
pub mod runtime;
pub mod sse;
