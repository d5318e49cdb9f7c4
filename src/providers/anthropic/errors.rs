//! Anthropic failures as LiteLLM 1.109.1 maps them: text rules first (context window,
//! overloaded, bad key, content policy), then the status. Messages quote the raw body.

use crate::error::{ErrorClass, LlmError};
use crate::providers::error_map::{is_context_window_text, retry_after};
use serde_json::Value;

pub fn from_http(model: &str, status: u16, headers: Vec<(String, String)>, raw: &str) -> LlmError {
    use ErrorClass::*;
    let (class, status_code, message) = if raw.contains("prompt is too long")
        || raw.contains("prompt: length")
        || is_context_window_text(raw)
    {
        (
            ContextWindowExceededError,
            400,
            // The class itself adds "litellm.BadRequestError: " in front, as LiteLLM's does.
            format!("AnthropicError - {raw}"),
        )
    } else if raw.contains("overloaded_error") || raw.contains("Overloaded") {
        (InternalServerError, 500, format!("AnthropicError - {raw}"))
    } else if raw.contains("Invalid API Key") {
        (
            AuthenticationError,
            401,
            format!("AnthropicException - {raw}"),
        )
    } else if raw.contains("content filtering policy") {
        (
            ContentPolicyViolationError,
            400,
            format!("AnthropicException - {raw}"),
        )
    } else {
        let (class, code, text) = match status {
            400 | 413 => (BadRequestError, 400, format!("AnthropicException - {raw}")),
            401 => (
                AuthenticationError,
                401,
                format!("AnthropicException - {raw}"),
            ),
            403 => (
                PermissionDeniedError,
                403,
                format!("AnthropicException - {raw}"),
            ),
            404 => (NotFoundError, 404, format!("AnthropicException - {raw}")),
            408 => (Timeout, 408, format!("AnthropicException - {raw}")),
            422 => (
                UnprocessableEntityError,
                422,
                format!("AnthropicException - {raw}"),
            ),
            429 => (RateLimitError, 429, format!("AnthropicException - {raw}")),
            500 => (
                InternalServerError,
                500,
                format!("AnthropicException - {raw}. Handle with `litellm.InternalServerError`."),
            ),
            502 => (
                BadGatewayError,
                502,
                format!("AnthropicException BadGatewayError - {raw}"),
            ),
            503 => (
                ServiceUnavailableError,
                503,
                format!(
                    "AnthropicException - {raw}. Handle with `litellm.ServiceUnavailableError`."
                ),
            ),
            504 => (Timeout, 504, format!("AnthropicException Timeout - {raw}")),
            other => (APIError, other, format!("AnthropicException - {raw}")),
        };
        (class, code, text)
    };
    LlmError {
        body: serde_json::from_str(raw).ok(),
        retry_after: retry_after(&headers),
        headers,
        ..LlmError::new(class, status_code, message).with_origin("anthropic", model)
    }
}

/// An `error` event inside a stream: LiteLLM raises every one as a status-500 AnthropicError.
pub fn from_stream_event(model: &str, error: &Value) -> LlmError {
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("unknown error");
    LlmError::new(
        ErrorClass::InternalServerError,
        500,
        format!("AnthropicError - {message}"),
    )
    .with_origin("anthropic", model)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(status: u16, kind: &str, message: &str) -> LlmError {
        let raw = format!(
            r#"{{"type": "error", "error": {{"type": "{kind}", "message": "{message}"}}}}"#
        );
        from_http("claude-sonnet-4-5", status, Vec::new(), &raw)
    }

    #[test]
    fn text_rules_come_before_the_status() {
        let e = map(
            400,
            "invalid_request_error",
            "prompt is too long: 210000 tokens > 200000 maximum",
        );
        assert_eq!(
            (e.class, e.status_code),
            (ErrorClass::ContextWindowExceededError, 400)
        );
        assert!(e.message.starts_with("AnthropicError - {"));
        let e = map(529, "overloaded_error", "Overloaded");
        assert_eq!(
            (e.class, e.status_code),
            (ErrorClass::InternalServerError, 500)
        );
        assert!(e.message.starts_with("AnthropicError - {"));
    }

    #[test]
    fn statuses_follow_litellms_table() {
        for (status, class, code) in [
            (401, ErrorClass::AuthenticationError, 401),
            (403, ErrorClass::PermissionDeniedError, 403),
            (413, ErrorClass::BadRequestError, 400),
            (429, ErrorClass::RateLimitError, 429),
            (502, ErrorClass::BadGatewayError, 502),
            (504, ErrorClass::Timeout, 504),
        ] {
            let e = map(status, "x_error", "m");
            assert_eq!((e.class, e.status_code), (class, code), "{status}");
        }
        assert!(map(500, "api_error", "m")
            .message
            .ends_with(". Handle with `litellm.InternalServerError`."));
    }
}
