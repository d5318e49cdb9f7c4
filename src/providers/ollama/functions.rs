//! LiteLLM's function calling for `ollama/`, whose `/api/generate` has no tools: the tools are
//! described in the system prompt, the model is asked for JSON (`format: "json"`), and a JSON
//! reply shaped `{"name", "arguments"}` is read back as one tool call.

use crate::providers::python_json::{python_json, python_repr};
use serde_json::{json, Value};

const INSTRUCTION: &str = "To call a function, reply with JSON ONLY in this format {\"name\": \
    \"function_name\", \"arguments\":{\"argument_name\": \"argument_value\"}}. Once a function \
    result answers the request, reply to the user in plain text instead of calling a function \
    again. The following functions are available to you:";

/// The instruction and each tool as Python prints it (LiteLLM formats the dict with `str()`).
pub fn prompt(tools: &[Value]) -> String {
    let mut prompt = INSTRUCTION.to_owned();
    for tool in tools {
        prompt.push('\n');
        prompt.push_str(&python_repr(tool));
        prompt.push('\n');
    }
    prompt
}

/// The turns with the instruction added to every system turn, or as a last system turn when
/// there is none.
pub fn with_instruction(messages: &[Value], prompt: &str) -> Vec<Value> {
    let mut out = messages.to_vec();
    let mut placed = false;
    for message in &mut out {
        let is_system = message["role"]
            .as_str()
            .is_some_and(|r| r.contains("system"));
        if !is_system {
            continue;
        }
        placed = true;
        match &mut message["content"] {
            Value::String(text) => {
                text.push(' ');
                text.push_str(prompt);
            }
            Value::Array(parts) => {
                parts.push(json!({"type": "text", "text": format!(" {prompt}")}))
            }
            other => *other = Value::String(prompt.to_owned()),
        }
    }
    if !placed {
        out.push(json!({"role": "system", "content": prompt}));
    }
    out
}

/// What a JSON-mode reply says.
#[derive(Debug, PartialEq)]
pub enum Reply {
    /// A function call: LiteLLM's OpenAI-shaped tool call with a `call_` id.
    Call(Value),
    Text(String),
}

/// Reads a JSON-mode reply: a `{name, arguments}` object is a call; other JSON is re-written
/// as Python's `json.dumps` would; anything unparsable stays the text it was.
pub fn read(text: &str) -> Reply {
    if text.trim().is_empty() {
        return Reply::Text(String::new());
    }
    let Ok(parsed) = serde_json::from_str::<Value>(without_fence(text)) else {
        return Reply::Text(text.to_owned());
    };
    match (parsed.get("name"), parsed.get("arguments")) {
        (Some(name), Some(arguments)) if parsed.is_object() => Reply::Call(json!({
            "id": format!("call_{}", uuid::Uuid::new_v4()),
            "type": "function",
            "function": {"name": name, "arguments": python_json(arguments)},
        })),
        _ => Reply::Text(python_json(&parsed)),
    }
}

/// The text inside a Markdown code fence (```` ```json ````), or the text itself.
fn without_fence(text: &str) -> &str {
    let trimmed = text.trim();
    let Some(inner) = trimmed.strip_prefix("```") else {
        return trimmed;
    };
    let inner = inner.strip_prefix("json").unwrap_or(inner);
    inner.strip_suffix("```").unwrap_or(inner).trim()
}

/// Whether streamed text so far is the start of a JSON reply (held back until the end), plain
/// text (streamed as it comes), or too short to tell.
pub fn opening(text: &str) -> Option<bool> {
    let t = text.trim_start();
    if t.is_empty() || "```json".starts_with(t) {
        return None;
    }
    if t.starts_with('{') {
        return Some(true);
    }
    let Some(rest) = t.strip_prefix("```") else {
        return Some(false);
    };
    let rest = rest.strip_prefix("json").unwrap_or(rest).trim_start();
    if rest.is_empty() {
        None
    } else {
        Some(rest.starts_with('{'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_instruction_joins_system_turns_or_ends_the_conversation() {
        let tool = json!({"type": "function", "function": {"name": "f", "strict": true}});
        let p = prompt(&[tool]);
        assert!(p.starts_with("To call a function, reply with JSON ONLY in this format"));
        assert!(p.ends_with(
            "available to you:\n{'type': 'function', 'function': {'name': 'f', 'strict': True}}\n"
        ));
        let user = json!({"role": "user", "content": "hi"});
        let out = with_instruction(std::slice::from_ref(&user), "P");
        assert_eq!(
            out,
            vec![user.clone(), json!({"role": "system", "content": "P"})]
        );
        let out = with_instruction(&[json!({"role": "system", "content": "sys"}), user], "P");
        assert_eq!(out[0]["content"], "sys P");
    }

    #[test]
    fn replies_are_calls_json_or_text() {
        let Reply::Call(call) = read("```json\n{\"name\": \"f\", \"arguments\": {\"a\": 1}}\n```")
        else {
            panic!("not a call")
        };
        assert_eq!(
            call["function"],
            json!({"name": "f", "arguments": "{\"a\": 1}"})
        );
        assert!(call["id"].as_str().unwrap().starts_with("call_"));
        assert_eq!(read("{\"x\":[1,2]}"), Reply::Text("{\"x\": [1, 2]}".into()));
        assert_eq!(read("not json"), Reply::Text("not json".into()));
        assert_eq!(read("  "), Reply::Text(String::new()));
    }

    #[test]
    fn json_openings_are_told_from_text() {
        assert_eq!(opening(" {\"na"), Some(true));
        assert_eq!(opening("``"), None);
        assert_eq!(opening("```json\n{"), Some(true));
        assert_eq!(opening("Hello"), Some(false));
        assert_eq!(opening("```python"), Some(false));
    }
}
