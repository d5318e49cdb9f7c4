//! Text Generation Inference's own text API (`huggingface/text-generation-inference/<model>`):
//! the chat rendered into one prompt by the model's template, sent as
//! `{"inputs", "parameters", "stream"}`, answered with `generated_text` or, streaming, one SSE
//! event per token. LiteLLM dropped this route (1.109.1 speaks only OpenAI chat to Hugging
//! Face); the naming, URL rules and parameter mapping follow the releases that had it (probed
//! in `docs/research/litellm-huggingface.md` §10), without their bugs: finish reasons are
//! normalised, special tokens never reach the text, usage is TGI's own count, and a base that
//! names `/generate` streams from `/generate_stream`.

use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use crate::providers::chunks::ChunkEmitter;
use crate::providers::resolve::Endpoint;
use crate::providers::{params, prompts, unix_now};
use crate::types::{finish_reason, CompletionRequest};
use serde_json::{json, Map, Value};

/// The model-name segment that selects this route (the task name older LiteLLM used).
pub const TASK_PREFIX: &str = "text-generation-inference/";

/// The serverless Inference API's home for a model when no base is given.
const SERVERLESS_BASE: &str = "https://router.huggingface.co/hf-inference/models";

/// The OpenAI parameters TGI's `parameters` can carry: older LiteLLM's list plus the `seed`
/// and `frequency_penalty` TGI has since gained.
pub const SUPPORTED_PARAMS: &[&str] = &[
    "stream",
    "temperature",
    "max_tokens",
    "max_completion_tokens",
    "top_p",
    "stop",
    "n",
    "echo",
    "seed",
    "frequency_penalty",
];

/// Keyword arguments the Inference API takes beside `parameters`, in its `options`.
const API_OPTIONS: &[&str] = &["wait_for_model", "use_cache"];

pub fn is_tgi(model: &str) -> bool {
    model.starts_with(TASK_PREFIX)
}

/// The Hub repository: the model without the task segment.
pub fn repo(model: &str) -> &str {
    model.strip_prefix(TASK_PREFIX).unwrap_or(model)
}

/// A base is used as given (TGI's root and the Inference API both take the combined request
/// with a `stream` flag), except that one naming `/generate` or `/generate_stream` gets the
/// route matching the call.
fn url(caller_base: Option<&str>, model: &str, stream: bool) -> String {
    let env_base =
        || crate::providers::resolve::env_first(&["HF_API_BASE", "HUGGINGFACE_API_BASE"]);
    let Some(base) = caller_base.map(str::to_owned).or_else(env_base) else {
        return format!("{SERVERLESS_BASE}/{}", repo(model));
    };
    let trimmed = base.trim_end_matches('/');
    match trimmed
        .strip_suffix("/generate_stream")
        .or_else(|| trimmed.strip_suffix("/generate"))
    {
        Some(root) if stream => format!("{root}/generate_stream"),
        Some(root) => format!("{root}/generate"),
        None => base,
    }
}

