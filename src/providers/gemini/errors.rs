//! Google's failures (`{"error": {"code", "message", "status"}}`) as LiteLLM 1.109.1 maps them
//! for `gemini/` and `vertex_ai/`: a few message rules first, then the status, each message
//! quoting the raw body after "GeminiException" or "Vertex_aiException".

use crate::error::{ErrorClass, LlmError};
use crate::providers::error_map::{is_context_window_text, retry_after};
use crate::providers::registry::exception_name;
use serde_json::Value;

const QUOTA_TEXT: &[&str] = &[
    "Resource exhausted",
    "Quota exceeded for",
    "429 Quota exceeded",
];

pub fn from_http(
    provider: &str,
    model: &str,
    status: u16,
    headers: Vec<(String, String)>,
    raw: &str,
) -> LlmError {
    use ErrorClass::*;
    let body: Option<Value> = serde_json::from_str(raw).ok();
    let origin = exception_name(provider);
    let plain = format!("{origin} - {raw}");
    let code = body
        .as_ref()
        .and_then(|b| b.pointer("/error/code"))
        .and_then(Value::as_u64);
    let (class, status_code, message) = if raw.contains("API key not valid.") {
        (AuthenticationError, 401, plain)
    } else if QUOTA_TEXT.iter().any(|t| raw.contains(t)) || (status >= 500 && code == Some(429)) {
        // LiteLLM names the provider in lower case here, and repeats its class prefix.
        (
            RateLimitError,
            429,
            format!("litellm.RateLimitError: {provider}Exception - {raw}"),
        )
    } else if is_context_window_text(raw)
        || raw.contains("exceeds the maximum number of tokens allowed")
    {
        (
            ContextWindowExceededError,
            400,
            format!("litellm.BadRequestError: ContextWindowExceededError: {plain}"),
        )
    } else if raw.contains("Vertex AI API has not been used in project")
        || raw.contains("Unable to find your project")
    {
        (
            BadRequestError,
            400,
            format!("litellm.BadRequestError: vertex_aiException - {raw}"),
        )
    } else if raw.contains("The response was blocked.") {
        (ContentPolicyViolationError, 400, plain)
    } else {
        match status {
            400 => (
                BadRequestError,
                400,
                format!("{origin} BadRequestError - {raw}"),
            ),
            401 => (AuthenticationError, 401, plain),
            // A 403 that says "403" is filed as a bad request (LiteLLM matches the number).
            403 if has_token(raw, "403") => (
                BadRequestError,
                403,
                format!("{origin} BadRequestError - {raw}"),
            ),
            403 => (PermissionDeniedError, 403, plain),
            404 => (NotFoundError, 404, plain),
            408 | 504 => (Timeout, status, plain),
            422 => (BadRequestError, 422, plain),
            429 => (
                RateLimitError,
                429,
                format!("litellm.RateLimitError: {plain}"),
            ),
            500 => (
                InternalServerError,
                500,
                format!("{origin} InternalServerError - {raw}"),
            ),
            502 => (APIConnectionError, 500, plain),
            503 => (ServiceUnavailableError, 503, plain),
            _ => (APIError, status, plain),
        }
    };
    LlmError {
        body,
        retry_after: retry_after(&headers),
        headers,
        ..LlmError::new(class, status_code, message).with_origin(provider, model)
    }
}

fn has_token(text: &str, token: &str) -> bool {
    text.match_indices(token).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + token.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn google(code: u16, status: &str) -> String {
        format!("{{\n  \"error\": {{\n    \"code\": {code},\n    \"message\": \"msg\",\n    \"status\": \"{status}\"\n  }}\n}}")
    }

    #[test]
    fn statuses_and_message_rules() {
        let e = from_http("gemini", "m", 400, vec![], &google(400, "INVALID_ARGUMENT"));
        assert_eq!(e.class, ErrorClass::BadRequestError);
        assert!(e.message.starts_with("GeminiException BadRequestError - {"));
        let e = from_http(
            "gemini",
            "m",
            403,
            vec![],
            &google(403, "PERMISSION_DENIED"),
        );
        assert_eq!((e.class, e.status_code), (ErrorClass::BadRequestError, 403));
        let e = from_http(
            "vertex_ai",
            "m",
            429,
            vec![],
            &google(429, "RESOURCE_EXHAUSTED"),
        );
        assert_eq!(e.class, ErrorClass::RateLimitError);
        assert!(e
            .message
            .starts_with("litellm.RateLimitError: Vertex_aiException - "));
        let e = from_http(
            "gemini",
            "m",
            400,
            vec![],
            r#"{"error":{"message":"API key not valid. Please pass a valid API key."}}"#,
        );
        assert_eq!(
            (e.class, e.status_code),
            (ErrorClass::AuthenticationError, 401)
        );
        let e = from_http("gemini", "m", 503, vec![], &google(503, "UNAVAILABLE"));
        assert_eq!(e.class, ErrorClass::ServiceUnavailableError);
    }
}
