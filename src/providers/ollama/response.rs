//! A complete Ollama reply as an OpenAI `chat.completion`: content, native tool calls,
//! reasoning, Ollama's counters as usage, and the finish reason each route reports.

use super::is_chat;
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

pub(super) fn finish(dialect: Dialect, value: &Value, has_tools: bool) -> &'static str {
    if !is_chat(dialect) {
        return "stop";
    }
    if has_tools {
        return "tool_calls";
    }
    finish_reason::normalize(
        value
            .get("done_reason")
            .and_then(Value::as_str)
            .unwrap_or("stop"),
    )
}

pub fn parse_response(
    dialect: Dialect,
    body: &[u8],
    provider: &str,
    model: &str,
) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    if let Some(error) = value.get("error") {
        return Err(format!("Ollama Error - {error}"));
    }
    let (content, message) = if is_chat(dialect) {
        let message = value.get("message").cloned().unwrap_or(Value::Null);
        (
            message.get("content").cloned().unwrap_or(Value::Null),
            message,
        )
    } else {
        (
            value.get("response").cloned().unwrap_or(Value::Null),
            value.clone(),
        )
    };
    let mut out = Map::new();
    out.insert("role".into(), "assistant".into());
    out.insert("content".into(), content);
    let calls = tool_calls(&message);
    if let Some(calls) = &calls {
        out.insert("tool_calls".into(), Value::Array(calls.clone()));
    }
    if let Some(thinking) = message.get("thinking").filter(|t| t.is_string()) {
        out.insert("reasoning_content".into(), thinking.clone());
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
