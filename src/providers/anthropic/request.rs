//! OpenAI chat requests as Anthropic Messages requests, as LiteLLM 1.109.1 sends them: leading
//! system turns lifted to `system`, tool calls and results as content blocks, same-role turns
//! merged, `max_tokens` always set, JSON response formats as the native `output_format` where
//! the model has it and as LiteLLM's forced `json_tool_call` tool where it does not.

use super::super::params;
use super::super::registry::ProviderSpec;
use super::super::resolve::{env_first, Endpoint};
use super::betas;
use crate::cost::model_map::Embedded;
use crate::cost::table::{number, ModelTable};
use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use crate::providers::python_json::python_repr;
use crate::providers::{json_tool, tool_pairing};
use crate::types::CompletionRequest;
use serde_json::{json, Map, Value};

const API_VERSION: &str = "2023-06-01";
const STRUCTURED_OUTPUTS_BETA: &str = "structured-outputs-2025-11-13";
/// LiteLLM's `max_tokens` when neither the call nor the model table gives one.
const FALLBACK_MAX_TOKENS: u64 = 128_000;
/// Room LiteLLM leaves for the answer on top of a thinking budget.
const THINKING_HEADROOM: u64 = 4096;
/// What LiteLLM sends in place of empty content, which the API rejects.
const EMPTY_CONTENT: &str = "[System: Empty message content sanitised to satisfy protocol]";
const OPERATOR_NOTE: &str = "Operator note (not from the user): the following was originally a \
                             mid-conversation system-role reminder.";

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let credential = credential(endpoint)?;
    let body = messages_body(endpoint.spec, &endpoint.model, req)?;
    let mut headers = vec![credential];
    headers.extend(version_headers());
    // The caller's betas join the request's own and go through LiteLLM's allowlist.
    let caller_headers = &req.options.headers;
    if let Some(value) = betas::header_value(&own_betas(&body), betas::caller(caller_headers)) {
        headers.push((betas::HEADER.to_owned(), value));
    }
    let mut others = caller_headers.clone();
    others.retain(|name, _| !name.eq_ignore_ascii_case(betas::HEADER));
    crate::providers::apply_call_headers(&mut headers, &others);
    Ok(HttpRequest {
        url: messages_url(&endpoint.api_base),
        headers,
        body: serde_json::to_vec(&Value::Object(body)).expect("JSON body serialises"),
        ..Default::default()
    })
}

/// The Messages body for `model` as `spec` takes parameters (Anthropic's own, or a cloud
/// that serves Claude with Anthropic's body).
pub fn messages_body(
    spec: &ProviderSpec,
    model: &str,
    req: &CompletionRequest,
) -> Result<Map<String, Value>, LlmError> {
    let options = &req.options;
    let params = params::check(spec, model, req.params.clone(), options)?;
    let paired = options
        .modify_params
        .then(|| tool_pairing::pair_results(&req.messages));
    let original = paired.as_deref().unwrap_or(&req.messages);
    let (system, messages) = translate_messages(original, options.modify_params)
        .map_err(|e| e.with_origin(spec.slug, model))?;

    let mut body = Map::new();
    body.insert("model".into(), Value::String(model.to_owned()));
    body.insert("messages".into(), Value::Array(messages));
    map_params(&mut body, params, model)?;
    if !system.is_empty() {
        body.insert("system".into(), Value::Array(system));
    }
    if !body.contains_key("max_tokens") {
        let budget = body
            .get("thinking")
            .and_then(|t| t.get("budget_tokens"))
            .and_then(Value::as_u64);
        let max_tokens =
            budget.map_or_else(|| default_max_tokens(model), |b| b + THINKING_HEADROOM);
        body.insert("max_tokens".into(), json!(max_tokens));
    }
    if options.modify_params && tool_pairing::drops_thinking(original) {
        // After max_tokens: LiteLLM sized the answer for the budget before dropping it.
        body.remove("thinking");
    }
    if !body.contains_key("tools") && mentions_tools(&body["messages"]) {
        // The API refuses tool_use/tool_result blocks when no tools are declared.
        body.insert(
            "tools".into(),
            json!([{"name": "dummy_tool", "input_schema": {"type": "object", "properties": {}},
                    "type": "custom", "description": "This is a dummy tool call"}]),
        );
    }
    body.extend(req.extra.clone());
    body.extend(options.extra_body.clone());
    if options.stream {
        body.insert("stream".into(), Value::Bool(true));
    }
    Ok(body)
}

