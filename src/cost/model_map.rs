//! LiteLLM's `model_prices_and_context_window.json`, embedded and indexed lazily: `import litellm`
//! never pays for it, and a call that names its provider never parses it at all.

use once_cell::sync::Lazy;
use serde::Deserialize;
use std::collections::HashMap;

/// The table as LiteLLM 1.109.1 ships it (same keys, same shape).
pub static MODEL_MAP_JSON: &str = include_str!("../../data/model_prices_and_context_window.json");

#[derive(Debug, Deserialize)]
pub struct ModelEntry {
    pub litellm_provider: Option<String>,
    pub mode: Option<String>,
}

static INDEX: Lazy<HashMap<String, ModelEntry>> = Lazy::new(|| {
    serde_json::from_str(MODEL_MAP_JSON).expect("the embedded model table is valid JSON")
});

pub fn entry(model: &str) -> Option<&'static ModelEntry> {
    INDEX.get(model)
}

/// The provider a bare model name (no `provider/` prefix) resolves to, following the model sets
/// LiteLLM builds from the same table at import. Fine-tunes of OpenAI models are matched by
/// prefix because the table cannot list them.
pub fn bare_model_provider(model: &str) -> Option<&'static str> {
    if model.starts_with("ft:gpt-") || model.starts_with("gpt-image") {
        return Some("openai");
    }
    let provider = entry(model)?.litellm_provider.as_deref()?;
    let resolved = match provider {
        "openai" => "openai",
        "text-completion-openai" => "text-completion-openai",
        "anthropic" => "anthropic",
        "cohere" => "cohere",
        "cohere_chat" => "cohere_chat",
        "openrouter" => "openrouter",
        "bedrock" | "bedrock_converse" => "bedrock",
        "watsonx" => "watsonx",
        "ai21" => "ai21",
        "nlp_cloud" => "nlp_cloud",
        "empower" => "empower",
        p if p.starts_with("vertex_ai-") && is_bare_vertex_family(p) => "vertex_ai",
        _ => return None,
    };
    Some(resolved)
}

fn is_bare_vertex_family(provider: &str) -> bool {
    matches!(
        provider,
        "vertex_ai-text-models"
            | "vertex_ai-code-text-models"
            | "vertex_ai-language-models"
            | "vertex_ai-vision-models"
            | "vertex_ai-chat-models"
            | "vertex_ai-code-chat-models"
            | "vertex_ai-embedding-models"
            | "vertex_ai-image-models"
            | "vertex_ai-video-models"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names_follow_the_table() {
        assert_eq!(bare_model_provider("gpt-4o"), Some("openai"));
        assert_eq!(
            bare_model_provider("gpt-3.5-turbo-instruct"),
            Some("text-completion-openai")
        );
        assert_eq!(bare_model_provider("claude-sonnet-4-5"), Some("anthropic"));
        assert_eq!(bare_model_provider("gemini-2.5-flash"), Some("vertex_ai"));
        assert_eq!(
            bare_model_provider("ft:gpt-4o-mini:org::abc"),
            Some("openai")
        );
        assert_eq!(bare_model_provider("no-such-model-xyz"), None);
    }
}
