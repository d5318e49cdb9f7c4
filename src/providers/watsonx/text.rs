//! IBM watsonx.ai text generation (`watsonx_text/…`): the conversation rendered into one
//! prompt, sent as `{"input", "moderations", "parameters", "model_id", "project_id"}` to
//! `{base}/ml/v1/text/generation` (`generation_stream` for streams), answered with
//! `results[0]`. Follows LiteLLM 1.109.1 (docs/research/litellm-watsonx.md, "watsonx_text/
//! route") except where it is broken: the prompt is always rendered (1.109.1 sends
//! `"input": null` for IBM's own model names), a registered template is honoured, a string
//! `stop` becomes a list, and a mid-stream error event raises instead of ending the stream.

use super::{authorized_request, label, place, provider_kwargs};
use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use crate::providers::chunks::ChunkEmitter;
use crate::providers::resolve::Endpoint;
use crate::providers::{error_map, params, prompts, unix_now};
use crate::types::{finish_reason, CompletionRequest};
use serde_json::{json, Map, Value};

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    let model = endpoint.model.as_str();
    let checked = params::check(endpoint.spec, model, req.params.clone(), options)?;
    let mut parameters = Map::new();
    for (name, value) in checked {
        let (name, value) = match name.as_str() {
            "max_tokens" => ("max_new_tokens", value),
            "stop" if value.is_string() => ("stop_sequences", json!([value])),
            "stop" => ("stop_sequences", value),
            "seed" => ("random_seed", value),
            // LiteLLM's mapping, value unchanged (IBM's penalty is 1.0–2.0).
            "frequency_penalty" => ("repetition_penalty", value),
            "stream" | "stream_options" | "user" => continue,
            _ => {
                parameters.insert(name, value);
                continue;
            }
        };
        parameters.insert(name.to_owned(), value);
    }
    let mut moderations = json!({});
    for (name, value) in provider_kwargs(&req.extra) {
        if name == "moderations" {
            moderations = value.clone();
        } else {
            parameters.insert(name.clone(), value.clone());
        }
    }
    let mut body = Map::new();
    let prompt = prompts::render(endpoint.spec.slug, model, &req.messages, options);
    body.insert("input".into(), Value::String(prompt));
    body.insert("moderations".into(), moderations);
    body.insert("parameters".into(), Value::Object(parameters));
    place(&mut body, endpoint, &options.provider_auth)?;
    body.extend(options.extra_body.clone());
    let operation = if options.stream {
        "generation_stream"
    } else {
        "generation"
    };
    authorized_request(endpoint, req, operation, body)
}

/// IBM's stop reasons, which it warns may come in upper case.
fn finish(result: &Value) -> &'static str {
    let reason = result
        .get("stop_reason")
        .and_then(Value::as_str)
        .unwrap_or("");
    finish_reason::normalize(&reason.to_ascii_lowercase())
}

fn usage(result: &Value) -> Value {
    let count = |key: &str| result.get(key).and_then(Value::as_u64).unwrap_or(0);
    let (prompt, completion) = (count("input_token_count"), count("generated_token_count"));
    json!({"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion})
}

/// The model IBM names, else the one called.
fn model_of<'a>(value: &'a Value, called: &'a str) -> &'a str {
    value
        .get("model_id")
        .and_then(Value::as_str)
        .unwrap_or(called)
}

pub fn parse_response(body: &[u8], model: &str) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    let Some(result) = value.pointer("/results/0") else {
        return Err(format!(
            "Error: Invalid response from Watsonx.ai API: {value}"
        ));
    };
    let text = result.get("generated_text").cloned().unwrap_or(json!(""));
    Ok(json!({
        "id": format!("chatcmpl-{}", uuid::Uuid::new_v4()),
        "object": "chat.completion",
        "created": unix_now(),
        "model": model_of(&value, model),
        "choices": [{"index": 0, "finish_reason": finish(result),
                     "message": {"role": "assistant", "content": text}}],
        "usage": usage(result),
    }))
}

/// One stream event: `results[0].generated_text` is new text; a stop reason other than
/// `not_finished` ends the stream, and that event's counts are the usage.
pub fn on_event(
    out: &mut ChunkEmitter,
    data: &str,
    provider: &str,
) -> Result<Vec<Value>, LlmError> {
    let event = out.event_json(data, provider)?;
    if event.get("errors").is_some() {
        let status = event
            .get("status_code")
            .and_then(Value::as_u64)
            .unwrap_or(500) as u16;
        return Err(from_http(out.model(), status, vec![], data));
    }
    let Some(result) = event.pointer("/results/0") else {
        return Ok(Vec::new()); // `event: close` and keep-alives carry no result
    };
    let mut chunks = Vec::new();
    if let Some(text) = result
        .get("generated_text")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    {
        chunks.push(out.delta("content", Value::String(text.to_owned())));
    }
    let reason = result
        .get("stop_reason")
        .and_then(Value::as_str)
        .unwrap_or("not_finished");
    if !reason.eq_ignore_ascii_case("not_finished") {
        chunks.push(out.finish(finish(result)));
        chunks.push(out.usage(usage(result)));
    }
    Ok(chunks)
}

/// LiteLLM's OpenAI-like table with the raw body after `Watsonx_textException`; a 422 stays 422
/// as a `BadRequestError`, a 504 is a `Timeout`.
pub fn from_http(model: &str, status: u16, headers: Vec<(String, String)>, raw: &str) -> LlmError {
    let mut error = error_map::by_status_quoting_body(
        label("watsonx_text"),
        "watsonx_text",
        model,
        status,
        headers,
        raw,
    );
    match status {
        422 => error.class = ErrorClass::BadRequestError,
        504 => error.class = ErrorClass::Timeout,
        _ => {}
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_events_become_chunks_and_usage() {
        let mut state = ChunkEmitter::new("ibm/granite-13b-chat-v2");
        let event = |text: &str, reason: &str| {
            json!({"model_id": "ibm/granite-13b-chat-v2", "results": [{"generated_text": text,
                   "generated_token_count": 2, "input_token_count": 12, "stop_reason": reason}]})
            .to_string()
        };
        let first = on_event(&mut state, &event("Hel", "not_finished"), "watsonx_text").unwrap();
        assert_eq!(first[0]["choices"][0]["delta"]["content"], "Hel");
        let last = on_event(&mut state, &event(" there", "MAX_TOKENS"), "watsonx_text").unwrap();
        assert_eq!(last[1]["choices"][0]["finish_reason"], "length");
        assert_eq!(last[2]["usage"]["total_tokens"], 14);
        assert!(state.is_done());
    }
}
