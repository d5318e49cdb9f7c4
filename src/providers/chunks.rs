//! What every translated stream shares: one `chatcmpl-` id and creation time for all its
//! chunks, `role` on the first one, and the final usage chunk OpenAI sends with `choices: []`.

use crate::types::finish_reason;
use serde_json::{json, Map, Value};

pub struct ChunkEmitter {
    id: String,
    created: u64,
    model: String,
    sent_role: bool,
}

impl ChunkEmitter {
    pub fn new(model: &str) -> Self {
        Self {
            id: format!("chatcmpl-{}", uuid::Uuid::new_v4()),
            created: super::unix_now(),
            model: model.to_owned(),
            sent_role: false,
        }
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
