//! Bedrock's failures as LiteLLM 1.109.1 maps them: from the body text first, then the status
//! (Bedrock's `x-amzn-ErrorType` header is not consulted), each message quoting the raw body.

use super::family::is_custom_model;
use crate::error::{ErrorClass, LlmError};
use crate::providers::error_map::retry_after;
use crate::providers::python_json::python_json;
use serde_json::Value;

const CONTEXT_WINDOW_TEXT: &[&str] = &[
    "Input is too long",
    "too many tokens",
    "prompt is too long",
    "Too many input tokens",
    "expected maxLength:",
];
const ROLE_HINT: &str =
    "\n. Pass in default user message via `completion(..,user_continue_message=)` \
                         or enable `litellm.modify_params=True`.\nFor Proxy: do via \
                         `litellm_settings::modify_params: True` or user_continue_message under \
                         `litellm_params`";

pub fn from_http(model: &str, status: u16, headers: Vec<(String, String)>, raw: &str) -> LlmError {
    let (class, status_code, message) = classify(model, status, raw);
    LlmError {
        body: serde_json::from_str(raw).ok(),
        retry_after: retry_after(&headers),
        headers,
        ..LlmError::new(class, status_code, message).with_origin("bedrock", model)
    }
}

fn classify(model: &str, status: u16, raw: &str) -> (ErrorClass, u16, String) {
    use ErrorClass::*;
    let plain = || format!("BedrockException - {raw}");
    if raw.contains("throttlingException") || raw.contains("ThrottlingException") {
        return (
            RateLimitError,
            429,
            format!("BedrockException: Rate Limit Error - {raw}"),
        );
    }
    if CONTEXT_WINDOW_TEXT.iter().any(|t| raw.contains(t)) {
        return (
            ContextWindowExceededError,
            400,
            format!("litellm.BadRequestError: BedrockException: Context Window Error - {raw}"),
        );
    }
    if raw.contains("A conversation must start with a user message") {
        return (BadRequestError, 400, format!("{}{ROLE_HINT}", plain()));
    }
    match status {
        400 if raw.contains("The provided model identifier is invalid.")
            && is_custom_model(model) =>
        {
            (NotFoundError, 404, plain())
        }
        400 | 413 | 422 | 424 => (BadRequestError, status, plain()),
        401 => (AuthenticationError, 401, plain()),
        403 if raw.contains("security token included in the request is invalid")
            || raw.contains("UnrecognizedClient")
            || raw.contains("InvalidSignature")
            || raw.contains("signature we calculated does not match") =>
        {
            (
                AuthenticationError,
                403,
                format!("BedrockException Invalid Authentication - {raw}"),
            )
        }
        403 if raw.contains("AccessDeniedException") => (
            PermissionDeniedError,
            403,
            format!("BedrockException PermissionDeniedError - {raw}"),
        ),
        403 => (PermissionDeniedError, 403, plain()),
        404 => (NotFoundError, 404, plain()),
        408 if raw.contains("timed out") => (
            Timeout,
            408,
            format!("BedrockException: Timeout Error - {raw}"),
        ),
        408 | 504 => (Timeout, status, plain()),
        429 => (RateLimitError, 429, plain()),
        500 if raw.contains("Could not process image") => (InternalServerError, 500, plain()),
        // LiteLLM reports Bedrock's 500s as the service being unavailable.
        500 | 503 => (ServiceUnavailableError, 503, plain()),
        502 => (BadGatewayError, 502, plain()),
        _ => (APIError, status, plain()),
    }
}

/// An exception frame inside a stream: `<type> <payload>`, with the status AWS's service model
/// gives the exception.
pub fn from_stream_exception(kind: &str, data: &str, model: &str) -> LlmError {
    let payload = serde_json::from_str::<Value>(data)
        .map(|v| python_json(&v))
        .unwrap_or_else(|_| data.to_owned());
    let raw = format!("{kind} {payload}");
    let status = match kind.to_ascii_lowercase().as_str() {
        "throttlingexception" => 429,
        "modelstreamerrorexception" => 424,
        "internalserverexception" => 500,
        "serviceunavailableexception" => 503,
        _ => 400,
    };
    let (class, status_code, message) = classify(model, status, &raw);
    LlmError::new(class, status_code, message).with_origin("bedrock", model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_texts_follow_litellm() {
        let e = from_http(
            "anthropic.claude",
            500,
            vec![],
            r#"{"message": "Internal error"}"#,
        );
        assert_eq!(
            (e.class, e.status_code),
            (ErrorClass::ServiceUnavailableError, 503)
        );
        let e = from_http(
            "anthropic.claude",
            403,
            vec![],
            r#"{"message": "The security token included in the request is invalid."}"#,
        );
        assert_eq!(
            (e.class, e.status_code),
            (ErrorClass::AuthenticationError, 403)
        );
        assert!(e
            .message
            .starts_with("BedrockException Invalid Authentication - "));
        let e = from_http(
            "my-custom-model",
            400,
            vec![],
            r#"{"message": "The provided model identifier is invalid."}"#,
        );
        assert_eq!(e.class, ErrorClass::NotFoundError);
        let e = from_http(
            "anthropic.claude",
            400,
            vec![],
            r#"{"message": "Input is too long for requested model."}"#,
        );
        assert_eq!(e.class, ErrorClass::ContextWindowExceededError);
    }
}
