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
    "context_length_exceeded",
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
    let lower = text.to_lowercase();
    (lower.contains("invalid_request_error") && lower.contains("content_policy_violation"))
        || (text.contains("Invalid prompt") && text.contains("violating our usage policy"))
        || lower.contains("request was rejected as a result of the safety system")
        || lower.contains("responsibleaipolicyviolation")
        || lower.contains("content_filter")
}

fn is_rate_limit_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("rate limit") || lower.contains("too many requests") || text.contains("Request too large")
}

/// The human message inside a provider error body: OpenAI's `{"error": {"message": ...}}`,
/// a bare `{"message": ...}`, a string `error`, or the raw text.
pub fn provider_message(body: Option<&Value>, raw: &str) -> String {
    let from_body = body.and_then(|b| {
        b.pointer("/error/message")
            .or_else(|| b.get("message"))
            .or_else(|| b.get("error").filter(|e| e.is_string()))
            .or_else(|| b.get("detail"))
            .and_then(Value::as_str)
    });
    from_body.map(str::to_owned).unwrap_or_else(|| raw.to_owned())
}

/// Maps one HTTP error response. `raw` is the body text, kept whole for the text rules.
pub fn from_http(
    provider: &str,
    model: &str,
    status: u16,
    headers: Vec<(String, String)>,
    raw: &str,
) -> LlmError {
    let body: Option<Value> = serde_json::from_str(raw).ok();
    let message = provider_message(body.as_ref(), raw);
    let origin = super::registry::exception_name(provider);
    let rule_text = format!("{raw} {message}");

    let (class, label) = if is_context_window_text(&rule_text) {
        (ErrorClass::ContextWindowExceededError, Some("ContextWindowExceededError"))
    } else if (400..500).contains(&status) && status != 401 && is_content_policy_text(&rule_text) {
        (ErrorClass::ContentPolicyViolationError, Some("ContentPolicyViolationError"))
    } else if status == 429 || (!matches!(status, 401 | 403) && is_rate_limit_text(&rule_text)) {
        (ErrorClass::RateLimitError, Some("RateLimitError"))
    } else {
        by_status(status)
    };
    let text = match label {
        Some(label) => format!("{label}: {origin} - {message}"),
        None if class == ErrorClass::APIError => format!("APIError: {origin} - {message}"),
        None => format!("{origin} - {message}"),
    };
    let retry_after = retry_after(&headers);
    let status_code = match class {
        ErrorClass::ContextWindowExceededError | ErrorClass::ContentPolicyViolationError => 400,
        _ => status,
    };
    LlmError {
        body,
        headers,
        retry_after,
        ..LlmError::new(class, status_code, text).with_origin(provider, model)
    }
}

/// LiteLLM's status table (`exception_type`), with its per-class message labels.
fn by_status(status: u16) -> (ErrorClass, Option<&'static str>) {
    match status {
        400 | 413 | 422 => (ErrorClass::BadRequestError, None),
        401 => (ErrorClass::AuthenticationError, Some("AuthenticationError")),
        403 => (ErrorClass::PermissionDeniedError, None),
        404 => (ErrorClass::NotFoundError, Some("NotFoundError")),
        408 | 504 => (ErrorClass::Timeout, Some("Timeout Error")),
        429 => (ErrorClass::RateLimitError, Some("RateLimitError")),
        500 | 529 => (ErrorClass::InternalServerError, Some("InternalServerError")),
        502 => (ErrorClass::BadGatewayError, Some("BadGatewayError")),
        503 => (ErrorClass::ServiceUnavailableError, Some("ServiceUnavailableError")),
        _ => (ErrorClass::APIError, None),
    }
}

