//! The mock's Cohere v2 chat API (`POST .../v2/chat`), from Cohere's API reference: the chat
//! response with content blocks and `usage.tokens`, the typed SSE events (message-start,
//! content-start/delta/end, tool-call-start/delta/end, message-end), and `{"message": ...}`
//! error bodies. A request with tools calls the first tool.

use super::{header, split_even, stream_response, Step};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

fn fault_response(fault: &str) -> Option<Response> {
    let (status, message) = match fault {
        "400" => (
            StatusCode::BAD_REQUEST,
            "invalid request: message must not be empty",
        ),
        "401" => (StatusCode::UNAUTHORIZED, "invalid api token"),
        "404" => (StatusCode::NOT_FOUND, "model 'command-missing' not found"),
        "429" => (
            StatusCode::TOO_MANY_REQUESTS,
            "You are using a Trial key, which is limited to 10 API calls / minute.",
        ),
        "500" => (StatusCode::INTERNAL_SERVER_ERROR, "internal server error"),
        _ => return None,
    };
    Some((status, Json(json!({"id": "err_1", "message": message}))).into_response())
}

pub fn handle(body: &Value, headers: &HeaderMap, fault: Option<&str>) -> Response {
    if let Some(response) = fault.and_then(fault_response) {
        return response;
    }
    let last_user = super::last_user(&body["messages"])
        .and_then(|m| m["content"].as_str())
        .unwrap_or("");
    let text = super::reply_text(last_user);
    let tool = super::first_tool(body);
    let output = super::output_tokens(&text, tool.is_some());
    let usage = json!({"billed_units": {"input_tokens": 3, "output_tokens": output},
                       "tokens": {"input_tokens": 9, "output_tokens": output}});
    let finish = if tool.is_some() {
        "TOOL_CALL"
    } else {
        "COMPLETE"
    };
    if !body["stream"].as_bool().unwrap_or(false) {
        let message = match &tool {
            Some(name) => json!({"role": "assistant", "tool_plan": "I will call the tool.",
                "tool_calls": [{"id": "call_mock_1", "type": "function",
                                "function": {"name": name, "arguments": "{\"city\":\"Paris\"}"}}]}),
            None => json!({"role": "assistant", "content": [{"type": "text", "text": text}]}),
        };
        return Json(json!({"id": "mock-cohere-1", "finish_reason": finish, "message": message, "usage": usage}))
            .into_response();
    }
    let event = |name: &str, data: Value| Step::Send(format!("event: {name}\ndata: {data}\n\n"));
    let mut steps = vec![event(
        "message-start",
        json!({"id": "mock-cohere-1", "type": "message-start",
        "delta": {"message": {"role": "assistant", "content": [], "tool_plan": "", "tool_calls": []}}}),
    )];
    match &tool {
        Some(name) => {
            steps.push(event(
                "tool-call-start",
                json!({"type": "tool-call-start", "index": 0,
                "delta": {"message": {"tool_calls": {"id": "call_mock_1", "type": "function",
                    "function": {"name": name, "arguments": ""}}}}}),
            ));
            for piece in ["{\"city\":", "\"Paris\"}"] {
                steps.push(event(
                    "tool-call-delta",
                    json!({"type": "tool-call-delta", "index": 0,
                    "delta": {"message": {"tool_calls": {"function": {"arguments": piece}}}}}),
                ));
            }
            steps.push(event(
                "tool-call-end",
                json!({"type": "tool-call-end", "index": 0}),
            ));
        }
        None => {
            steps.push(event(
                "content-start",
                json!({"type": "content-start", "index": 0,
                "delta": {"message": {"content": {"type": "text", "text": ""}}}}),
            ));
            let chunks = header(headers, "x-mock-chunks")
                .and_then(|n| n.parse().ok())
                .unwrap_or(4usize);
            for piece in split_even(&text, chunks) {
                steps.push(event(
                    "content-delta",
                    json!({"type": "content-delta", "index": 0,
                    "delta": {"message": {"content": {"text": piece}}}}),
                ));
            }
            steps.push(event(
                "content-end",
                json!({"type": "content-end", "index": 0}),
            ));
        }
    }
    steps.push(event(
        "message-end",
        json!({"type": "message-end",
        "delta": {"finish_reason": finish, "usage": usage}}),
    ));
    stream_response(steps)
}
