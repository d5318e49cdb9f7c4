//! The mock's Anthropic Messages API (`POST .../v1/messages`), from Anthropic's API reference:
//! message bodies, the SSE event sequence (message_start, content_block_*, message_delta,
//! message_stop, ping), tool_use and thinking blocks, and `{"type":"error"}` error bodies.
//!
//! It answers the last user text (or `echo:` text) like the OpenAI side; a request with tools
//! calls the first tool; a request with `thinking` thinks first. Faults use the same header.

use super::{header, split_even, stream_response, Step};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::time::Duration;

fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    let body = json!({"type": "error", "error": {"type": kind, "message": message}});
    (status, [("request-id", "req_mock_error")], Json(body)).into_response()
}

/// The Anthropic error for a fault name, if the fault is one.
pub fn fault_response(fault: &str) -> Option<Response> {
    Some(match fault {
        "400" => error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "messages: roles must alternate",
        ),
        "400-context" => error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            "prompt is too long: 250000 tokens > 200000 maximum",
        ),
        "401" => error(
            StatusCode::UNAUTHORIZED,
            "authentication_error",
            "invalid x-api-key",
        ),
        "403" => error(
            StatusCode::FORBIDDEN,
            "permission_error",
            "Your API key does not have permission to use the specified resource.",
        ),
        "404" => error(
            StatusCode::NOT_FOUND,
            "not_found_error",
            "model: claude-missing",
        ),
        "413" => error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request_too_large",
            "Request exceeds the maximum allowed number of bytes.",
        ),
        "429" => error(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_error",
            "Number of request tokens has exceeded your per-minute rate limit",
        ),
        "500" => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "api_error",
            "Internal server error",
        ),
        "529" => error(
            StatusCode::from_u16(529).unwrap(),
            "overloaded_error",
            "Overloaded",
        ),
        _ => return None,
    })
}

/// The text of the first `document` block that asks for citations.
fn cites_documents(messages: &[Value]) -> Option<String> {
    messages
        .iter()
        .flat_map(|m| m["content"].as_array().into_iter().flatten())
        .find(|b| b["type"] == "document" && b["citations"]["enabled"] == true)
        .map(|b| b["source"]["data"].as_str().unwrap_or("").to_owned())
}

/// A `char_location` citation of the whole of the first document.
fn citation(cited: &str) -> Value {
    json!({"type": "char_location", "cited_text": cited, "document_index": 0,
           "document_title": null, "start_char_index": 0, "end_char_index": cited.chars().count()})
}

struct Reply {
    model: Value,
    text: String,
    tool: Option<String>,
    thinking: bool,
    /// The first document sent with citations enabled, which the answer then cites.
    cites: Option<String>,
    input_tokens: usize,
    usage_override: Option<Value>,
}

impl Reply {
    fn new(body: &Value, headers: &HeaderMap) -> Self {
        let text_of = |content: &Value| super::content_text(content, " ");
        let messages = body["messages"].as_array().cloned().unwrap_or_default();
        let last_user = super::last_user(&body["messages"])
            .map(|m| text_of(&m["content"]))
            .unwrap_or_default();
        let prompt: String = messages
            .iter()
            .map(|m| text_of(&m["content"]))
            .collect::<Vec<_>>()
            .join(" ");
        let wants_tool = body["tools"].as_array().is_some_and(|t| !t.is_empty())
            && body["tool_choice"]["type"] != "none";
        Self {
            model: body["model"].clone(),
            text: super::reply_text(&last_user),
            // A forced tool (LiteLLM's JSON mode forces its own, listed last) is the one called.
            tool: wants_tool.then(|| {
                body["tool_choice"]["name"]
                    .as_str()
                    .or_else(|| body["tools"][0]["name"].as_str())
                    .unwrap_or("tool")
                    .to_owned()
            }),
            cites: cites_documents(&messages),
            thinking: body["thinking"]["type"] == "enabled",
            input_tokens: prompt.split_whitespace().count().max(1),
            usage_override: header(headers, "x-mock-usage")
                .and_then(|u| serde_json::from_str(u).ok()),
        }
    }

    fn output_tokens(&self) -> usize {
        super::output_tokens(&self.text, self.tool.is_some())
    }

