//! Ollama (`ollama_chat/` → `/api/chat`, `ollama/` → `/api/generate`), as LiteLLM 1.109 sends
//! it: OpenAI parameters moved into `options`, images as bare base64, NDJSON streams, and
//! errors that quote the raw body; `ollama/`'s tools described in the prompt, and inline
//! `<think>` reasoning split out.

mod functions;
mod reasoning;
mod request;
mod response;
mod stream;

use super::registry::Dialect;

pub use request::build_request;
pub use response::parse_response;
pub use stream::StreamState;

fn is_chat(dialect: Dialect) -> bool {
    dialect == Dialect::OllamaChat
}
