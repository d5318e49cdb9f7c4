//! OpenAI chat requests as Bedrock Converse requests, as LiteLLM 1.109.1 sends them: system
//! turns lifted to `system`, content as typed blocks, tool calls and results as `toolUse` /
//! `toolResult`, same-role turns merged, sampling in `inferenceConfig`, and everything Converse
//! has no field for in `additionalModelRequestFields`.

use super::family::Family;
use crate::error::{ErrorClass, LlmError};
use crate::providers::alternation::PLEASE_CONTINUE;
use crate::providers::anthropic::betas;
use crate::providers::json_tool::NAME as JSON_TOOL;
use crate::providers::media;
use crate::providers::tool_pairing;
use crate::types::CallOptions;
use serde_json::{json, Map, Value};

/// How a conversation Converse would refuse gets fixed: with `litellm.modify_params` or a
/// caller's `user_continue_message`, continuation turns fill the gaps (LiteLLM's factory
/// rules, probed in docs/research/litellm-role-alternation.md §2).
pub struct Continuation {
    /// `litellm.modify_params`: empty turns get text, and an assistant turn separates a tool
    /// result from the user turn after it.
    modify: bool,
    /// The text of the user turn put before a leading and after a trailing assistant, or as
    /// the whole conversation when it has no turns.
    user_text: Option<String>,
}

impl Continuation {
    pub fn of(options: &CallOptions) -> Self {
        let caller = options
            .user_continue_message
            .as_ref()
            .map(|m| crate::providers::prompts::roles::message_text(m).unwrap_or_default());
        Self {
            modify: options.modify_params,
            user_text: caller.or_else(|| options.modify_params.then(|| PLEASE_CONTINUE.to_owned())),
        }
    }
}

/// A text part with nothing but whitespace in it.
fn is_blank_text(part: &Value) -> bool {
    part.get("type").and_then(Value::as_str) == Some("text")
        && part
            .get("text")
            .and_then(Value::as_str)
            .is_none_or(|t| t.trim().is_empty())
}

fn is_blank(content: &Value) -> bool {
    match content {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(parts) => parts.iter().all(is_blank_text),
        _ => false,
    }
}

/// User content with its first blank text replaced by the continuation text (later blank
/// texts are dropped by `content_blocks`).
fn filled_user_content(content: &Value, text: &str) -> Value {
    match content {
        Value::Array(parts) => {
            let mut filled = false;
            Value::Array(
                parts
                    .iter()
                    .map(|p| {
                        if is_blank_text(p) && !filled {
                            filled = true;
                            json!({"type": "text", "text": text})
                        } else {
                            p.clone()
                        }
                    })
                    .collect(),
            )
        }
        other if is_blank(other) => Value::String(text.to_owned()),
        other => other.clone(),
    }
}

/// Converse's top-level fields in the order LiteLLM writes them.
const BODY_ORDER: &[&str] = &[
    "messages",
    "inferenceConfig",
    "additionalModelRequestFields",
    "additionalModelResponseFieldPaths",
    "system",
    "guardrailConfig",
    "performanceConfig",
    "serviceTier",
    "toolConfig",
    "requestMetadata",
    "outputConfig",
];
/// Keyword arguments that are Converse fields of their own, not model request fields.
const TOP_LEVEL_KWARGS: &[&str] = &[
    "guardrailConfig",
    "performanceConfig",
    "requestMetadata",
    "additionalModelResponseFieldPaths",
    "outputConfig",
];
const OPERATOR_NOTE: &str = "Operator note (not from the user): the following was originally a \
                             mid-conversation system-role reminder.";
/// Bedrock's (and OpenAI's) limit on stop sequences.
const MAX_STOP_SEQUENCES: usize = 4;
const MIN_THINKING_BUDGET: u64 = 1024;
const THINKING_HEADROOM: u64 = 4096;

