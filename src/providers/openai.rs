//! The OpenAI dialect, spoken by OpenAI and every OpenAI-compatible provider: chat completions,
//! and legacy text completions answered in chat shape.

use super::params;
use super::reasoning_models;
use super::registry::Dialect;
use super::resolve::{env_first, Endpoint};
use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use crate::types::{finish_reason, CallOptions, CompletionRequest};
use serde_json::{json, Map, Value};

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    let params = params::check(endpoint.spec, &endpoint.model, req.params.clone(), options)?;

    let mut body = Map::new();
    let model = match endpoint.spec.dialect {
        // A dedicated endpoint serves one model: its name goes as given.
        Dialect::HuggingFaceChat if options.api_base.is_none() => {
            super::huggingface::router_model(&endpoint.model)
        }
        Dialect::AzureChat => reasoning_models::azure_deployment(&endpoint.model).to_owned(),
        _ => endpoint.model.clone(),
    };
    body.insert("model".into(), Value::String(model));
    if endpoint.spec.dialect == Dialect::OpenAiText {
        body.insert("prompt".into(), text_prompt(&req.messages));
    } else {
        let (slug, model) = (endpoint.spec.slug, endpoint.model.as_str());
        let converted = if reasoning_models::is_o_series(slug, model) {
            reasoning_models::o_series_messages(&req.messages, model)
        } else if slug == "azure" && reasoning_models::is_gpt5(slug, model) {
            reasoning_models::developer_as_system(&req.messages)
        } else {
            None
        };
        let messages = converted.as_deref().unwrap_or(&req.messages);
        body.insert(
            "messages".into(),
            Value::Array(messages.iter().map(clean_message).collect()),
        );
    }
    body.extend(params);
    if endpoint.spec.dialect == Dialect::HuggingFaceChat {
        body.remove("user"); // LiteLLM accepts it for Hugging Face and sends nothing
    }
    body.extend(req.extra.clone());
    body.extend(options.extra_body.clone());
    if options.stream {
        body.insert("stream".into(), Value::Bool(true));
    } else {
        body.remove("stream");
        body.remove("stream_options");
    }

    Ok(HttpRequest {
        url: url(endpoint, options),
        headers: headers(endpoint, options)?,
        body: serde_json::to_vec(&Value::Object(body)).expect("JSON body serialises"),
        ..Default::default()
    })
}

/// LiteLLM's default Azure `api-version` when neither the call nor the environment sets one.
pub const AZURE_DEFAULT_API_VERSION: &str = "2025-02-01-preview";

fn url(endpoint: &Endpoint, options: &CallOptions) -> String {
    let base = endpoint.api_base.trim_end_matches('/');
    match endpoint.spec.dialect {
        Dialect::OpenAiText => format!("{base}/completions"),
        Dialect::AzureChat => {
            let version = options
                .api_version
                .clone()
                .or_else(|| env_first(&["AZURE_API_VERSION"]))
                .unwrap_or_else(|| AZURE_DEFAULT_API_VERSION.to_owned());
            // A base that already names the deployment is used as given, minus its query.
            if base.contains("/openai/deployments") {
                let base = base.split('?').next().unwrap_or(base).trim_end_matches('/');
                return format!("{base}/chat/completions?api-version={version}");
            }
            // LiteLLM doubles an `/openai` the base already ends with; that can only 404.
            let base = base.strip_suffix("/openai").unwrap_or(base);
            format!(
                "{base}/openai/deployments/{}/chat/completions?api-version={version}",
                reasoning_models::azure_deployment(&endpoint.model)
            )
        }
        Dialect::HuggingFaceChat => super::huggingface::chat_url(options.api_base.as_deref()),
        _ => format!("{base}/chat/completions"),
    }
}

/// Azure takes its key in `api-key`, or an Azure AD token as a bearer, and refuses to send
/// with neither; everyone else gets a bearer key when there is one.
fn credential(
    endpoint: &Endpoint,
    options: &CallOptions,
) -> Result<Option<(String, String)>, LlmError> {
    let key = endpoint.api_key.as_deref().filter(|k| !k.is_empty());
    if endpoint.spec.dialect != Dialect::AzureChat {
        return Ok(key.map(|key| ("authorization".to_owned(), format!("Bearer {key}"))));
    }
    if let Some(key) = key {
        return Ok(Some(("api-key".to_owned(), key.to_owned())));
    }
    let token = options
        .azure_ad_token
        .clone()
        .or_else(|| env_first(&["AZURE_OPENAI_AD_TOKEN", "AZURE_AD_TOKEN"]));
    match token {
        Some(token) => Ok(Some((
            "authorization".to_owned(),
            format!("Bearer {token}"),
        ))),
        None => Err(LlmError::new(
            ErrorClass::APIError,
            500,
            "AzureException APIError - Missing credentials. Please pass one of `api_key`, \
             `azure_ad_token`, `azure_ad_token_provider`, or the `AZURE_OPENAI_API_KEY` or \
             `AZURE_OPENAI_AD_TOKEN` environment variables.",
        )
        .with_origin("azure", &endpoint.model)),
    }
}

