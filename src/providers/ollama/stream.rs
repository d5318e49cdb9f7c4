//! Ollama's NDJSON stream lines as OpenAI chunks.

use super::functions;
use super::reasoning::ThinkRouter;
use super::response::{finish, message_of, prompted_call, text_of, tool_calls, usage};
use crate::error::{ErrorClass, LlmError};
use crate::providers::chunks::ChunkEmitter;
use crate::providers::registry::Dialect;
use serde_json::{json, Map, Value};

/// NDJSON lines as OpenAI chunks: at `done`, a finish chunk plus the usage chunk.
pub struct StreamState {
    dialect: Dialect,
    out: ChunkEmitter,
    think: ThinkRouter,
    /// In `ollama/`'s JSON mode: the text held back while it may be a function call, and
    /// whether it has been told apart from plain text yet (`Some(true)`: holding).
    json_reply: Option<(String, Option<bool>)>,
    saw_tools: bool,
    done: bool,
}

impl StreamState {
    pub fn new(dialect: Dialect, model: &str, json_function_reply: bool) -> Self {
        Self {
            dialect,
            out: ChunkEmitter::new(model),
            think: ThinkRouter::default(),
            json_reply: json_function_reply.then(|| (String::new(), None)),
            saw_tools: false,
            done: false,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    pub fn on_line(&mut self, data: &str, provider: &str) -> Result<Vec<Value>, LlmError> {
        let line = self.out.event_json(data, provider)?;
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
        let message = message_of(self.dialect, &line);
        let mut delta = Map::new();
        let mut reasoning = message
            .get("thinking")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        let text = text_of(self.dialect, &line).filter(|t| !t.is_empty());
        if let Some(text) = text.and_then(|t| self.unheld(t)) {
            let (thought, content) = self.think.route(&text);
            if let Some(thought) = thought {
                reasoning.get_or_insert_with(String::new).push_str(&thought);
            }
            if let Some(content) = content {
                delta.insert("content".into(), Value::String(content));
            }
        }
        if let Some(reasoning) = reasoning {
            delta.insert("reasoning_content".into(), Value::String(reasoning));
        }
        if let Some(calls) = tool_calls(message) {
            self.saw_tools = true;
            delta.insert("tool_calls".into(), Value::Array(calls));
        }
        let mut out = Vec::new();
        if !delta.is_empty() {
            out.push(self.out.chunk(delta, None));
        }
        if line.get("done").and_then(Value::as_bool) == Some(true) {
            self.done = true;
            out.extend(self.release_held());
            let reason = finish(self.dialect, &line, self.saw_tools);
            out.push(self.out.chunk(Map::new(), Some(reason)));
            out.push(self.out.usage(usage(&line)));
        }
        Ok(out)
    }

    /// The part of `text` to stream now: all of it, unless a JSON reply is being held back
    /// until the end (it may be a function call).
    fn unheld(&mut self, text: &str) -> Option<String> {
        let Some((held, holding)) = &mut self.json_reply else {
            return Some(text.to_owned());
        };
        if *holding == Some(false) {
            return Some(text.to_owned());
        }
        held.push_str(text);
        *holding = functions::opening(held);
        (*holding == Some(false)).then(|| std::mem::take(held))
    }

    /// At the end, held-back text as the call it makes or the text it is.
    fn release_held(&mut self) -> Option<Value> {
        let (held, holding) = self.json_reply.as_mut()?;
        if *holding == Some(false) || held.is_empty() {
            return None;
        }
        let mut delta = Map::new();
        match functions::read(&std::mem::take(held)) {
            functions::Reply::Call(call) => {
                self.saw_tools = true;
                delta.insert("tool_calls".into(), json!([prompted_call(call)]));
            }
            functions::Reply::Text(text) => {
                delta.insert("content".into(), Value::String(text));
            }
        }
        Some(self.out.chunk(delta, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndjson_lines_become_chunks() {
        let mut state = StreamState::new(Dialect::OllamaChat, "llama3.1", false);
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

    fn lines(state: &mut StreamState, lines: &[&str]) -> Vec<Value> {
        lines
            .iter()
            .flat_map(|l| state.on_line(l, "ollama").unwrap())
            .collect()
    }

    #[test]
    fn a_held_json_reply_becomes_one_call_at_the_end() {
        let mut state = StreamState::new(Dialect::OllamaGenerate, "llama3.1", true);
        let chunks = lines(
            &mut state,
            &[
                r#"{"response":"{\"name\": \"f\", ","done":false}"#,
                r#"{"response":"\"arguments\": {\"a\": 1}}","done":false}"#,
                r#"{"response":"","done":true,"prompt_eval_count":3,"eval_count":4}"#,
            ],
        );
        let calls = &chunks[0]["choices"][0]["delta"]["tool_calls"];
        assert_eq!(calls[0]["function"]["arguments"], "{\"a\": 1}");
        assert_eq!(calls[0]["index"], 0);
        assert_eq!(chunks[1]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(chunks.len(), 3);
    }

    #[test]
    fn plain_text_in_json_mode_streams_once_told_apart() {
        let mut state = StreamState::new(Dialect::OllamaGenerate, "llama3.1", true);
        let chunks = lines(
            &mut state,
            &[
                r#"{"response":"Hel","done":false}"#,
                r#"{"response":"lo","done":false}"#,
                r#"{"response":"","done":true}"#,
            ],
        );
        assert_eq!(chunks[0]["choices"][0]["delta"]["content"], "Hel");
        assert_eq!(chunks[1]["choices"][0]["delta"]["content"], "lo");
        assert_eq!(chunks[2]["choices"][0]["finish_reason"], "stop");
    }

    #[test]
    fn think_tags_stream_as_reasoning() {
        let mut state = StreamState::new(Dialect::OllamaChat, "qwen3", false);
        let chunks = lines(
            &mut state,
            &[
                r#"{"message":{"content":"<think>"},"done":false}"#,
                r#"{"message":{"content":"hmm"},"done":false}"#,
                r#"{"message":{"content":"</think>Hi"},"done":false}"#,
                r#"{"message":{"content":""},"done":true}"#,
            ],
        );
        assert_eq!(chunks[0]["choices"][0]["delta"]["reasoning_content"], "hmm");
        assert_eq!(chunks[1]["choices"][0]["delta"]["content"], "Hi");
        assert!(chunks[1]["choices"][0]["delta"]
            .get("reasoning_content")
            .is_none());
    }
}
