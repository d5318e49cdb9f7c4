//! OpenAI chat requests as Gemini `generateContent` bodies, as LiteLLM 1.109.1 sends them to
//! both Google AI Studio and Vertex AI: system turns as `system_instruction`, turns as
//! `contents` of `parts` (roles `user` and `model`), tool calls and results as
//! `function_call` / `function_response` parts, tools with their schemas cleaned, and sampling
//! in `generationConfig`. Key casing is LiteLLM's (mixed); Google accepts both.

use super::{is_gemini_3, schema};
use crate::error::{ErrorClass, LlmError};
use crate::providers::media;
use crate::providers::python_json::python_json;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// What LiteLLM attaches to a Gemini 3 function call that has no signature of its own, so the
/// API accepts history it did not produce: base64 of `skip_thought_signature_validator`.
const DUMMY_SIGNATURE: &str = "c2tpcF90aG91Z2h0X3NpZ25hdHVyZV92YWxpZGF0b3I=";
/// Tool-call ids LiteLLM builds carry the call's thought signature after this marker.
pub const SIGNATURE_MARKER: &str = "__thought__";
/// `GenerationConfig` fields a caller may pass as keyword arguments, sent as they are.
const GENERATION_KWARGS: &[&str] = &[
    "candidateCount",
    "candidate_count",
    "responseMimeType",
    "response_mime_type",
    "responseSchema",
    "response_schema",
    "responseJsonSchema",
    "response_json_schema",
    "stopSequences",
    "stop_sequences",
    "maxOutputTokens",
    "max_output_tokens",
    "topK",
    "top_k",
    "topP",
    "presencePenalty",
    "frequencyPenalty",
    "responseLogprobs",
    "responseModalities",
    "mediaResolution",
    "media_resolution",
    "speechConfig",
    "thinkingConfig",
];

pub struct Flavor<'a> {
    pub model: &'a str,
    pub vertex: bool,
}

