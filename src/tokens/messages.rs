//! LiteLLM's `token_counter`: text, or chat messages with OpenAI's framing (3 tokens a
//! message, 1 more for a name, 3 to prime the reply), tool definitions and images.

use super::images::{image_tokens, DEFAULT_IMAGE_TOKENS};
use super::tools::{count_tool_choice, count_tools};
use super::{TokenError, Tokenizer};
use crate::providers::python_json::python_repr;
use serde::Deserialize;
use serde_json::{Map, Value};

const TOKENS_PER_MESSAGE: usize = 3;
const TOKENS_PER_NAME: usize = 1;
const REPLY_PRIMER: usize = 3;

/// `text=`: one string, or a list whose strings are joined.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Text {
    One(String),
    Many(Vec<Value>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CountRequest {
    pub text: Option<Text>,
    pub messages: Option<Vec<Value>>,
    /// LiteLLM adds the reply primer and tools only when this is exactly `false`.
    pub count_response_tokens: Option<bool>,
    pub tools: Option<Vec<Value>>,
    pub tool_choice: Option<Value>,
    pub use_default_image_token_count: bool,
    pub default_token_count: Option<usize>,
}

fn truthy(v: &Option<Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    }
}

pub fn count(tok: &dyn Tokenizer, req: &CountRequest) -> Result<usize, TokenError> {
    let tools_given = req.tools.as_ref().is_some_and(|t| !t.is_empty()) || truthy(&req.tool_choice);
    match (&req.text, &req.messages) {
        (Some(_), Some(_)) => Err(TokenError::Invalid(
            "text and messages cannot both be set".into(),
        )),
        (None, None) => Err(TokenError::Invalid(
            "Either text or messages must be provided".into(),
        )),
        (Some(_), None) if tools_given => Err(TokenError::Invalid(
            "tools or tool_choice cannot be set if using text".into(),
        )),
        (Some(Text::One(s)), None) => tok.count(s),
        (Some(Text::Many(items)), None) => {
            let joined: String = items.iter().filter_map(Value::as_str).collect();
            tok.count(&joined)
        }
        (None, Some(messages)) => count_messages(tok, messages, req),
    }
}

fn count_messages(
    tok: &dyn Tokenizer,
    messages: &[Value],
    req: &CountRequest,
) -> Result<usize, TokenError> {
    let mut total = 0;
    let mut has_system = false;
    for message in messages {
        let Some(message) = message.as_object() else {
            continue;
        };
        total += TOKENS_PER_MESSAGE;
        has_system |= message.get("role").and_then(Value::as_str) == Some("system");
        for (key, value) in message {
            total += count_field(tok, key, value, req)?;
        }
    }
    if req.count_response_tokens == Some(false) {
        total += REPLY_PRIMER;
        if let Some(tools) = &req.tools {
            total += count_tools(tok, tools, has_system)?;
        }
        if let Some(choice) = &req.tool_choice {
            total += count_tool_choice(tok, choice)?;
        }
    }
    Ok(total)
}

fn count_field(
    tok: &dyn Tokenizer,
    key: &str,
    value: &Value,
    req: &CountRequest,
) -> Result<usize, TokenError> {
    match (key, value) {
        (_, Value::Null) => Ok(0),
        // Only the arguments of a call are billed; its id, type and name are not.
        ("tool_calls", Value::Array(calls)) => calls.iter().try_fold(0, |n, call| {
            let function = call.get("function").ok_or_else(|| {
                TokenError::Invalid(format!(
                    "Unsupported tool call {call}: a tool call must contain a function key"
                ))
            })?;
            Ok(n + tok.count(&text_of(function.get("arguments")))?)
        }),
        ("function_call", Value::Object(call)) => tok.count(&text_of(call.get("arguments"))),
        ("content", Value::Array(parts)) => match count_content(tok, parts, req) {
            Ok(n) => Ok(n),
            Err(_) if req.default_token_count.is_some() => Ok(req.default_token_count.unwrap_or(0)),
            Err(TokenError::UnsupportedContent(m)) => Err(TokenError::UnsupportedContent(format!(
                "Error getting number of tokens from content list: {m}"
            ))),
            Err(TokenError::Invalid(m)) => Err(TokenError::Invalid(format!(
                "Error getting number of tokens from content list: {m}"
            ))),
        },
        ("name", Value::String(s)) => Ok(tok.count(s)? + TOKENS_PER_NAME),
        (_, Value::String(s)) => tok.count(s),
        _ => Ok(0),
    }
}