    fn usage(&self) -> Value {
        self.usage_override.clone().unwrap_or_else(|| {
            json!({"input_tokens": self.input_tokens, "output_tokens": self.output_tokens(),
                   "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0})
        })
    }

    fn stop_reason(&self) -> &'static str {
        if self.tool.is_some() {
            "tool_use"
        } else {
            "end_turn"
        }
    }

    fn full(&self) -> Value {
        let mut content = Vec::new();
        if self.thinking {
            content.push(
                json!({"type": "thinking", "thinking": "Let me think.", "signature": "sig_mock"}),
            );
        }
        match &self.tool {
            Some(name) => content.push(
                json!({"type": "tool_use", "id": "toolu_mock_1", "name": name,
                                              "input": {"city": "Paris"}}),
            ),
            None => {
                let mut block = json!({"type": "text", "text": self.text});
                if let Some(cited) = &self.cites {
                    block["citations"] = json!([citation(cited)]);
                }
                content.push(block);
            }
        }
        json!({"id": "msg_mock_1", "type": "message", "role": "assistant", "model": self.model,
               "content": content, "stop_reason": self.stop_reason(), "stop_sequence": null,
               "usage": self.usage()})
    }

    /// The stream's events, each named by its `type`.
    fn event_values(&self, chunks: usize) -> Vec<Value> {
        let event = |_name: &str, data: Value| data;
        let usage = self.usage();
        let mut start_usage = usage.clone();
        start_usage["output_tokens"] = json!(1);
        let mut steps = vec![
            event(
                "message_start",
                json!({"type": "message_start", "message": {
                "id": "msg_mock_1", "type": "message", "role": "assistant", "model": self.model,
                "content": [], "stop_reason": null, "stop_sequence": null, "usage": start_usage}}),
            ),
            event("ping", json!({"type": "ping"})),
        ];
        let mut index = 0;
        if self.thinking {
            steps.push(event(
                "content_block_start",
                json!({"type": "content_block_start", "index": index,
                "content_block": {"type": "thinking", "thinking": "", "signature": ""}}),
            ));
            steps.push(event(
                "content_block_delta",
                json!({"type": "content_block_delta", "index": index,
                "delta": {"type": "thinking_delta", "thinking": "Let me think."}}),
            ));
            steps.push(event(
                "content_block_delta",
                json!({"type": "content_block_delta", "index": index,
                "delta": {"type": "signature_delta", "signature": "sig_mock"}}),
            ));
            steps.push(event(
                "content_block_stop",
                json!({"type": "content_block_stop", "index": index}),
            ));
            index += 1;
        }
        match &self.tool {
            Some(name) => {
                steps.push(event("content_block_start", json!({"type": "content_block_start", "index": index,
                    "content_block": {"type": "tool_use", "id": "toolu_mock_1", "name": name, "input": {}}})));
                for piece in ["{\"city\": ", "\"Paris\"}"] {
                    steps.push(event(
                        "content_block_delta",
                        json!({"type": "content_block_delta", "index": index,
                        "delta": {"type": "input_json_delta", "partial_json": piece}}),
                    ));
                }
            }
            None => {
                steps.push(event(
                    "content_block_start",
                    json!({"type": "content_block_start", "index": index,
                    "content_block": {"type": "text", "text": ""}}),
                ));
                if let Some(cited) = &self.cites {
                    steps.push(event(
                        "content_block_delta",
                        json!({"type": "content_block_delta", "index": index,
                        "delta": {"type": "citations_delta", "citation": citation(cited)}}),
                    ));
                }
                for piece in split_even(&self.text, chunks) {
                    steps.push(event(
                        "content_block_delta",
                        json!({"type": "content_block_delta", "index": index,
                        "delta": {"type": "text_delta", "text": piece}}),
                    ));
                }
            }
        }
        steps.push(event(
            "content_block_stop",
            json!({"type": "content_block_stop", "index": index}),
        ));
        steps.push(event(
            "message_delta",
            json!({"type": "message_delta",
            "delta": {"stop_reason": self.stop_reason(), "stop_sequence": null},
            "usage": {"output_tokens": usage["output_tokens"]}}),
        ));
        steps.push(event("message_stop", json!({"type": "message_stop"})));
        steps
    }

    /// The stream as SSE, cut or broken as `fault` asks.
    fn events(&self, chunks: usize, fault: Option<&str>) -> Vec<Step> {
        let event = |data: Value| {
            let name = data["type"].as_str().unwrap_or("").to_owned();
            Step::Send(format!("event: {name}\ndata: {data}\n\n"))
        };
        let mut steps: Vec<Step> = self.event_values(chunks).into_iter().map(&event).collect();
        match fault {
            Some("stream-error") => {
                steps.truncate(4);
                steps.push(event(json!({"type": "error",
                    "error": {"type": "overloaded_error", "message": "Overloaded"}})));
            }
            Some("disconnect") => {
                steps.truncate(4);
                steps.push(Step::Drop);
            }
            _ => {}
        }
        steps
    }
}

pub async fn handle(body: &Value, headers: &HeaderMap, fault: Option<&str>) -> Response {
    if let Some(response) = fault.and_then(fault_response) {
        return response;
    }
    if fault == Some("hang") {
        tokio::time::sleep(Duration::from_secs(30)).await;
    }
    let reply = Reply::new(body, headers);
    if body["stream"].as_bool().unwrap_or(false) {
        let chunks = header(headers, "x-mock-chunks")
            .and_then(|n| n.parse().ok())
            .unwrap_or(4usize);
        return stream_response(reply.events(chunks, fault));
    }
    Json(reply.full()).into_response()
}

/// Claude on Bedrock's InvokeModel: the Messages reply, or its events as `chunk` frames with
/// Bedrock's invocation metrics on the last.
pub fn bedrock_invoke(body: &Value, headers: &HeaderMap, stream: bool) -> Response {
    let mut body = body.clone();
    body["model"] = json!("claude-mock");
    let reply = Reply::new(&body, headers);
    if !stream {
        return Json(reply.full()).into_response();
    }
    let mut events = reply.event_values(4);
    if let Some(last) = events.last_mut() {
        last["amazon-bedrock-invocationMetrics"] = json!({"inputTokenCount": reply.input_tokens, "outputTokenCount": reply.output_tokens()});
    }
    super::bedrock_invoke::chunk_stream(events)
}
