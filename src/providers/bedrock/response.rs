//! A Converse response as an OpenAI `chat.completion`: text blocks joined, `toolUse` as
//! `tool_calls` (indexed by block position, as LiteLLM does), reasoning as
//! `reasoning_content` plus `thinking_blocks`, and Bedrock's token counts.

use crate::http::client::ReplyHints;
use crate::providers::json_tool::NAME as JSON_TOOL;
use crate::providers::python_json::python_json;
use crate::types::finish_reason;
use base64::Engine;
use serde_json::{json, Map, Value};

pub fn parse(body: &[u8], model: &str, hints: &ReplyHints) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    let blocks = value
        .pointer("/output/message/content")
        .and_then(Value::as_array)
        .ok_or("provider response has no 'output.message'")?;
    let mut text = String::new();
    let mut tool_calls = Vec::new();
    let mut reasoning = String::new();
    let mut thinking_blocks = Vec::new();
    for (position, block) in blocks.iter().enumerate() {
        if let Some(t) = block.get("text").and_then(Value::as_str) {
            text.push_str(t);
        } else if let Some(tool) = block.get("toolUse") {
            tool_calls.push(json!({
                "index": position,
                "id": tool.get("toolUseId").cloned().unwrap_or(Value::Null),
                "type": "function",
                "function": {
                    "name": hints.tool_name(tool.get("name").and_then(Value::as_str).unwrap_or("")),
                    "arguments": python_json(tool.get("input").unwrap_or(&json!({}))),
                },
            }));
        } else if let Some(block) = block.get("reasoningContent") {
            if let Some(r) = block.get("reasoningText") {
                let thought = r.get("text").and_then(Value::as_str).unwrap_or("");
                reasoning.push_str(thought);
                let mut thinking = json!({"type": "thinking", "thinking": thought});
                if let Some(signature) = r.get("signature") {
                    thinking["signature"] = signature.clone();
                }
                thinking_blocks.push(thinking);
            } else if let Some(redacted) = block.get("redactedContent").and_then(Value::as_str) {
                thinking_blocks
                    .push(json!({"type": "redacted_thinking", "data": decode_redacted(redacted)}));
            }
        }
    }
    let mut stop = value
        .get("stopReason")
        .and_then(Value::as_str)
        .unwrap_or("end_turn");
    // LiteLLM's forced JSON tool: its arguments are the answer, not a call to make.
    if let Some(position) = tool_calls
        .iter()
        .position(|c| c.pointer("/function/name") == Some(&json!(JSON_TOOL)))
    {
        let call = tool_calls.remove(position);
        text = call["function"]["arguments"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        if tool_calls.is_empty() {
            stop = "end_turn";
        }
    }
    let mut message = Map::new();
    message.insert("role".into(), "assistant".into());
    message.insert("content".into(), Value::String(text));
    if !tool_calls.is_empty() {
        message.insert("tool_calls".into(), Value::Array(tool_calls));
    }
    if !thinking_blocks.is_empty() {
        message.insert("reasoning_content".into(), Value::String(reasoning));
        message.insert("thinking_blocks".into(), Value::Array(thinking_blocks));
    }
    Ok(json!({
        "id": format!("chatcmpl-{}", uuid::Uuid::new_v4()),
        "object": "chat.completion",
        "created": crate::providers::unix_now(),
        "model": model,
        "choices": [{"index": 0, "finish_reason": finish_reason::normalize(stop), "message": message}],
        "usage": usage(value.get("usage").unwrap_or(&Value::Null), value.get("additionalModelResponseFields")),
    }))
}

/// Redacted reasoning arrives base64-encoded; LiteLLM hands it on decoded.
fn decode_redacted(data: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| data.to_owned())
}