/// A string as is; anything else as its JSON text.
fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn count_content(
    tok: &dyn Tokenizer,
    parts: &[Value],
    req: &CountRequest,
) -> Result<usize, TokenError> {
    parts
        .iter()
        .try_fold(0, |n, part| Ok(n + count_part(tok, part, req)?))
}

fn count_part(tok: &dyn Tokenizer, part: &Value, req: &CountRequest) -> Result<usize, TokenError> {
    let part = match part {
        Value::String(s) => return tok.count(s),
        Value::Object(o) => o,
        other => {
            return Err(TokenError::UnsupportedContent(format!(
                "Unsupported content part {other}"
            )))
        }
    };
    let field = |name: &str| part.get(name).and_then(Value::as_str).unwrap_or("");
    match field("type") {
        "text" => tok.count(field("text")),
        "thinking" | "redacted_thinking" => tok.count(field("thinking")),
        "compaction" => tok.count(field("content")),
        "image_url" => {
            if req.use_default_image_token_count {
                return Ok(DEFAULT_IMAGE_TOKENS);
            }
            match part.get("image_url") {
                Some(Value::String(url)) => image_tokens(url, None),
                Some(Value::Object(image)) => image_tokens(
                    image.get("url").and_then(Value::as_str).unwrap_or(""),
                    image.get("detail").and_then(Value::as_str),
                ),
                _ => Err(TokenError::Invalid("image_url part without a url".into())),
            }
        }
        "image" => {
            if req.use_default_image_token_count {
                return Ok(DEFAULT_IMAGE_TOKENS);
            }
            let source = part.get("source").and_then(Value::as_object);
            let url = match source {
                Some(s) if s.get("type").and_then(Value::as_str) == Some("base64") => format!(
                    "data:{};base64,{}",
                    s.get("media_type").and_then(Value::as_str).unwrap_or(""),
                    s.get("data").and_then(Value::as_str).unwrap_or("")
                ),
                Some(s) => s
                    .get("url")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
                None => String::new(),
            };
            image_tokens(&url, None)
        }
        // A file is its name plus the document, billed like an inline image that is not one.
        "file" => {
            let file = part.get("file").and_then(Value::as_object);
            let name = file
                .and_then(|f| f.get("filename"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let data = file
                .and_then(|f| f.get("file_data"))
                .and_then(Value::as_str);
            Ok(tok.count(name)? + data.map_or(Ok(0), |d| image_tokens(d, None))?)
        }
        "document" => {
            let mut n = tok.count(field("title"))? + tok.count(field("context"))?;
            if let Some(source) = part.get("source").and_then(Value::as_object) {
                match source.get("type").and_then(Value::as_str) {
                    Some("text") => n += tok.count(&text_of(source.get("data")))?,
                    Some("content") => {
                        if let Some(Value::Array(inner)) = source.get("content") {
                            n += count_content(tok, inner, req)?;
                        }
                    }
                    _ => n += image_tokens(&text_of(source.get("data")), None).unwrap_or(0),
                }
            }
            Ok(n)
        }
        "tool_use" | "tool_result" | "search_result" => count_block_fields(tok, part, req),
        "tool_reference" => tok.count(field("tool_name")),
        other => Err(TokenError::UnsupportedContent(format!(
            "Unsupported content type: {other}"
        ))),
    }
}

/// Anthropic blocks: every field but the bookkeeping ones; nested dicts are billed as the
/// Python text LiteLLM renders them as.
fn count_block_fields(
    tok: &dyn Tokenizer,
    block: &Map<String, Value>,
    req: &CountRequest,
) -> Result<usize, TokenError> {
    const SKIPPED: &[&str] = &["type", "id", "tool_use_id", "cache_control", "is_error"];
    let mut n = 0;
    for (key, value) in block {
        if SKIPPED.contains(&key.as_str()) {
            continue;
        }
        n += match value {
            Value::String(s) => tok.count(s)?,
            Value::Array(items) => count_content(tok, items, req)?,
            Value::Object(_) => tok.count(&python_repr(value))?,
            _ => 0,
        };
    }
    Ok(n)
}
