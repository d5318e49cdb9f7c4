//! Cohere's v2 chat API (`POST https://api.cohere.com/v2/chat`), for `cohere_chat/` and
//! `cohere/`: OpenAI-style messages with a few renamed parameters, and v2's typed SSE events.
//!
//! Where LiteLLM 1.109.1 is wrong, Ferrolite does the right thing: it parses Cohere's real SSE
//! stream (LiteLLM's breaks on `event:` lines), and it reports Cohere's own finish reason and
//! usage (LiteLLM says "stop" for every answer, tool calls included).

use super::chunks::ChunkEmitter;
use super::params;
use super::resolve::Endpoint;
use crate::error::LlmError;
use crate::http::client::HttpRequest;
use crate::types::{finish_reason, CompletionRequest};
use serde_json::{json, Map, Value};

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    let params = params::check(endpoint.spec, &endpoint.model, req.params.clone(), options)?;
    let mut body = Map::new();
    body.insert("model".into(), Value::String(endpoint.model.clone()));
    let messages = req
        .messages
        .iter()
        .map(|m| match m.as_object() {
            Some(o) if o.get("content").is_some_and(Value::is_null) => {
                let mut o = o.clone();
                o.remove("content");
                Value::Object(o)
            }
            _ => m.clone(),
        })
        .collect();
    body.insert("messages".into(), Value::Array(messages));
    for (name, value) in params {
        let name = match name.as_str() {
            "top_p" => "p",
            "n" => "num_generations",
            "max_completion_tokens" => "max_tokens",
            "stop" => {
                let stops = if value.is_string() {
                    json!([value])
                } else {
                    value
                };
                body.insert("stop_sequences".into(), stops);
                continue;
            }
            // LiteLLM lists tool_choice as supported but never sends it.
            "tool_choice" | "stream" | "stream_options" | "extra_headers" => continue,
            other => other,
        };
        body.insert(name.to_owned(), value);
    }
    body.extend(req.extra.clone());
    body.extend(options.extra_body.clone());
    if options.stream {
        body.insert("stream".into(), Value::Bool(true));
    }
    let mut headers = vec![
        ("accept".to_owned(), "application/json".to_owned()),
        ("content-type".to_owned(), "application/json".to_owned()),
        (
            "Request-Source".to_owned(),
            "unspecified:litellm".to_owned(),
        ),
    ];
    if let Some(key) = endpoint.api_key.as_deref().filter(|k| !k.is_empty()) {
        headers.push(("authorization".to_owned(), format!("Bearer {key}")));
    }
    super::apply_call_headers(&mut headers, &options.headers);
    // The base is the whole endpoint URL, as in LiteLLM.
    Ok(HttpRequest {
        url: endpoint.api_base.clone(),
        headers,
        body: serde_json::to_vec(&Value::Object(body)).expect("JSON body serialises"),
        ..Default::default()
    })
}

