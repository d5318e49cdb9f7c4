//! Vertex AI's partner models other than Claude, all spoken to in OpenAI's chat format with the
//! Vertex token: Llama, DeepSeek, Qwen, gpt-oss and the other MaaS models at Vertex's
//! OpenAI-compatible endpoint, Mistral and Codestral at Mistral's `rawPredict`, and AI21's
//! Jamba at AI21's (under `v1beta1`), as LiteLLM 1.109 routes them.

use crate::cost::lookup;
use crate::cost::model_map::Embedded;
use crate::providers::registry::OPENAI_CHAT_PARAMS;
use serde_json::{json, Map, Value};

/// Which partner serves a model, by LiteLLM's name rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partner {
    /// Vertex's OpenAI-compatible `endpoints/openapi/chat/completions`.
    OpenAiCompatible {
        gpt_oss: bool,
    },
    Mistral {
        codestral: bool,
    },
    Ai21,
}

/// Name prefixes that make a `vertex_ai/` model a partner model (case-sensitive, as LiteLLM's).
const PARTNER_PREFIXES: &[&str] = &[
    "meta/",
    "deepseek-ai",
    "mistral",
    "codestral",
    "jamba",
    "qwen",
    "openai/gpt-oss-",
    "minimaxai/",
    "moonshotai/",
    "zai-org/",
    "google/gemma-",
];

/// Names served through the OpenAI-compatible endpoint.
const OPENAI_COMPATIBLE: &[&str] = &[
    "llama",
    "deepseek-ai",
    "qwen",
    "openai/gpt-oss-",
    "minimaxai/",
    "moonshotai/",
    "zai-org/",
    "google/gemma-",
];

/// The partner behind a `vertex_ai/` model, if it is one (Claude has its own route).
pub fn of(model: &str) -> Option<Partner> {
    if !PARTNER_PREFIXES.iter().any(|p| model.starts_with(p)) {
        return None;
    }
    if OPENAI_COMPATIBLE.iter().any(|p| model.contains(p)) {
        return Some(Partner::OpenAiCompatible {
            gpt_oss: model.contains("openai/gpt-oss-"),
        });
    }
    if model.contains("mistral") || model.contains("codestral") {
        return Some(Partner::Mistral {
            codestral: model.contains("codestral"),
        });
    }
    model.contains("jamba").then_some(Partner::Ai21)
}

const MISTRAL_PARAMS: &[&str] = &[
    "max_completion_tokens",
    "max_tokens",
    "parallel_tool_calls",
    "response_format",
    "seed",
    "stop",
    "stream",
    "temperature",
    "tool_choice",
    "tools",
    "top_p",
];

/// LiteLLM takes Codestral through its fill-in-the-middle config, even for chat.
const CODESTRAL_PARAMS: &[&str] = &[
    "max_completion_tokens",
    "max_tokens",
    "seed",
    "stop",
    "stream",
    "suffix",
    "temperature",
    "top_p",
];

impl Partner {
    pub fn supported_params(self) -> Vec<&'static str> {
        match self {
            Self::OpenAiCompatible { gpt_oss } => {
                let mut params: Vec<&str> = OPENAI_CHAT_PARAMS
                    .iter()
                    .copied()
                    .filter(|p| *p != "max_retries")
                    .collect();
                if gpt_oss {
                    params.push("reasoning_effort");
                }
                params
            }
            Self::Mistral { codestral: true } => CODESTRAL_PARAMS.to_vec(),
            Self::Mistral { codestral: false } => MISTRAL_PARAMS.to_vec(),
            Self::Ai21 => OPENAI_CHAT_PARAMS.to_vec(),
        }
    }

    /// The publisher whose `rawPredict` serves the model and the API version it is under;
    /// `None` for Vertex's OpenAI-compatible endpoint.
    pub fn publisher(self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::OpenAiCompatible { .. } => None,
            Self::Mistral { .. } => Some(("mistralai", "v1")),
            Self::Ai21 => Some(("ai21", "v1beta1")),
        }
    }

    /// The `model` the body names: Mistral's without its `@version`.
    pub fn body_model(self, model: &str) -> &str {
        match self {
            Self::Mistral { .. } => model.split('@').next().unwrap_or(model),
            _ => model,
        }
    }

    /// The OpenAI body: `max_completion_tokens` as `max_tokens` (gpt-oss keeps it), Mistral's
    /// `"any"` for a required tool choice, and `stream` always stated.
    pub fn body(
        self,
        model: &str,
        messages: Vec<Value>,
        params: Map<String, Value>,
        stream: bool,
    ) -> Map<String, Value> {
        let mut body = Map::new();
        body.insert(
            "model".into(),
            Value::String(self.body_model(model).to_owned()),
        );
        body.insert("messages".into(), Value::Array(messages));
        for (name, value) in params {
            match name.as_str() {
                "max_completion_tokens"
                    if !matches!(self, Self::OpenAiCompatible { gpt_oss: true }) =>
                {
                    body.insert("max_tokens".into(), value);
                }
                "tool_choice" if matches!(self, Self::Mistral { .. }) && value == "required" => {
                    body.insert(name, json!("any"));
                }
                "stream" | "max_retries" => {}
                "stream_options" if !stream => {}
                _ => {
                    body.insert(name, value);
                }
            }
        }
        body.insert("stream".into(), Value::Bool(stream));
        body
    }

    /// Mistral's and AI21's responses name the served model `vertex_ai/<model>` in LiteLLM.
    pub fn response_model(self, served: &str) -> String {
        match self {
            Self::OpenAiCompatible { .. } => served.to_owned(),
            _ => format!("vertex_ai/{served}"),
        }
    }
}

