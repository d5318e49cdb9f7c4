//! A Messages API response as an OpenAI `chat.completion`: text blocks joined into `content`,
//! `tool_use` blocks as `tool_calls` (arguments as JSON text), thinking as `reasoning_content`
//! plus `thinking_blocks`, citations in `provider_specific_fields`, and the answer of LiteLLM's
//! JSON tool as the content.

use super::usage;
use crate::providers::json_tool;
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
    let mut citations = Vec::new();
    let mut tool_calls = Vec::new();
    let mut reasoning = String::new();
    let mut thinking_blocks = Vec::new();
    let mut last_tool_use = None;
    for (position, block) in blocks.iter().enumerate() {
        match block.get("type").and_then(Value::as_str) {
            Some("text") => {
                text.push_str(block.get("text").and_then(Value::as_str).unwrap_or(""));
            }
            Some("tool_use") => {
                last_tool_use = Some(block);
                tool_calls.push(json!({
                    "index": position,
                    "id": block.get("id").cloned().unwrap_or(Value::Null),
                    "type": "function",
                    "function": {
                        "name": block.get("name").cloned().unwrap_or(Value::Null),
                        "arguments": python_json(block.get("input").unwrap_or(&json!({}))),
                    },
                }));
            }
            Some("thinking") => {
                reasoning.push_str(block.get("thinking").and_then(Value::as_str).unwrap_or(""));
                thinking_blocks.push(block.clone());
            }
            Some("redacted_thinking") => thinking_blocks.push(block.clone()),
            _ => {}
        }
        if let Some(cited) = block.get("citations").filter(|c| !c.is_null()) {
            citations.push(cited.clone());
        }
    }
    let mut stop = value
        .get("stop_reason")
        .and_then(Value::as_str)
        .unwrap_or("end_turn");
    // JSON mode's one forced call is the answer itself (LiteLLM checks for exactly one call).
    if let (1, Some(call)) = (tool_calls.len(), last_tool_use) {
        if json_tool::is_json_tool(call.get("name")) {
            text = json_tool::answer(call.get("input").unwrap_or(&Value::Null));
            tool_calls.clear();
            stop = "stop";
        }
    }
    let non_empty = |items: &[Value]| {
        if items.is_empty() {
            Value::Null
        } else {
            Value::Array(items.to_vec())
        }
    };
    let mut message = Map::new();
    message.insert("role".into(), "assistant".into());
    // LiteLLM reports empty text as no content.
    message.insert(
        "content".into(),
        if text.is_empty() {
            Value::Null
        } else {
            Value::String(text)
        },
    );
    if !tool_calls.is_empty() {
        message.insert("tool_calls".into(), Value::Array(tool_calls));
    }
    // LiteLLM always sets both keys, null when the response had none.
    message.insert(
        "provider_specific_fields".into(),
        json!({"citations": non_empty(&citations), "thinking_blocks": non_empty(&thinking_blocks)}),
    );
    if !thinking_blocks.is_empty() {
        message.insert("reasoning_content".into(), Value::String(reasoning));
        message.insert("thinking_blocks".into(), Value::Array(thinking_blocks));
    }
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
        assert_eq!(
            choice["message"]["provider_specific_fields"]["thinking_blocks"][0]["signature"],
            "sig"
        );
        assert_eq!(
            choice["message"]["provider_specific_fields"]["citations"],
            Value::Null
        );
    }

    #[test]
    fn the_json_tool_call_is_the_content_and_citations_are_kept() {
        let body = br#"{"model":"claude-3-5-sonnet-20241022","stop_reason":"tool_use","usage":{},
            "content":[{"type":"text","text":"","citations":[{"type":"char_location","cited_text":"x"}]},
                       {"type":"tool_use","id":"toolu_1","name":"json_tool_call","input":{"values":{"a":1}}}]}"#;
        let r = parse(body, "claude-3-5-sonnet").unwrap();
        let message = &r["choices"][0]["message"];
        assert_eq!(message["content"], r#"{"a": 1}"#);
        assert!(message.get("tool_calls").is_none());
        assert_eq!(r["choices"][0]["finish_reason"], "stop");
        assert_eq!(
            message["provider_specific_fields"]["citations"][0][0]["cited_text"],
            "x"
        );
    }

    #[test]
    fn a_json_tool_call_beside_other_calls_stays_a_call() {
        let body = br#"{"model":"m","stop_reason":"tool_use","usage":{},"content":[
            {"type":"tool_use","id":"t1","name":"json_tool_call","input":{}},
            {"type":"tool_use","id":"t2","name":"f","input":{}}]}"#;
        let r = parse(body, "m").unwrap();
        assert_eq!(
            r["choices"][0]["message"]["tool_calls"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(r["choices"][0]["message"]["content"], Value::Null);
        assert_eq!(r["choices"][0]["finish_reason"], "tool_calls");
    }
}
