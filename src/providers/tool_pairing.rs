//! LiteLLM's `modify_params` repair of tool turns before an Anthropic-shaped body is built: every
//! tool call gets a result (a placeholder when the caller sent none), results that answer no call
//! of the assistant turn before them are dropped, and a repeated result keeps its last copy.
//! Also its rule for dropping `thinking` when the history's tool calls carry no thinking blocks.

use serde_json::{json, Value};
use std::collections::HashSet;

fn role(message: &Value) -> &str {
    message["role"].as_str().unwrap_or("")
}

fn is_result(message: &Value) -> bool {
    matches!(role(message), "tool" | "function")
}

fn call_id(message: &Value) -> Option<&str> {
    message["tool_call_id"].as_str().filter(|id| !id.is_empty())
}

fn calls(message: &Value) -> &[Value] {
    message["tool_calls"].as_array().map_or(&[], Vec::as_slice)
}

fn placeholder(id: &str, name: &str) -> Value {
    json!({"role": "tool", "tool_call_id": id, "content": format!(
        "[System: Tool execution skipped/interrupted by user. No result provided for tool '{name}'.]"
    )})
}

/// The conversation with each assistant turn's calls followed by their results (placeholders
/// for the missing ones, in call order), orphaned results dropped, and duplicate results within
/// one run reduced to the last. Results without an id are kept where they are.
pub fn pair_results(messages: &[Value]) -> Vec<Value> {
    let mut out = Vec::with_capacity(messages.len());
    for (index, message) in messages.iter().enumerate() {
        if is_result(message) {
            // Results with an id are placed behind their call below; any left answer no call
            // of the assistant turn before them.
            if call_id(message).is_none() {
                out.push(message.clone());
            }
            continue;
        }
        out.push(message.clone());
        if role(message) != "assistant" || calls(message).is_empty() {
            continue;
        }
        let expected: Vec<&str> = calls(message)
            .iter()
            .filter_map(|c| c["id"].as_str().filter(|id| !id.is_empty()))
            .collect();
        let later = messages[index + 1..]
            .iter()
            .take_while(|m| role(m) != "assistant");
        let mut answered: Vec<&Value> = later
            .filter(|m| is_result(m) && call_id(m).is_some_and(|id| expected.contains(&id)))
            .collect();
        // A repeated result: its last copy wins.
        let mut seen = HashSet::new();
        answered.reverse();
        answered.retain(|m| seen.insert(call_id(m)));
        answered.reverse();
        out.extend(answered.into_iter().cloned());
        for call in calls(message) {
            let Some(id) = call["id"].as_str().filter(|id| !id.is_empty()) else {
                continue;
            };
            if !seen.contains(&Some(id)) {
                let name = call["function"]["name"].as_str().unwrap_or("unknown_tool");
                out.push(placeholder(id, name));
            }
        }
    }
    out
}

fn has_thinking_blocks(message: &Value) -> bool {
    message["thinking_blocks"]
        .as_array()
        .is_some_and(|b| !b.is_empty())
}

/// LiteLLM drops `thinking` (under `modify_params`) when the last assistant turn with tool calls
/// carries no thinking blocks and no assistant turn carries any: the API would refuse it.
pub fn drops_thinking(messages: &[Value]) -> bool {
    let assistants = || messages.iter().filter(|m| role(m) == "assistant");
    let last_caller = assistants().rfind(|m| !m["tool_calls"].is_null());
    last_caller.is_some_and(|m| !has_thinking_blocks(m)) && !assistants().any(has_thinking_blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assistant(ids: &[&str]) -> Value {
        let calls: Vec<Value> = ids
            .iter()
            .map(|id| json!({"id": id, "type": "function", "function": {"name": format!("f_{id}"), "arguments": "{}"}}))
            .collect();
        json!({"role": "assistant", "content": null, "tool_calls": calls})
    }

    fn result(id: &str, text: &str) -> Value {
        json!({"role": "tool", "tool_call_id": id, "content": text})
    }

    #[test]
    fn missing_results_get_placeholders_orphans_and_duplicates_go() {
        let user = json!({"role": "user", "content": "hi"});
        let messages = vec![
            user.clone(),
            result("stray", "no call before me"),
            assistant(&["a", "b"]),
            result("a", "first"),
            result("a", "second"),
            user.clone(),
        ];
        let out = pair_results(&messages);
        assert_eq!(
            out,
            vec![
                user.clone(),
                assistant(&["a", "b"]),
                result("a", "second"),
                placeholder("b", "f_b"),
                user,
            ]
        );
        assert_eq!(
            out[3]["content"],
            "[System: Tool execution skipped/interrupted by user. No result provided for tool 'f_b'.]"
        );
    }

    #[test]
    fn results_without_ids_stay_and_paired_conversations_are_unchanged() {
        let messages = vec![
            assistant(&["a"]),
            result("a", "ok"),
            json!({"role": "tool", "content": "anonymous"}),
        ];
        assert_eq!(pair_results(&messages), messages);
    }

    #[test]
    fn thinking_is_dropped_only_when_no_tool_turn_thought() {
        let plain = vec![json!({"role": "user", "content": "hi"})];
        assert!(!drops_thinking(&plain));
        let calls = vec![assistant(&["a"]), result("a", "ok")];
        assert!(drops_thinking(&calls));
        let mut thought = assistant(&["a"]);
        thought["thinking_blocks"] =
            json!([{"type": "thinking", "thinking": "x", "signature": "s"}]);
        assert!(!drops_thinking(&[thought, result("a", "ok")]));
    }
}
