//! Bedrock's InvokeModel API (`bedrock/invoke/<id>`), where each model family takes its own
//! body: Claude Anthropic's Messages body, Nova a Converse body, and Llama, Mistral, Titan and
//! Cohere a prompt rendered from the turns, as LiteLLM 1.109 sends them. Streams arrive as
//! `chunk` events whose base64 `bytes` hold the family's own JSON.

mod response;
mod stream;

pub use response::parse;
pub use stream::StreamState;

use super::family::Family;
use crate::error::{ErrorClass, LlmError};
use crate::providers::anthropic::betas;
use crate::providers::prompts::{self, roles};
use crate::providers::registry::COHERE_CHAT_PARAMS;
use crate::types::{CallOptions, CompletionRequest};
use serde_json::{json, Map, Value};

/// The model families InvokeModel is spoken to here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Claude,
    Nova,
    Llama2,
    Llama3,
    Mistral,
    Titan,
    CohereChat,
    CohereText,
    /// A vendor not spoken to here (AI21, Qwen, DeepSeek R1, ...): refused before sending.
    Unsupported,
}

/// Vendors in the order LiteLLM looks for them in an id.
const VENDORS: &[&str] = &[
    "cohere",
    "anthropic",
    "mistral",
    "amazon",
    "meta",
    "llama",
    "ai21",
    "nova",
    "deepseek_r1",
    "qwen3",
    "qwen2",
    "twelvelabs",
    "openai",
    "stability",
    "moonshot",
];

impl Kind {
    /// The family behind an invoke model id (route prefix removed), by LiteLLM's rules: Nova by
    /// name, else the vendor the id starts with, else the first vendor it mentions.
    pub fn of(model_id: &str) -> Self {
        let id = model_id.strip_prefix("invoke/").unwrap_or(model_id);
        let lower = id.to_ascii_lowercase();
        let vendor = if lower.contains("nova") {
            Some("nova")
        } else {
            let first = lower.split('.').next().unwrap_or("");
            VENDORS
                .iter()
                .copied()
                .find(|v| *v == first)
                .or_else(|| VENDORS.iter().copied().find(|v| lower.contains(v)))
        };
        let base = id.rsplit('/').next().unwrap_or(id);
        match vendor {
            Some("anthropic") => Self::Claude,
            Some("nova") => Self::Nova,
            Some("meta" | "llama") if base.contains("llama2") => Self::Llama2,
            Some("meta" | "llama") => Self::Llama3,
            Some("mistral") => Self::Mistral,
            Some("amazon") => Self::Titan,
            Some("cohere") if base.contains("command-r") => Self::CohereChat,
            Some("cohere") => Self::CohereText,
            _ => Self::Unsupported,
        }
    }

    /// The family, or LiteLLM's refusal of a vendor it cannot invoke.
    pub fn supported(model_id: &str) -> Result<Self, LlmError> {
        match Self::of(model_id) {
            Self::Unsupported => Err(LlmError::new(
                ErrorClass::NotFoundError,
                404,
                format!(
                    "BedrockException - Bedrock Invoke HTTPX: Unknown provider, \
                     model={model_id}. Try calling via converse route - \
                     `bedrock/converse/<model>`."
                ),
            )),
            kind => Ok(kind),
        }
    }

    /// The OpenAI parameters LiteLLM accepts for the family on this route.
    pub fn supported_params(self, model_id: &str) -> Vec<&'static str> {
        match self {
            Self::Claude | Self::Nova => Family::of(model_id).supported_params(),
            Self::Llama2 | Self::Llama3 | Self::Unsupported => {
                vec!["max_tokens", "temperature", "top_p", "stream"]
            }
            Self::Mistral => vec!["max_tokens", "temperature", "top_p", "stop", "stream"],
            Self::Titan => vec![
                "max_tokens",
                "max_completion_tokens",
                "temperature",
                "top_p",
                "stop",
                "stream",
            ],
            Self::CohereChat | Self::CohereText => COHERE_CHAT_PARAMS.to_vec(),
        }
    }

    /// Prompt families take no tools and report usage in headers; Claude and Nova do neither.
    pub fn is_prompted(self) -> bool {
        !matches!(self, Self::Claude | Self::Nova)
    }
}