/// OpenAI parameters in TGI's names and ranges.
fn parameters(checked: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, value) in checked {
        match name.as_str() {
            // TGI wants temperature strictly positive and at least one new token.
            "temperature" if value.as_f64() == Some(0.0) => {
                out.insert(name, json!(0.01));
            }
            "max_tokens" | "max_completion_tokens" => {
                let tokens = if value.as_f64() == Some(0.0) {
                    json!(1)
                } else {
                    value
                };
                out.insert("max_new_tokens".into(), tokens);
            }
            "n" => {
                out.insert("best_of".into(), value);
                out.insert("do_sample".into(), Value::Bool(true));
            }
            "stop" => {
                let stop = if value.is_string() {
                    json!([value])
                } else {
                    value
                };
                out.insert(name, stop);
            }
            "echo" => {
                out.insert("decoder_input_details".into(), value);
            }
            "stream" | "stream_options" => {}
            _ => {
                out.insert(name, value);
            }
        }
    }
    out
}

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    let model = &endpoint.model;
    let mut parameters = parameters(params::check(
        endpoint.spec,
        model,
        req.params.clone(),
        options,
    )?);
    let mut api_options = Map::new();
    for (name, value) in &req.extra {
        if API_OPTIONS.contains(&name.as_str()) {
            api_options.insert(name.clone(), value.clone());
        } else {
            parameters.insert(name.clone(), value.clone());
        }
    }
    parameters.entry("details").or_insert(Value::Bool(true));
    parameters
        .entry("return_full_text")
        .or_insert(Value::Bool(false));

    let mut body = Map::new();
    let prompt = prompts::render("huggingface", repo(model), &req.messages, options);
    body.insert("inputs".into(), Value::String(prompt));
    body.insert("parameters".into(), Value::Object(parameters));
    body.insert("stream".into(), Value::Bool(options.stream));
    if !api_options.is_empty() {
        body.insert("options".into(), Value::Object(api_options));
    }
    body.extend(options.extra_body.clone());

    let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    if let Some(key) = endpoint.api_key.as_deref().filter(|k| !k.is_empty()) {
        headers.push(("authorization".into(), format!("Bearer {key}")));
    }
    crate::providers::apply_call_headers(&mut headers, &options.headers);
    Ok(HttpRequest {
        url: url(options.api_base.as_deref(), model, options.stream),
        headers,
        body: serde_json::to_vec(&Value::Object(body)).expect("JSON body serialises"),
        ..Default::default()
    })
}

/// Special tokens a model may leave at either end of its text.
const SPECIAL_TOKENS: &[&str] = &["<|assistant|>", "<|system|>", "<|user|>", "<s>", "</s>"];

/// The text without one leading and one trailing special token of each kind (LiteLLM's
/// `output_parser`).
fn strip_special_tokens(text: &str) -> String {
    let mut text = text.to_owned();
    for token in SPECIAL_TOKENS {
        if text.trim().starts_with(token) {
            text = text.replacen(token, "", 1);
        }
        if text.ends_with(token) {
            text.truncate(text.len() - token.len());
        }
    }
    text
}

/// Token counts a provider reports in response headers (TGI's `x-prompt-tokens` and
/// `x-generated-tokens`, Bedrock InvokeModel's `x-amzn-bedrock-*-token-count`).
#[derive(Debug, Default, Clone, Copy)]
pub struct HeaderUsage {
    pub prompt: Option<u64>,
    pub generated: Option<u64>,
}

impl HeaderUsage {
    pub fn read(headers: &reqwest::header::HeaderMap, prompt: &str, generated: &str) -> Self {
        let count = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse().ok();
        Self {
            prompt: count(prompt),
            generated: count(generated),
        }
    }
}

