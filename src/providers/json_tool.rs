//! LiteLLM's JSON mode for models without native structured output: the requested schema
//! becomes a tool named `json_tool_call` the model is forced to call, and that call's input
//! is handed back as the message content rather than as a tool call.

use super::python_json::python_json;
use serde_json::Value;

pub const NAME: &str = "json_tool_call";

/// The content a JSON-tool call stands for, as LiteLLM writes it: the input as Python's
/// `json.dumps` prints it, or only its `values` member when the model wrapped the answer so.
pub fn answer(input: &Value) -> String {
    match input.get("values") {
        Some(values) if !values.is_null() => python_json(values),
        _ => python_json(input),
    }
}

/// Whether a tool name is the JSON tool's.
pub fn is_json_tool(name: Option<&Value>) -> bool {
    name.and_then(Value::as_str) == Some(NAME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_answer_unwraps_values_as_litellm_does() {
        assert_eq!(answer(&json!({"name": "Ada"})), r#"{"name": "Ada"}"#);
        assert_eq!(answer(&json!({"values": [1, 2]})), "[1, 2]");
        assert_eq!(
            answer(&json!({"values": null, "a": 1})),
            r#"{"values": null, "a": 1}"#
        );
    }
}