pub fn body(
    family: &Family,
    messages: &[Value],
    params: Map<String, Value>,
    extra: &Map<String, Value>,
    options: &CallOptions,
) -> Result<Value, LlmError> {
    let headers = &options.headers;
    let has_tools = params
        .get("tools")
        .and_then(Value::as_array)
        .is_some_and(|t| !t.is_empty());
    let continuation = Continuation::of(options);
    let guarded = extra
        .contains_key("guardrailConfig")
        .then(|| guard_trailing_user_turns(messages));
    let messages = guarded.as_deref().unwrap_or(messages);
    let (system, turns) = translate_messages(messages, family, has_tools, &continuation)?;
    let mut body = Map::new();
    body.insert("messages".into(), Value::Array(turns));
    let mut inference = Map::new();
    let mut additional = Map::new();
    let mut tools = Vec::new();
    let mut tool_choice = None;
    let mut thinking_budget = None;

    for (name, value) in params {
        match name.as_str() {
            "max_tokens" | "max_completion_tokens" => {
                inference.insert("maxTokens".into(), value);
            }
            "temperature" => {
                inference.insert("temperature".into(), value);
            }
            "top_p" => {
                inference.insert("topP".into(), value);
            }
            "stop" => {
                let stops: Vec<Value> = match value {
                    Value::String(s) if s.is_empty() => continue,
                    Value::String(s) => vec![Value::String(s)],
                    Value::Array(list) => list.into_iter().take(MAX_STOP_SEQUENCES).collect(),
                    _ => continue,
                };
                inference.insert("stopSequences".into(), Value::Array(stops));
            }
            "tools" => {
                for tool in value.as_array().into_iter().flatten() {
                    tools.push(tool_spec(tool, family));
                }
            }
            "tool_choice" => tool_choice = Some(value),
            "response_format" => {
                if let Some(schema) = json_schema(&value) {
                    let description = value
                        .pointer("/json_schema/description")
                        .and_then(Value::as_str)
                        .unwrap_or(JSON_TOOL);
                    tools.insert(
                        0,
                        json!({"toolSpec": {"inputSchema": {"json": schema},
                        "name": JSON_TOOL, "description": description}}),
                    );
                    tool_choice.get_or_insert(
                        json!({"type": "function", "function": {"name": JSON_TOOL}}),
                    );
                }
            }
            "thinking" => {
                let mut thinking = value;
                if let Some(budget) = thinking.get("budget_tokens").and_then(Value::as_u64) {
                    let budget = budget.max(MIN_THINKING_BUDGET);
                    thinking["budget_tokens"] = json!(budget);
                    thinking_budget = Some(budget);
                }
                additional.insert("thinking".into(), thinking);
            }
            "reasoning_effort" if family.is_openai => {
                additional.insert("reasoning_effort".into(), value);
            }
            "reasoning_effort" => {
                let budget = match value.as_str() {
                    Some("low" | "minimal") => 1024,
                    Some("medium") => 2048,
                    Some("high") => 4096,
                    _ => continue,
                };
                additional.insert(
                    "thinking".into(),
                    json!({"type": "enabled", "budget_tokens": budget}),
                );
                thinking_budget = Some(budget);
            }
            "service_tier" => {
                let tier = match value.as_str() {
                    Some("auto") => Value::String("default".into()),
                    _ => value,
                };
                body.insert("serviceTier".into(), json!({"type": tier}));
            }
            "requestMetadata" => {
                body.insert(name, value);
            }
            "output_config" => {
                additional.insert(name, value);
            }
            // Converse has no field for these; LiteLLM drops them quietly.
            _ => {}
        }
    }
    if additional.contains_key("thinking") {
        if let Some(budget) = thinking_budget {
            inference
                .entry("maxTokens")
                .or_insert_with(|| json!(budget + THINKING_HEADROOM));
        }
        // LiteLLM's modify_params rule, checked after the budget sized the answer.
        if options.modify_params && tool_pairing::drops_thinking(messages) {
            additional.remove("thinking");
        } else {
            body.insert(
                "additionalModelResponseFieldPaths".into(),
                json!(["/usage/output_tokens_details"]),
            );
        }
    }
    for (name, value) in extra {
        match name.as_str() {
            "top_k" if family.is_anthropic => {
                additional.insert("top_k".into(), value.clone());
            }
            "top_k" if family.is_nova => {
                inference.insert("topK".into(), value.clone());
            }
            "top_k" => {}
            "additionalModelRequestFields" => {
                if let Some(fields) = value.as_object() {
                    additional.extend(fields.clone());
                }
            }
            _ if TOP_LEVEL_KWARGS.contains(&name.as_str()) => {
                body.insert(name.clone(), value.clone());
            }
            _ => {
                additional.insert(name.clone(), value.clone());
            }
        }
    }
    if family.is_anthropic {
        if let Some(betas) = anthropic_betas(headers) {
            additional.insert("anthropic_beta".into(), betas);
        }
    }
    body.insert("inferenceConfig".into(), Value::Object(inference));
    if !additional.is_empty() {
        body.insert(
            "additionalModelRequestFields".into(),
            Value::Object(additional),
        );
    }
    if !system.is_empty() {
        body.insert("system".into(), Value::Array(system));
    }
    if !tools.is_empty() {
        let mut config = Map::new();
        config.insert("tools".into(), Value::Array(tools));
        let thinking = body
            .get("additionalModelRequestFields")
            .and_then(|a| a.get("thinking"))
            .is_some_and(|t| t["type"] == "enabled");
        if let Some(choice) = tool_choice
            .as_ref()
            .map(|c| choice(c, thinking))
            .transpose()?
        {
            config.insert("toolChoice".into(), choice);
        }
        body.insert("toolConfig".into(), Value::Object(config));
    }
    Ok(Value::Object(ordered(body)))
}