/// `Retry-After` as seconds or an HTTP date; also OpenAI's `retry-after-ms`.
pub fn retry_after(headers: &[(String, String)]) -> Option<Duration> {
    let get = |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim());
    if let Some(ms) = get("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return (ms.is_finite() && ms >= 0.0).then(|| Duration::from_secs_f64(ms / 1000.0));
    }
    let value = get("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

/// A failure before any HTTP status: connect errors, timeouts, broken bodies.
pub fn from_transport(provider: &str, model: &str, err: &reqwest::Error, timeout: Option<f64>) -> LlmError {
    let origin = super::registry::exception_name(provider);
    if err.is_timeout() {
        let secs = timeout.map(|t| format!(" after {t} seconds")).unwrap_or_default();
        return LlmError::new(
            ErrorClass::Timeout,
            408,
            format!("{origin} - Request timed out{secs}. error_str: {}", describe(err)),
        )
        .with_origin(provider, model);
    }
    connection_error(provider, model, &describe(err))
}

pub fn timeout_error(provider: &str, model: &str, timeout: f64) -> LlmError {
    let origin = super::registry::exception_name(provider);
    LlmError::new(ErrorClass::Timeout, 408, format!("{origin} - Request timed out after {timeout} seconds."))
        .with_origin(provider, model)
}

pub fn connection_error(provider: &str, model: &str, detail: &str) -> LlmError {
    let origin = super::registry::exception_name(provider);
    LlmError::new(ErrorClass::APIConnectionError, 500, format!("APIConnectionError: {origin} - {detail}"))
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
            (403, ErrorClass::PermissionDeniedError),
            (404, ErrorClass::NotFoundError),
            (408, ErrorClass::Timeout),
            (422, ErrorClass::BadRequestError),
            (429, ErrorClass::RateLimitError),
            (500, ErrorClass::InternalServerError),
            (502, ErrorClass::BadGatewayError),
            (503, ErrorClass::ServiceUnavailableError),
            (504, ErrorClass::Timeout),
            (529, ErrorClass::InternalServerError),
            (418, ErrorClass::APIError),
        ];
        for (status, class) in cases {
            assert_eq!(map(status, r#"{"error":{"message":"nope"}}"#).class, class, "status {status}");
        }
    }

    #[test]
    fn messages_carry_the_provider_text_and_label() {
        let e = map(401, r#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#);
        assert_eq!(e.message, "AuthenticationError: OpenAIException - Incorrect API key provided");
        let e = from_http("groq", "m", 400, vec![], r#"{"error":{"message":"bad temp"}}"#);
        assert_eq!(e.message, "GroqException - bad temp");
        assert_eq!(e.llm_provider, "groq");
        let e = map(500, "upstream exploded");
        assert_eq!(e.message, "InternalServerError: OpenAIException - upstream exploded");
    }

    #[test]
    fn text_rules_pick_context_window_and_content_policy() {
        let e = map(400, r#"{"error":{"message":"This model's maximum context length is 8192 tokens.","code":"context_length_exceeded"}}"#);
        assert_eq!(e.class, ErrorClass::ContextWindowExceededError);
        assert!(e.message.starts_with("ContextWindowExceededError: OpenAIException - This model's"));
        let e = map(400, r#"{"error":{"message":"Your request was rejected as a result of the safety system.","type":"invalid_request_error"}}"#);
        assert_eq!(e.class, ErrorClass::ContentPolicyViolationError);
        let e = from_http("cerebras", "m", 400, vec![], "Current length is 9000 while limit is 8192");
        assert_eq!(e.class, ErrorClass::ContextWindowExceededError);
        let e = map(400, r#"{"error":{"message":"Invalid 'user': string too long. Expected a string with maximum length 64","code":"string_above_max_length"}}"#);
        assert_eq!(e.class, ErrorClass::BadRequestError, "a long `user` is not a context overflow");
    }

    #[test]
    fn retry_after_reads_seconds_ms_and_dates() {
        let h = |k: &str, v: &str| vec![(k.to_owned(), v.to_owned())];
        assert_eq!(retry_after(&h("Retry-After", "2")), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(&h("retry-after-ms", "250")), Some(Duration::from_millis(250)));
        let future = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(30));
        let d = retry_after(&h("retry-after", &future)).unwrap();
        assert!(d <= Duration::from_secs(30) && d >= Duration::from_secs(28), "{d:?}");
        assert_eq!(retry_after(&h("retry-after", "soon")), None);
    }
}