/// The version header and content negotiation.
fn version_headers() -> Vec<(String, String)> {
    vec![
        ("anthropic-version".to_owned(), API_VERSION.to_owned()),
        ("accept".to_owned(), "application/json".to_owned()),
        ("content-type".to_owned(), "application/json".to_owned()),
    ]
}

/// The betas the body itself needs: a native JSON schema's.
pub fn own_betas(body: &Map<String, Value>) -> Vec<&'static str> {
    if body.contains_key("output_format") {
        vec![STRUCTURED_OUTPUTS_BETA]
    } else {
        vec![]
    }
}

/// The headers of a Messages body sent through another cloud (Vertex), whose callers' betas
/// are sent as given.
pub fn common_headers(body: &Map<String, Value>) -> Vec<(String, String)> {
    let mut headers = version_headers();
    let own = own_betas(body);
    if !own.is_empty() {
        headers.push((betas::HEADER.to_owned(), own.join(",")));
    }
    headers
}

/// The key as `x-api-key`, or an `ANTHROPIC_AUTH_TOKEN` as a bearer token; LiteLLM refuses
/// to send a request with neither.
fn credential(endpoint: &Endpoint) -> Result<(String, String), LlmError> {
    if let Some(key) = endpoint.api_key.as_deref().filter(|k| !k.is_empty()) {
        return Ok(("x-api-key".to_owned(), key.to_owned()));
    }
    if let Some(token) = env_first(&["ANTHROPIC_AUTH_TOKEN"]) {
        return Ok(("authorization".to_owned(), format!("Bearer {token}")));
    }
    Err(LlmError::new(
        ErrorClass::AuthenticationError,
        401,
        "Missing Anthropic API Key - A call is being made to anthropic but no key is set either in \
         the environment variables or via params. Please set `ANTHROPIC_API_KEY` or \
         `ANTHROPIC_AUTH_TOKEN` in your environment vars",
    )
    .with_origin("anthropic", &endpoint.model))
}

/// `{base}/v1/messages`, unless the base already ends there (LiteLLM appends it to any other
/// path, `/v1` included).
fn messages_url(base: &str) -> String {
    let base = base.trim_end_matches('/');
    if base.ends_with("/v1/messages") {
        base.to_owned()
    } else {
        format!("{base}/v1/messages")
    }
}

fn default_max_tokens(model: &str) -> u64 {
    let entry = Embedded
        .entry(model)
        .or_else(|| Embedded.entry(&format!("anthropic/{model}")));
    entry
        .and_then(|e| number(&e, "max_output_tokens").or_else(|| number(&e, "max_tokens")))
        .map_or(FALLBACK_MAX_TOKENS, |n| n as u64)
}

