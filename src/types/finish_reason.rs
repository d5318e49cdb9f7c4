//! Every provider's stop reasons, normalised to OpenAI's five values.

/// LiteLLM's finish-reason table; unknown values become `stop`, as LiteLLM does.
pub fn normalize(reason: &str) -> &'static str {
    match reason {
        "stop"
        | "end_turn"
        | "stop_sequence"
        | "eos"
        | "eos_token"
        | "COMPLETE"
        | "STOP_SEQUENCE"
        | "STOP"
        | "FINISH_REASON_UNSPECIFIED"
        | "MALFORMED_FUNCTION_CALL" => "stop",
        "length"
        | "max_tokens"
        | "MAX_TOKENS"
        | "pause_turn"
        | "model_context_window_exceeded"
        | "compaction" => "length",
        "tool_calls" | "tool_use" | "TOOL_CALL" => "tool_calls",
        "function_call" => "function_call",
        "content_filter"
        | "refusal"
        | "SAFETY"
        | "RECITATION"
        | "BLOCKLIST"
        | "PROHIBITED_CONTENT"
        | "SPII"
        | "ERROR_TOXIC"
        | "guardrail_intervened"
        | "content_filtered" => "content_filter",
        _ => "stop",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn maps_provider_values() {
        use super::normalize;
        assert_eq!(normalize("end_turn"), "stop");
        assert_eq!(normalize("max_tokens"), "length");
        assert_eq!(normalize("tool_use"), "tool_calls");
        assert_eq!(normalize("SAFETY"), "content_filter");
        assert_eq!(normalize("tool_calls"), "tool_calls");
        assert_eq!(normalize("something_new"), "stop");
    }
}
