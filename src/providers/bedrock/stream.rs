//! ConverseStream events (already cut from their binary frames) as OpenAI chunks: text and
//! reasoning deltas, tool calls in OpenAI's incremental form, the stop reason, and Bedrock's
//! usage from the closing `metadata` event (always: LiteLLM drops it when `metrics` is absent
//! and estimates instead).

use super::errors;
use super::response::usage;
use crate::error::LlmError;
use crate::http::client::ReplyHints;
use crate::providers::chunks::ChunkEmitter;
use crate::providers::json_tool;
use serde_json::{json, Map, Value};

pub struct StreamState {
    out: ChunkEmitter,
    /// What the request told: the tool names sent in Bedrock's form, to give calls back the
    /// caller's names.
    hints: ReplyHints,
    /// Tool calls seen so far; the current one's OpenAI index is `tool_calls - 1`.
    tool_calls: usize,
    /// Whether the open block is LiteLLM's JSON tool, whose input streams as content.
    in_json_tool: bool,
    done: bool,
}

impl StreamState {
    pub fn new(model: &str, hints: &ReplyHints) -> Self {
        Self {
            out: ChunkEmitter::new(model),
            hints: hints.clone(),
            tool_calls: 0,
            in_json_tool: false,
            done: false,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    pub fn on_event(
        &mut self,
        kind: Option<&str>,
        data: &str,
        provider: &str,
    ) -> Result<Vec<Value>, LlmError> {
        let kind = kind.unwrap_or("");
        if kind.to_ascii_lowercase().ends_with("exception") {
            return Err(errors::from_stream_exception(kind, data, self.out.model()));
        }
        let event = self.out.event_json(data, provider)?;
        let mut delta = Map::new();
        match kind {
            "contentBlockStart" => {
                let Some(tool) = event.pointer("/start/toolUse") else {
                    return Ok(vec![]);
                };
                self.in_json_tool = json_tool::is_json_tool(tool.get("name"));
                if self.in_json_tool {
                    return Ok(vec![]);
                }
                self.tool_calls += 1;
                let name = self.hints.tool_name(tool["name"].as_str().unwrap_or(""));
                delta.insert(
                    "tool_calls".into(),
                    json!([{"index": self.tool_calls - 1, "id": tool["toolUseId"], "type": "function",
                            "function": {"name": name, "arguments": ""}}]),
                );
            }
            "contentBlockDelta" => {
                let block = event.get("delta").unwrap_or(&Value::Null);
                if let Some(text) = block.get("text").and_then(Value::as_str) {
                    delta.insert("content".into(), Value::String(text.to_owned()));
                } else if let Some(input) = block.pointer("/toolUse/input").and_then(Value::as_str)
                {
                    if self.in_json_tool {
                        delta.insert("content".into(), Value::String(input.to_owned()));
                        return Ok(vec![self.out.chunk(delta, None)]);
                    }
                    delta.insert(
                        "tool_calls".into(),
                        json!([{"index": self.tool_calls.saturating_sub(1), "type": "function",
                                "function": {"arguments": input}}]),
                    );
                } else if let Some(reasoning) = block.get("reasoningContent") {
                    let text = reasoning.get("text").and_then(Value::as_str).unwrap_or("");
                    let mut thinking = json!({"type": "thinking", "thinking": text});
                    if let Some(signature) = reasoning.get("signature") {
                        thinking["signature"] = signature.clone();
                    }
                    delta.insert("reasoning_content".into(), Value::String(text.to_owned()));
                    delta.insert("thinking_blocks".into(), json!([thinking]));
                } else {
                    return Ok(vec![]);
                }
            }
            "messageStop" => {
                let reason = event
                    .get("stopReason")
                    .and_then(Value::as_str)
                    .unwrap_or("end_turn");
                // The JSON tool's call was the answer: it finishes like one, unless a real call
                // came too.
                let reason = if reason == "tool_use" && self.tool_calls == 0 {
                    "end_turn"
                } else {
                    reason
                };
                return Ok(vec![self.out.chunk(Map::new(), Some(reason))]);
            }
            "metadata" => {
                self.done = true;
                let usage = usage(event.get("usage").unwrap_or(&Value::Null), None);
                return Ok(vec![self.out.usage(usage)]);
            }
            "contentBlockStop" => {
                self.in_json_tool = false;
                return Ok(vec![]);
            }
            _ => return Ok(vec![]), // messageStart, padding-only events
        }
        Ok(vec![self.out.chunk(delta, None)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converse_events_become_openai_chunks() {
        let mut state = StreamState::new(
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            &ReplyHints::default(),
        );
        let mut chunks = Vec::new();
        for (kind, data) in [
            ("messageStart", r#"{"role":"assistant"}"#),
            (
                "contentBlockDelta",
                r#"{"contentBlockIndex":0,"delta":{"text":"Checking."}}"#,
            ),
            ("contentBlockStop", r#"{"contentBlockIndex":0}"#),
            (
                "contentBlockStart",
                r#"{"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"tooluse_abc","name":"get_weather"}}}"#,
            ),
            (
                "contentBlockDelta",
                r#"{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\"city\":"}}}"#,
            ),
            ("messageStop", r#"{"stopReason":"tool_use"}"#),
            (
                "metadata",
                r#"{"usage":{"inputTokens":10,"outputTokens":20,"totalTokens":30},"metrics":{"latencyMs":1}}"#,
            ),
        ] {
            chunks.extend(state.on_event(Some(kind), data, "bedrock").unwrap());
        }
        assert_eq!(
            chunks[0]["choices"][0]["delta"],
            json!({"content": "Checking.", "role": "assistant"})
        );
        assert_eq!(
            chunks[1]["choices"][0]["delta"]["tool_calls"][0]["id"],
            "tooluse_abc"
        );
        assert_eq!(
            chunks[2]["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"],
            "{\"city\":"
        );
        assert_eq!(chunks[3]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(chunks[4]["usage"]["total_tokens"], 30);
        assert!(state.is_done());
    }

    #[test]
    fn exception_events_end_the_stream_with_their_class() {
        let mut state = StreamState::new("m", &ReplyHints::default());
        let err = state
            .on_event(
                Some("throttlingException"),
                r#"{"message":"Too many requests"}"#,
                "bedrock",
            )
            .unwrap_err();
        assert_eq!(err.class, crate::error::ErrorClass::RateLimitError);
        assert_eq!(err.status_code, 429);
    }

    #[test]
    fn the_json_tool_streams_as_content() {
        let mut state = StreamState::new("m", &ReplyHints::default());
        let mut chunks = Vec::new();
        for (kind, data) in [
            (
                "contentBlockStart",
                r#"{"contentBlockIndex":0,"start":{"toolUse":{"toolUseId":"t","name":"json_tool_call"}}}"#,
            ),
            (
                "contentBlockDelta",
                r#"{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{\"a\":"}}}"#,
            ),
            (
                "contentBlockDelta",
                r#"{"contentBlockIndex":0,"delta":{"toolUse":{"input":"1}"}}}"#,
            ),
            ("contentBlockStop", r#"{"contentBlockIndex":0}"#),
            ("messageStop", r#"{"stopReason":"tool_use"}"#),
        ] {
            chunks.extend(state.on_event(Some(kind), data, "bedrock").unwrap());
        }
        let text: String = chunks
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
            .collect();
        assert_eq!(text, "{\"a\":1}");
        assert!(chunks
            .iter()
            .all(|c| c["choices"][0]["delta"].get("tool_calls").is_none()));
        assert_eq!(
            chunks.last().unwrap()["choices"][0]["finish_reason"],
            "stop"
        );
    }
}
