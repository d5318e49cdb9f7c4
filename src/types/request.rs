//! What the Python shim hands the core for one call: the OpenAI request plus LiteLLM's options.

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Deserialize)]
pub struct CompletionRequest {
    pub model: String,
    #[serde(default)]
    pub messages: Vec<Value>,
    /// OpenAI chat parameters the caller set (never `None`).
    #[serde(default)]
    pub params: Map<String, Value>,
    /// Keyword arguments LiteLLM does not own; they go to the provider body as they are.
    #[serde(default)]
    pub extra: Map<String, Value>,
    #[serde(default)]
    pub options: CallOptions,
}

/// LiteLLM's per-call settings, already merged with the module-level ones by the shim.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CallOptions {
    pub api_base: Option<String>,
    pub api_key: Option<String>,
    pub api_version: Option<String>,
    /// An Azure AD token (the call's `azure_ad_token`, or what its token provider returned).
    pub azure_ad_token: Option<String>,
    pub custom_llm_provider: Option<String>,
    /// The model's `litellm.custom_prompt_dict` entry, for routes that send a rendered prompt.
    pub prompt_template: Option<Value>,
    /// The model's `litellm.known_tokenizer_config` entry (a Hub `tokenizer_config.json`), whose
    /// Jinja `chat_template` those routes render.
    pub tokenizer_config: Option<Value>,
    /// Cloud credentials and placement by LiteLLM's kwarg name (`aws_region_name`,
    /// `vertex_project`, `vertex_credentials`, `model_id`, ...).
    #[serde(default)]
    pub provider_auth: Map<String, Value>,
    /// Seconds; applies to connect, time to headers and each gap between stream bytes.
    pub timeout: Option<f64>,
    #[serde(default)]
    pub headers: Map<String, Value>,
    #[serde(default)]
    pub extra_body: Map<String, Value>,
    #[serde(default)]
    pub num_retries: u32,
    /// The provider SDK's own retries where LiteLLM lets one retry (Azure's openai client);
    /// `None` is the SDK's default.
    pub max_retries: Option<u32>,
    #[serde(default)]
    pub drop_params: bool,
    /// `litellm.modify_params`: let Anthropic and Bedrock rewrite a conversation they would
    /// refuse (empty, or not alternating) instead of failing.
    #[serde(default)]
    pub modify_params: bool,
    /// `ensure_alternating_roles=True`, with the turns to insert (LiteLLM's defaults if `None`).
    #[serde(default)]
    pub ensure_alternating_roles: bool,
    pub user_continue_message: Option<Value>,
    pub assistant_continue_message: Option<Value>,
    /// `litellm.user_url_allowed_hosts`: hosts whose media may be downloaded even when they
    /// are internal addresses.
    #[serde(default)]
    pub user_url_allowed_hosts: Vec<String>,
    /// `litellm.user_url_validation = False` turns the download guard off.
    #[serde(default)]
    pub user_url_unguarded: bool,
    #[serde(default)]
    pub additional_drop_params: Vec<String>,
    #[serde(default)]
    pub allowed_openai_params: Vec<String>,
    #[serde(default)]
    pub stream: bool,
    /// Provider keys set on the `litellm` module (`litellm.openai_key`, ...), by provider slug.
    #[serde(default)]
    pub module_keys: Map<String, Value>,
    /// `litellm.api_key` / `litellm.api_base`: the last fallback before the environment.
    pub module_api_key: Option<String>,
    pub module_api_base: Option<String>,
}

impl CompletionRequest {
    pub fn from_json(text: &str) -> Result<Self, crate::error::LlmError> {
        serde_json::from_str(text)
            .map_err(|e| crate::error::LlmError::bad_request(format!("invalid request: {e}")))
    }
}

/// Overlays `patch` onto `base` key by key (tests build requests from a template).
#[cfg(test)]
pub fn merge(base: &mut Value, patch: Value) {
    if let (Some(base), Value::Object(patch)) = (base.as_object_mut(), patch) {
        base.extend(patch);
    }
}