fn ordered(mut body: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for key in BODY_ORDER {
        if let Some(value) = body.remove(*key) {
            out.insert((*key).to_owned(), value);
        }
    }
    out.extend(body);
    out
}

/// OpenAI's `tool_choice` as Converse's; with thinking on, the model may only choose freely.
fn choice(choice: &Value, thinking: bool) -> Result<Value, LlmError> {
    let converse = match choice {
        Value::String(s) if s == "auto" => json!({"auto": {}}),
        Value::String(s) if s == "required" => json!({"any": {}}),
        Value::String(s) if s == "none" => {
            return Err(LlmError::new(
                ErrorClass::UnsupportedParamsError,
                400,
                "Bedrock doesn't support tool_choice=none. To drop it from the call, set \
                 `litellm.drop_params = True.",
            ))
        }
        other => match other.pointer("/function/name").and_then(Value::as_str) {
            Some(name) => json!({"tool": {"name": sanitize_tool_name(name)}}),
            None => json!({"auto": {}}),
        },
    };
    Ok(if thinking && converse.get("auto").is_none() {
        json!({"auto": {}})
    } else {
        converse
    })
}

fn tool_spec(tool: &Value, family: &Family) -> Value {
    let function = tool.get("function").unwrap_or(tool);
    let name = sanitize_tool_name(function.get("name").and_then(Value::as_str).unwrap_or(""));
    let schema = function
        .get("parameters")
        .cloned()
        .unwrap_or_else(|| json!({"type": "object", "properties": {}, "required": []}));
    let description = function
        .get("description")
        .and_then(Value::as_str)
        .map_or_else(|| name.clone(), str::to_owned);
    let spec = json!({"toolSpec": {"inputSchema": {"json": schema}, "name": name, "description": description}});
    if tool.get("cache_control").is_some() && family.caches_prompts {
        // A cache point after the tool list is the only form Converse takes.
        return json!([spec, {"cachePoint": {"type": "default"}}]);
    }
    spec
}

/// Bedrock tool names are `[a-zA-Z0-9_-]` and start with a letter: anything else becomes `_`,
/// and a name that starts otherwise gets an `a` in front (LiteLLM's rule).
pub fn sanitize_tool_name(name: &str) -> String {
    let prefix = if name.starts_with(|c: char| c.is_alphabetic()) || name.is_empty() {
        ""
    } else {
        "a"
    };
    prefix
        .chars()
        .chain(name.chars().map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        }))
        .collect()
}

/// The tools whose names Bedrock would refuse, as (sent, the caller's original).
pub fn renamed_tools(params: &Map<String, Value>) -> Vec<(String, String)> {
    params
        .get("tools")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|tool| tool.pointer("/function/name").and_then(Value::as_str))
        .filter_map(|name| {
            let sent = sanitize_tool_name(name);
            (sent != name).then(|| (sent, name.to_owned()))
        })
        .collect()
}

