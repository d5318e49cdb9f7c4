//! Hugging Face (`huggingface/…`): OpenAI's chat format at the Inference Providers router, a
//! dedicated Inference Endpoint or a TGI server, as LiteLLM 1.109.1 calls it (its TGI
//! `generate` route and server-side-unaware prompt templates are gone from that version).
//!
//! `huggingface/<provider>/<org>/<model>` picks a router provider. LiteLLM first asks the Hub
//! for the provider's own model id and posts to a provider-specific router path; Ferrolite
//! names the provider with the router's documented `<org>/<model>:<provider>` suffix instead,
//! which reaches the same provider in one request and without LiteLLM's path bugs.
//!
//! `huggingface/text-generation-inference/<model>` speaks TGI's own text API instead (`tgi`).

pub mod tgi;

use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use crate::providers::error_map::retry_after;
use crate::providers::resolve::Endpoint;
use crate::types::CompletionRequest;
use serde_json::Value;

/// Chat at the router or an endpoint, or TGI's text API for `text-generation-inference/` models.
pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    if tgi::is_tgi(&endpoint.model) {
        tgi::build_request(endpoint, req)
    } else {
        super::openai::build_request(endpoint, req)
    }
}

pub const ROUTER_BASE: &str = "https://router.huggingface.co/v1";

/// `provider/org/model` as the router's `org/model:provider`; `org/model` as it is.
pub fn router_model(model: &str) -> String {
    match model.split_once('/') {
        Some((provider, rest)) if rest.contains('/') => format!("{rest}:{provider}"),
        _ => model.to_owned(),
    }
}

/// The chat URL: a caller's base gets `/v1/chat/completions` (or the part it lacks);
/// `HF_API_BASE` is taken as the whole URL, as LiteLLM does; else the router.
pub fn chat_url(caller_base: Option<&str>) -> String {
    if let Some(base) = caller_base {
        let base = base.trim_end_matches('/');
        return if base.ends_with("/chat/completions") {
            base.to_owned()
        } else if base.ends_with("/v1") {
            format!("{base}/chat/completions")
        } else {
            format!("{base}/v1/chat/completions")
        };
    }
    match std::env::var("HF_API_BASE").ok().filter(|b| !b.is_empty()) {
        Some(url) => url,
        None => format!("{ROUTER_BASE}/chat/completions"),
    }
}

/// LiteLLM's Hugging Face error rules: a few texts first, then a short status table in which
/// 403, 404 and 5xx other than 503 stay generic `APIError`s.
pub fn from_http(model: &str, status: u16, headers: Vec<(String, String)>, raw: &str) -> LlmError {
    use ErrorClass::*;
    let plain = format!("HuggingfaceException - {raw}");
    let (class, status_code, message) = if raw.contains("length limit exceeded") {
        (
            ContextWindowExceededError,
            400,
            format!("litellm.BadRequestError: {raw}"),
        )
    } else if raw.contains("A valid user token is required") {
        (BadRequestError, 400, raw.to_owned())
    } else if raw.contains("Rate limit reached") {
        (RateLimitError, 429, raw.to_owned())
    } else {
        match status {
            400 => (BadRequestError, 400, plain),
            401 => (AuthenticationError, 401, plain),
            408 => (Timeout, 408, plain),
            429 => (RateLimitError, 429, plain),
            503 => (ServiceUnavailableError, 503, plain),
            _ => (APIError, status, plain),
        }
    };
    LlmError {
        body: serde_json::from_str::<Value>(raw).ok(),
        retry_after: retry_after(&headers),
        headers,
        ..LlmError::new(class, status_code, message).with_origin("huggingface", model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_become_router_suffixes() {
        assert_eq!(
            router_model("together/deepseek-ai/DeepSeek-R1"),
            "deepseek-ai/DeepSeek-R1:together"
        );
        assert_eq!(
            router_model("meta-llama/Llama-3.3-70B-Instruct"),
            "meta-llama/Llama-3.3-70B-Instruct"
        );
        assert_eq!(
            chat_url(Some("https://ep.example/")),
            "https://ep.example/v1/chat/completions"
        );
        assert_eq!(
            chat_url(Some("https://ep.example/v1")),
            "https://ep.example/v1/chat/completions"
        );
        assert_eq!(
            chat_url(Some("https://ep.example/x/chat/completions")),
            "https://ep.example/x/chat/completions"
        );
    }

    #[test]
    fn status_table() {
        assert_eq!(
            from_http("m", 404, vec![], "{}").class,
            ErrorClass::APIError
        );
        assert_eq!(
            from_http("m", 503, vec![], "loading").class,
            ErrorClass::ServiceUnavailableError
        );
        let e = from_http(
            "m",
            429,
            vec![],
            r#"{"error": "Rate limit reached. You reached free usage limit"}"#,
        );
        assert_eq!(
            (e.class, e.message.starts_with("{")),
            (ErrorClass::RateLimitError, true)
        );
    }
}
