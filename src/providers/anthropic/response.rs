//! A Messages API response as an OpenAI `chat.completion`: text blocks joined into `content`,
//! `tool_use` blocks as `tool_calls` (arguments as JSON text), thinking as `reasoning_content`
//! plus `thinking_blocks`.

use super::usage;
use crate::providers::python_json::python_json;
use crate::types::finish_reason;
use serde_json::{json, Map, Value};

pub fn parse(body: &[u8], model: &str) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    let blocks = value
        .get("content")
        .and_then(Value::as_array)
        .ok_or("provider response has no 'content'")?;
    let mut text = String::new();
    let mut has_text = false;
    let mut tool_calls = Vec::new();
    let mut reasoning = String::new();
    let mut thinking_blocks = Vec::new();
    for (position, block) in blocks.iter().enumerate() {
        match block.get("type").and_then(Value::as_str) {
            Some("text") => {
                has_text = true;
                text.push_str(block.get("text").and_then(Value::as_str).unwrap_or(""));
            }
            Some("tool_use") => tool_calls.push(json!({
                "index": position,
                "id": block.get("id").cloned().unwrap_or(Value::Null),
                "type": "function",
                "function": {
                    "name": block.get("name").cloned().unwrap_or(Value::Null),
                    "arguments": python_json(block.get("input").unwrap_or(&json!({}))),
                },
            })),
            Some("thinking") => {
                reasoning.push_str(block.get("thinking").and_then(Value::as_str).unwrap_or(""));
                thinking_blocks.push(block.clone());
            }
            Some("redacted_thinking") => thinking_blocks.push(block.clone()),
            _ => {}
        }
    }
    let mut message = Map::new();
    message.insert("role".into(), "assistant".into());
    message.insert(
        "content".into(),
        if has_text {
            Value::String(text)
        } else {
            Value::Null
        },
    );
    if !tool_calls.is_empty() {
        message.insert("tool_calls".into(), Value::Array(tool_calls));
    }
    if !thinking_blocks.is_empty() {
        message.insert("reasoning_content".into(), Value::String(reasoning));
        message.insert("thinking_blocks".into(), Value::Array(thinking_blocks));
    }
    let stop = value
        .get("stop_reason")
        .and_then(Value::as_str)
        .unwrap_or("end_turn");
    Ok(json!({
        "id": format!("chatcmpl-{}", uuid::Uuid::new_v4()),
        "object": "chat.completion",
        "created": crate::providers::unix_now(),
        // LiteLLM reports the model Anthropic says served the call (e.g. a dated id).
        "model": value.get("model").and_then(Value::as_str).unwrap_or(model),
        "choices": [{"index": 0, "finish_reason": finish_reason::normalize(stop), "message": message}],
        "usage": usage::to_openai(value.get("usage").unwrap_or(&Value::Null)),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_tools_and_thinking_are_normalised() {
        let body = br#"{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
            "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"Hi"},
                       {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],
            "stop_reason":"tool_use","usage":{"input_tokens":20,"output_tokens":10,
            "cache_read_input_tokens":5,"cache_creation_input_tokens":3}}"#;
        let r = parse(body, "claude-sonnet-4-5").unwrap();
        let choice = &r["choices"][0];
        assert_eq!(choice["finish_reason"], "tool_calls");
        assert_eq!(choice["message"]["content"], "Hi");
        assert_eq!(choice["message"]["reasoning_content"], "hmm");
        assert_eq!(
            choice["message"]["tool_calls"][0]["function"]["arguments"],
            r#"{"city": "Paris"}"#
        );
        assert_eq!(r["usage"]["prompt_tokens"], 28);
        assert_eq!(r["usage"]["prompt_tokens_details"]["cached_tokens"], 5);
        assert!(r["id"].as_str().unwrap().starts_with("chatcmpl-"));
    }
}
