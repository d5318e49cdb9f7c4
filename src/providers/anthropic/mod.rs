//! Anthropic's Messages API (`/v1/messages`): request translation, response and stream
//! normalisation. Usage follows LiteLLM: cache reads and writes count into `prompt_tokens`.

pub mod betas;
pub mod errors;
mod request;
mod response;
mod stream;
mod usage;

pub use request::{build_request, common_headers, messages_body, own_betas};
pub use response::parse as parse_response;
pub use stream::StreamState;