fn headers(endpoint: &Endpoint, options: &CallOptions) -> Result<Vec<(String, String)>, LlmError> {
    let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    headers.extend(credential(endpoint, options)?);
    if endpoint.spec.uses_module_credentials && endpoint.spec.dialect != Dialect::AzureChat {
        if let Some(org) = env_first(&["OPENAI_ORGANIZATION"]) {
            headers.push(("OpenAI-Organization".to_owned(), org));
        }
    }
    for (name, env, default) in endpoint.spec.static_headers {
        headers.push((
            (*name).to_owned(),
            env_first(&[env]).unwrap_or_else(|| (*default).to_owned()),
        ));
    }
    super::apply_call_headers(&mut headers, &options.headers);
    Ok(headers)
}

/// LiteLLM drops `content: null` from assistant turns: several OpenAI-compatible servers
/// reject it next to `tool_calls`.
pub(super) fn clean_message(message: &Value) -> Value {
    match message.as_object() {
        Some(m) if m.get("content").is_some_and(Value::is_null) => {
            let mut m = m.clone();
            m.remove("content");
            Value::Object(m)
        }
        _ => message.clone(),
    }
}

/// One message becomes its text (or its token list); several become a list of texts.
fn text_prompt(messages: &[Value]) -> Value {
    let text = |m: &Value| match m.get("content") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(""),
        _ => String::new(),
    };
    match messages {
        [single] => match single.get("content") {
            Some(tokens @ Value::Array(items))
                if !items.is_empty() && items.iter().all(|t| t.is_i64() || t.is_array()) =>
            {
                tokens.clone()
            }
            _ => Value::String(text(single)),
        },
        many => Value::Array(many.iter().map(|m| Value::String(text(m))).collect()),
    }
}

/// A complete (non-streamed) response body, normalised to `chat.completion`.
pub fn parse_response(dialect: Dialect, body: &[u8]) -> Result<Value, String> {
    let mut value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    let response = value
        .as_object_mut()
        .ok_or("provider response is not a JSON object")?;
    let choices = response
        .get_mut("choices")
        .and_then(Value::as_array_mut)
        .ok_or("provider response has no 'choices'")?;
    for choice in choices.iter_mut().filter_map(Value::as_object_mut) {
        if dialect == Dialect::OpenAiText {
            let text = choice.remove("text").unwrap_or(Value::Null);
            choice.insert(
                "message".into(),
                json!({"role": "assistant", "content": text}),
            );
        }
        if let Some(message) = choice.get_mut("message").and_then(Value::as_object_mut) {
            rename_reasoning(message);
        }
        normalize_finish(choice);
    }
    response.insert("object".into(), Value::String("chat.completion".into()));
    Ok(value)
}

/// One SSE `data:` payload, normalised to `chat.completion.chunk`.
pub fn parse_chunk(dialect: Dialect, data: &str) -> Result<Value, String> {
    let mut value: Value =
        serde_json::from_str(data).map_err(|e| format!("invalid JSON in stream chunk: {e}"))?;
    let chunk = value
        .as_object_mut()
        .ok_or("stream chunk is not a JSON object")?;
    if let Some(error) = chunk.get("error") {
        return Err(format!("provider sent an error mid-stream: {error}"));
    }
    if let Some(choices) = chunk.get_mut("choices").and_then(Value::as_array_mut) {
        for choice in choices.iter_mut().filter_map(Value::as_object_mut) {
            if dialect == Dialect::OpenAiText {
                let text = choice.remove("text").unwrap_or(Value::Null);
                choice.insert("delta".into(), json!({"content": text}));
            }
            if let Some(delta) = choice.get_mut("delta").and_then(Value::as_object_mut) {
                rename_reasoning(delta);
            }
            normalize_finish(choice);
        }
    }
    chunk.insert(
        "object".into(),
        Value::String("chat.completion.chunk".into()),
    );
    Ok(value)
}