pub fn body(
    flavor: &Flavor,
    messages: &[Value],
    params: Map<String, Value>,
    extra: &Map<String, Value>,
) -> Result<Map<String, Value>, LlmError> {
    let gemini_3 = is_gemini_3(flavor.model);
    let (system, contents) = translate_messages(messages, gemini_3)?;
    let mut body = Map::new();
    body.insert("contents".into(), Value::Array(contents));
    if !system.is_empty() {
        body.insert("system_instruction".into(), json!({"parts": system}));
    }
    let mut generation = Map::new();
    let mut declarations = Vec::new();
    let mut builtins: Vec<(&str, Value)> = Vec::new();
    let mut search = false;
    for (name, value) in params {
        match name.as_str() {
            "temperature" => put(&mut generation, "temperature", value),
            "top_p" => put(&mut generation, "top_p", value),
            "top_k" => put(&mut generation, "top_k", value),
            "n" => put(&mut generation, "candidate_count", value),
            "stop" => {
                let stops = if value.is_string() {
                    json!([value])
                } else {
                    value
                };
                put(&mut generation, "stop_sequences", stops);
            }
            "max_tokens" | "max_completion_tokens" => {
                put(&mut generation, "max_output_tokens", value)
            }
            // Gemini 3 refuses penalties; LiteLLM drops them without a word.
            "presence_penalty" | "frequency_penalty" if gemini_3 => {}
            "presence_penalty" | "frequency_penalty" | "seed" => put(&mut generation, &name, value),
            "logprobs" => put(&mut generation, "responseLogprobs", value),
            "top_logprobs" => put(&mut generation, "logprobs", value),
            "response_format" => response_format(&mut generation, &value),
            "reasoning_effort" => {
                let config = effort_config(&value, flavor.model, gemini_3)?;
                put(&mut generation, "thinkingConfig", config);
            }
            "thinking" => put(
                &mut generation,
                "thinkingConfig",
                thinking_config(&value, gemini_3),
            ),
            "modalities" => {
                let upper = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(|m| Value::String(m.to_uppercase()))
                    .collect();
                put(&mut generation, "responseModalities", Value::Array(upper));
            }
            "service_tier" => {
                let tier = if value == "default" {
                    json!("standard")
                } else {
                    value
                };
                body.insert("serviceTier".into(), tier);
            }
            "tools" => {
                for tool in value.as_array().into_iter().flatten() {
                    match builtin_tool(tool) {
                        Some(builtin) => builtins.push(builtin),
                        None => declarations
                            .push(declaration(tool.get("function").unwrap_or(tool), gemini_3)),
                    }
                }
            }
            "functions" => declarations.extend(
                value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|f| declaration(f, gemini_3)),
            ),
            "tool_choice" => {
                body.insert("toolConfig".into(), tool_config(&value)?);
            }
            "web_search_options" => search = true,
            // Not Gemini's to know: `user`, `parallel_tool_calls`, stream settings, headers.
            _ => {}
        }
    }
    if search && !builtins.iter().any(|(name, _)| *name == "googleSearch") {
        builtins.push(("googleSearch", json!({})));
    }
    if !declarations.is_empty() {
        // Vertex refuses search tools beside functions; LiteLLM drops the search tools.
        builtins.retain(|(name, _)| !SEARCH_TOOLS.contains(name));
    }
    let mut tools: Vec<Value> = Vec::new();
    if !declarations.is_empty() {
        tools.push(json!({"function_declarations": declarations}));
    }
    // Each built-in tool is a Tool object of its own, in LiteLLM's order.
    for name in BUILTIN_ORDER {
        if let Some((_, config)) = builtins.iter().rev().find(|(n, _)| n == name) {
            tools.push(json!({ *name: config }));
        }
    }
    if !tools.is_empty() {
        body.insert("tools".into(), Value::Array(tools));
    }
    for (name, value) in extra {
        match name.as_str() {
            "safety_settings" | "safetySettings" => {
                body.insert("safetySettings".into(), value.clone());
            }
            "cached_content" | "cachedContent" => {
                body.insert("cachedContent".into(), value.clone());
            }
            "labels" if flavor.vertex => {
                body.insert("labels".into(), value.clone());
            }
            _ if GENERATION_KWARGS.contains(&name.as_str()) => {
                generation.insert(name.clone(), value.clone());
            }
            // LiteLLM sends no other keyword arguments to Gemini.
            _ => {}
        }
    }
    if !generation.is_empty() {
        body.insert("generationConfig".into(), Value::Object(generation));
    }
    Ok(body)
}

fn put(map: &mut Map<String, Value>, key: &str, value: Value) {
    map.insert(key.to_owned(), value);
}

fn response_format(generation: &mut Map<String, Value>, format: &Value) {
    match format.get("type").and_then(Value::as_str) {
        Some("text") => put(generation, "response_mime_type", json!("text/plain")),
        Some("json_object") => put(generation, "response_mime_type", json!("application/json")),
        Some("json_schema") => {
            put(generation, "response_mime_type", json!("application/json"));
            if let Some(schema) = format.pointer("/json_schema/schema") {
                let mut schema = schema.clone();
                if let Some(object) = schema.as_object_mut() {
                    object.remove("strict");
                }
                put(generation, "response_json_schema", schema);
            }
        }
        _ => {}
    }
}

