//! OpenAI chat requests as Ollama bodies: parameters moved into `options`, images as bare
//! base64, `ollama/`'s prompt rendered from the turns, and LiteLLM's prompted function calling
//! where `ollama/` has no native tools.

use super::{functions, is_chat};
use crate::error::LlmError;
use crate::http::client::{HttpRequest, ReplyHints};
use crate::providers::params;
use crate::providers::python_json::python_json;
use crate::providers::resolve::Endpoint;
use crate::types::CompletionRequest;
use serde_json::{json, Map, Value};

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let chat = is_chat(endpoint.spec.dialect);
    let options_in = &req.options;
    let params = params::check(
        endpoint.spec,
        &endpoint.model,
        req.params.clone(),
        options_in,
    )?;

    let mut body = Map::new();
    let mut options = Map::new();
    let mut top = Map::new();
    body.insert("model".into(), Value::String(endpoint.model.clone()));
    let mut images = Vec::new();
    if chat {
        body.insert(
            "messages".into(),
            Value::Array(req.messages.iter().map(chat_message).collect()),
        );
    } else {
        // No native tools here: LiteLLM describes them in the prompt and asks for JSON (which
        // a response_format, mapped below, overrides).
        let prompted = prompted_functions(&params).map(|tools| {
            top.insert("format".into(), json!("json"));
            functions::with_instruction(&req.messages, &functions::prompt(tools))
        });
        let messages = prompted.as_deref().unwrap_or(&req.messages);
        let mut prompt = render_prompt(messages, &mut images);
        if let Some(template) = &req.options.prompt_template {
            // A registered template replaces the `### Role:` prompt, as in LiteLLM.
            prompt = crate::providers::prompts::custom_prompt(template, messages);
        }
        body.insert("prompt".into(), Value::String(prompt));
    }
    for (name, value) in params {
        match name.as_str() {
            "max_tokens" | "max_completion_tokens" => {
                options.insert("num_predict".into(), value);
            }
            "frequency_penalty" if chat => {
                options.insert("repeat_penalty".into(), value);
            }
            "temperature" | "top_p" | "seed" | "stop" | "frequency_penalty" => {
                options.insert(name, value);
            }
            "response_format" => {
                let format = match value.get("type").and_then(Value::as_str) {
                    Some("json_object") => Some(json!("json")),
                    Some("json_schema") => value.pointer("/json_schema/schema").cloned(),
                    _ => None,
                };
                if let Some(format) = format {
                    top.insert("format".into(), format);
                }
            }
            "tools" | "functions" if chat => {
                top.insert("tools".into(), value);
            }
            "reasoning_effort" => {
                let effort = value.as_str().unwrap_or("");
                let think = if endpoint.model.starts_with("gpt-oss") {
                    value.clone()
                } else {
                    Value::Bool(!matches!(effort, "none" | "minimal"))
                };
                top.insert("think".into(), think);
            }
            _ => {} // tool_choice and stream settings: Ollama has no such field
        }
    }
    // Provider kwargs (num_ctx, top_k, keep_alive, think, format, ...): Ollama's own knobs go
    // into `options`, except the few it reads at the top level.
    for (name, value) in req.extra.iter().chain(options_in.extra_body.iter()) {
        match name.as_str() {
            "think" | "format" => {
                top.insert(name.clone(), value.clone());
            }
            "keep_alive" if chat => {
                top.insert(name.clone(), value.clone());
            }
            _ => {
                options.insert(name.clone(), value.clone());
            }
        }
    }
    // LiteLLM reads a generate route's JSON reply as a possible function call.
    let json_function_reply = !chat && top.get("format") == Some(&json!("json"));
    body.insert("options".into(), Value::Object(options));
    body.insert("stream".into(), Value::Bool(options_in.stream));
    if !chat {
        body.insert("images".into(), Value::Array(images));
    }
    body.extend(top);

    let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    if let Some(key) = endpoint.api_key.as_deref().filter(|k| !k.is_empty()) {
        headers.push(("authorization".to_owned(), format!("Bearer {key}")));
    }
    crate::providers::apply_call_headers(&mut headers, &options_in.headers);
    let route = if chat { "/api/chat" } else { "/api/generate" };
    let base = endpoint.api_base.trim_end_matches('/');
    let url = if base.ends_with(route) {
        base.to_owned()
    } else {
        format!("{base}{route}")
    };
    Ok(HttpRequest {
        url,
        headers,
        body: serde_json::to_vec(&Value::Object(body)).expect("JSON body serialises"),
        reply: ReplyHints {
            json_function_reply,
            ..Default::default()
        },
        ..Default::default()
    })
}

