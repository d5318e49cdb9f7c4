//! Streams LiteLLM fakes for models that cannot stream (Azure's o1 family): the request is sent
//! without `stream`, and the one complete reply is replayed as chunks: one per choice carrying
//! the whole message and its finish reason, then the usage chunk every stream ends with.

use serde_json::{json, Map, Value};

pub fn chunks_of(response: &Value) -> Vec<Value> {
    let envelope = |choices: Value| {
        json!({
            "id": response["id"],
            "object": "chat.completion.chunk",
            "created": response["created"],
            "model": response["model"],
            "choices": choices,
        })
    };
    let mut chunks: Vec<Value> = response["choices"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|choice| {
            let delta = delta_of(&choice["message"]);
            envelope(json!([{"index": choice["index"], "delta": delta,
                             "finish_reason": choice["finish_reason"]}]))
        })
        .collect();
    if let Some(usage) = response.get("usage").filter(|u| !u.is_null()) {
        let mut last = envelope(json!([]));
        last["usage"] = usage.clone();
        chunks.push(last);
    }
    chunks
}

/// A message as a delta: its non-null fields, tool calls numbered as stream deltas are.
fn delta_of(message: &Value) -> Map<String, Value> {
    let mut delta: Map<String, Value> = message
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Some(Value::Array(calls)) = delta.get_mut("tool_calls") {
        for (index, call) in calls.iter_mut().enumerate() {
            if let Some(call) = call.as_object_mut() {
                call.entry("index").or_insert(json!(index));
            }
        }
    }
    delta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_becomes_its_message_then_its_usage() {
        let response = json!({"id": "chatcmpl-1", "created": 5, "model": "azure/o1",
            "object": "chat.completion",
            "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant",
                "content": null, "tool_calls": [{"id": "c1", "type": "function",
                "function": {"name": "f", "arguments": "{}"}}]}}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}});
        let chunks = chunks_of(&response);
        assert_eq!(chunks.len(), 2);
        let delta = &chunks[0]["choices"][0]["delta"];
        assert_eq!(delta["role"], "assistant");
        assert!(delta.get("content").is_none());
        assert_eq!(delta["tool_calls"][0]["index"], 0);
        assert_eq!(chunks[0]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(chunks[1]["choices"], json!([]));
        assert_eq!(chunks[1]["usage"]["total_tokens"], 5);
        assert!(chunks
            .iter()
            .all(|c| c["id"] == "chatcmpl-1" && c["model"] == "azure/o1"));
    }
}