/// `reasoning_effort` as a thinking budget (Gemini 2.5) or level (Gemini 3).
fn effort_config(effort: &Value, model: &str, gemini_3: bool) -> Result<Value, LlmError> {
    let effort = effort
        .as_str()
        .or_else(|| effort.get("effort").and_then(Value::as_str))
        .unwrap_or("");
    let flash = model.contains("flash");
    if gemini_3 {
        let lowest = if flash { "minimal" } else { "low" };
        return Ok(match effort {
            "minimal" => json!({"thinkingLevel": lowest, "includeThoughts": true}),
            "low" | "medium" | "high" => json!({"thinkingLevel": effort, "includeThoughts": true}),
            "none" | "disable" => json!({"thinkingLevel": lowest, "includeThoughts": false}),
            _ => return Err(invalid_effort(effort)),
        });
    }
    let minimal = if model.contains("flash-lite") {
        512
    } else if flash {
        1
    } else {
        128
    };
    Ok(match effort {
        "minimal" => json!({"thinkingBudget": minimal, "includeThoughts": true}),
        "low" => json!({"thinkingBudget": 1024, "includeThoughts": true}),
        "medium" => json!({"thinkingBudget": 2048, "includeThoughts": true}),
        "high" => json!({"thinkingBudget": 4096, "includeThoughts": true}),
        "none" | "disable" => json!({"thinkingBudget": 0, "includeThoughts": false}),
        _ => return Err(invalid_effort(effort)),
    })
}

fn invalid_effort(effort: &str) -> LlmError {
    LlmError::new(
        ErrorClass::UnsupportedParamsError,
        400,
        format!(
            "Invalid `reasoning_effort`: '{effort}'. Must be one of: 'minimal', 'low', 'medium', \
             'high', 'none', 'disable'. To drop this param, set `litellm.drop_params=True`"
        ),
    )
}

/// Anthropic-style `thinking` as Gemini's thinking config.
fn thinking_config(thinking: &Value, gemini_3: bool) -> Value {
    if thinking.get("type").and_then(Value::as_str) != Some("enabled") {
        return json!({});
    }
    match thinking.get("budget_tokens").and_then(Value::as_u64) {
        _ if gemini_3 => json!({"includeThoughts": true}),
        Some(0) => json!({"thinkingBudget": 0}),
        Some(budget) => json!({"includeThoughts": true, "thinkingBudget": budget}),
        None => json!({"includeThoughts": true}),
    }
}

/// Google's built-in tools, each sent as a Tool object of its own, in the order LiteLLM writes
/// them.
const BUILTIN_ORDER: &[&str] = &[
    "googleSearch",
    "googleSearchRetrieval",
    "enterpriseWebSearch",
    "code_execution",
    "url_context",
    "googleMaps",
    "computerUse",
];
const SEARCH_TOOLS: &[&str] = &[
    "googleSearch",
    "googleSearchRetrieval",
    "enterpriseWebSearch",
    "url_context",
];

/// A built-in tool under Google's name, from either of the spellings LiteLLM accepts (and
/// OpenAI's `web_search` tools as Google Search); `None` for a function.
fn builtin_tool(tool: &Value) -> Option<(&'static str, Value)> {
    let object = tool.as_object()?;
    match object.get("type").and_then(Value::as_str) {
        Some("web_search" | "web_search_preview") => return Some(("googleSearch", json!({}))),
        Some("computer_use") => {
            let mut config = object.clone();
            config.remove("type");
            return Some(("computerUse", Value::Object(config)));
        }
        _ => {}
    }
    let mut keys = object.keys().filter(|k| *k != "type");
    let (Some(key), None) = (keys.next(), keys.next()) else {
        return None;
    };
    let name = match key.as_str() {
        "googleSearch" | "google_search" => "googleSearch",
        "googleSearchRetrieval" | "google_search_retrieval" => "googleSearchRetrieval",
        "enterpriseWebSearch" | "enterprise_web_search" => "enterpriseWebSearch",
        "codeExecution" | "code_execution" => "code_execution",
        "url_context" | "urlContext" => "url_context",
        "googleMaps" | "google_maps" => "googleMaps",
        "computerUse" | "computer_use" => "computerUse",
        _ => return None,
    };
    let config = object
        .get(key)
        .cloned()
        .filter(|c| !c.is_null())
        .unwrap_or_else(|| json!({}));
    Some((name, config))
}

