//! Anthropic usage in LiteLLM's shape: cache reads and writes are added into `prompt_tokens`,
//! broken out in `prompt_tokens_details`, and repeated at the top level; hosted web searches as
//! `server_tool_use`.

use serde_json::{json, Value};

fn count(usage: &Value, key: &str) -> u64 {
    usage.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// `usage` from Anthropic's `input_tokens`, `output_tokens` and cache counts.
pub fn to_openai(usage: &Value) -> Value {
    let input = count(usage, "input_tokens");
    let output = count(usage, "output_tokens");
    let read = count(usage, "cache_read_input_tokens");
    let creation = count(usage, "cache_creation_input_tokens");
    let prompt = input + read + creation;
    let mut usage_out = json!({
        "prompt_tokens": prompt,
        "completion_tokens": output,
        "total_tokens": prompt + output,
        "prompt_tokens_details": {
            "cached_tokens": read,
            "cache_creation_tokens": creation,
            "text_tokens": input,
        },
        "cache_read_input_tokens": read,
        "cache_creation_input_tokens": creation,
    });
    // Hosted web searches the answer made (billed per search).
    if let Some(searches) = usage.pointer("/server_tool_use/web_search_requests") {
        usage_out["server_tool_use"] = json!({"web_search_requests": searches});
    }
    usage_out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_searches_are_reported() {
        let usage = json!({"input_tokens": 3, "output_tokens": 2,
                           "server_tool_use": {"web_search_requests": 2}});
        assert_eq!(
            to_openai(&usage)["server_tool_use"]["web_search_requests"],
            2
        );
        assert!(to_openai(&json!({})).get("server_tool_use").is_none());
    }
}
