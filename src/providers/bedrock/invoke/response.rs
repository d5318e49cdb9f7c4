//! InvokeModel replies as OpenAI `chat.completion`s: Claude's read as Anthropic's, Nova's as
//! Converse's, and the prompt families' text with their own stop reasons and token counts.

use super::Kind;
use crate::http::client::ReplyHints;
use crate::providers::huggingface::tgi::HeaderUsage;
use crate::types::finish_reason;
use serde_json::{json, Value};

/// One prompt-family reply or stream chunk: its text, the stop reason it gives (if any), and
/// the token counts it carries.
pub(super) struct Generation<'a> {
    pub text: &'a str,
    pub finish: Option<&'static str>,
    pub prompt_tokens: Option<u64>,
    pub completion_tokens: Option<u64>,
}

/// The text and stop reason of a prompt family's reply (or chunk), by the family's field names.
pub(super) fn generation(kind: Kind, value: &Value) -> Generation<'_> {
    let str_at = |pointer: &str| value.pointer(pointer).and_then(Value::as_str);
    let u64_at = |pointer: &str| value.pointer(pointer).and_then(Value::as_u64);
    let (text, reason, prompt_tokens, completion_tokens) = match kind {
        Kind::Llama2 | Kind::Llama3 => (
            str_at("/generation"),
            str_at("/stop_reason"),
            u64_at("/prompt_token_count"),
            u64_at("/generation_token_count"),
        ),
        Kind::Mistral => (
            str_at("/outputs/0/text").or_else(|| str_at("/choices/0/message/content")),
            str_at("/outputs/0/stop_reason").or_else(|| str_at("/choices/0/finish_reason")),
            None,
            None,
        ),
        Kind::Titan => (
            str_at("/results/0/outputText").or_else(|| str_at("/outputText")),
            str_at("/results/0/completionReason").or_else(|| str_at("/completionReason")),
            u64_at("/inputTextTokenCount"),
            u64_at("/results/0/tokenCount"),
        ),
        Kind::CohereChat | Kind::CohereText => (
            str_at("/text").or_else(|| str_at("/generations/0/text")),
            str_at("/finish_reason").or_else(|| str_at("/generations/0/finish_reason")),
            u64_at("/meta/billed_units/input_tokens"),
            u64_at("/meta/billed_units/output_tokens"),
        ),
        Kind::Claude | Kind::Nova | Kind::Unsupported => (None, None, None, None),
    };
    Generation {
        text: text.unwrap_or(""),
        finish: reason.map(stop_reason),
        prompt_tokens,
        completion_tokens,
    }
}

/// The families' own stop reasons in OpenAI's terms. (LiteLLM reports `stop` for Llama and
/// Titan whatever they say; a reply cut at the token limit is `length` here.)
fn stop_reason(reason: &str) -> &'static str {
    match reason {
        "FINISH" | "STOP_CRITERIA_MET" => "stop",
        "LENGTH" | "model_length" => "length",
        "CONTENT_FILTERED" => "content_filter",
        other => finish_reason::normalize(other),
    }
}

pub fn parse(
    kind: Kind,
    body: &[u8],
    model: &str,
    counts: HeaderUsage,
    hints: &ReplyHints,
) -> Result<Value, String> {
    match kind {
        Kind::Claude => return crate::providers::anthropic::parse_response(body, model),
        Kind::Nova => return super::super::parse(body, model, hints),
        _ => {}
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    let reply = generation(kind, &value);
    // Bedrock's token-count headers, else the counts the body gives.
    let prompt = counts.prompt.or(reply.prompt_tokens).unwrap_or(0);
    let completion = counts.generated.or(reply.completion_tokens).unwrap_or(0);
    let content = if reply.text.is_empty() {
        Value::Null
    } else {
        Value::String(reply.text.to_owned())
    };
    Ok(json!({
        "id": format!("chatcmpl-{}", uuid::Uuid::new_v4()),
        "object": "chat.completion",
        "created": crate::providers::unix_now(),
        "model": model,
        "choices": [{"index": 0, "finish_reason": reply.finish.unwrap_or("stop"),
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                  "total_tokens": prompt + completion},
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_headers() -> HeaderUsage {
        HeaderUsage::default()
    }

    #[test]
    fn each_family_reads_its_own_fields() {
        let llama = br#"{"generation":"Hi","prompt_token_count":5,"generation_token_count":1,"stop_reason":"length"}"#;
        let r = parse(
            Kind::Llama3,
            llama,
            "invoke/meta.llama3",
            no_headers(),
            &ReplyHints::default(),
        )
        .unwrap();
        assert_eq!(r["choices"][0]["message"]["content"], "Hi");
        assert_eq!(r["choices"][0]["finish_reason"], "length");
        assert_eq!(r["usage"]["total_tokens"], 6);
        let titan = br#"{"inputTextTokenCount":3,"results":[{"tokenCount":2,"outputText":"Yo","completionReason":"FINISH"}]}"#;
        let headers = HeaderUsage {
            prompt: Some(30),
            generated: Some(20),
        };
        let r = parse(Kind::Titan, titan, "m", headers, &ReplyHints::default()).unwrap();
        assert_eq!(r["choices"][0]["message"]["content"], "Yo");
        assert_eq!(r["usage"]["prompt_tokens"], 30); // the headers win, as in LiteLLM
        let mistral = br#"{"outputs":[{"text":"Bonjour","stop_reason":"stop"}]}"#;
        let r = parse(
            Kind::Mistral,
            mistral,
            "m",
            no_headers(),
            &ReplyHints::default(),
        )
        .unwrap();
        assert_eq!(r["choices"][0]["message"]["content"], "Bonjour");
        let cohere = br#"{"text":"Hola","finish_reason":"MAX_TOKENS"}"#;
        let r = parse(
            Kind::CohereChat,
            cohere,
            "m",
            no_headers(),
            &ReplyHints::default(),
        )
        .unwrap();
        assert_eq!(r["choices"][0]["finish_reason"], "length");
    }
}