fn declaration(function: &Value, gemini_3: bool) -> Value {
    let mut out = Map::new();
    out.insert(
        "name".into(),
        function.get("name").cloned().unwrap_or(Value::Null),
    );
    if let Some(description) = function.get("description") {
        out.insert("description".into(), description.clone());
    }
    if let Some(parameters) = function.get("parameters") {
        let mut cleaned = schema::clean(parameters, gemini_3);
        let empty_properties = cleaned
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(Map::is_empty);
        if let (true, Some(object)) = (empty_properties, cleaned.as_object_mut()) {
            object.remove("properties");
        }
        out.insert("parameters".into(), cleaned);
    }
    Value::Object(out)
}

fn tool_config(choice: &Value) -> Result<Value, LlmError> {
    let config = match choice {
        Value::String(s) if s == "auto" => json!({"mode": "AUTO"}),
        Value::String(s) if s == "none" => json!({"mode": "NONE"}),
        Value::String(s) if s == "required" => json!({"mode": "ANY"}),
        other => match other.pointer("/function/name") {
            Some(name) => json!({"mode": "ANY", "allowed_function_names": [name]}),
            None => {
                return Err(LlmError::new(
                    ErrorClass::UnsupportedParamsError,
                    400,
                    format!("VertexAI doesn't support tool_choice={other}"),
                ))
            }
        },
    };
    Ok(json!({"functionCallingConfig": config}))
}

/// Tool results are their own turns: they merge with each other but not with user text.
#[derive(PartialEq)]
enum TurnKind {
    Text,
    ToolResults,
}

/// (system_instruction parts, contents).
fn translate_messages(
    messages: &[Value],
    gemini_3: bool,
) -> Result<(Vec<Value>, Vec<Value>), LlmError> {
    let mut system = Vec::new();
    let mut turns: Vec<(&'static str, TurnKind, Vec<Value>)> = Vec::new();
    let mut call_names: HashMap<String, String> = HashMap::new();
    let mut signed_first_call = false;
    for message in messages {
        let role = message
            .get("role")
            .and_then(Value::as_str)
            .unwrap_or("user");
        let content = message.get("content").unwrap_or(&Value::Null);
        let (role, kind, parts) = match role {
            "system" | "developer" => {
                system.extend(text_parts(content));
                continue;
            }
            "assistant" => {
                let parts = assistant_parts(
                    message,
                    content,
                    gemini_3,
                    &mut call_names,
                    &mut signed_first_call,
                );
                ("model", TurnKind::Text, parts)
            }
            "tool" | "function" => (
                "user",
                TurnKind::ToolResults,
                vec![function_response(message, content, &call_names, gemini_3)?],
            ),
            _ => ("user", TurnKind::Text, user_parts(content)?),
        };
        if parts.is_empty() {
            continue;
        }
        match turns.last_mut() {
            Some((last_role, last_kind, existing)) if *last_role == role && *last_kind == kind => {
                existing.extend(parts)
            }
            _ => turns.push((role, kind, parts)),
        }
    }
    if turns.is_empty() && !system.is_empty() {
        turns.push(("user", TurnKind::Text, vec![json!({"text": "."})]));
    }
    let contents = turns
        .into_iter()
        .map(|(role, kind, mut parts)| {
            // Gemini wants text in a turn; LiteLLM adds a blank beside media that has none.
            let media_only = parts.iter().all(|p| {
                p.get("inline_data")
                    .or_else(|| p.get("file_data"))
                    .is_some()
            });
            if role == "user" && kind == TurnKind::Text && media_only {
                parts.push(json!({"text": " "}));
            }
            json!({"role": role, "parts": parts})
        })
        .collect();
    Ok((system, contents))
}

fn text_parts(content: &Value) -> Vec<Value> {
    match content {
        Value::String(s) => vec![json!({"text": s})],
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .filter(|t| !t.is_empty())
            .map(|t| json!({"text": t}))
            .collect(),
        _ => Vec::new(),
    }
}

fn user_parts(content: &Value) -> Result<Vec<Value>, LlmError> {
    let Value::Array(items) = content else {
        return Ok(text_parts(content));
    };
    let mut parts = Vec::new();
    for item in items {
        match item.get("type").and_then(Value::as_str) {
            Some("text") => parts.extend(text_parts(&json!([item]))),
            Some("image_url") => parts.push(media_part(media::image_url(item), None)),
            Some("file") => {
                let format = item.pointer("/file/format").and_then(Value::as_str);
                parts.push(media_part(media::file_data(item), format));
            }
            Some("input_audio") => {
                let audio = item.get("input_audio").unwrap_or(&Value::Null);
                let format = audio.get("format").and_then(Value::as_str).unwrap_or("wav");
                parts.push(json!({"inline_data": {"data": audio.get("data").cloned().unwrap_or(Value::Null),
                                                  "mime_type": format!("audio/{format}")}}));
            }
            _ => {}
        }
    }
    Ok(parts)
}

/// A data URL inline, anything else by reference with the type its extension names.
fn media_part(url: &str, format: Option<&str>) -> Value {
    if let Some((mime_type, data)) = media::data_url(url) {
        return json!({"inline_data": {"data": data, "mime_type": mime_type}});
    }
    match format.or_else(|| mime_from_extension(url)) {
        Some(mime_type) => json!({"file_data": {"mime_type": mime_type, "file_uri": url}}),
        None => json!({"file_data": {"file_uri": url}}),
    }
}

pub fn mime_from_extension(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "mp3" => "audio/mp3",
        "wav" => "audio/wav",
        "txt" => "text/plain",
        _ => return None,
    })
}

