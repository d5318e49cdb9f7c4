//! Provider failures to LiteLLM exception classes, with LiteLLM's status table and the text
//! rules that pick out context-window, content-policy and rate-limit errors.

use crate::error::{ErrorClass, LlmError};
use serde_json::Value;
use std::time::Duration;

/// Substrings (lower-cased) that mark a context-window overflow in any provider's message.
const CONTEXT_WINDOW_TEXT: &[&str] = &[
    "exceed context limit",
    "this model's maximum context length is",
    "requested token count exceeds the model's maximum context length",
    "string too long. expected a string with maximum length",
    "model's maximum context limit",
    "is longer than the model's context length",
    "input tokens exceed the configured limit",
    "`inputs` tokens + `max_new_tokens` must be",
    "exceeds the available context size",
    "exceeds the maximum number of tokens allowed",
    "\"code\": \"context_length_exceeded\"",
];

pub fn is_context_window_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.contains("string_above_max_length")
        || (lower.contains("invalid 'user'") && lower.contains("string too long"))
    {
        return false;
    }
    CONTEXT_WINDOW_TEXT.iter().any(|s| lower.contains(s))
        || (lower.contains("current length is") && lower.contains("while limit is"))
        || (lower.contains("maximum input length is") && lower.contains("tokens"))
        || (lower.contains("input too long:") && lower.contains("input tokens, limit is"))
}

fn is_content_policy_text(text: &str) -> bool {
    (text.contains("invalid_request_error") && text.contains("content_policy_violation"))
        || (text.contains("Invalid prompt") && text.contains("violating our usage policy"))
        || text
            .to_lowercase()
            .contains("request was rejected as a result of the safety system")
}

/// LiteLLM's rate-limit rule: a bare `429` (unless the status says otherwise), or the words
/// "rate limit" in any spelling, or a service-tier capacity message.
fn is_rate_limit_text(text: &str, status: u16) -> bool {
    let lower = text.to_lowercase();
    let bare_429 = status == 429
        && lower.match_indices("429").any(|(i, _)| {
            !is_word_byte(lower.as_bytes().get(i.wrapping_sub(1)))
                && !is_word_byte(lower.as_bytes().get(i + 3))
        });
    let spelled = lower.match_indices("rate").any(|(i, _)| {
        let rest =
            lower[i + 4..].trim_start_matches(|c: char| c.is_whitespace() || c == '_' || c == '-');
        rest.starts_with("limit")
    });
    bare_429
        || spelled
        || lower.contains("service tier capacity exceeded")
        || text.contains("Request too large")
}

