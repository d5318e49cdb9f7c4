//! InvokeModel's response stream: `chunk` events whose base64 `bytes` hold the family's own JSON
//! (Anthropic's SSE events for Claude, Converse events wrapped by name for Nova, text pieces
//! for the prompt families), with Bedrock's invocation metrics as the prompt families' usage.

use super::response::generation;
use super::Kind;
use crate::error::LlmError;
use crate::http::client::ReplyHints;
use crate::providers::chunks::ChunkEmitter;
use crate::providers::{anthropic, error_map};
use base64::Engine;
use serde_json::{json, Value};

pub struct StreamState {
    kind: Kind,
    parser: Parser,
}

enum Parser {
    Claude(anthropic::StreamState),
    Nova(super::super::StreamState),
    Text(ChunkEmitter),
}

impl StreamState {
    pub fn new(kind: Kind, model: &str, hints: &ReplyHints) -> Self {
        let parser = match kind {
            Kind::Claude => Parser::Claude(anthropic::StreamState::new(model)),
            Kind::Nova => Parser::Nova(super::super::StreamState::new(model, hints)),
            _ => Parser::Text(ChunkEmitter::new(model)),
        };
        Self { kind, parser }
    }

    pub fn is_done(&self) -> bool {
        match &self.parser {
            Parser::Claude(state) => state.is_done(),
            Parser::Nova(state) => state.is_done(),
            // The prompt families' streams end with the body.
            Parser::Text(_) => false,
        }
    }

    pub fn on_event(
        &mut self,
        kind: Option<&str>,
        data: &str,
        provider: &str,
        model: &str,
    ) -> Result<Vec<Value>, LlmError> {
        let kind = kind.unwrap_or("");
        if kind.to_ascii_lowercase().ends_with("exception") {
            return Err(super::super::errors::from_stream_exception(
                kind, data, model,
            ));
        }
        let garbled = |detail: String| error_map::connection_error(provider, model, &detail);
        let envelope: Value = serde_json::from_str(data)
            .map_err(|e| garbled(format!("invalid JSON in stream event: {e}")))?;
        let payload = envelope["bytes"]
            .as_str()
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| garbled("a stream chunk without base64 bytes".into()))?;
        match &mut self.parser {
            Parser::Claude(state) => state.on_event(&payload),
            Parser::Nova(state) => {
                // Nova's events come wrapped by name: {"contentBlockDelta": {...}}.
                let event: Value = serde_json::from_str(&payload)
                    .map_err(|e| garbled(format!("invalid JSON in stream event: {e}")))?;
                let Some((name, inner)) = event.as_object().and_then(|o| o.iter().next()) else {
                    return Ok(vec![]);
                };
                state.on_event(Some(name), &inner.to_string(), provider)
            }
            Parser::Text(out) => {
                let value = out.event_json(&payload, provider)?;
                Ok(text_chunks(self.kind, out, &value))
            }
        }
    }
}

/// A prompt family's chunk: its text, its stop reason, then Bedrock's invocation metrics as
/// the usage (LiteLLM estimates it instead).
fn text_chunks(kind: Kind, out: &mut ChunkEmitter, value: &Value) -> Vec<Value> {
    let piece = generation(kind, value);
    let mut chunks = Vec::new();
    if !piece.text.is_empty() {
        chunks.push(out.delta("content", Value::String(piece.text.to_owned())));
    }
    let finished = value["is_finished"] == true || piece.finish.is_some();
    if finished && !out.is_done() {
        chunks.push(out.finish(piece.finish.unwrap_or("stop")));
    }
    if let Some(metrics) = value.get("amazon-bedrock-invocationMetrics") {
        let count = |key: &str| metrics[key].as_u64().unwrap_or(0);
        let (prompt, completion) = (count("inputTokenCount"), count("outputTokenCount"));
        if !out.is_done() {
            chunks.push(out.finish("stop"));
        }
        chunks.push(out.usage(
            json!({"prompt_tokens": prompt, "completion_tokens": completion,
                                      "total_tokens": prompt + completion}),
        ));
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(payload: Value) -> String {
        let bytes = base64::engine::general_purpose::STANDARD.encode(payload.to_string());
        json!({"bytes": bytes}).to_string()
    }

    #[test]
    fn llama_pieces_then_metrics() {
        let mut state =
            StreamState::new(Kind::Llama3, "invoke/meta.llama3", &ReplyHints::default());
        let mut run = |payload: Value| {
            state
                .on_event(Some("chunk"), &chunk(payload), "bedrock", "m")
                .unwrap()
        };
        let a = run(json!({"generation": "Hel", "stop_reason": null}));
        assert_eq!(a[0]["choices"][0]["delta"]["content"], "Hel");
        let b = run(json!({"generation": "lo", "stop_reason": "length",
            "amazon-bedrock-invocationMetrics": {"inputTokenCount": 5, "outputTokenCount": 2}}));
        assert_eq!(b[1]["choices"][0]["finish_reason"], "length");
        assert_eq!(b[2]["usage"]["total_tokens"], 7);
    }

    #[test]
    fn claude_chunks_are_anthropic_events() {
        let mut state = StreamState::new(Kind::Claude, "m", &ReplyHints::default());
        let event = json!({"type": "content_block_delta", "index": 0,
                           "delta": {"type": "text_delta", "text": "Hi"}});
        let out = state
            .on_event(Some("chunk"), &chunk(event), "bedrock", "m")
            .unwrap();
        assert_eq!(out[0]["choices"][0]["delta"]["content"], "Hi");
    }
}