fn assistant_parts(
    message: &Value,
    content: &Value,
    gemini_3: bool,
    call_names: &mut HashMap<String, String>,
    signed_first_call: &mut bool,
) -> Vec<Value> {
    let mut parts = Vec::new();
    if let Some(reasoning) = message.get("reasoning_content").and_then(Value::as_str) {
        parts.push(json!({"thought": true, "text": reasoning}));
    }
    let signatures = message
        .pointer("/provider_specific_fields/thought_signatures")
        .and_then(Value::as_array);
    match content {
        Value::String(s) => {
            let mut part = json!({"text": s});
            if let Some(signature) = signatures.and_then(|s| s.first()) {
                part["thoughtSignature"] = signature.clone();
            }
            parts.push(part);
        }
        Value::Array(_) => parts.extend(text_parts(content)),
        _ => {}
    }
    let calls = message.get("tool_calls").and_then(Value::as_array);
    if calls.is_some_and(|c| !c.is_empty()) {
        call_names.clear(); // results answer the latest calls
    }
    for call in message
        .get("tool_calls")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let raw_id = call.get("id").and_then(Value::as_str).unwrap_or("");
        let (id, signature) = match raw_id.split_once(SIGNATURE_MARKER) {
            Some((id, signature)) => (id, Some(signature)),
            None => (raw_id, None),
        };
        let function = call.get("function").unwrap_or(&Value::Null);
        let name = function.get("name").and_then(Value::as_str).unwrap_or("");
        call_names.insert(raw_id.to_owned(), name.to_owned());
        call_names.insert(id.to_owned(), name.to_owned());
        let arguments = function
            .get("arguments")
            .and_then(Value::as_str)
            .unwrap_or("");
        let args = serde_json::from_str::<Value>(arguments)
            .ok()
            .filter(Value::is_object)
            .unwrap_or_else(|| json!({}));
        let mut function_call = json!({"name": name, "args": args});
        if gemini_3 && !id.is_empty() {
            function_call["id"] = json!(id);
        }
        let mut part = json!({"function_call": function_call});
        match signature {
            Some(signature) => part["thoughtSignature"] = json!(signature),
            None if gemini_3 && !*signed_first_call => {
                part["thoughtSignature"] = json!(DUMMY_SIGNATURE)
            }
            None => {}
        }
        *signed_first_call = true;
        parts.push(part);
    }
    parts
}