/// The name a prompt family gives an OpenAI parameter, if it takes it (Titan's go inside
/// `textGenerationConfig`).
fn wire_name(kind: Kind, name: &str) -> Option<&'static str> {
    use Kind::*;
    Some(match (kind, name) {
        (Titan, "max_tokens" | "max_completion_tokens") => "maxTokenCount",
        (Titan, "top_p") => "topP",
        (Titan, "stop") => "stopSequences",
        (_, "temperature") => "temperature",
        (Llama2 | Llama3, "max_tokens") => "max_gen_len",
        (Llama2 | Llama3 | Mistral, "top_p") => "top_p",
        (Mistral, "max_tokens") => "max_tokens",
        (Mistral, "stop") => "stop",
        (CohereChat | CohereText, "max_tokens" | "max_completion_tokens") => "max_tokens",
        (CohereChat | CohereText, "top_p") => "p",
        (CohereChat | CohereText, "n") => "num_generations",
        (CohereChat | CohereText, "stop") => "stop_sequences",
        (CohereChat | CohereText, "frequency_penalty") => "frequency_penalty",
        (CohereChat | CohereText, "presence_penalty") => "presence_penalty",
        (CohereChat | CohereText, "seed") => "seed",
        // LiteLLM sends OpenAI's tools to Cohere as they are.
        (CohereChat | CohereText, "tools") => "tools",
        _ => return None,
    })
}

/// The InvokeModel body for a prompt family.
pub fn body(
    kind: Kind,
    req: &CompletionRequest,
    params: Map<String, Value>,
) -> Result<Map<String, Value>, LlmError> {
    let messages = &req.messages;
    let mut fields = Map::new();
    for (name, value) in params {
        let Some(to) = wire_name(kind, &name) else {
            continue;
        };
        // Titan and Cohere take their stop sequences as a list only.
        let value = match value {
            Value::String(s) if matches!(to, "stopSequences" | "stop_sequences") => json!([s]),
            other => other,
        };
        fields.insert(to.into(), value);
    }
    let mut body = Map::new();
    match kind {
        Kind::Llama2 | Kind::Llama3 | Kind::Mistral => {
            body.insert("prompt".into(), Value::String(prompt(kind, req)));
            body.extend(fields);
        }
        Kind::Titan => {
            body.insert("inputText".into(), Value::String(titan_prompt(messages)));
            body.insert("textGenerationConfig".into(), Value::Object(fields));
        }
        Kind::CohereChat | Kind::CohereText => {
            let key = if kind == Kind::CohereChat {
                "message"
            } else {
                "prompt"
            };
            body.insert(key.into(), Value::String(cohere_prompt(messages)));
            body.extend(fields);
            if kind == Kind::CohereChat {
                body.insert("chat_history".into(), json!([]));
            } else if req.options.stream {
                body.insert("stream".into(), Value::Bool(true));
            }
        }
        Kind::Claude | Kind::Nova | Kind::Unsupported => {
            unreachable!("built by their own dialects, or refused")
        }
    }
    body.extend(req.extra.clone());
    Ok(body)
}

/// Claude's Messages body as InvokeModel takes it: no `model` or `stream`, Bedrock's
/// `anthropic_version`, and the betas (the caller's and the request's own) in the body
/// through LiteLLM's allowlist for InvokeModel.
pub fn claude_body(mut body: Map<String, Value>, options: &CallOptions) -> Map<String, Value> {
    body.remove("model");
    body.remove("stream");
    let own = crate::providers::anthropic::own_betas(&body);
    let allowed = betas::allowed(
        betas::Host::BedrockInvoke,
        &own,
        betas::caller(&options.headers),
    );
    if !allowed.is_empty() {
        body.insert("anthropic_beta".into(), json!(allowed));
    }
    body.insert(
        "anthropic_version".into(),
        Value::String("bedrock-2023-05-31".into()),
    );
    body
}