/// The schema a `json_schema` response format asks for (`json_object` needs no tool).
fn json_schema(format: &Value) -> Option<Value> {
    if format.get("type").and_then(Value::as_str) != Some("json_schema") {
        return None;
    }
    let mut schema = format
        .pointer("/json_schema/schema")
        .cloned()
        .unwrap_or_else(|| json!({"type": "object"}));
    if let Some(object) = schema.as_object_mut() {
        object.entry("required").or_insert_with(|| json!([]));
    }
    Some(schema)
}

/// The caller's `anthropic-beta` header as the body list Bedrock takes, through LiteLLM's
/// allowlist for Converse.
fn anthropic_betas(headers: &Map<String, Value>) -> Option<Value> {
    let allowed = betas::allowed(betas::Host::BedrockConverse, &[], betas::caller(headers));
    (!allowed.is_empty()).then(|| json!(allowed))
}

/// One Converse turn: its role, blocks, what kind of message last added to it (`user` or
/// `tool`), and whether it is an assistant prefix the caller marked as such.
struct Turn {
    role: &'static str,
    blocks: Vec<Value>,
    last_kind: &'static str,
    prefix: bool,
}

/// (system blocks, turns). Consecutive turns of one role are merged, as Converse requires
/// alternation; tool results ride in the user turn.
fn translate_messages(
    messages: &[Value],
    family: &Family,
    has_tools: bool,
    continuation: &Continuation,
) -> Result<(Vec<Value>, Vec<Value>), LlmError> {
    let mut system = Vec::new();
    let mut turns: Vec<Turn> = Vec::new();
    for message in messages {
        let role = message
            .get("role")
            .and_then(Value::as_str)
            .unwrap_or("user");
        let mut content = message.get("content").unwrap_or(&Value::Null);
        let filled;
        let kind = if matches!(role, "tool" | "function") {
            "tool"
        } else {
            "user"
        };
        match (role, continuation.user_text.as_deref()) {
            // A caller's continuation message fills blank user turns even without modify_params.
            ("user", Some(text)) => {
                filled = filled_user_content(content, text);
                content = &filled;
            }
            ("assistant", _) if continuation.modify && is_blank(content) => {
                let has_calls = message
                    .get("tool_calls")
                    .and_then(Value::as_array)
                    .is_some_and(|c| !c.is_empty());
                filled = if has_calls {
                    Value::Null
                } else {
                    json!(PLEASE_CONTINUE)
                };
                content = &filled;
            }
            _ => {}
        }
        let (role, blocks) = match role {
            "system" | "developer" if turns.is_empty() => {
                system.extend(content_blocks(content, message, family)?);
                continue;
            }
            "system" | "developer" => {
                let mut blocks = vec![json!({"text": OPERATOR_NOTE})];
                blocks.extend(content_blocks(content, message, family)?);
                ("user", blocks)
            }
            "assistant" => (
                "assistant",
                assistant_blocks(message, content, family, has_tools)?,
            ),
            "tool" | "function" => ("user", vec![tool_result(message, content, has_tools)?]),
            _ => ("user", content_blocks(content, message, family)?),
        };
        if blocks.is_empty() {
            continue;
        }
        let prefix = message.get("prefix") == Some(&Value::Bool(true));
        match turns.last_mut() {
            // A user turn after a tool result gets an assistant turn between them under
            // modify_params; otherwise same-role turns merge.
            Some(last)
                if last.role == "user"
                    && role == "user"
                    && last.last_kind != kind
                    && continuation.modify =>
            {
                turns.push(Turn {
                    role: "assistant",
                    blocks: vec![json!({"text": PLEASE_CONTINUE})],
                    last_kind: "user",
                    prefix: false,
                });
                turns.push(Turn {
                    role,
                    blocks,
                    last_kind: kind,
                    prefix,
                });
            }
            Some(last) if last.role == role => {
                last.blocks.extend(blocks);
                last.last_kind = kind;
            }
            _ => turns.push(Turn {
                role,
                blocks,
                last_kind: kind,
                prefix,
            }),
        }
    }
    if let Some(text) = continuation.user_text.as_deref() {
        let user_turn = || Turn {
            role: "user",
            blocks: vec![json!({"text": text})],
            last_kind: "user",
            prefix: false,
        };
        if turns
            .first()
            .is_none_or(|t| t.role == "assistant" && !t.prefix)
        {
            turns.insert(0, user_turn());
        }
        if turns
            .last()
            .is_some_and(|t| t.role == "assistant" && !t.prefix)
        {
            turns.push(user_turn());
        }
    }
    if turns.is_empty() {
        return Err(LlmError::bad_request(
            "Invalid Message bedrock requires at least one non-system message",
        )
        .with_origin("bedrock_converse", ""));
    }
    // A trailing assistant turn is a prefill; Bedrock refuses one ending in whitespace.
    if let Some(turn) = turns.last_mut().filter(|t| t.role == "assistant") {
        if let Some(text) = turn.blocks.last_mut().and_then(|b| b.get_mut("text")) {
            if let Some(trimmed) = text.as_str().map(|t| t.trim_end().to_owned()) {
                *text = Value::String(trimmed);
            }
        }
    }
    let turns = turns
        .into_iter()
        .map(|t| json!({"role": t.role, "content": with_document_text(t.blocks)}))
        .collect();
    Ok((system, turns))
}

