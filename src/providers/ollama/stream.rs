//! Ollama's NDJSON stream lines as OpenAI chunks.

use super::is_chat;
use super::response::{finish, tool_calls, usage};
use crate::error::{ErrorClass, LlmError};
use crate::providers::chunks::ChunkEmitter;
use crate::providers::registry::Dialect;
use serde_json::{Map, Value};

/// NDJSON lines as OpenAI chunks: at `done`, a finish chunk plus the usage chunk.
pub struct StreamState {
    dialect: Dialect,
    out: ChunkEmitter,
    saw_tools: bool,
    done: bool,
}

impl StreamState {
    pub fn new(dialect: Dialect, model: &str) -> Self {
        Self {
            dialect,
            out: ChunkEmitter::new(model),
            saw_tools: false,
            done: false,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    pub fn on_line(&mut self, data: &str, provider: &str) -> Result<Vec<Value>, LlmError> {
        let line: Value = serde_json::from_str(data).map_err(|e| {
            crate::providers::error_map::connection_error(
                provider,
                self.out.model(),
                &format!("invalid JSON in stream line: {e}"),
            )
        })?;
        if let Some(error) = line.get("error") {
            let text = error
                .as_str()
                .map_or_else(|| error.to_string(), str::to_owned);
            return Err(LlmError::new(
                ErrorClass::APIConnectionError,
                500,
                format!("Ollama Error - {text}"),
            )
            .with_origin(provider, self.out.model()));
        }
        let message = if is_chat(self.dialect) {
            line.get("message").cloned().unwrap_or(Value::Null)
        } else {
            line.clone()
        };
        let text_key = if is_chat(self.dialect) {
            "content"
        } else {
            "response"
        };
        let mut out = Vec::new();
        let mut delta = Map::new();
        if let Some(thinking) = message
            .get("thinking")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            delta.insert(
                "reasoning_content".into(),
                Value::String(thinking.to_owned()),
            );
        }
        if let Some(text) = message
            .get(text_key)
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
        {
            delta.insert("content".into(), Value::String(text.to_owned()));
        }
        if let Some(calls) = tool_calls(&message) {
            self.saw_tools = true;
            delta.insert("tool_calls".into(), Value::Array(calls));
        }
        if !delta.is_empty() {
            out.push(self.out.chunk(delta, None));
        }
        if line.get("done").and_then(Value::as_bool) == Some(true) {
            self.done = true;
            let reason = finish(self.dialect, &line, self.saw_tools);
            out.push(self.out.chunk(Map::new(), Some(reason)));
            out.push(self.out.usage(usage(&line)));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ndjson_lines_become_chunks() {
        let mut state = StreamState::new(Dialect::OllamaChat, "llama3.1");
        let a = state.on_line(r#"{"model":"llama3.1","message":{"role":"assistant","content":"Hel"},"done":false}"#, "ollama_chat").unwrap();
        assert_eq!(
            a[0]["choices"][0]["delta"],
            json!({"content": "Hel", "role": "assistant"})
        );
        let end = state
            .on_line(r#"{"model":"llama3.1","message":{"role":"assistant","content":""},"done":true,"done_reason":"length","prompt_eval_count":5,"eval_count":2}"#, "ollama_chat")
            .unwrap();
        assert_eq!(end[0]["choices"][0]["finish_reason"], "length");
        assert_eq!(end[1]["usage"]["total_tokens"], 7);
        assert!(state.is_done());
    }
}
