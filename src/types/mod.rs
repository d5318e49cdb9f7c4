//! Wire types shared by every dialect. Requests and responses stay `serde_json` values in the
//! OpenAI chat schema so that fields we do not know about pass through untouched.

pub mod finish_reason;
pub mod request;

pub use request::{CallOptions, CompletionRequest};