/// Bedrock wants text beside a document; LiteLLM adds a "." when a turn has none.
fn with_document_text(mut blocks: Vec<Value>) -> Vec<Value> {
    let has_document = blocks.iter().any(|b| b.get("document").is_some());
    let has_text = blocks.iter().any(|b| b.get("text").is_some());
    if has_document && !has_text {
        blocks.push(json!({"text": "."}));
    }
    blocks
}

fn assistant_blocks(
    message: &Value,
    content: &Value,
    family: &Family,
    has_tools: bool,
) -> Result<Vec<Value>, LlmError> {
    let mut blocks = Vec::new();
    for thinking in message
        .get("thinking_blocks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        blocks.push(match thinking.get("type").and_then(Value::as_str) {
            Some("redacted_thinking") => {
                json!({"reasoningContent": {"redactedContent": thinking.get("data").cloned().unwrap_or(Value::Null)}})
            }
            _ => json!({"reasoningContent": {"reasoningText": {
                "text": thinking.get("thinking").cloned().unwrap_or_else(|| json!("")),
                "signature": thinking.get("signature").cloned().unwrap_or(Value::Null)}}}),
        });
    }
    blocks.extend(
        content_blocks(content, message, family)?
            .into_iter()
            .filter(|b| b.get("text").and_then(Value::as_str) != Some("")),
    );
    for call in message
        .get("tool_calls")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let id = call.get("id").cloned().unwrap_or(Value::Null);
        let function = call.get("function").unwrap_or(&Value::Null);
        let name = function.get("name").and_then(Value::as_str).unwrap_or("");
        let arguments = function
            .get("arguments")
            .and_then(Value::as_str)
            .unwrap_or("");
        blocks.push(if has_tools {
            let input = serde_json::from_str::<Value>(arguments)
                .ok()
                .filter(Value::is_object)
                .unwrap_or_else(|| json!({}));
            json!({"toolUse": {"input": input, "name": sanitize_tool_name(name), "toolUseId": id}})
        } else {
            // Converse refuses tool blocks in a request without tools; LiteLLM keeps them as text.
            json!({"text": format!("[tool call {}: {name}({arguments})]", id.as_str().unwrap_or(""))})
        });
    }
    Ok(blocks)
}

fn tool_result(message: &Value, content: &Value, has_tools: bool) -> Result<Value, LlmError> {
    let id = message.get("tool_call_id").cloned().unwrap_or(Value::Null);
    let parts: Vec<Value> = match content {
        Value::Array(parts) => parts
            .iter()
            .map(|part| match part.get("type").and_then(Value::as_str) {
                Some("image_url") => media_block(media::image_url(part)),
                _ => Ok(json!({"text": part.get("text").and_then(Value::as_str).unwrap_or("")})),
            })
            .collect::<Result<_, _>>()?,
        Value::String(s) => vec![json!({"text": s})],
        Value::Null => vec![json!({"text": ""})],
        other => vec![json!({"text": other.to_string()})],
    };
    if !has_tools {
        let text: String = parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect();
        return Ok(
            json!({"text": format!("[tool result for {}: {text}]", id.as_str().unwrap_or(""))}),
        );
    }
    Ok(json!({"toolResult": {"content": parts, "toolUseId": id}}))
}

