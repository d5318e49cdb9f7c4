//! A complete Ollama reply as an OpenAI `chat.completion`: content, native tool calls,
//! reasoning, Ollama's counters as usage, and the finish reason each route reports.

use super::{functions, is_chat, reasoning};
use crate::http::client::ReplyHints;
use crate::providers::python_json::python_json;
use crate::providers::registry::Dialect;
use crate::types::finish_reason;
use serde_json::{json, Map, Value};

/// The usage LiteLLM reports from Ollama's counters.
pub(super) fn usage(value: &Value) -> Value {
    let prompt = value
        .get("prompt_eval_count")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let completion = value.get("eval_count").and_then(Value::as_u64).unwrap_or(0);
    json!({"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion})
}

pub(super) fn tool_calls(message: &Value) -> Option<Vec<Value>> {
    let calls = message.get("tool_calls")?.as_array()?;
    Some(
        calls
            .iter()
            .enumerate()
            .map(|(index, call)| {
                let function = &call["function"];
                json!({
                    "index": index,
                    "id": call.get("id").and_then(Value::as_str).map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned),
                    "type": "function",
                    "function": {"name": function["name"], "arguments": python_json(&function["arguments"])},
                })
            })
            .collect(),
    )
}

/// `ollama/` always says `stop` (but for a prompted call); `ollama_chat/` maps Ollama's reason.
pub(super) fn finish(dialect: Dialect, value: &Value, has_tools: bool) -> &'static str {
    if has_tools {
        return "tool_calls";
    }
    if !is_chat(dialect) {
        return "stop";
    }
    finish_reason::normalize(
        value
            .get("done_reason")
            .and_then(Value::as_str)
            .unwrap_or("stop"),
    )
}

/// The text a reply line carries: the chat message's `content`, or generate's `response`.
pub(super) fn text_of(dialect: Dialect, line: &Value) -> Option<&str> {
    if is_chat(dialect) {
        line.pointer("/message/content")
    } else {
        line.get("response")
    }
    .and_then(Value::as_str)
}

/// The object that carries `thinking` and `tool_calls`: the chat message, or the generate line.
pub(super) fn message_of(dialect: Dialect, line: &Value) -> &Value {
    if is_chat(dialect) {
        &line["message"]
    } else {
        line
    }
}

/// The tool call a JSON reply makes, numbered as the only one.
pub(super) fn prompted_call(mut call: Value) -> Value {
    call["index"] = json!(0);
    call
}

pub fn parse_response(
    dialect: Dialect,
    body: &[u8],
    provider: &str,
    model: &str,
    hints: &ReplyHints,
) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    if let Some(error) = value.get("error") {
        return Err(format!("Ollama Error - {error}"));
    }
    let message = message_of(dialect, &value);
    let mut calls = tool_calls(message);
    let mut content = text_of(dialect, &value).map(str::to_owned);
    if hints.json_function_reply {
        match functions::read(content.as_deref().unwrap_or("")) {
            functions::Reply::Call(call) => {
                calls = Some(vec![prompted_call(call)]);
                content = None;
            }
            functions::Reply::Text(text) => content = Some(text),
        }
    }
    // The `thinking` field wins; otherwise reasoning may open the text in think tags.
    let mut reasoning = message
        .get("thinking")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    if reasoning.is_none() {
        if let Some((thought, rest)) = content.as_deref().and_then(reasoning::split) {
            reasoning = Some(thought.to_owned());
            content = Some(rest.to_owned());
        }
    }
    let mut out = Map::new();
    out.insert("role".into(), "assistant".into());
    out.insert("content".into(), content.map_or(Value::Null, Value::String));
    if let Some(calls) = &calls {
        out.insert("tool_calls".into(), Value::Array(calls.clone()));
    }
    if let Some(reasoning) = reasoning {
        out.insert("reasoning_content".into(), Value::String(reasoning));
    }
    Ok(json!({
        "id": format!("chatcmpl-{}", uuid::Uuid::new_v4()),
        "object": "chat.completion",
        "created": crate::providers::unix_now(),
        "model": format!("{provider}/{model}"),
        "choices": [{"index": 0, "finish_reason": finish(dialect, &value, calls.is_some()), "message": out}],
        "usage": usage(&value),
    }))
}
