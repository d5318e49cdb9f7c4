//! `streamGenerateContent?alt=sse` events (each a whole `GenerateContentResponse`) as OpenAI
//! chunks: text and thought deltas, each function call as one complete tool-call delta, the
//! finish reason in a chunk of its own, and Google's usage from the last event.

use super::errors;
use super::metadata;
use super::response::{usage, Message};
use crate::error::LlmError;
use crate::providers::chunks::ChunkEmitter;
use serde_json::{Map, Value};

pub struct StreamState {
    out: ChunkEmitter,
    provider: String,
    tool_calls: usize,
}

impl StreamState {
    pub fn new(model: &str, provider: &str) -> Self {
        Self {
            out: ChunkEmitter::new(model),
            provider: provider.to_owned(),
            tool_calls: 0,
        }
    }

    pub fn on_event(&mut self, data: &str) -> Result<Vec<Value>, LlmError> {
        let event = self.out.event_json(data, &self.provider)?;
        if let Some(error) = event.get("error") {
            let status = error.get("code").and_then(Value::as_u64).unwrap_or(500) as u16;
            return Err(errors::from_http(
                &self.provider,
                self.out.model(),
                status,
                vec![],
                data,
            ));
        }
        let candidate = event.pointer("/candidates/0");
        let message = Message::from_parts_numbered(
            candidate.and_then(|c| c.pointer("/content/parts")),
            self.tool_calls,
        );
        let mut chunks = Vec::new();
        let mut delta = Map::new();
        if let Some(text) = &message.text {
            delta.insert("content".into(), Value::String(text.clone()));
        }
        if let Some(reasoning) = &message.reasoning {
            delta.insert("reasoning_content".into(), Value::String(reasoning.clone()));
        }
        if !message.images.is_empty() {
            delta.insert("images".into(), Value::Array(message.images.clone()));
        }
        if let Some(audio) = &message.audio {
            delta.insert("audio".into(), audio.clone());
        }
        if !message.tool_calls.is_empty() {
            self.tool_calls += message.tool_calls.len();
            delta.insert(
                "tool_calls".into(),
                Value::Array(message.tool_calls.clone()),
            );
        }
        if !delta.is_empty() {
            chunks.push(self.out.chunk(delta, None));
        }
        let blocked = event.pointer("/promptFeedback/blockReason").is_some();
        let native = candidate
            .and_then(|c| c.get("finishReason"))
            .and_then(Value::as_str);
        if native.is_some() || blocked {
            let finish = if blocked {
                "content_filter"
            } else if self.tool_calls > 0 {
                "tool_calls"
            } else {
                super::response::finish(native)
            };
            let mut last = self.out.chunk(Map::new(), Some(finish));
            let candidates = event["candidates"]
                .as_array()
                .map_or(&[][..], Vec::as_slice);
            let fields = metadata::response_fields(candidates);
            let grounding = fields["vertex_ai_grounding_metadata"].as_array().cloned();
            // The metadata arrives with the last candidate; LiteLLM hangs it on the chunk.
            if fields
                .values()
                .any(|v| v.as_array().is_some_and(|a| !a.is_empty()))
            {
                if let Some(object) = last.as_object_mut() {
                    object.extend(fields);
                }
            }
            chunks.push(last);
            if let Some(meta) = event.get("usageMetadata") {
                let mut usage = usage(meta);
                let requests = metadata::grounding_requests(grounding.as_deref().unwrap_or(&[]));
                if let Some(details) = usage
                    .get_mut("prompt_tokens_details")
                    .and_then(Value::as_object_mut)
                {
                    details.extend(requests);
                }
                chunks.push(self.out.usage(usage));
            }
        }
        Ok(chunks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_become_chunks_with_a_separate_finish() {
        let mut state = StreamState::new("gemini-2.5-pro", "gemini");
        let first = state
            .on_event(r#"{"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]},"index":0}],"usageMetadata":{"promptTokenCount":5,"totalTokenCount":5}}"#)
            .unwrap();
        assert_eq!(
            first[0]["choices"][0]["delta"],
            json!({"content": "Hel", "role": "assistant"})
        );
        let last = state
            .on_event(r#"{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]},"finishReason":"STOP","index":0}],
                          "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":2,"totalTokenCount":7}}"#)
            .unwrap();
        assert_eq!(
            last[0]["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"],
            "{}"
        );
        assert_eq!(last[1]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(last[2]["usage"]["total_tokens"], 7);
    }
}
