//! LiteLLM's `model_prices_and_context_window.json`, embedded and indexed lazily: `import litellm`
//! never pays for it. The index keeps each entry as raw JSON text and parses an entry only when
//! a call first needs it, so the first priced call costs about a millisecond, not a full parse.

use super::table::{Entry, ModelTable};
use once_cell::sync::Lazy;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The table as LiteLLM 1.109.1 ships it (same keys, same shape).
pub static MODEL_MAP_JSON: &str = include_str!("../../data/model_prices_and_context_window.json");

/// Not a model: the block of regex rules LiteLLM keeps in the same file.
pub const RULES_KEY: &str = "fallback_generalizations";

static RAW: Lazy<HashMap<String, &'static RawValue>> = Lazy::new(|| {
    let mut raw: HashMap<String, &'static RawValue> =
        serde_json::from_str(MODEL_MAP_JSON).expect("the embedded model table is valid JSON");
    raw.remove(RULES_KEY);
    raw
});

static LOWERCASE_KEYS: Lazy<HashMap<String, &'static str>> = Lazy::new(|| {
    RAW.keys()
        .map(|k| (k.to_ascii_lowercase(), k.as_str()))
        .collect()
});

static PARSED: Lazy<Mutex<HashMap<&'static str, Arc<Entry>>>> = Lazy::new(Mutex::default);

/// The embedded table, read-only.
pub struct Embedded;

impl ModelTable for Embedded {
    fn entry(&self, key: &str) -> Option<Arc<Entry>> {
        let (stored_key, raw) = RAW.get_key_value(key)?;
        let mut parsed = PARSED.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(entry) = parsed.get(stored_key.as_str()) {
            return Some(entry.clone());
        }
        // Entries that are not objects (none today) read as empty rather than failing a call.
        let entry = Arc::new(serde_json::from_str::<Entry>(raw.get()).unwrap_or_default());
        parsed.insert(stored_key.as_str(), entry.clone());
        Some(entry)
    }

    fn key_ignoring_case(&self, name: &str) -> Option<String> {
        LOWERCASE_KEYS
            .get(&name.to_ascii_lowercase())
            .map(|k| (*k).to_owned())
    }
}

/// One entry as JSON text, for `get_model_info` before `litellm.model_cost` exists.
pub fn entry_json(key: &str) -> Option<&'static str> {
    RAW.get(key).map(|raw| raw.get())
}

/// The provider a bare model name (no `provider/` prefix) resolves to, following the model sets
/// LiteLLM builds from the same table at import. Fine-tunes of OpenAI models are matched by
/// prefix because the table cannot list them.
pub fn bare_model_provider(model: &str) -> Option<&'static str> {
    if model.starts_with("ft:gpt-") || model.starts_with("gpt-image") {
        return Some("openai");
    }
    let entry = Embedded.entry(model)?;
    let resolved = match entry.get("litellm_provider")?.as_str()? {
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

    #[test]
    fn entries_parse_on_demand_and_match_case_insensitively() {
        let entry = Embedded.entry("gpt-4o").expect("gpt-4o is in the table");
        assert_eq!(entry["input_cost_per_token"].as_f64(), Some(2.5e-6));
        assert_eq!(
            Embedded.key_ignoring_case("GPT-4O").as_deref(),
            Some("gpt-4o")
        );
        assert!(Embedded.entry(RULES_KEY).is_none());
    }
}