fn map_params(
    body: &mut Map<String, Value>,
    params: Map<String, Value>,
    model: &str,
) -> Result<(), LlmError> {
    let mut parallel = None;
    let mut json_tool = None;
    let mut web_search = None;
    for (name, value) in params {
        match name.as_str() {
            "max_tokens" | "max_completion_tokens" => {
                // max_completion_tokens wins when both are given.
                if name == "max_completion_tokens" || !body.contains_key("max_tokens") {
                    body.insert("max_tokens".into(), value);
                }
            }
            "stop" => {
                let sequences = match value {
                    Value::String(s) => vec![Value::String(s)],
                    Value::Array(items) if !items.is_empty() => items,
                    _ => continue,
                };
                body.insert("stop_sequences".into(), Value::Array(sequences));
            }
            "tools" => {
                if let Value::Array(tools) = value {
                    body.insert(
                        "tools".into(),
                        Value::Array(tools.iter().map(tool).collect()),
                    );
                }
            }
            "tool_choice" => {
                if let Some(choice) = tool_choice(&value) {
                    body.insert("tool_choice".into(), choice);
                }
            }
            "parallel_tool_calls" => parallel = value.as_bool(),
            // LiteLLM refuses to forward e-mail-shaped user ids.
            "user" => {
                if value.as_str().is_some_and(|u| !u.contains('@')) {
                    body.insert("metadata".into(), json!({"user_id": value}));
                }
            }
            "reasoning_effort" => {
                let effort = value.as_str().unwrap_or("");
                if let Some(budget) = reasoning_budget(effort)? {
                    body.insert(
                        "thinking".into(),
                        json!({"type": "enabled", "budget_tokens": budget}),
                    );
                }
            }
            "thinking" if value.get("type").and_then(Value::as_str) == Some("adaptive") => {
                body.insert(
                    "thinking".into(),
                    json!({"type": "enabled", "budget_tokens": 2048}),
                );
            }
            "response_format" if has_native_output(model) => {
                if let Some(format) = output_format(&value) {
                    body.insert("output_format".into(), format);
                }
            }
            "response_format" => json_tool = json_tool_schema(&value),
            "web_search_options" => web_search = Some(web_search_tool(&value)),
            "stream" | "stream_options" | "extra_headers" => {}
            _ => {
                body.insert(name, value);
            }
        }
    }
    if let Some(tool) = web_search {
        let tools = body.entry("tools").or_insert_with(|| json!([]));
        if let Some(tools) = tools.as_array_mut() {
            tools.push(tool);
        }
    }
    if let Some(schema) = json_tool {
        let tools = body.entry("tools").or_insert_with(|| json!([]));
        if let Some(tools) = tools.as_array_mut() {
            tools.push(json!({"name": json_tool::NAME, "input_schema": schema}));
        }
        // A forced tool call is refused while thinking; the caller's own choice stands.
        let thinking = body.get("thinking").and_then(|t| t.get("type")) == Some(&json!("enabled"));
        if !thinking && !body.contains_key("tool_choice") {
            body.insert(
                "tool_choice".into(),
                json!({"name": json_tool::NAME, "type": "tool"}),
            );
        }
    }
    if let Some(parallel) = parallel {
        let choice = body
            .entry("tool_choice")
            .or_insert_with(|| json!({"type": "auto"}));
        if let Some(choice) = choice
            .as_object_mut()
            .filter(|c| c.get("type") != Some(&json!("none")))
        {
            choice.insert("disable_parallel_tool_use".into(), Value::Bool(!parallel));
        }
    }
    Ok(())
}

fn reasoning_budget(effort: &str) -> Result<Option<u64>, LlmError> {
    Ok(match effort {
        "none" => None,
        "minimal" | "low" => Some(1024),
        "medium" => Some(2048),
        "high" | "xhigh" | "max" => Some(4096),
        other => {
            return Err(LlmError::bad_request(format!(
                "Unmapped reasoning effort: '{other}'. Must be one of: 'minimal', 'low', 'medium', \
                 'high', 'xhigh', 'max', 'none'."
            )))
        }
    })
}

/// OpenAI's `web_search_options` as Anthropic's hosted web search tool: the approximate user
/// location carried over, the search context size as a cap on searches.
fn web_search_tool(options: &Value) -> Value {
    let mut tool = json!({"type": "web_search_20250305", "name": "web_search"});
    if let Some(approximate) = options
        .pointer("/user_location/approximate")
        .and_then(Value::as_object)
    {
        let mut location = Map::new();
        location.insert("type".into(), "approximate".into());
        for key in ["city", "region", "country", "timezone"] {
            if let Some(value) = approximate.get(key) {
                location.insert(key.into(), value.clone());
            }
        }
        tool["user_location"] = Value::Object(location);
    }
    let max_uses = match options.get("search_context_size").and_then(Value::as_str) {
        Some("low") => Some(1),
        Some("medium") => Some(5),
        Some("high") => Some(10),
        _ => None,
    };
    if let Some(max_uses) = max_uses {
        tool["max_uses"] = json!(max_uses);
    }
    tool
}

fn has_native_output(model: &str) -> bool {
    Embedded
        .entry(model)
        .is_some_and(|e| e.get("supports_native_structured_output") == Some(&Value::Bool(true)))
}

/// A `json_schema` response format as the native `output_format`; `json_object` and `text`
/// send nothing.
fn output_format(format: &Value) -> Option<Value> {
    if format.get("type").and_then(Value::as_str) != Some("json_schema") {
        return None;
    }
    let mut schema = format
        .pointer("/json_schema/schema")
        .cloned()
        .unwrap_or_else(|| json!({}));
    if let Some(object) = schema.as_object_mut() {
        object
            .entry("additionalProperties")
            .or_insert(Value::Bool(false));
    }
    Some(json!({"type": "json_schema", "schema": schema}))
}

