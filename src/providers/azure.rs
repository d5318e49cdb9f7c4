//! Azure OpenAI's failures as LiteLLM 1.109.1 maps them. Azure speaks OpenAI's wire format (its
//! deployment URL and `api-key` header are in `openai.rs`); only its error rules are its own:
//! content-filter refusals, missing deployments, and "AzureException <Class> - " messages.

use super::error_map::{is_context_window_text, provider_message, retry_after};
use crate::error::{ErrorClass, LlmError};
use serde_json::Value;

/// Lower-cased markers of a content-filter refusal in Azure's error text.
const CONTENT_POLICY_TEXT: &[&str] = &[
    "content_policy_violation",
    "responsibleaipolicyviolation",
    "the response was filtered due to the prompt triggering azure openai's content management",
    "your task failed as a result of our safety system",
    "the model produced invalid content",
    "content_filter_policy",
    "your request was rejected as a result of our safety system",
];

pub fn from_http(model: &str, status: u16, headers: Vec<(String, String)>, raw: &str) -> LlmError {
    use ErrorClass::*;
    let body: Option<Value> = serde_json::from_str(raw).ok();
    let message = provider_message(body.as_ref(), raw);
    let error = body.as_ref().and_then(|b| b.get("error"));
    let code = error.and_then(|e| e.get("code")).and_then(Value::as_str);
    let inner_code = error
        .and_then(|e| e.get("innererror").or_else(|| e.get("inner_error")))
        .and_then(|i| i.get("code"))
        .and_then(Value::as_str);
    let lower = raw.to_lowercase();
    let content_policy = code == Some("content_policy_violation")
        || inner_code == Some("ResponsibleAIPolicyViolation")
        || CONTENT_POLICY_TEXT.iter().any(|s| lower.contains(s));
    let labelled = |label: &str| format!("AzureException {label} - {message}");

    let (class, status_code, text) = if raw.contains("Internal server error") {
        (InternalServerError, 500, labelled("Internal server error"))
    } else if raw.contains("DeploymentNotFound") {
        (NotFoundError, 404, labelled("NotFoundError"))
    } else if content_policy {
        // LiteLLM raises these with Azure's own message, unlabelled.
        (ContentPolicyViolationError, 400, message.clone())
    } else if status == 400
        && (code == Some("context_length_exceeded") || is_context_window_text(raw))
    {
        (
            ContextWindowExceededError,
            400,
            labelled("ContextWindowExceededError"),
        )
    } else if status == 400 && raw.contains("invalid_request_error") {
        (BadRequestError, 400, labelled("BadRequestError"))
    } else {
        match status {
            400 => (BadRequestError, 400, format!("AzureException - {message}")),
            401 => (AuthenticationError, 401, labelled("AuthenticationError")),
            404 => (NotFoundError, 404, labelled("NotFoundError")),
            408 => (Timeout, 408, labelled("Timeout")),
            422 => (BadRequestError, 422, labelled("BadRequestError")),
            429 => (RateLimitError, 429, labelled("RateLimitError")),
            502 => (BadGatewayError, 502, labelled("BadGatewayError")),
            503 => (
                ServiceUnavailableError,
                503,
                labelled("ServiceUnavailableError"),
            ),
            504 => (Timeout, 504, labelled("Timeout")),
            other => (APIError, other, labelled("APIError")),
        }
    };
    LlmError {
        body,
        retry_after: retry_after(&headers),
        headers,
        ..LlmError::new(class, status_code, text).with_origin("azure", model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_filter_and_deployments_are_recognised() {
        let raw = r#"{"error":{"message":"filtered","code":"content_filter","innererror":{"code":"ResponsibleAIPolicyViolation"}}}"#;
        let e = from_http("d", 400, Vec::new(), raw);
        assert_eq!(
            (e.class, e.message.as_str()),
            (ErrorClass::ContentPolicyViolationError, "filtered")
        );
        let raw = r#"{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}"#;
        let e = from_http("d", 404, Vec::new(), raw);
        assert_eq!(e.class, ErrorClass::NotFoundError);
        assert!(e
            .message
            .starts_with("AzureException NotFoundError - The API deployment"));
    }

    #[test]
    fn statuses_follow_litellms_azure_table() {
        let raw = r#"{"error":{"message":"m","code":null}}"#;
        for (status, class) in [
            (401, ErrorClass::AuthenticationError),
            (429, ErrorClass::RateLimitError),
            (500, ErrorClass::APIError),
            (503, ErrorClass::ServiceUnavailableError),
        ] {
            assert_eq!(
                from_http("d", status, Vec::new(), raw).class,
                class,
                "{status}"
            );
        }
    }
}
