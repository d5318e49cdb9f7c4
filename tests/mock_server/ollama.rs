//! The mock's Ollama API (`POST /api/chat` and `/api/generate`), from Ollama's API reference:
//! one JSON body, or NDJSON lines ending with a `done: true` line carrying the counters; errors
//! are `{"error": "..."}`. A chat request with tools calls the first tool; a generate request in
//! JSON mode whose prompt lists functions (LiteLLM's prompted function calling) answers with a
//! `{"name", "arguments"}` call of the first, unless the user turn says `echo:`.

use super::{header, split_even, stream_response, Step};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

pub fn fault_response(fault: &str) -> Option<Response> {
    let (status, message) = match fault {
        "404" => (
            StatusCode::NOT_FOUND,
            "model \"missing\" not found, try pulling it first",
        ),
        "400" => (StatusCode::BAD_REQUEST, "invalid options"),
        "500" => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "llama runner process has terminated",
        ),
        "503" => (StatusCode::SERVICE_UNAVAILABLE, "server busy"),
        _ => return None,
    };
    Some((status, Json(json!({"error": message}))).into_response())
}

pub fn handle(body: &Value, headers: &HeaderMap, chat: bool, fault: Option<&str>) -> Response {
    if let Some(response) = fault.and_then(fault_response) {
        return response;
    }
    let text_of = |content: &Value| content.as_str().unwrap_or("").to_owned();
    let last_user = if chat {
        super::last_user(&body["messages"])
            .map(|m| text_of(&m["content"]))
            .unwrap_or_default()
    } else {
        // The last `### User:` block of the rendered prompt.
        let prompt = body["prompt"].as_str().unwrap_or("");
        let block = prompt.rsplit("### User:\n").next().unwrap_or("");
        block
            .split("\n\n### ")
            .next()
            .unwrap_or("")
            .trim_end()
            .to_owned()
    };
    let prompted_call = (!chat && body["format"] == "json" && !last_user.starts_with("echo:"))
        .then(|| prompted_function(body["prompt"].as_str().unwrap_or("")))
        .flatten();
    let text = prompted_call.unwrap_or_else(|| super::reply_text(&last_user));
    let tool = chat
        .then(|| body["tools"][0]["function"]["name"].as_str())
        .flatten()
        .map(str::to_owned);
    let model = body["model"].clone();
    let prompt_tokens = 7;
    let eval_count = super::output_tokens(&text, tool.is_some());
    let done = |extra: Value| {
        let mut line = json!({"model": model, "created_at": "2026-01-01T00:00:00Z", "done": true,
            "done_reason": "stop", "total_duration": 1000, "prompt_eval_count": prompt_tokens, "eval_count": eval_count});
        if let (Some(line), Value::Object(extra)) = (line.as_object_mut(), extra) {
            line.extend(extra);
        }
        line
    };
    let message = |content: &str| match &tool {
        Some(name) => json!({"role": "assistant", "content": "",
            "tool_calls": [{"function": {"name": name, "arguments": {"city": "Paris"}}}]}),
        None => json!({"role": "assistant", "content": content}),
    };
    if !body["stream"].as_bool().unwrap_or(false) {
        let reply = if chat {
            done(json!({"message": message(&text)}))
        } else {
            done(json!({"response": text}))
        };
        return Json(reply).into_response();
    }
    let chunks = header(headers, "x-mock-chunks")
        .and_then(|n| n.parse().ok())
        .unwrap_or(4usize);
    let line = |v: Value| Step::Send(format!("{v}\n"));
    let mut steps = Vec::new();
    let pieces = if tool.is_some() {
        vec![String::new()]
    } else {
        pieces(&text, chunks)
    };
    for piece in pieces {
        steps.push(line(if chat {
            json!({"model": model, "created_at": "2026-01-01T00:00:00Z", "message": message(&piece), "done": false})
        } else {
            json!({"model": model, "created_at": "2026-01-01T00:00:00Z", "response": piece, "done": false})
        }));
    }
    if fault == Some("stream-error") {
        steps.truncate(1);
        steps.push(line(
            json!({"error": "an error was encountered while running the model"}),
        ));
        return stream_response(steps);
    }
    steps.push(line(if chat {
        done(json!({"message": {"role": "assistant", "content": ""}}))
    } else {
        done(json!({"response": ""}))
    }));
    stream_response(steps)
}

/// The call a model answers with when the prompt lists functions as Python dicts.
fn prompted_function(prompt: &str) -> Option<String> {
    let (_, listed) = prompt.split_once("The following functions are available to you:")?;
    let (_, rest) = listed.split_once("'name': '")?;
    let name = rest.split('\'').next()?;
    Some(format!(
        r#"{{"name": "{name}", "arguments": {{"city": "Paris"}}}}"#
    ))
}

/// Stream pieces as a tokenizer would cut them: think tags whole, the rest split evenly.
fn pieces(text: &str, chunks: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((at, tag_len)) = ["<think>", "</think>"]
        .iter()
        .filter_map(|tag| rest.find(tag).map(|at| (at, tag.len())))
        .min()
    {
        if at > 0 {
            out.push(rest[..at].to_owned());
        }
        out.push(rest[at..at + tag_len].to_owned());
        rest = &rest[at + tag_len..];
    }
    if out.is_empty() {
        return split_even(text, chunks);
    }
    if !rest.is_empty() {
        out.push(rest.to_owned());
    }
    out
}
