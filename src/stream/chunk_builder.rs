//! `stream_chunk_builder`: rebuilds one `chat.completion` from streamed chunks (objects already
//! turned into JSON values). Works on a partial list too, so a stream closed early still yields
//! what arrived.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

#[derive(Default)]
struct ChoiceParts {
    content: Option<String>,
    reasoning: Option<String>,
    refusal: Option<String>,
    finish_reason: Option<Value>,
    tool_calls: BTreeMap<u64, ToolCallParts>,
    function_call: Option<(Option<String>, String)>,
    logprobs: Vec<Value>,
}

#[derive(Default)]
struct ToolCallParts {
    id: Option<String>,
    kind: Option<String>,
    name: Option<String>,
    arguments: String,
}

fn append(slot: &mut Option<String>, piece: Option<&str>) {
    if let Some(piece) = piece {
        slot.get_or_insert_with(String::new).push_str(piece);
    }
}

fn absorb_delta(parts: &mut ChoiceParts, delta: &Map<String, Value>) {
    append(
        &mut parts.content,
        delta.get("content").and_then(Value::as_str),
    );
    append(
        &mut parts.reasoning,
        delta.get("reasoning_content").and_then(Value::as_str),
    );
    append(
        &mut parts.refusal,
        delta.get("refusal").and_then(Value::as_str),
    );
    for (position, call) in delta
        .get("tool_calls")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let index = call
            .get("index")
            .and_then(Value::as_u64)
            .unwrap_or(position as u64);
        let entry = parts.tool_calls.entry(index).or_default();
        let text = |key: &str| call.get(key).and_then(Value::as_str).map(str::to_owned);
        entry.id = entry.id.take().or_else(|| text("id"));
        entry.kind = entry.kind.take().or_else(|| text("type"));
        if let Some(function) = call.get("function") {
            entry.name = entry.name.take().or_else(|| {
                function
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            });
            entry.arguments.push_str(
                function
                    .get("arguments")
                    .and_then(Value::as_str)
                    .unwrap_or(""),
            );
        }
    }
    if let Some(function) = delta.get("function_call").filter(|f| f.is_object()) {
        let (name, arguments) = parts.function_call.get_or_insert((None, String::new()));
        if name.is_none() {
            *name = function
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned);
        }
        arguments.push_str(
            function
                .get("arguments")
                .and_then(Value::as_str)
                .unwrap_or(""),
        );
    }
}

pub fn build(chunks: &[Value]) -> Option<Value> {
    let first = chunks.first()?;
    let mut choices: BTreeMap<u64, ChoiceParts> = BTreeMap::new();
    let mut usage = None;
    for chunk in chunks {
        if let Some(u) = chunk.get("usage").filter(|u| u.is_object()) {
            usage = Some(u.clone());
        }
        for choice in chunk
            .get("choices")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let index = choice.get("index").and_then(Value::as_u64).unwrap_or(0);
            let parts = choices.entry(index).or_default();
            if let Some(delta) = choice.get("delta").and_then(Value::as_object) {
                absorb_delta(parts, delta);
            }
            if let Some(reason) = choice.get("finish_reason").filter(|r| !r.is_null()) {
                parts.finish_reason = Some(reason.clone());
            }
            if let Some(content) = choice
                .pointer("/logprobs/content")
                .and_then(Value::as_array)
            {
                parts.logprobs.extend(content.iter().cloned());
            }
        }
    }
    if choices.is_empty() {
        choices.insert(0, ChoiceParts::default());
    }

    let choices: Vec<Value> = choices
        .into_iter()
        .map(|(index, parts)| finish_choice(index, parts))
        .collect();
    let mut response = json!({
        "id": first.get("id").cloned().unwrap_or(Value::Null),
        "created": first.get("created").cloned().unwrap_or(Value::Null),
        "model": first.get("model").cloned().unwrap_or(Value::Null),
        "object": "chat.completion",
        "system_fingerprint": first.get("system_fingerprint").cloned().unwrap_or(Value::Null),
        "choices": choices,
    });
    if let Some(usage) = usage {
        response["usage"] = usage;
    }
    Some(response)
}

