//! What a Bedrock model id says about the model behind it: its vendor, what Converse features
//! it takes, and so the OpenAI parameters LiteLLM 1.109.1 accepts for it.

use crate::cost::lookup;
use crate::cost::model_map::Embedded;
use serde_json::Value;

/// Vendors whose names LiteLLM looks for in an id; an id naming none is a custom model (an
/// ARN, an imported model), which LiteLLM grants the full Claude-like parameter set.
const VENDORS: &[&str] = &[
    "cohere",
    "anthropic",
    "mistral",
    "amazon",
    "meta",
    "llama",
    "ai21",
    "nova",
    "deepseek",
    "qwen",
    "twelvelabs",
    "openai",
    "stability",
    "moonshot",
];

/// Every Converse model takes these.
const BASE_PARAMS: &[&str] = &[
    "max_tokens",
    "max_completion_tokens",
    "stream",
    "stream_options",
    "stop",
    "temperature",
    "top_p",
    "extra_headers",
    "response_format",
    "requestMetadata",
    "service_tier",
    "parallel_tool_calls",
];

#[derive(Debug, Clone, Default)]
pub struct Family {
    pub is_anthropic: bool,
    pub is_nova: bool,
    pub is_openai: bool,
    /// Whether `cache_control` becomes a cache point (LiteLLM drops it for models the price
    /// table says cannot cache). Looked up only when a request is built (`with_cache_support`):
    /// the supported-parameters check needs no table lookup.
    pub caches_prompts: bool,
    params: Vec<&'static str>,
}

impl Family {
    pub fn of(model_id: &str) -> Self {
        let base = base_model(model_id);
        let is_anthropic = base.contains("anthropic.claude");
        let is_nova = base.contains("nova");
        let is_openai = base.starts_with("openai.");
        let custom = is_custom_model(model_id);
        let mut params = BASE_PARAMS.to_vec();
        if is_anthropic {
            params.extend(["tools", "tool_choice", "context_management"]);
            if claude_reasons(base) {
                params.extend(["thinking", "reasoning_effort", "output_config"]);
            }
        } else if is_nova {
            params.extend(["tools", "web_search_options", "tool_choice"]);
        } else if base.contains("llama3-1")
            || base.contains("llama3-2")
            || base.contains("llama3-3")
            || base.contains("llama4")
        {
            params.push("tools");
        } else if base.contains("mistral-large-2407") || base.contains("pixtral") {
            params.extend(["tools", "tool_choice"]);
        } else if base.contains("mistral-large") {
            params.push("tools");
        } else if is_openai {
            params.extend(["tools", "tool_choice", "reasoning_effort"]);
        } else if custom || base.contains("deepseek") || base.contains("qwen") {
            params.extend([
                "tools",
                "tool_choice",
                "thinking",
                "reasoning_effort",
                "output_config",
            ]);
        }
        Self {
            is_anthropic,
            is_nova,
            is_openai,
            caches_prompts: false,
            params,
        }
    }

    /// The family with `caches_prompts` read from the price table.
    pub fn with_cache_support(mut self, model_id: &str) -> Self {
        self.caches_prompts = caches_prompts(model_id);
        self
    }

    pub fn supported_params(&self) -> Vec<&'static str> {
        self.params.clone()
    }
}

/// Whether the id names no vendor LiteLLM knows: an imported model or an opaque ARN.
pub fn is_custom_model(model_id: &str) -> bool {
    let base = base_model(model_id);
    !VENDORS.iter().any(|v| base.contains(v))
}

/// The id without an ARN's path, a throughput suffix or a cross-region prefix.
fn base_model(model_id: &str) -> &str {
    let id = model_id.rsplit('/').next().unwrap_or(model_id);
    let id = ["global.", "us-gov.", "us.", "eu.", "apac.", "jp.", "au."]
        .iter()
        .find_map(|p| id.strip_prefix(p))
        .unwrap_or(id);
    id
}

fn claude_reasons(base: &str) -> bool {
    [
        "claude-3-7",
        "claude-sonnet-4",
        "claude-opus-4",
        "claude-haiku-4",
        "claude-4",
    ]
    .iter()
    .any(|m| base.contains(m))
}

fn caches_prompts(model_id: &str) -> bool {
    match lookup::find(&Embedded, model_id, Some("bedrock"), None) {
        Ok(found) => found.entry.get("supports_prompt_caching") == Some(&Value::Bool(true)),
        // A model the table does not know gets the benefit of the doubt, as in LiteLLM.
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_follow_the_model_family() {
        let claude = Family::of("anthropic.claude-3-5-sonnet-20240620-v1:0").supported_params();
        assert!(claude.contains(&"tool_choice") && !claude.contains(&"thinking"));
        let sonnet4 = Family::of("us.anthropic.claude-sonnet-4-20250514-v1:0").supported_params();
        assert!(sonnet4.contains(&"reasoning_effort"));
        assert!(!Family::of("meta.llama3-70b-instruct-v1:0")
            .supported_params()
            .contains(&"tools"));
        let arn = Family::of("arn:aws:bedrock:us-east-1:1:application-inference-profile/abc");
        assert!(arn.supported_params().contains(&"thinking"));
        assert!(Family::of("amazon.nova-pro-v1:0").is_nova);
    }
}
