//! Anthropic usage in LiteLLM's shape: cache reads and writes are added into `prompt_tokens`,
//! broken out in `prompt_tokens_details`, and repeated at the top level.

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
    json!({
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
    })
}
