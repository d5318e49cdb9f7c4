//! The one error type of the core. Each value names the `litellm.exceptions` class the Python
//! shim raises, so the mapping rules live here in Rust and the shim only instantiates.

use serde::Serialize;
use serde_json::Value;
use std::time::Duration;

/// The LiteLLM exception classes the core can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorClass {
    BadRequestError,
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    Timeout,
    UnprocessableEntityError,
    RateLimitError,
    ContextWindowExceededError,
    ContentPolicyViolationError,
    UnsupportedParamsError,
    InternalServerError,
    BadGatewayError,
    ServiceUnavailableError,
    APIError,
    APIConnectionError,
    /// A media URL the call needed could not be downloaded (a `BadRequestError` in Python).
    ImageFetchError,
    /// A model the price table does not know (not an HTTP failure).
    ModelNotMappedError,
}

impl ErrorClass {
    /// Whether a retry may succeed: transient server and network failures, never a bad request.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            Self::RateLimitError
                | Self::Timeout
                | Self::InternalServerError
                | Self::BadGatewayError
                | Self::ServiceUnavailableError
                | Self::APIConnectionError
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LlmError {
    #[serde(rename = "exception")]
    pub class: ErrorClass,
    pub status_code: u16,
    /// The message after the `litellm.<Class>: ` prefix, e.g. `OpenAIException - bad key`.
    pub message: String,
    pub llm_provider: String,
    pub model: String,
    pub body: Option<Value>,
    pub headers: Vec<(String, String)>,
    pub num_retries: Option<u32>,
    #[serde(skip)]
    pub retry_after: Option<Duration>,
}

impl LlmError {
    pub fn new(class: ErrorClass, status_code: u16, message: impl Into<String>) -> Self {
        Self {
            class,
            status_code,
            message: message.into(),
            llm_provider: String::new(),
            model: String::new(),
            body: None,
            headers: Vec::new(),
            num_retries: None,
            retry_after: None,
        }
    }

    pub fn with_origin(mut self, provider: &str, model: &str) -> Self {
        self.llm_provider = provider.to_owned();
        self.model = model.to_owned();
        self
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorClass::BadRequestError, 400, message)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("LlmError serialises")
    }
}

impl std::fmt::Display for LlmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "litellm.{:?}: {}", self.class, self.message)
    }
}

impl std::error::Error for LlmError {}
