//! Anthropic's SSE events as OpenAI chunks. The state carried between events: which content
//! blocks are tools (and their tool-call index), which block is LiteLLM's JSON tool (streamed
//! as content), and the input usage from `message_start`, completed by `message_delta`.

use super::{errors, usage};
use crate::error::LlmError;
use crate::providers::chunks::ChunkEmitter;
use crate::providers::json_tool;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

pub struct StreamState {
    out: ChunkEmitter,
    /// Content-block index to tool-call index.
    tools: HashMap<u64, u64>,
    /// The content block of the JSON tool, whose input is the answer.
    json_block: Option<u64>,
    input_usage: Value,
    done: bool,
}

impl StreamState {
    pub fn new(model: &str) -> Self {
        Self {
            out: ChunkEmitter::new(model),
            tools: HashMap::new(),
            json_block: None,
            input_usage: Value::Null,
            done: false,
        }
    }

    /// Whether `message_stop` arrived.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The chunks one event becomes (often none), or the provider's error.
    pub fn on_event(&mut self, data: &str) -> Result<Vec<Value>, LlmError> {
        let event = self.out.event_json(data, "anthropic")?;
        let kind = event.get("type").and_then(Value::as_str).unwrap_or("");
        let index = event.get("index").and_then(Value::as_u64).unwrap_or(0);
        let out = match kind {
            "message_start" => {
                let message = &event["message"];
                self.input_usage = message.get("usage").cloned().unwrap_or(Value::Null);
                vec![]
            }
            "content_block_start" => {
                let block = &event["content_block"];
                match block.get("type").and_then(Value::as_str) {
                    Some("tool_use") if json_tool::is_json_tool(block.get("name")) => {
                        self.json_block = Some(index);
                        vec![]
                    }
                    Some("tool_use") => {
                        let tool_index = self.tools.len() as u64;
                        self.tools.insert(index, tool_index);
                        let call = json!({
                            "index": tool_index,
                            "id": block.get("id").cloned().unwrap_or(Value::Null),
                            "type": "function",
                            "function": {"name": block.get("name").cloned().unwrap_or(Value::Null), "arguments": ""},
                        });
                        vec![self.out.delta("tool_calls", json!([call]))]
                    }
                    _ => vec![],
                }
            }
            "content_block_delta" => {
                let delta = &event["delta"];
                let text = |key: &str| {
                    delta
                        .get(key)
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned()
                };
                match delta.get("type").and_then(Value::as_str) {
                    Some("text_delta") => {
                        vec![self.out.delta("content", Value::String(text("text")))]
                    }
                    Some("input_json_delta") if self.json_block == Some(index) => {
                        vec![self
                            .out
                            .delta("content", Value::String(text("partial_json")))]
                    }
                    Some("input_json_delta") => {
                        let tool_index = self.tools.get(&index).copied().unwrap_or(0);
                        let call = json!({"index": tool_index, "function": {"arguments": text("partial_json")}});
                        vec![self.out.delta("tool_calls", json!([call]))]
                    }
                    Some("thinking_delta") => {
                        let thinking = text("thinking");
                        let mut d = Map::new();
                        d.insert("reasoning_content".into(), Value::String(thinking.clone()));
                        d.insert(
                            "thinking_blocks".into(),
                            json!([{"type": "thinking", "thinking": thinking, "signature": null}]),
                        );
                        vec![self.out.chunk(d, None)]
                    }
                    Some("citations_delta") => {
                        let citation = delta.get("citation").cloned().unwrap_or(Value::Null);
                        vec![self
                            .out
                            .delta("provider_specific_fields", json!({"citation": citation}))]
                    }
                    Some("signature_delta") => {
                        let mut d = Map::new();
                        d.insert(
                            "thinking_blocks".into(),
                            json!([{"type": "thinking", "thinking": "", "signature": text("signature")}]),
                        );
                        vec![self.out.chunk(d, None)]
                    }
                    _ => vec![],
                }
            }
            "message_delta" => {
                let stop = if self.json_block.is_some() {
                    "stop".to_owned() // the forced call was the answer, not a call to make
                } else {
                    event
                        .pointer("/delta/stop_reason")
                        .and_then(Value::as_str)
                        .unwrap_or("end_turn")
                        .to_owned()
                };
                let mut totals = self.input_usage.as_object().cloned().unwrap_or_default();
                if let Some(Value::Object(more)) = event.get("usage") {
                    for (k, v) in more {
                        if !v.is_null() {
                            totals.insert(k.clone(), v.clone());
                        }
                    }
                }
                let finish = self.out.chunk(Map::new(), Some(&stop));
                let usage_chunk = self.out.usage(usage::to_openai(&Value::Object(totals)));
                vec![finish, usage_chunk]
            }
            "message_stop" => {
                self.done = true;
                vec![]
            }
            "error" => {
                return Err(errors::from_stream_event(self.out.model(), &event["error"]));
            }
            _ => vec![], // ping and future event types
        };
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(events: &[&str]) -> Vec<Value> {
        let mut state = StreamState::new("claude-sonnet-4-5");
        events
            .iter()
            .flat_map(|e| state.on_event(e).unwrap())
            .collect()
    }

    #[test]
    fn text_and_tool_streams_become_openai_deltas() {
        let chunks = run(&[
            r#"{"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":20,"output_tokens":1,"cache_read_input_tokens":5}}}"#,
            r#"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#,
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}"#,
            r#"{"type":"content_block_stop","index":0}"#,
            r#"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}"#,
            r#"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}}"#,
            r#"{"type":"ping"}"#,
            r#"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":12}}"#,
            r#"{"type":"message_stop"}"#,
        ]);
        assert_eq!(
            chunks[0]["choices"][0]["delta"],
            json!({"content": "Hi", "role": "assistant"})
        );
        assert_eq!(
            chunks[1]["choices"][0]["delta"]["tool_calls"][0]["index"],
            0
        );
        assert_eq!(
            chunks[1]["choices"][0]["delta"]["tool_calls"][0]["id"],
            "toolu_1"
        );
        assert_eq!(
            chunks[2]["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"],
            "{\"a\":"
        );
        assert_eq!(chunks[3]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(chunks[4]["usage"]["prompt_tokens"], 25);
        assert_eq!(chunks[4]["usage"]["completion_tokens"], 12);
        let ids: Vec<&Value> = chunks.iter().map(|c| &c["id"]).collect();
        assert!(ids.windows(2).all(|w| w[0] == w[1]));
    }

    #[test]
    fn the_json_tool_streams_as_content() {
        let chunks = run(&[
            r#"{"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":3}}}"#,
            r#"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"json_tool_call","input":{}}}"#,
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}}"#,
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":" 1}"}}"#,
            r#"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":4}}"#,
        ]);
        let deltas: Vec<&Value> = chunks.iter().map(|c| &c["choices"][0]["delta"]).collect();
        assert_eq!(deltas[0]["content"], "{\"a\":");
        assert_eq!(deltas[1]["content"], " 1}");
        assert!(deltas.iter().all(|d| d.get("tool_calls").is_none()));
        assert_eq!(chunks[2]["choices"][0]["finish_reason"], "stop");
    }

    #[test]
    fn citation_deltas_are_provider_fields() {
        let chunks = run(&[
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"x"}}}"#,
        ]);
        assert_eq!(
            chunks[0]["choices"][0]["delta"]["provider_specific_fields"]["citation"]["cited_text"],
            "x"
        );
    }

    #[test]
    fn error_events_end_the_stream() {
        let mut state = StreamState::new("m");
        let err = state
            .on_event(
                r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
            )
            .unwrap_err();
        assert_eq!(err.class, crate::error::ErrorClass::InternalServerError);
        assert_eq!(err.message, "AnthropicError - Overloaded");
    }
}