/// The JSON tool's input schema for any response format but `text`: the caller's schema over
/// `{"type": "object"}`, or an open object when no schema was given (`json_object`).
fn json_tool_schema(format: &Value) -> Option<Value> {
    if format.get("type").and_then(Value::as_str) == Some("text") {
        return None;
    }
    let given = format
        .get("response_schema")
        .or_else(|| format.pointer("/json_schema/schema"))
        .and_then(Value::as_object);
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    match given {
        Some(given) => schema.extend(given.clone()),
        None => {
            schema.insert("additionalProperties".into(), Value::Bool(true));
            schema.insert("properties".into(), json!({}));
        }
    }
    Some(Value::Object(schema))
}

fn mentions_tools(messages: &Value) -> bool {
    let blocks = messages
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|m| m["content"].as_array().into_iter().flatten());
    blocks
        .into_iter()
        .any(|b| matches!(b["type"].as_str(), Some("tool_use" | "tool_result")))
}

/// An OpenAI tool as `{name, input_schema, type: "custom", description}`; anything else
/// (Anthropic-shaped or server tools) is sent as given.
fn tool(openai_tool: &Value) -> Value {
    let Some(function) = openai_tool.get("function") else {
        return openai_tool.clone();
    };
    let mut out = Map::new();
    out.insert(
        "name".into(),
        function.get("name").cloned().unwrap_or(Value::Null),
    );
    out.insert(
        "input_schema".into(),
        function
            .get("parameters")
            .cloned()
            .unwrap_or_else(|| json!({"type": "object", "properties": {}})),
    );
    out.insert("type".into(), "custom".into());
    if let Some(d) = function.get("description") {
        out.insert("description".into(), d.clone());
    }
    if let Some(cache) = openai_tool.get("cache_control") {
        out.insert("cache_control".into(), cache.clone());
    }
    Value::Object(out)
}

fn tool_choice(choice: &Value) -> Option<Value> {
    match choice {
        Value::String(s) => match s.as_str() {
            "auto" => Some(json!({"type": "auto"})),
            "required" | "any" => Some(json!({"type": "any"})),
            "none" => Some(json!({"type": "none"})),
            _ => None,
        },
        Value::Object(o) => {
            let name = o
                .get("function")
                .and_then(|f| f.get("name"))
                .or_else(|| o.get("name"))?;
            Some(json!({"type": "tool", "name": name}))
        }
        _ => None,
    }
}

/// (system blocks, messages): leading system turns lifted out, every other turn as content
/// blocks, consecutive turns of the same role merged (Anthropic requires alternation).
/// (system blocks, turns). With nothing but system turns, `modify_params` adds LiteLLM's
/// "Please continue." user turn; otherwise that is refused with LiteLLM's message.
fn translate_messages(
    messages: &[Value],
    modify_params: bool,
) -> Result<(Vec<Value>, Vec<Value>), LlmError> {
    let mut system = Vec::new();
    let mut out: Vec<(String, Vec<Value>)> = Vec::new();
    for message in messages {
        let role = message
            .get("role")
            .and_then(Value::as_str)
            .unwrap_or("user");
        let content = message.get("content").unwrap_or(&Value::Null);
        let (role, mut blocks) = match role {
            "system" | "developer" if out.is_empty() => {
                system.extend(with_message_cache_control(
                    content_blocks(content)?,
                    message,
                ));
                continue;
            }
            // A later system turn stays in place, as a user-visible operator note (LiteLLM's
            // rewrite), rather than moving to the top.
            "system" | "developer" => {
                let mut blocks = vec![json!({"type": "text", "text": OPERATOR_NOTE})];
                blocks.extend(content_blocks(content)?);
                ("user", blocks)
            }
            "assistant" => {
                let mut blocks = message
                    .get("thinking_blocks")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                blocks.extend(content_blocks(content)?);
                for call in message
                    .get("tool_calls")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    blocks.push(tool_use(call)?);
                }
                ("assistant", blocks)
            }
            "tool" | "function" => {
                let mut result = Map::new();
                result.insert("type".into(), "tool_result".into());
                result.insert(
                    "tool_use_id".into(),
                    message.get("tool_call_id").cloned().unwrap_or(Value::Null),
                );
                result.insert("content".into(), tool_result_content(content)?);
                ("user", vec![Value::Object(result)])
            }
            _ => (
                "user",
                with_message_cache_control(content_blocks(content)?, message),
            ),
        };
        if blocks.is_empty() {
            blocks.push(json!({"type": "text", "text": EMPTY_CONTENT}));
        }
        match out.last_mut() {
            Some((last_role, last_blocks)) if last_role == role => last_blocks.extend(blocks),
            _ => out.push((role.to_owned(), blocks)),
        }
    }
    if out.is_empty() {
        if !modify_params {
            return Err(LlmError::bad_request(format!(
                "AnthropicException - litellm.BadRequestError: Anthropic requires at least one \
                 non-system message. Either provide one, or set `litellm.modify_params = True` // \
                 `litellm_settings::modify_params: True` to add the dummy user message - \
                 {{'role': 'user', 'content': 'Please continue.'}}.\nReceived Messages={}",
                python_repr(&Value::Array(messages.to_vec()))
            )));
        }
        let text = json!({"type": "text", "text": crate::providers::alternation::PLEASE_CONTINUE});
        out.push(("user".to_owned(), vec![text]));
    }
    // A final assistant turn is a prefill; the API rejects trailing whitespace there.
    if let Some((_, blocks)) = out.last_mut().filter(|(role, _)| role == "assistant") {
        if let Some(text) = blocks.last_mut().and_then(|b| b.get_mut("text")) {
            if let Some(trimmed) = text.as_str().map(|t| t.trim_end().to_owned()) {
                *text = Value::String(trimmed);
            }
        }
    }
    let messages = out
        .into_iter()
        .map(|(role, content)| json!({"role": role, "content": content}))
        .collect();
    Ok((system, messages))
}