fn function_response(
    message: &Value,
    content: &Value,
    call_names: &HashMap<String, String>,
    gemini_3: bool,
) -> Result<Value, LlmError> {
    let call_id = message.get("tool_call_id").and_then(Value::as_str);
    let name = call_id
        .and_then(|id| call_names.get(id))
        .cloned()
        .or_else(|| message.get("name").and_then(Value::as_str).map(str::to_owned))
        .ok_or_else(|| {
            LlmError::new(
                ErrorClass::APIConnectionError,
                500,
                format!(
                    "Missing corresponding tool call for tool response message. Received - message={}",
                    python_json(message)
                ),
            )
        })?;
    let text = match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    // An object answer is the response itself; anything else is wrapped.
    let response = serde_json::from_str::<Value>(&text)
        .ok()
        .filter(Value::is_object)
        .unwrap_or_else(|| json!({"content": text}));
    let mut function_response = json!({"name": name, "response": response});
    if let (true, Some(id)) = (gemini_3, call_id) {
        let id = id.split_once(SIGNATURE_MARKER).map_or(id, |(id, _)| id);
        function_response["id"] = json!(id);
    }
    Ok(json!({"function_response": function_response}))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(messages: Value, params: Value) -> Map<String, Value> {
        let flavor = Flavor {
            model: "gemini-2.5-pro",
            vertex: false,
        };
        body(
            &flavor,
            messages.as_array().unwrap(),
            params.as_object().unwrap().clone(),
            &Map::new(),
        )
        .unwrap()
    }

    #[test]
    fn turns_merge_and_tool_results_stay_apart() {
        let body = build(
            json!([
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "A"}, {"role": "user", "content": "B"},
                {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]},
                {"role": "tool", "tool_call_id": "call_1", "content": "sunny"},
                {"role": "tool", "tool_call_id": "call_1", "content": "{\"temp\": 20}"},
                {"role": "user", "content": "thanks"}
            ]),
            json!({}),
        );
        assert_eq!(
            body["system_instruction"],
            json!({"parts": [{"text": "Be brief."}]})
        );
        assert_eq!(
            body["contents"],
            json!([
                {"role": "user", "parts": [{"text": "A"}, {"text": "B"}]},
                {"role": "model", "parts": [{"function_call": {"name": "get_weather", "args": {"city": "Paris"}}}]},
                {"role": "user", "parts": [
                    {"function_response": {"name": "get_weather", "response": {"content": "sunny"}}},
                    {"function_response": {"name": "get_weather", "response": {"temp": 20}}}]},
                {"role": "user", "parts": [{"text": "thanks"}]}
            ])
        );
    }

    #[test]
    fn generation_config_and_tools() {
        let body = build(
            json!([{"role": "user", "content": "Hi"}]),
            json!({"temperature": 0.3, "top_p": 0.9, "max_tokens": 50, "stop": "END", "n": 2,
                   "reasoning_effort": "low", "tool_choice": {"type": "function", "function": {"name": "f"}},
                   "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {}}}}]}),
        );
        assert_eq!(
            body["generationConfig"],
            json!({"temperature": 0.3, "top_p": 0.9, "max_output_tokens": 50, "stop_sequences": ["END"],
                   "candidate_count": 2, "thinkingConfig": {"thinkingBudget": 1024, "includeThoughts": true}})
        );
        assert_eq!(
            body["tools"],
            json!([{"function_declarations": [{"name": "f", "parameters": {"type": "object"}}]}])
        );
        assert_eq!(
            body["toolConfig"],
            json!({"functionCallingConfig": {"mode": "ANY", "allowed_function_names": ["f"]}})
        );
    }
}