/// Llama 2's `[INST]` format, Llama 3's chat template (the one LiteLLM bundles), or
/// Mistral's instruct format; a template registered for the model wins.
fn prompt(kind: Kind, req: &CompletionRequest) -> String {
    if let Some(template) = &req.options.prompt_template {
        return prompts::custom_prompt(template, &req.messages);
    }
    match kind {
        Kind::Llama2 => prompts::custom_prompt(&roles::LLAMA_2_CHAT, &req.messages),
        Kind::Mistral => prompts::custom_prompt(&roles::MISTRAL_INSTRUCT, &req.messages),
        _ => prompts::render(
            "bedrock",
            "meta-llama/Meta-Llama-3-8B-Instruct",
            &req.messages,
            &CallOptions::default(),
        ),
    }
}

/// Titan's `User:` / `Bot:` transcript, system text as an admin note, ending on `Bot: `.
fn titan_prompt(messages: &[Value]) -> String {
    let mut prompt = String::new();
    for (position, message) in messages.iter().enumerate() {
        let text = roles::message_text(message).unwrap_or_default();
        match message["role"].as_str().unwrap_or("user") {
            "user" => prompt.push_str(&format!("\n\nUser: {text}")),
            "system" => prompt.push_str(&format!("\n\nUser: <admin>{text}</admin>")),
            _ => {
                if position == 0 {
                    prompt.push_str("\n\nUser: ");
                }
                prompt.push_str(&format!("\n\nBot: {text}"));
            }
        }
    }
    if messages.last().is_none_or(|m| m["role"] != "assistant") {
        prompt.push_str("\n\nBot: ");
    }
    prompt
}

/// Cohere on InvokeModel: every turn's text, each followed by a blank line, right-trimmed.
fn cohere_prompt(messages: &[Value]) -> String {
    let mut prompt = String::new();
    for message in messages.iter().filter(|m| m["role"] != "tool") {
        if let Some(text) = roles::message_text(message).filter(|t| !t.is_empty()) {
            prompt.push_str(&text);
            prompt.push_str("\n\n");
        }
    }
    prompt.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_by_litellms_rules() {
        assert_eq!(
            Kind::of("anthropic.claude-3-5-sonnet-20240620-v1:0"),
            Kind::Claude
        );
        assert_eq!(
            Kind::of("invoke/us.meta.llama3-8b-instruct-v1:0"),
            Kind::Llama3
        );
        assert_eq!(Kind::of("meta.llama2-13b-chat-v1"), Kind::Llama2);
        assert_eq!(Kind::of("amazon.titan-text-express-v1"), Kind::Titan);
        assert_eq!(Kind::of("us.amazon.nova-pro-v1:0"), Kind::Nova);
        assert_eq!(Kind::of("cohere.command-r-v1:0"), Kind::CohereChat);
        assert_eq!(Kind::of("cohere.command-text-v14"), Kind::CohereText);
        let arn = "arn:aws:bedrock:us-east-1:1:inference-profile/us.anthropic.claude-3-haiku";
        assert_eq!(Kind::of(arn), Kind::Claude);
        let err = Kind::supported("stability.sd3").unwrap_err();
        assert_eq!(err.status_code, 404);
    }

    #[test]
    fn titan_transcripts() {
        let messages = [
            json!({"role": "system", "content": "SYS"}),
            json!({"role": "user", "content": "Hi"}),
        ];
        assert_eq!(
            titan_prompt(&messages),
            "\n\nUser: <admin>SYS</admin>\n\nUser: Hi\n\nBot: "
        );
    }

    #[test]
    fn cohere_flattens_the_turns() {
        let messages = prompts::conversation();
        assert_eq!(cohere_prompt(&messages), "Be brief.\n\nHi\n\nHello\n\nBye");
    }
}