fn finish_choice(index: u64, parts: ChoiceParts) -> Value {
    let mut message = Map::new();
    message.insert(
        "content".into(),
        parts.content.map_or(Value::Null, Value::String),
    );
    message.insert("role".into(), Value::String("assistant".into()));
    if !parts.tool_calls.is_empty() {
        let calls = parts
            .tool_calls
            .into_values()
            .map(|call| {
                json!({
                    "id": call.id,
                    "type": call.kind.unwrap_or_else(|| "function".into()),
                    "function": {"name": call.name, "arguments": call.arguments},
                })
            })
            .collect();
        message.insert("tool_calls".into(), Value::Array(calls));
    } else {
        message.insert("tool_calls".into(), Value::Null);
    }
    message.insert(
        "function_call".into(),
        parts.function_call.map_or(
            Value::Null,
            |(name, arguments)| json!({"name": name, "arguments": arguments}),
        ),
    );
    if let Some(reasoning) = parts.reasoning {
        message.insert("reasoning_content".into(), Value::String(reasoning));
    }
    if let Some(refusal) = parts.refusal {
        message.insert("refusal".into(), Value::String(refusal));
    }
    let mut choice = json!({
        "finish_reason": parts.finish_reason.unwrap_or_else(|| Value::String("stop".into())),
        "index": index,
        "message": message,
    });
    if !parts.logprobs.is_empty() {
        choice["logprobs"] = json!({"content": parts.logprobs});
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(delta: Value, finish: Value) -> Value {
        json!({"id": "c1", "created": 5, "model": "m", "object": "chat.completion.chunk",
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
    }

    #[test]
    fn content_and_usage_are_reassembled() {
        let mut chunks = vec![
            chunk(json!({"role": "assistant", "content": "Hel"}), Value::Null),
            chunk(json!({"content": "lo"}), Value::Null),
            chunk(json!({}), json!("stop")),
        ];
        chunks.push(json!({"id": "c1", "created": 5, "model": "m", "choices": [],
                           "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}}));
        let r = build(&chunks).unwrap();
        assert_eq!(r["id"], "c1");
        assert_eq!(r["choices"][0]["message"]["content"], "Hello");
        assert_eq!(r["choices"][0]["finish_reason"], "stop");
        assert_eq!(r["usage"]["total_tokens"], 5);
    }

    #[test]
    fn tool_call_fragments_join_by_index() {
        let chunks = vec![
            chunk(
                json!({"role": "assistant", "tool_calls": [{"index": 0, "id": "t0", "type": "function", "function": {"name": "get_weather", "arguments": ""}}]}),
                Value::Null,
            ),
            chunk(
                json!({"tool_calls": [{"index": 0, "function": {"arguments": "{\"city\": "}}]}),
                Value::Null,
            ),
            chunk(
                json!({"tool_calls": [{"index": 1, "id": "t1", "type": "function", "function": {"name": "f2", "arguments": "{}"}}]}),
                Value::Null,
            ),
            chunk(
                json!({"tool_calls": [{"index": 0, "function": {"arguments": "\"SF\"}"}}]}),
                Value::Null,
            ),
            chunk(json!({}), json!("tool_calls")),
        ];
        let r = build(&chunks).unwrap();
        let calls = &r["choices"][0]["message"]["tool_calls"];
        assert_eq!(calls[0]["function"]["arguments"], "{\"city\": \"SF\"}");
        assert_eq!(calls[0]["id"], "t0");
        assert_eq!(calls[1]["function"]["name"], "f2");
        assert_eq!(r["choices"][0]["message"]["content"], Value::Null);
        assert_eq!(r["choices"][0]["finish_reason"], "tool_calls");
    }

    #[test]
    fn empty_input_gives_nothing_and_partial_input_still_builds() {
        assert!(build(&[]).is_none());
        let r = build(&[chunk(json!({"content": "par"}), Value::Null)]).unwrap();
        assert_eq!(r["choices"][0]["message"]["content"], "par");
        assert!(r.get("usage").is_none());
    }
}
