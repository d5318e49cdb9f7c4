//! Streaming: the task that turns a provider body into normalised chunks, the replay of a
//! complete reply as chunks (faked streams), and the builder that turns chunks back into one
//! response.

pub mod chunk_builder;
pub mod pump;
pub mod replay;