/// With a guardrail, LiteLLM has it assess only the conversation's closing user turns: their
/// text becomes `guarded_text` (sent as `guardContent`), unless a turn marks its own.
fn guard_trailing_user_turns(messages: &[Value]) -> Vec<Value> {
    let mut out = messages.to_vec();
    for message in out.iter_mut().rev() {
        if message["role"] != "user" {
            break;
        }
        match &mut message["content"] {
            Value::String(text) => {
                let text = std::mem::take(text);
                message["content"] = json!([{"type": "guarded_text", "text": text}]);
            }
            Value::Array(parts) if !parts.iter().any(|p| p["type"] == "guarded_text") => {
                for part in parts.iter_mut().filter(|p| p["type"] == "text") {
                    part["type"] = json!("guarded_text");
                }
            }
            _ => {}
        }
    }
    out
}

fn content_blocks(
    content: &Value,
    message: &Value,
    family: &Family,
) -> Result<Vec<Value>, LlmError> {
    let mut blocks = Vec::new();
    match content {
        Value::Null => {}
        Value::String(s) if s.is_empty() => {}
        Value::String(s) => blocks.push(json!({"text": s})),
        Value::Array(parts) => {
            for part in parts {
                let block = match part.get("type").and_then(Value::as_str) {
                    Some("text") => {
                        let text = part.get("text").and_then(Value::as_str).unwrap_or("");
                        if text.is_empty() {
                            continue;
                        }
                        json!({"text": text})
                    }
                    Some("guarded_text") => {
                        json!({"guardContent": {"text": {"text": part.get("text").cloned().unwrap_or(Value::Null)}}})
                    }
                    Some("image_url") => media_block(media::image_url(part))?,
                    Some("file") => media_block(media::file_data(part))?,
                    _ => part.clone(),
                };
                blocks.push(block);
                if part.get("cache_control").is_some() && family.caches_prompts {
                    blocks.push(json!({"cachePoint": cache_point(&part["cache_control"])}));
                }
            }
        }
        other => blocks.push(json!({"text": other.to_string()})),
    }
    if let (Some(cache), true) = (message.get("cache_control"), family.caches_prompts) {
        if !blocks.is_empty() {
            blocks.push(json!({"cachePoint": cache_point(cache)}));
        }
    }
    Ok(blocks)
}

fn cache_point(cache_control: &Value) -> Value {
    match cache_control.get("ttl") {
        Some(ttl) => json!({"type": "default", "ttl": ttl}),
        None => json!({"type": "default"}),
    }
}

/// A base64 data URL as an image, document or video block. Ferrolite does not fetch remote
/// URLs on the caller's behalf.
fn media_block(url: &str) -> Result<Value, LlmError> {
    let Some((media_type, data)) = media::data_url(url) else {
        return Err(LlmError::new(
            ErrorClass::BadRequestError,
            400,
            "BedrockException - Bedrock takes media as base64 data URLs (data:<type>;base64,...) \
             or http(s) URLs (downloaded first)",
        ));
    };
    let (kind, subtype) = media_type.split_once('/').unwrap_or((media_type, ""));
    Ok(match kind {
        "image" => {
            let format = if subtype == "jpg" { "jpeg" } else { subtype };
            json!({"image": {"source": {"bytes": data}, "format": format}})
        }
        "video" => json!({"video": {"source": {"bytes": data}, "format": subtype}}),
        _ => {
            let format = document_format(subtype);
            json!({"document": {"source": {"bytes": data}, "format": format, "name": document_name(data, format)}})
        }
    })
}

fn document_format(subtype: &str) -> &str {
    match subtype {
        "plain" => "txt",
        "markdown" => "md",
        "vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "msword" => "doc",
        "vnd.ms-excel" => "xls",
        other => other,
    }
}

/// Converse requires a document name unique within the request; LiteLLM derives it from the
/// content so the same document keeps the same name (and the prompt cache keeps working).
fn document_name(data: &str, format: &str) -> String {
    let compact: String = data
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(65_536)
        .collect();
    let digest = crate::auth::sha256_hex(format!("{compact}{}", data.len()).as_bytes());
    format!(
        "Document{}messages_{}_{format}",
        format.to_uppercase(),
        &digest[..16]
    )
}
