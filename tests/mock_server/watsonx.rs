//! The mock's IBM side, from IBM's API references: watsonx.ai text generation
//! (`POST /ml/v1/text/generation` and `/generation_stream`: `results[0]` with `generated_text`,
//! token counts and a `stop_reason`; streamed as deltas ending with a reason other than
//! `not_finished`), watsonx.ai chat
//! (`POST /ml/v1/text/chat` and `/chat_stream`, OpenAI-shaped answers carrying `model_id`,
//! `created_at` and `model_version`, SSE events with `id:`/`event: message` lines and a final
//! `choices: []` usage event), IBM's `{"errors": [...], "trace", "status_code"}` bodies, and the
//! IAM token endpoint (`POST /identity/token`, an API-key grant; the key `bad-key` is refused).

use super::{header, split_even, stream_response, Step};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

static TOKENS_ISSUED: AtomicU64 = AtomicU64::new(0);

pub fn iam_token(form: &Value) -> Response {
    let form = form.as_str().unwrap_or("");
    let granted = form.contains("grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey");
    if !granted || form.contains("apikey=bad-key") {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"errorCode": "BXNIM0415E", "errorMessage": "Provided API key could not be found.",
                        "context": {"requestId": "mock-request"}})),
        )
            .into_response();
    }
    let n = TOKENS_ISSUED.fetch_add(1, Ordering::Relaxed) + 1;
    Json(json!({"access_token": format!("ibm-iam-token-{n}"), "refresh_token": "not_supported",
                "token_type": "Bearer", "expires_in": 3600, "expiration": 1_900_000_000u64, "scope": "ibm openid"}))
    .into_response()
}

fn ibm_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({"errors": [{"code": code, "message": message, "more_info": "https://cloud.ibm.com/apidocs/watsonx-ai"}],
                      "trace": "6901dbe1", "status_code": status.as_u16()});
    (status, Json(body)).into_response()
}

fn fault_response(fault: &str) -> Option<Response> {
    Some(match fault {
        "400" => ibm_error(
            StatusCode::BAD_REQUEST,
            "json_validation_error",
            "Json document validation error: 'messages' is required",
        ),
        "401" => ibm_error(
            StatusCode::UNAUTHORIZED,
            "authentication_token_expired",
            "Failed to authenticate the request due to an expired token",
        ),
        "404" => ibm_error(
            StatusCode::NOT_FOUND,
            "model_not_supported",
            "Model 'missing' is not supported",
        ),
        "422" => ibm_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input_argument",
            "Invalid input argument",
        ),
        "429" => ibm_error(
            StatusCode::TOO_MANY_REQUESTS,
            "token_quota_reached",
            "You have reached your token quota",
        ),
        "500" => ibm_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Internal server error",
        ),
        _ => return None,
    })
}

pub fn handle(body: &Value, headers: &HeaderMap, stream: bool, fault: Option<&str>) -> Response {
    if let Some(response) = fault.and_then(fault_response) {
        return response;
    }
    let model = body["model_id"]
        .as_str()
        .unwrap_or("deployed-model")
        .to_owned();
    let last_user = super::last_user(&body["messages"])
        .and_then(|m| m["content"].as_str())
        .unwrap_or("");
    let text = super::reply_text(last_user);
    let tool = super::first_tool(body);
    let output = super::output_tokens(&text, tool.is_some());
    let usage =
        json!({"completion_tokens": output, "prompt_tokens": 12, "total_tokens": 12 + output});
    let envelope = |choices: Value, usage: Option<&Value>| {
        let mut value = json!({"id": "chatcmpl-ibm-1", "object": "chat.completion", "model_id": model, "model": model,
            "choices": choices, "created": 1_739_311_926, "model_version": "3.0.0", "created_at": "2025-02-11T22:12:07.243Z"});
        if let Some(usage) = usage {
            value["usage"] = usage.clone();
        }
        value
    };
    if !stream {
        let message = match &tool {
            Some(name) => {
                json!({"role": "assistant", "tool_calls": [{"id": "H6KoCbaZV", "type": "function",
                "function": {"name": name, "arguments": "{\"city\": \"Paris\"}"}}]})
            }
            None => json!({"role": "assistant", "content": text}),
        };
        let finish = if tool.is_some() { "tool_calls" } else { "stop" };
        return Json(envelope(
            json!([{"index": 0, "message": message, "finish_reason": finish}]),
            Some(&usage),
        ))
        .into_response();
    }
    let mut id = 0;
    let mut event = |value: Value| {
        id += 1;
        Step::Send(format!("id: {id}\nevent: message\ndata: {value}\n\n"))
    };
    let mut steps = vec![event(envelope(
        json!([{"index": 0, "finish_reason": null, "delta": {"role": "assistant", "content": ""}}]),
        None,
    ))];
    let chunks = header(headers, "x-mock-chunks")
        .and_then(|n| n.parse().ok())
        .unwrap_or(4usize);
    for piece in split_even(&text, chunks) {
        steps.push(event(envelope(
            json!([{"index": 0, "finish_reason": null, "delta": {"content": piece}}]),
            None,
        )));
    }
    steps.push(event(envelope(
        json!([{"index": 0, "finish_reason": "stop", "delta": {}}]),
        None,
    )));
    steps.push(event(envelope(json!([]), Some(&usage))));
    stream_response(steps)
}

/// Text generation: the answer to the rendered prompt's last `echo:` line (or the default),
/// cut to `max_new_tokens` words if asked.
pub fn handle_text(
    body: &Value,
    headers: &HeaderMap,
    stream: bool,
    fault: Option<&str>,
) -> Response {
    if let Some(response) = fault.and_then(fault_response) {
        return response;
    }
    let input = body["input"].as_str().unwrap_or("");
    let mut text = super::prompt_reply(input);
    let mut reason = "eos_token";
    if let Some(limit) = body["parameters"]["max_new_tokens"].as_u64() {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() > limit as usize {
            text = words[..limit as usize].join(" ");
            reason = "max_tokens";
        }
    }
    let model = body["model_id"].as_str().unwrap_or("deployed-model");
    let input_tokens = input.split_whitespace().count();
    let output_tokens = text.split_whitespace().count().max(1);
    let result = |text: &str, reason: &str| {
        json!({"model_id": model, "model_version": "2.1.0", "created_at": "2025-02-11T22:12:07.243Z",
               "results": [{"generated_text": text, "generated_token_count": output_tokens,
                            "input_token_count": input_tokens, "stop_reason": reason, "seed": 123}]})
    };
    if !stream {
        return Json(result(&text, reason)).into_response();
    }
    let chunks = header(headers, "x-mock-chunks")
        .and_then(|n| n.parse().ok())
        .unwrap_or(4usize);
    let mut steps = Vec::new();
    let mut id = 0;
    let mut event = |value: Value| {
        id += 1;
        Step::Send(format!("id: {id}\nevent: message\ndata: {value}\n\n"))
    };
    for piece in split_even(&text, chunks) {
        steps.push(event(result(&piece, "not_finished")));
    }
    if fault == Some("stream-error") {
        steps.push(event(
            json!({"errors": [{"code": "internal_error", "message": "Model failed mid-generation"}],
                                "trace": "6901dbe1", "status_code": 500}),
        ));
    } else {
        steps.push(event(result("", reason)));
    }
    steps.push(Step::Send("id: 99\nevent: close\ndata: {}\n\n".to_owned()));
    stream_response(steps)
}