fn is_word_byte(byte: Option<&u8>) -> bool {
    byte.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

/// The human message inside a provider error body: OpenAI's `{"error": {"message": ...}}`,
/// a bare `{"message": ...}`, or the raw text.
pub fn provider_message(body: Option<&Value>, raw: &str) -> String {
    let from_body = body.and_then(|b| {
        b.get("message")
            .or_else(|| b.pointer("/error/message"))
            .and_then(Value::as_str)
    });
    from_body
        .map(str::to_owned)
        .unwrap_or_else(|| raw.to_owned())
}

/// Maps one HTTP error response from a provider of the OpenAI family. `raw` is the body text.
/// LiteLLM's rules run in order, first match wins; the label in front of the message follows
/// LiteLLM's per-rule wording.
pub fn from_http(
    provider: &str,
    model: &str,
    status: u16,
    headers: Vec<(String, String)>,
    raw: &str,
) -> LlmError {
    match super::registry::spec(provider).map(|s| s.dialect) {
        Some(super::Dialect::AnthropicMessages) => {
            return super::anthropic::errors::from_http(model, status, headers, raw)
        }
        Some(super::Dialect::AzureChat) => {
            return super::azure::from_http(model, status, headers, raw)
        }
        Some(super::Dialect::GeminiGenerateContent) => {
            return super::gemini::errors::from_http(provider, model, status, headers, raw)
        }
        Some(super::Dialect::HuggingFaceChat) => {
            return super::huggingface::from_http(model, status, headers, raw)
        }
        Some(super::Dialect::WatsonxChat) => {
            return super::watsonx::from_http(model, status, headers, raw)
        }
        Some(super::Dialect::WatsonxText) => {
            return super::watsonx::text::from_http(model, status, headers, raw)
        }
        Some(super::Dialect::BedrockConverse) => {
            return super::bedrock::errors::from_http(model, status, headers, raw)
        }
        Some(super::Dialect::OllamaChat | super::Dialect::OllamaGenerate) => {
            let origin = super::registry::exception_name(provider);
            return by_status_quoting_body(&origin, provider, model, status, headers, raw);
        }
        Some(super::Dialect::CohereChat) => {
            // LiteLLM names cohere_chat's 401/404/429 after the provider, the rest "Cohere".
            let origin = match (provider, status) {
                ("cohere_chat", 401 | 404 | 429) => "Cohere_chatException",
                _ => "CohereException",
            };
            return by_status_quoting_body(origin, provider, model, status, headers, raw);
        }
        _ => {}
    }
    let body: Option<Value> = serde_json::from_str(raw).ok();
    // Providers LiteLLM calls through the openai SDK show the body's message; the ones it calls
    // with its own HTTP client show the raw body.
    let message = match super::registry::spec(provider) {
        Some(spec) if spec.raw_error_text => raw.to_owned(),
        _ => provider_message(body.as_ref(), raw),
    };
    let origin = super::registry::exception_name(provider);
    let text = format!("{raw} {message}");
    let has = |s: &str| text.contains(s);

    use ErrorClass::*;
    let (class, label): (ErrorClass, Option<&str>) = if is_rate_limit_text(&text, status) {
        (RateLimitError, Some("RateLimitError"))
    } else if is_context_window_text(&text) {
        (
            ContextWindowExceededError,
            Some("ContextWindowExceededError"),
        )
    } else if has("invalid_request_error") && has("model_not_found") {
        (NotFoundError, None)
    } else if has("A timeout occurred") {
        (Timeout, None)
    } else if is_content_policy_text(&text) {
        (
            ContentPolicyViolationError,
            Some("ContentPolicyViolationError"),
        )
    } else if has("invalid_request_error") && !has("Incorrect API key provided") {
        match status {
            401 => (AuthenticationError, None),
            404 => (NotFoundError, None),
            _ => (BadRequestError, None),
        }
    } else if has("Web server is returning an unknown error")
        || has("The server had an error processing your request.")
    {
        (InternalServerError, None)
    } else {
        by_status(status)
    };
    let text = match label {
        Some(label) => format!("{label}: {origin} - {message}"),
        None => format!("{origin} - {message}"),
    };
    let status_code = match class {
        ContextWindowExceededError | ContentPolicyViolationError | BadRequestError
            if status >= 500 =>
        {
            400
        }
        RateLimitError => 429,
        _ => status,
    };
    LlmError {
        body,
        retry_after: retry_after(&headers),
        headers,
        ..LlmError::new(class, status_code, text).with_origin(provider, model)
    }
}

/// How LiteLLM maps providers it calls with its own HTTP client and no text rules (Ollama,
/// Cohere): the class from the status alone, the body quoted as received.
pub(super) fn by_status_quoting_body(
    origin: &str,
    provider: &str,
    model: &str,
    status: u16,
    headers: Vec<(String, String)>,
    raw: &str,
) -> LlmError {
    use ErrorClass::*;
    let class = match status {
        400 => BadRequestError,
        401 => AuthenticationError,
        403 => PermissionDeniedError,
        404 => NotFoundError,
        408 => Timeout,
        422 => UnprocessableEntityError,
        429 => RateLimitError,
        500 => InternalServerError,
        502 => BadGatewayError,
        503 => ServiceUnavailableError,
        _ => APIError,
    };
    LlmError {
        body: serde_json::from_str(raw).ok(),
        retry_after: retry_after(&headers),
        headers,
        ..LlmError::new(class, status, format!("{origin} - {raw}")).with_origin(provider, model)
    }
}

/// LiteLLM's status table for the OpenAI family, with its per-class message labels. Statuses
/// it does not list (403, 413, 529, ...) become `APIError` carrying the status.
fn by_status(status: u16) -> (ErrorClass, Option<&'static str>) {
    match status {
        400 | 422 => (ErrorClass::BadRequestError, None),
        401 => (ErrorClass::AuthenticationError, Some("AuthenticationError")),
        404 => (ErrorClass::NotFoundError, Some("NotFoundError")),
        408 | 504 => (ErrorClass::Timeout, Some("Timeout Error")),
        429 => (ErrorClass::RateLimitError, Some("RateLimitError")),
        500 => (ErrorClass::InternalServerError, Some("InternalServerError")),
        502 => (ErrorClass::BadGatewayError, Some("BadGatewayError")),
        503 => (
            ErrorClass::ServiceUnavailableError,
            Some("ServiceUnavailableError"),
        ),
        _ => (ErrorClass::APIError, Some("APIError")),
    }
}

/// `Retry-After` as seconds or an HTTP date; also OpenAI's `retry-after-ms`.
pub fn retry_after(headers: &[(String, String)]) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    };
    if let Some(ms) = get("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return (ms.is_finite() && ms >= 0.0).then(|| Duration::from_secs_f64(ms / 1000.0));
    }
    let value = get("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

/// A failure before any HTTP status: connect errors, timeouts, broken bodies.
pub fn from_transport(
    provider: &str,
    model: &str,
    err: &reqwest::Error,
    timeout: Option<f64>,
) -> LlmError {
    let origin = super::registry::exception_name(provider);
    if err.is_timeout() {
        let secs = timeout
            .map(|t| format!(" after {t} seconds"))
            .unwrap_or_default();
        return LlmError::new(
            ErrorClass::Timeout,
            408,
            format!(
                "{origin} - Request timed out{secs}. error_str: {}",
                describe(err)
            ),
        )
        .with_origin(provider, model);
    }
    connection_error(provider, model, &describe(err))
}

pub fn timeout_error(provider: &str, model: &str, timeout: f64) -> LlmError {
    let origin = super::registry::exception_name(provider);
    LlmError::new(
        ErrorClass::Timeout,
        408,
        format!("{origin} - Request timed out after {timeout} seconds."),
    )
    .with_origin(provider, model)
}

pub fn connection_error(provider: &str, model: &str, detail: &str) -> LlmError {
    let origin = super::registry::exception_name(provider);
    LlmError::new(
        ErrorClass::APIConnectionError,
        500,
        format!("APIConnectionError: {origin} - {detail}"),
    )
    .with_origin(provider, model)
}

/// reqwest's Display hides the cause chain; the cause says what actually broke. URLs are
/// dropped because they may carry credentials in their query string.
fn describe(err: &reqwest::Error) -> String {
    // Display would include the URL; the kind and the cause chain say enough.
    let mut text = if err.is_connect() {
        "connection failed".to_owned()
    } else if err.is_body() || err.is_decode() {
        "error reading the response body".to_owned()
    } else {
        "request failed".to_owned()
    };
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(status: u16, body: &str) -> LlmError {
        from_http("openai", "gpt-4o", status, vec![], body)
    }

    #[test]
    fn statuses_follow_litellms_table() {
        let cases = [
            (400, ErrorClass::BadRequestError),
            (401, ErrorClass::AuthenticationError),
            (403, ErrorClass::APIError),
            (404, ErrorClass::NotFoundError),
            (408, ErrorClass::Timeout),
            (422, ErrorClass::BadRequestError),
            (429, ErrorClass::RateLimitError),
            (500, ErrorClass::InternalServerError),
            (502, ErrorClass::BadGatewayError),
            (503, ErrorClass::ServiceUnavailableError),
            (504, ErrorClass::Timeout),
            (529, ErrorClass::APIError),
            (413, ErrorClass::APIError),
            (418, ErrorClass::APIError),
        ];
        for (status, class) in cases {
            assert_eq!(
                map(status, r#"{"error":{"message":"nope"}}"#).class,
                class,
                "status {status}"
            );
        }
    }

    #[test]
    fn messages_carry_the_provider_text_and_label() {
        let e = map(
            401,
            r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#,
        );
        assert_eq!(
            e.message,
            "AuthenticationError: OpenAIException - Incorrect API key provided"
        );
        let e = map(
            404,
            r#"{"error":{"message":"no such model","type":"invalid_request_error","code":"model_not_found"}}"#,
        );
        assert_eq!(
            (e.class, e.message.as_str()),
            (ErrorClass::NotFoundError, "OpenAIException - no such model")
        );
        // groq is called with LiteLLM's own HTTP client, so its messages carry the raw body
        let e = from_http(
            "groq",
            "m",
            400,
            vec![],
            r#"{"error":{"message":"bad temp"}}"#,
        );
        assert_eq!(
            e.message,
            r#"GroqException - {"error":{"message":"bad temp"}}"#
        );
        let e = from_http("together_ai", "m", 400, vec![], "x");
        assert_eq!(e.message, "Together_aiException - x");
        assert_eq!(e.llm_provider, "together_ai");
        let e = map(500, "upstream exploded");
        assert_eq!(
            e.message,
            "InternalServerError: OpenAIException - upstream exploded"
        );
        let e = map(400, r#"{"error":{"message":"Rate-limit reached"}}"#);
        assert_eq!(
            e.class,
            ErrorClass::RateLimitError,
            "rate-limit wording wins whatever the status"
        );
        assert_eq!(
            map(400, r#"{"error":{"message":"token 4290 is odd"}}"#).class,
            ErrorClass::BadRequestError
        );
    }

    #[test]
    fn text_rules_pick_context_window_and_content_policy() {
        let e = map(
            400,
            r#"{"error":{"message":"This model's maximum context length is 8192 tokens.","code":"context_length_exceeded"}}"#,
        );
        assert_eq!(e.class, ErrorClass::ContextWindowExceededError);
        assert!(e
            .message
            .starts_with("ContextWindowExceededError: OpenAIException - This model's"));
        let e = map(
            400,
            r#"{"error":{"message":"Your request was rejected as a result of the safety system.","type":"invalid_request_error"}}"#,
        );
        assert_eq!(e.class, ErrorClass::ContentPolicyViolationError);
        let e = from_http(
            "cerebras",
            "m",
            400,
            vec![],
            "Current length is 9000 while limit is 8192",
        );
        assert_eq!(e.class, ErrorClass::ContextWindowExceededError);
        let e = map(
            400,
            r#"{"error":{"message":"Invalid 'user': string too long. Expected a string with maximum length 64","code":"string_above_max_length"}}"#,
        );
        assert_eq!(
            e.class,
            ErrorClass::BadRequestError,
            "a long `user` is not a context overflow"
        );
    }

    #[test]
    fn retry_after_reads_seconds_ms_and_dates() {
        let h = |k: &str, v: &str| vec![(k.to_owned(), v.to_owned())];
        assert_eq!(
            retry_after(&h("Retry-After", "2")),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            retry_after(&h("retry-after-ms", "250")),
            Some(Duration::from_millis(250))
        );
        let future =
            httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(30));
        let d = retry_after(&h("retry-after", &future)).unwrap();
        assert!(
            d <= Duration::from_secs(30) && d >= Duration::from_secs(28),
            "{d:?}"
        );
        assert_eq!(retry_after(&h("retry-after", "soon")), None);
    }
}
