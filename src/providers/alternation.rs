//! LiteLLM's fixes for conversations whose roles do not alternate.
//!
//! `ensure_alternating_roles=True` (any provider) puts a "Please continue." turn wherever two
//! counted turns of one role meet, before a leading assistant and after a trailing one; the
//! caller's `user_continue_message` / `assistant_continue_message` replace the defaults.
//! `litellm.modify_params` fixes Anthropic and Bedrock bodies inside their own translators, with
//! the same text (`PLEASE_CONTINUE`).

use crate::types::CallOptions;
use serde_json::{json, Value};

pub const PLEASE_CONTINUE: &str = "Please continue.";

fn role(message: &Value) -> &str {
    message.get("role").and_then(Value::as_str).unwrap_or("")
}

fn has_tool_calls(message: &Value) -> bool {
    message
        .get("tool_calls")
        .and_then(Value::as_array)
        .is_some_and(|calls| !calls.is_empty())
}

/// Turns that take part in alternation: users, and assistants that only speak.
fn counted(message: &Value) -> bool {
    match role(message) {
        "user" => true,
        "assistant" => !has_tool_calls(message),
        _ => false,
    }
}

/// The default continuation for `role`, in LiteLLM's key order (content first).
fn default_continue(role: &str) -> Value {
    json!({"content": PLEASE_CONTINUE, "role": role})
}

/// The conversation with continuation turns inserted, when the call asked for alternation.
pub fn ensure_alternating(messages: &[Value], options: &CallOptions) -> Option<Vec<Value>> {
    if !options.ensure_alternating_roles || messages.is_empty() {
        return None;
    }
    let user_turn = options
        .user_continue_message
        .clone()
        .unwrap_or_else(|| default_continue("user"));
    let assistant_turn = options
        .assistant_continue_message
        .clone()
        .unwrap_or_else(|| default_continue("assistant"));
    let previous_counted = |out: &[Value]| {
        out.iter()
            .rev()
            .find(|m| counted(m))
            .map(role)
            .map(str::to_owned)
    };

    let mut with_users: Vec<Value> = Vec::with_capacity(messages.len() + 2);
    for (i, message) in messages.iter().enumerate() {
        let speaks = role(message) == "assistant" && !has_tool_calls(message);
        let needs_user = if i == 0 {
            role(message) == "assistant"
        } else {
            speaks
                && (role(&messages[i - 1]) == "assistant"
                    || previous_counted(&with_users).as_deref() == Some("assistant"))
        };
        if needs_user {
            with_users.push(user_turn.clone());
        }
        with_users.push(message.clone());
    }
    if with_users.last().map(role) == Some("assistant") {
        with_users.push(user_turn);
    }

    let mut out: Vec<Value> = Vec::with_capacity(with_users.len() + 2);
    for message in with_users {
        if role(&message) == "user" && previous_counted(&out).as_deref() == Some("user") {
            out.push(assistant_turn.clone());
        }
        out.push(message);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles_of(messages: &[Value]) -> Vec<String> {
        messages
            .iter()
            .map(|m| {
                let text = m["content"].as_str().unwrap_or("");
                let mark = if text == PLEASE_CONTINUE { "*" } else { "" };
                let tools = if has_tool_calls(m) { "+tc" } else { "" };
                format!("{}{tools}{mark}", role(m))
            })
            .collect()
    }

    fn run(roles: &[&str]) -> Vec<String> {
        let messages: Vec<Value> = roles
            .iter()
            .map(|r| match *r {
                "assistant+tc" => json!({"role": "assistant", "tool_calls": [{"id": "c1"}]}),
                r => json!({"role": r, "content": "x"}),
            })
            .collect();
        let options = CallOptions {
            ensure_alternating_roles: true,
            ..Default::default()
        };
        roles_of(&ensure_alternating(&messages, &options).unwrap())
    }

    /// The placements LiteLLM 1.109.1 produces (probed, docs/research/litellm-role-alternation.md §3).
    #[test]
    fn inserts_where_litellm_does() {
        assert_eq!(run(&["assistant", "user"]), ["user*", "assistant", "user"]);
        assert_eq!(
            run(&["system", "assistant", "user"]),
            ["system", "assistant", "user"]
        );
        assert_eq!(run(&["assistant"]), ["user*", "assistant", "user*"]);
        assert_eq!(
            run(&["user", "user", "user"]),
            ["user", "assistant*", "user", "assistant*", "user"]
        );
        assert_eq!(
            run(&["user", "assistant", "assistant", "user"]),
            ["user", "assistant", "user*", "assistant", "user"]
        );
        assert_eq!(
            run(&["user", "system", "user"]),
            ["user", "system", "assistant*", "user"]
        );
        assert_eq!(
            run(&["user", "assistant+tc", "tool", "user"]),
            ["user", "assistant+tc", "tool", "assistant*", "user"]
        );
        assert_eq!(
            run(&["user", "assistant+tc"]),
            ["user", "assistant+tc", "assistant*", "user*"]
        );
        assert_eq!(
            run(&["user", "assistant+tc", "assistant", "user"]),
            [
                "user",
                "assistant+tc",
                "assistant*",
                "user*",
                "assistant",
                "user"
            ]
        );
    }
}