/// A message-level `cache_control` applies to its (last) content block.
fn with_message_cache_control(mut blocks: Vec<Value>, message: &Value) -> Vec<Value> {
    if let (Some(cache), Some(Value::Object(last))) =
        (message.get("cache_control"), blocks.last_mut())
    {
        last.entry("cache_control").or_insert_with(|| cache.clone());
    }
    blocks
}

fn tool_use(call: &Value) -> Result<Value, LlmError> {
    let function = call.get("function").unwrap_or(&Value::Null);
    let arguments = function
        .get("arguments")
        .and_then(Value::as_str)
        .unwrap_or("");
    let input: Value = if arguments.trim().is_empty() {
        json!({})
    } else {
        serde_json::from_str(arguments).map_err(|e| {
            LlmError::bad_request(format!(
                "tool call arguments are not valid JSON ({e}): {arguments}"
            ))
        })?
    };
    Ok(json!({
        "type": "tool_use",
        "id": call.get("id").cloned().unwrap_or(Value::Null),
        "name": function.get("name").cloned().unwrap_or(Value::Null),
        "input": input,
    }))
}

fn tool_result_content(content: &Value) -> Result<Value, LlmError> {
    Ok(match content {
        Value::String(s) => Value::String(s.clone()),
        Value::Null => Value::String(String::new()),
        other => Value::Array(content_blocks(other)?),
    })
}

/// OpenAI content (a string or parts) as Anthropic blocks.
fn content_blocks(content: &Value) -> Result<Vec<Value>, LlmError> {
    match content {
        Value::Null => Ok(Vec::new()),
        Value::String(s) if s.is_empty() => Ok(Vec::new()),
        Value::String(s) => Ok(vec![json!({"type": "text", "text": s})]),
        Value::Array(parts) => parts.iter().map(content_part).collect(),
        other => Ok(vec![json!({"type": "text", "text": other.to_string()})]),
    }
}

fn content_part(part: &Value) -> Result<Value, LlmError> {
    let kind = part.get("type").and_then(Value::as_str).unwrap_or("");
    let mut block = match kind {
        "text" => {
            json!({"type": "text", "text": part.get("text").cloned().unwrap_or(Value::Null)})
        }
        "image_url" => {
            let url = crate::providers::media::image_url(part);
            json!({"type": "image", "source": media_source(url)?})
        }
        "file" => {
            json!({"type": "document", "source": media_source(crate::providers::media::file_data(part))?})
        }
        _ => part.clone(), // already Anthropic-shaped (image, document, tool_result, ...)
    };
    if let (Some(cache), Some(b)) = (part.get("cache_control"), block.as_object_mut()) {
        b.insert("cache_control".into(), cache.clone());
    }
    Ok(block)
}

/// A data URL as a base64 source, anything else as a URL source.
fn media_source(url: &str) -> Result<Value, LlmError> {
    if url.starts_with("data:") {
        let (media_type, data) = crate::providers::media::data_url(url)
            .ok_or_else(|| LlmError::bad_request("invalid data URL in message content"))?;
        return Ok(json!({"type": "base64", "media_type": media_type, "data": data}));
    }
    Ok(json!({"type": "url", "url": url}))
}
