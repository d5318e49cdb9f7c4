//! What every translated stream shares: one `chatcmpl-` id and creation time for all its
//! chunks, `role` on the first one, and the final usage chunk OpenAI sends with `choices: []`.

use crate::error::LlmError;
use crate::types::finish_reason;
use serde_json::{json, Map, Value};

/// Also the whole state of the streams that remember nothing else (Cohere, TGI, watsonx text):
/// their parsers are functions of it.
pub struct ChunkEmitter {
    id: String,
    created: u64,
    model: String,
    sent_role: bool,
    done: bool,
}

impl ChunkEmitter {
    pub fn new(model: &str) -> Self {
        Self {
            id: format!("chatcmpl-{}", uuid::Uuid::new_v4()),
            created: super::unix_now(),
            model: model.to_owned(),
            sent_role: false,
            done: false,
        }
    }

    /// Whether the finish chunk has been made.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The chunk that ends the stream with the provider's reason (normalised).
    pub fn finish(&mut self, reason: &str) -> Value {
        self.done = true;
        self.chunk(Map::new(), Some(reason))
    }

    /// One event's JSON, or the connection error a garbled event is.
    pub fn event_json(&self, data: &str, provider: &str) -> Result<Value, LlmError> {
        serde_json::from_str(data).map_err(|e| {
            super::error_map::connection_error(
                provider,
                &self.model,
                &format!("invalid JSON in stream event: {e}"),
            )
        })
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    /// A chunk with `delta`, finishing with the provider's reason (normalised) when given.
    pub fn chunk(&mut self, mut delta: Map<String, Value>, finish: Option<&str>) -> Value {
        if !self.sent_role {
            delta.insert("role".into(), "assistant".into());
            self.sent_role = true;
        }
        json!({
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish.map(finish_reason::normalize)}],
        })
    }

    /// A chunk carrying one delta field.
    pub fn delta(&mut self, key: &str, value: Value) -> Value {
        let mut delta = Map::new();
        delta.insert(key.into(), value);
        self.chunk(delta, None)
    }

    pub fn usage(&self, usage: Value) -> Value {
        json!({
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [],
            "usage": usage,
        })
    }
}