/// A partner's response as LiteLLM reports it (see `Partner::response_model`).
pub fn with_response_model(mut response: Value, model: &str) -> Value {
    if let (Some(partner), Some(served)) = (of(model), response["model"].as_str()) {
        response["model"] = Value::String(partner.response_model(served));
    }
    response
}

/// The regions the table says a model is served in (Vertex's MaaS models are in few).
pub fn supported_regions(model: &str) -> Option<Vec<String>> {
    let found = lookup::find(&Embedded, model, Some("vertex_ai"), None).ok()?;
    let regions = found.entry.get("supported_regions")?.as_array()?;
    let regions: Vec<String> = regions
        .iter()
        .filter_map(|r| r.as_str().map(str::to_owned))
        .collect();
    (!regions.is_empty()).then_some(regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_by_litellms_name_rules() {
        assert_eq!(
            of("meta/llama-3.3-70b-instruct-maas"),
            Some(Partner::OpenAiCompatible { gpt_oss: false })
        );
        assert_eq!(
            of("openai/gpt-oss-120b-maas"),
            Some(Partner::OpenAiCompatible { gpt_oss: true })
        );
        assert_eq!(
            of("mistral-large@2407"),
            Some(Partner::Mistral { codestral: false })
        );
        assert_eq!(
            of("codestral@2405"),
            Some(Partner::Mistral { codestral: true })
        );
        assert_eq!(of("jamba-1.5-mini@001"), Some(Partner::Ai21));
        assert_eq!(of("gemini-2.5-pro"), None);
        assert_eq!(of("llama3-405b-instruct-maas"), None); // no `meta/`: not a partner
        assert_eq!(of("claude-sonnet-4-5@20250929"), None);
    }

    #[test]
    fn bodies_follow_each_partner() {
        let params: Map<String, Value> =
            serde_json::from_value(json!({"max_completion_tokens": 5, "tool_choice": "required"}))
                .unwrap();
        let mistral = Partner::Mistral { codestral: false };
        let body = mistral.body("mistral-large@2407", vec![], params.clone(), false);
        assert_eq!(
            Value::Object(body),
            json!({"model": "mistral-large", "messages": [], "max_tokens": 5, "tool_choice": "any", "stream": false})
        );
        let oss = Partner::OpenAiCompatible { gpt_oss: true };
        let body = oss.body("openai/gpt-oss-120b-maas", vec![], params, true);
        assert_eq!(body["max_completion_tokens"], 5);
        assert_eq!(body["tool_choice"], "required");
        assert_eq!(Partner::Ai21.publisher(), Some(("ai21", "v1beta1")));
    }

    #[test]
    fn maas_regions_come_from_the_table() {
        assert_eq!(
            supported_regions("qwen/qwen3-coder-480b-a35b-instruct-maas"),
            Some(vec!["global".to_owned()])
        );
        assert_eq!(supported_regions("meta/llama-3.1-8b-instruct-maas"), None);
    }
}