/// The tools `ollama/` describes in its prompt: `tools`, else legacy `functions`.
fn prompted_functions(params: &Map<String, Value>) -> Option<&[Value]> {
    params
        .get("tools")
        .or_else(|| params.get("functions"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .filter(|tools| !tools.is_empty())
}

/// Text parts joined; image parts as bare base64 (a data URL's payload).
fn text_and_images(content: &Value, images: &mut Vec<Value>) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => {
            let mut text = String::new();
            for part in parts {
                match part.get("type").and_then(Value::as_str) {
                    Some("text") => {
                        text.push_str(part.get("text").and_then(Value::as_str).unwrap_or(""))
                    }
                    Some("image_url") => {
                        let url = match part.get("image_url") {
                            Some(Value::String(u)) => u.as_str(),
                            Some(i) => i.get("url").and_then(Value::as_str).unwrap_or(""),
                            None => "",
                        };
                        let data = url.split_once(";base64,").map_or(url, |(_, d)| d);
                        images.push(Value::String(data.to_owned()));
                    }
                    _ => {}
                }
            }
            text
        }
        _ => String::new(),
    }
}

fn chat_message(message: &Value) -> Value {
    let mut images = Vec::new();
    let content = text_and_images(message.get("content").unwrap_or(&Value::Null), &mut images);
    let mut out = Map::new();
    out.insert(
        "role".into(),
        message
            .get("role")
            .cloned()
            .unwrap_or_else(|| "user".into()),
    );
    if let Some(thinking) = message.get("reasoning_content").filter(|t| t.is_string()) {
        out.insert("thinking".into(), thinking.clone());
    }
    out.insert("content".into(), Value::String(content));
    out.insert("images".into(), Value::Array(images));
    if let Some(calls) = message.get("tool_calls").and_then(Value::as_array) {
        let calls: Vec<Value> = calls
            .iter()
            .map(|call| {
                let function = call.get("function").unwrap_or(&Value::Null);
                let arguments = function.get("arguments").and_then(Value::as_str).unwrap_or("{}");
                let mut c = Map::new();
                if let Some(id) = call.get("id") {
                    c.insert("id".into(), id.clone());
                }
                c.insert(
                    "function".into(),
                    json!({"name": function.get("name").cloned().unwrap_or(Value::Null),
                           "arguments": serde_json::from_str::<Value>(arguments).unwrap_or_else(|_| json!({}))}),
                );
                Value::Object(c)
            })
            .collect();
        out.insert("tool_calls".into(), Value::Array(calls));
    }
    if let Some(id) = message.get("tool_call_id") {
        out.insert("tool_call_id".into(), id.clone());
    }
    Value::Object(out)
}

/// `ollama/`'s prompt: runs of turns as `### System:`, `### User:` and `### Assistant:` blocks.
fn render_prompt(messages: &[Value], images: &mut Vec<Value>) -> String {
    let mut prompt = String::new();
    let mut run: Option<(&str, Vec<String>)> = None;
    let flush = |run: &mut Option<(&str, Vec<String>)>, prompt: &mut String| {
        if let Some((heading, texts)) = run.take() {
            let separator = if heading == "System" { "" } else { "\n" };
            prompt.push_str(&format!("### {heading}:\n{}\n\n", texts.join(separator)));
        }
    };
    for message in messages {
        let heading = match message
            .get("role")
            .and_then(Value::as_str)
            .unwrap_or("user")
        {
            "system" | "developer" => "System",
            "assistant" => "Assistant",
            _ => "User",
        };
        let mut text = text_and_images(message.get("content").unwrap_or(&Value::Null), images);
        for call in message
            .get("tool_calls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let function = &call["function"];
            let arguments: Value = function["arguments"]
                .as_str()
                .and_then(|a| serde_json::from_str(a).ok())
                .unwrap_or_else(|| json!({}));
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&python_json(
                &json!({"name": function["name"], "arguments": arguments}),
            ));
        }
        match &mut run {
            Some((current, texts)) if *current == heading => texts.push(text),
            _ => {
                flush(&mut run, &mut prompt);
                run = Some((heading, vec![text]));
            }
        }
    }
    flush(&mut run, &mut prompt);
    prompt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generate_prompts_group_runs_of_turns() {
        let messages = [
            json!({"role": "system", "content": "sys"}),
            json!({"role": "user", "content": "what"}),
            json!({"role": "assistant", "content": null, "tool_calls": [{"id": "c", "type": "function",
                   "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]}),
            json!({"role": "tool", "tool_call_id": "c", "content": "sunny"}),
            json!({"role": "assistant", "content": "ok"}),
            json!({"role": "user", "content": "again"}),
        ];
        let mut images = Vec::new();
        assert_eq!(
            render_prompt(&messages, &mut images),
            "### System:\nsys\n\n### User:\nwhat\n\n### Assistant:\n{\"name\": \"get_weather\", \"arguments\": \
             {\"city\": \"Paris\"}}\n\n### User:\nsunny\n\n### Assistant:\nok\n\n### User:\nagain\n\n"
        );
    }
}