/// vLLM, DeepSeek-style servers and others say `reasoning`; LiteLLM's field is `reasoning_content`.
fn rename_reasoning(message: &mut Map<String, Value>) {
    if !message.contains_key("reasoning_content") {
        if let Some(reasoning) = message.remove("reasoning").filter(Value::is_string) {
            message.insert("reasoning_content".into(), reasoning);
        }
    }
}

fn normalize_finish(choice: &mut Map<String, Value>) {
    if let Some(Value::String(reason)) = choice.get("finish_reason") {
        let normalized = finish_reason::normalize(reason);
        if normalized != reason {
            choice.insert("finish_reason".into(), Value::String(normalized.into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::{endpoint_for, get_llm_provider};

    fn request(model: &str, extra: Value) -> CompletionRequest {
        let mut v = json!({
            "model": model,
            "messages": [
                {"role": "system", "content": "be brief"},
                {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
                {"role": "user", "content": "hi"}
            ],
            "params": {"temperature": 0.2, "seed": 7},
            "extra": {"top_k": 5},
            "options": {"api_key": "sk-1", "api_base": "http://h/v1/", "headers": {"X-Trace": "t1"}, "extra_body": {"safe": true}}
        });
        crate::types::request::merge(&mut v, extra);
        serde_json::from_value(v).unwrap()
    }

    fn build(req: &CompletionRequest) -> (HttpRequest, Value) {
        let resolved = get_llm_provider(
            &req.model,
            None,
            req.options.api_base.as_deref(),
            req.options.api_key.as_deref(),
        )
        .unwrap();
        let endpoint = endpoint_for(&resolved, &req.options).unwrap();
        let http = build_request(&endpoint, req).unwrap();
        let body = serde_json::from_slice(&http.body).unwrap();
        (http, body)
    }

    #[test]
    fn chat_request_has_openai_url_headers_and_body() {
        let (http, body) = build(&request("groq/llama", json!({})));
        assert_eq!(http.url, "http://h/v1/chat/completions");
        assert!(http
            .headers
            .contains(&("authorization".into(), "Bearer sk-1".into())));
        assert!(http.headers.contains(&("X-Trace".into(), "t1".into())));
        assert_eq!(body["model"], "llama");
        assert_eq!(body["temperature"], 0.2);
        assert_eq!(body["top_k"], 5, "unknown kwargs pass through");
        assert_eq!(body["safe"], true, "extra_body merges into the body");
        assert_eq!(body["seed"], 7);
        assert!(
            body["messages"][1].get("content").is_none(),
            "assistant content null is dropped"
        );
        assert!(body.get("stream").is_none());
    }

    #[test]
    fn text_completion_sends_a_prompt_to_completions() {
        let req = request(
            "text-completion-openai/gpt-3.5-turbo-instruct",
            json!({"messages": [{"role": "user", "content": "Say hi"}]}),
        );
        let (http, body) = build(&req);
        assert_eq!(http.url, "http://h/v1/completions");
        assert_eq!(body["prompt"], "Say hi");
        assert!(body.get("messages").is_none());
    }

    #[test]
    fn responses_and_chunks_are_normalised() {
        let r = parse_response(Dialect::OpenAiChat, br#"{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"hi","reasoning":"think"},"finish_reason":"eos"}]}"#).unwrap();
        assert_eq!(r["choices"][0]["finish_reason"], "stop");
        assert_eq!(r["choices"][0]["message"]["reasoning_content"], "think");
        assert_eq!(r["object"], "chat.completion");
        let t = parse_response(Dialect::OpenAiText, br#"{"id":"x","object":"text_completion","choices":[{"index":0,"text":"yo","finish_reason":"length"}]}"#).unwrap();
        assert_eq!(
            t["choices"][0]["message"],
            json!({"role": "assistant", "content": "yo"})
        );
        assert!(parse_response(Dialect::OpenAiChat, b"<html>").is_err());
        assert!(parse_response(Dialect::OpenAiChat, b"{}").is_err());
        let c = parse_chunk(
            Dialect::OpenAiChat,
            r#"{"id":"x","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}"#,
        )
        .unwrap();
        assert_eq!(c["choices"][0]["delta"]["content"], "a");
        assert!(parse_chunk(Dialect::OpenAiChat, r#"{"error":{"message":"overloaded"}}"#).is_err());
    }
}