fn count(usage: &Value, key: &str) -> u64 {
    usage.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// Bedrock's `TokenUsage` in LiteLLM's shape: cache reads and writes added into
/// `prompt_tokens`, `totalTokens` as Bedrock states it.
pub fn usage(usage: &Value, response_fields: Option<&Value>) -> Value {
    let input = count(usage, "inputTokens");
    let output = count(usage, "outputTokens");
    let read = count(usage, "cacheReadInputTokens");
    let write = count(usage, "cacheWriteInputTokens");
    let prompt = input + read + write;
    let total = usage
        .get("totalTokens")
        .and_then(Value::as_u64)
        .unwrap_or(prompt + output);
    let reasoning = response_fields
        .and_then(|f| f.pointer("/usage/output_tokens_details/thinking_tokens"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let mut prompt_details = json!({
        "cached_tokens": read,
        "cache_creation_tokens": write,
        "cache_write_tokens": write,
        "text_tokens": input,
    });
    if let Some(details) = cache_ttl_details(usage, write) {
        prompt_details["cache_creation_token_details"] = details;
    }
    json!({
        "prompt_tokens": prompt,
        "completion_tokens": output,
        "total_tokens": total,
        "prompt_tokens_details": prompt_details,
        "completion_tokens_details": {"reasoning_tokens": reasoning, "text_tokens": output - reasoning.min(output)},
        "cache_read_input_tokens": read,
        "cache_creation_input_tokens": write,
    })
}

/// Cache writes by lifetime, when Bedrock's `cacheDetails` account for all of them.
fn cache_ttl_details(usage: &Value, write: u64) -> Option<Value> {
    let details = usage.get("cacheDetails")?.as_array()?;
    let by_ttl = |ttl: &str| -> Option<u64> {
        let sum: u64 = details
            .iter()
            .filter(|d| d.get("ttl").and_then(Value::as_str) == Some(ttl))
            .map(|d| count(d, "inputTokens"))
            .sum();
        (sum > 0).then_some(sum)
    };
    let (five, hour) = (by_ttl("5m"), by_ttl("1h"));
    if five.unwrap_or(0) + hour.unwrap_or(0) != write || write == 0 {
        return None;
    }
    Some(json!({"ephemeral_5m_input_tokens": five, "ephemeral_1h_input_tokens": hour}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_tools_reasoning_and_cache_usage() {
        let body = br#"{"output":{"message":{"role":"assistant","content":[
            {"reasoningContent":{"reasoningText":{"text":"Let me think.","signature":"SIG"}}},
            {"text":"Checking."},
            {"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}}]}},
            "stopReason":"tool_use",
            "usage":{"inputTokens":5,"outputTokens":2,"totalTokens":1007,"cacheReadInputTokens":600,"cacheWriteInputTokens":400}}"#;
        let r = parse(body, "anthropic.claude", &ReplyHints::default()).unwrap();
        let choice = &r["choices"][0];
        assert_eq!(choice["finish_reason"], "tool_calls");
        assert_eq!(choice["message"]["content"], "Checking.");
        assert_eq!(choice["message"]["reasoning_content"], "Let me think.");
        assert_eq!(choice["message"]["thinking_blocks"][0]["signature"], "SIG");
        let call = &choice["message"]["tool_calls"][0];
        assert_eq!(
            call["index"], 2,
            "LiteLLM indexes tool calls by block position"
        );
        assert_eq!(call["function"]["arguments"], r#"{"city": "Paris"}"#);
        assert_eq!(r["usage"]["prompt_tokens"], 1005);
        assert_eq!(r["usage"]["total_tokens"], 1007);
        assert_eq!(r["usage"]["prompt_tokens_details"]["cached_tokens"], 600);
        assert_eq!(r["usage"]["cache_creation_input_tokens"], 400);
    }

    #[test]
    fn the_forced_json_tool_becomes_the_content() {
        let body = br#"{"output":{"message":{"role":"assistant","content":[
            {"toolUse":{"toolUseId":"t","name":"json_tool_call","input":{"a":1}}}]}},
            "stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2}}"#;
        let r = parse(body, "m", &ReplyHints::default()).unwrap();
        assert_eq!(r["choices"][0]["message"]["content"], r#"{"a": 1}"#);
        assert_eq!(r["choices"][0]["finish_reason"], "stop");
        assert!(r["choices"][0]["message"].get("tool_calls").is_none());
    }
}