fn usage(prompt: u64, completion: u64) -> Value {
    json!({"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion})
}

fn choice(index: usize, text: &str, finish: Option<&str>) -> Value {
    let text = strip_special_tokens(text);
    let content = if text.is_empty() {
        Value::Null
    } else {
        Value::String(text)
    };
    json!({"index": index, "finish_reason": finish_reason::normalize(finish.unwrap_or("stop")),
           "message": {"role": "assistant", "content": content}})
}

/// A `/generate` answer (an object) or the Inference API's (a one-element list) as a chat
/// completion; `best_of` alternatives become further choices.
pub fn parse_response(body: &[u8], model: &str, counts: HeaderUsage) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    let answer = match &value {
        Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    let Some(text) = answer.get("generated_text").and_then(Value::as_str) else {
        return Err(format!("response is not in expected format - {value}"));
    };
    let details = answer.get("details").unwrap_or(&Value::Null);
    let reason = details.get("finish_reason").and_then(Value::as_str);
    let mut choices = vec![choice(0, text, reason)];
    for (i, alternative) in details
        .get("best_of_sequences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let text = alternative
            .get("generated_text")
            .and_then(Value::as_str)
            .unwrap_or("");
        choices.push(choice(
            i + 1,
            text,
            alternative.get("finish_reason").and_then(Value::as_str),
        ));
    }
    let prefill = details
        .get("prefill")
        .and_then(Value::as_array)
        .map(|p| p.len() as u64);
    let generated = details.get("generated_tokens").and_then(Value::as_u64);
    Ok(json!({
        "id": format!("chatcmpl-{}", uuid::Uuid::new_v4()),
        "object": "chat.completion",
        "created": unix_now(),
        "model": repo(model),
        "choices": choices,
        "usage": usage(
            counts.prompt.or(prefill).unwrap_or(0),
            generated.or(counts.generated).unwrap_or(0),
        ),
    }))
}

/// TGI's error type names the status its non-streamed twin would have had.
fn status_of(error_type: &str) -> u16 {
    match error_type {
        "validation" => 422,
        "generation" => 424,
        "overloaded" => 429,
        _ => 500,
    }
}

/// The emitter a TGI stream is read into: chunks are named after the Hub repository.
pub fn stream_emitter(model: &str) -> ChunkEmitter {
    ChunkEmitter::new(repo(model))
}

/// One TGI stream event: a token, and on the last event the whole text and, with `details`,
/// the finish reason and TGI's token counts.
pub fn on_event(
    out: &mut ChunkEmitter,
    data: &str,
    provider: &str,
) -> Result<Vec<Value>, LlmError> {
    let event = out.event_json(data, provider)?;
    if let Some(error) = event.get("error") {
        let error_type = event
            .get("error_type")
            .and_then(Value::as_str)
            .unwrap_or("");
        let mut mapped = super::from_http(out.model(), status_of(error_type), vec![], data);
        if mapped.class == ErrorClass::APIError {
            mapped.class = ErrorClass::APIConnectionError;
        }
        mapped.message = format!("HuggingfaceException - {}", error.as_str().unwrap_or(data));
        return Err(mapped);
    }
    let mut chunks = Vec::new();
    let token = event.get("token").unwrap_or(&Value::Null);
    let special = token.get("special").and_then(Value::as_bool) == Some(true);
    if let Some(text) = token
        .get("text")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    {
        if !special {
            chunks.push(out.delta("content", Value::String(text.to_owned())));
        }
    }
    let details = event.get("details").filter(|d| d.is_object());
    if details.is_some() || event.get("generated_text").is_some_and(Value::is_string) {
        let details = details.unwrap_or(&Value::Null);
        let reason = details
            .get("finish_reason")
            .and_then(Value::as_str)
            .unwrap_or("stop");
        chunks.push(out.finish(reason));
        if let (Some(prompt), Some(generated)) = (
            details.get("input_length").and_then(Value::as_u64),
            details.get("generated_tokens").and_then(Value::as_u64),
        ) {
            chunks.push(out.usage(usage(prompt, generated)));
        }
    }
    Ok(chunks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_base() {
        let m = "text-generation-inference/org/model";
        assert_eq!(url(None, m, false), format!("{SERVERLESS_BASE}/org/model"));
        assert_eq!(url(Some("http://tgi:8080"), m, true), "http://tgi:8080");
        assert_eq!(
            url(Some("http://tgi:8080/generate"), m, true),
            "http://tgi:8080/generate_stream"
        );
        assert_eq!(
            url(Some("http://tgi:8080/generate_stream/"), m, false),
            "http://tgi:8080/generate"
        );
    }

    #[test]
    fn parameters_take_tgi_names_and_ranges() {
        let mapped = parameters(
            json!({"temperature": 0, "max_tokens": 0, "n": 2, "stop": "END", "top_p": 0.9, "echo": true})
                .as_object()
                .unwrap()
                .clone(),
        );
        assert_eq!(
            Value::Object(mapped),
            json!({"temperature": 0.01, "max_new_tokens": 1, "best_of": 2, "do_sample": true,
                   "stop": ["END"], "top_p": 0.9, "decoder_input_details": true})
        );
    }

    #[test]
    fn special_tokens_leave_the_text() {
        assert_eq!(
            strip_special_tokens("<|assistant|> Hi there</s>"),
            " Hi there"
        );
        assert_eq!(strip_special_tokens(" Hello there"), " Hello there");
    }
}