fn usage(usage: &Value) -> Value {
    let tokens = usage.get("tokens").unwrap_or(&Value::Null);
    let prompt = tokens
        .get("input_tokens")
        .and_then(Value::as_f64)
        .unwrap_or(0.0) as u64;
    let completion = tokens
        .get("output_tokens")
        .and_then(Value::as_f64)
        .unwrap_or(0.0) as u64;
    json!({"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion})
}

pub fn parse_response(body: &[u8], model: &str) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    let message = value
        .get("message")
        .ok_or("provider response has no 'message'")?;
    let text: Option<String> = message
        .get("content")
        .and_then(Value::as_array)
        .map(|blocks| {
            blocks
                .iter()
                .filter_map(|b| b.get("text").and_then(Value::as_str))
                .collect()
        });
    let mut out = Map::new();
    out.insert("role".into(), "assistant".into());
    out.insert("content".into(), text.map_or(Value::Null, Value::String));
    if let Some(calls) = message.get("tool_calls").and_then(Value::as_array) {
        let calls: Vec<Value> = calls
            .iter()
            .enumerate()
            .map(|(index, call)| {
                let mut call = call.clone();
                if let Some(c) = call.as_object_mut() {
                    c.insert("index".into(), json!(index));
                }
                call
            })
            .collect();
        out.insert("tool_calls".into(), Value::Array(calls));
    }
    let reason = value
        .get("finish_reason")
        .and_then(Value::as_str)
        .unwrap_or("COMPLETE");
    Ok(json!({
        "id": format!("chatcmpl-{}", uuid::Uuid::new_v4()),
        "object": "chat.completion",
        "created": super::unix_now(),
        "model": model,
        "choices": [{"index": 0, "finish_reason": finish_reason::normalize(reason), "message": out}],
        "usage": usage(value.get("usage").unwrap_or(&Value::Null)),
    }))
}

/// One Cohere v2 stream event as OpenAI chunks.
pub fn on_event(
    out: &mut ChunkEmitter,
    data: &str,
    provider: &str,
) -> Result<Vec<Value>, LlmError> {
    let event = out.event_json(data, provider)?;
    let index = event.get("index").and_then(Value::as_u64).unwrap_or(0);
    let message = event.pointer("/delta/message").unwrap_or(&Value::Null);
    let mut delta = Map::new();
    match event.get("type").and_then(Value::as_str).unwrap_or("") {
        "content-delta" => {
            let text = message
                .pointer("/content/text")
                .and_then(Value::as_str)
                .unwrap_or("");
            if text.is_empty() {
                return Ok(vec![]);
            }
            delta.insert("content".into(), Value::String(text.to_owned()));
        }
        "tool-call-start" => {
            let call = &message["tool_calls"];
            delta.insert(
                    "tool_calls".into(),
                    json!([{"index": index, "id": call["id"], "type": "function",
                            "function": {"name": call["function"]["name"], "arguments": call["function"]["arguments"].as_str().unwrap_or("")}}]),
                );
        }
        "tool-call-delta" => {
            let arguments = message
                .pointer("/tool_calls/function/arguments")
                .and_then(Value::as_str)
                .unwrap_or("");
            delta.insert(
                "tool_calls".into(),
                json!([{"index": index, "function": {"arguments": arguments}}]),
            );
        }
        "message-end" => {
            let end = event.get("delta").unwrap_or(&Value::Null);
            let reason = end
                .get("finish_reason")
                .and_then(Value::as_str)
                .unwrap_or("COMPLETE");
            let finish = out.finish(reason);
            let usage = out.usage(usage(end.get("usage").unwrap_or(&Value::Null)));
            return Ok(vec![finish, usage]);
        }
        _ => return Ok(vec![]), // message-start, content-start/end, tool-plan-delta, citations
    }
    Ok(vec![out.chunk(delta, None)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v2_events_become_openai_chunks() {
        let mut state = ChunkEmitter::new("command-a-03-2025");
        let mut chunks = Vec::new();
        for event in [
            r#"{"type":"message-start","id":"x","delta":{"message":{"role":"assistant"}}}"#,
            r#"{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}"#,
            r#"{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"t1","type":"function","function":{"name":"f","arguments":""}}}}}"#,
            r#"{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{}"}}}}}"#,
            r#"{"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"tokens":{"input_tokens":5,"output_tokens":3}}}}"#,
        ] {
            chunks.extend(on_event(&mut state, event, "cohere_chat").unwrap());
        }
        assert_eq!(
            chunks[0]["choices"][0]["delta"],
            json!({"content": "Hi", "role": "assistant"})
        );
        assert_eq!(
            chunks[1]["choices"][0]["delta"]["tool_calls"][0]["id"],
            "t1"
        );
        assert_eq!(chunks[3]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(chunks[4]["usage"]["total_tokens"], 8);
        assert!(state.is_done());
    }
}
