//! `ferrolite-mock`: a local provider that speaks OpenAI's wire format, for tests, the README
//! demo and the benches. It listens on 127.0.0.1 (port 0 picks a free one) and prints
//! `FERROLITE_MOCK_LISTENING http://127.0.0.1:PORT` once ready.
//!
//! Behaviour is chosen per request, so one server serves every test:
//! - `x-mock-fault` header, or a model named `fault-<kind>`: `429` (with `Retry-After` from
//!   `x-mock-retry-after`, default 0), `500`, `503`, `401`, `404`, `400-context`,
//!   `400-content-policy`, `400-content-filter` (Azure's), `hang` (no answer for 30 s), `slow-first-byte` (waits
//!   `x-mock-delay-ms`, default 300, then answers), `malformed` (a 200 that is not JSON),
//!   `truncate` (stream cut inside an event), `disconnect` (connection dropped mid-stream),
//!   `stream-error` (an error event mid-stream).
//! - `x-mock-fail-times: K` with `x-mock-key: ID`: the fault applies to the first K requests
//!   carrying that key, then the server answers normally (for retry tests).
//! - `x-mock-chunks: N`: stream the answer in N content chunks (default 4).
//! - `x-mock-usage: <json>`: the `usage` object to report instead of the word counts (for
//!   cache, reasoning and audio token details).
//! - A last user message starting `echo:` is answered with the rest of it; a request with
//!   `tools` (and `tool_choice` not "none") is answered with a call to the first tool.
//! - `POST .../v1/messages` speaks Anthropic's Messages API instead (see `anthropic.rs`), and
//!   `POST .../api/chat` / `.../api/generate` Ollama's (see `ollama.rs`), and `POST .../v2/chat`
//!   Cohere's (see `cohere.rs`), `POST .../model/{id}/converse[-stream]` Bedrock's (see
//!   `bedrock.rs`), and `POST .../models/{m}:generateContent` Gemini's, with an OAuth token
//!   endpoint at `POST .../token` (see `gemini.rs`), and `POST /ml/v1/text/chat` and `/text/generation` watsonx's, with
//!   IBM's IAM at `POST /identity/token` (see `watsonx.rs`), and any body with `inputs` TGI's
//!   text API, with Hub files at `GET /{repo}/raw/main/...` (see `tgi.rs`).
//! - `GET /__mock/requests` lists the last 1000 requests (method, path, query, headers, body);
//!   `DELETE /__mock/requests` forgets them.

mod anthropic;
mod bedrock;
mod bedrock_invoke;
mod cohere;
mod gemini;
mod ollama;
mod tgi;
mod watsonx;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const DEFAULT_ANSWER: &str = "Hello from the Ferrolite mock provider! This is a streamed answer.";
const RECORD_LIMIT: usize = 1000;

#[derive(Default)]
struct Mock {
    requests: Mutex<VecDeque<Value>>,
    failures: Mutex<HashMap<String, u32>>,
}

type Shared = Arc<Mock>;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut port = 0u16;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--port" {
            port = args
                .next()
                .and_then(|p| p.parse().ok())
                .expect("--port takes a number");
        }
    }
    let app = Router::new()
        .route(
            "/__mock/requests",
            get(list_requests).delete(clear_requests),
        )
        .fallback(any(handle))
        .with_state(Shared::default());
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    println!("FERROLITE_MOCK_LISTENING http://{addr}");
    std::io::stdout().flush().ok();
    // Small SSE events must leave at once, not wait for Nagle against the client's delayed ACK.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await.expect("serve");
}

async fn list_requests(State(mock): State<Shared>) -> Json<Value> {
    Json(Value::Array(
        mock.requests.lock().unwrap().iter().cloned().collect(),
    ))
}

async fn clear_requests(State(mock): State<Shared>) -> StatusCode {
    mock.requests.lock().unwrap().clear();
    StatusCode::NO_CONTENT
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn record(mock: &Mock, method: &Method, uri: &Uri, headers: &HeaderMap, body: &Value, raw: &[u8]) {
    let headers: serde_json::Map<String, Value> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                Value::String(String::from_utf8_lossy(v.as_bytes()).into()),
            )
        })
        .collect();
    let mut log = mock.requests.lock().unwrap();
    if log.len() == RECORD_LIMIT {
        log.pop_front();
    }
    log.push_back(json!({
        "method": method.as_str(), "path": uri.path(), "query": uri.query(), "headers": headers, "body": body,
        // What a SigV4 verifier hashes: the exact bytes received.
        "body_sha256": hex(ring::digest::digest(&ring::digest::SHA256, raw).as_ref()),
    }));
}

/// A 1x1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Media for download tests: `/media/cat.png` (typed by header), `/media/photo` (typed only by
/// its bytes), `/media/hop` (a redirect to the PNG); anything else 404s.
fn media_file(path: &str) -> Response {
    match path {
        "/media/cat.png" => ([("content-type", "image/png")], PNG).into_response(),
        "/media/photo" => ([("content-type", "application/octet-stream")], PNG).into_response(),
        "/media/hop" => (StatusCode::FOUND, [("location", "/media/cat.png")]).into_response(),
        _ => (StatusCode::NOT_FOUND, "no such media").into_response(),
    }
}

/// What every dialect's mock answers: the rest of a last user message starting `echo:`, else
/// the default answer.
pub fn reply_text(last_user: &str) -> String {
    last_user
        .strip_prefix("echo:")
        .map_or_else(|| DEFAULT_ANSWER.to_owned(), str::to_owned)
}

/// The last user turn of a body's `messages` (or Gemini's `contents`).
pub fn last_user(turns: &Value) -> Option<&Value> {
    turns.as_array()?.iter().rev().find(|t| t["role"] == "user")
}

/// Content as text: a string as it is, a list of blocks as their `text`s joined by `separator`.
pub fn content_text(content: &Value, separator: &str) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(blocks) => blocks
            .iter()
            .filter_map(|b| b["text"].as_str())
            .collect::<Vec<_>>()
            .join(separator),
        _ => String::new(),
    }
}

/// The tool an OpenAI-shaped request offers first, which the mocks call when there is one.
pub fn first_tool(body: &Value) -> Option<String> {
    body["tools"][0]["function"]["name"]
        .as_str()
        .map(str::to_owned)
}

/// Output tokens the mocks report: a word count, or 8 for a tool call.
pub fn output_tokens(text: &str, calls_tool: bool) -> usize {
    if calls_tool {
        8
    } else {
        text.split_whitespace().count().max(1)
    }
}

/// What the text-completion mocks answer a rendered prompt: the text after its last `echo:` (up
/// to the template's next marker), else the default answer.
pub fn prompt_reply(prompt: &str) -> String {
    match prompt.rsplit_once("echo:") {
        Some((_, rest)) => rest
            .split(['<', '[', '\n'])
            .next()
            .unwrap_or("")
            .trim_end()
            .to_owned(),
        None => reply_text(""),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fault this request asks for, if it is still owed one.
fn fault_for(mock: &Mock, headers: &HeaderMap, body: &Value) -> Option<String> {
    let fault = header(headers, "x-mock-fault")
        .map(str::to_owned)
        .or_else(|| {
            body["model"]
                .as_str()
                .and_then(|m| m.strip_prefix("fault-"))
                .map(str::to_owned)
        })?;
    if let (Some(times), Some(key)) = (
        header(headers, "x-mock-fail-times"),
        header(headers, "x-mock-key"),
    ) {
        let limit: u32 = times.parse().unwrap_or(0);
        let mut failures = mock.failures.lock().unwrap();
        let seen = failures.entry(key.to_owned()).or_insert(0);
        if *seen >= limit {
            return None;
        }
        *seen += 1;
    }
    Some(fault)
}

fn error_body(status: StatusCode, message: &str, kind: &str, code: Value) -> Response {
    let body = json!({"error": {"message": message, "type": kind, "param": null, "code": code}});
    (status, [("x-request-id", "req_mock_error")], Json(body)).into_response()
}

async fn handle(
    State(mock): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let body: Value = serde_json::from_slice(&raw)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&raw).into()));
    record(&mock, &method, &uri, &headers, &body, &raw);
    // Vertex's `:rawPredict` / `:streamRawPredict` take Anthropic's body for Claude and
    // OpenAI's for the other partners (Mistral, AI21).
    let raw_predict =
        uri.path().ends_with(":rawPredict") || uri.path().ends_with(":streamRawPredict");
    let vertex_claude = raw_predict && uri.path().contains("/publishers/anthropic/");
    if method == Method::POST && (uri.path().ends_with("/v1/messages") || vertex_claude) {
        let fault = fault_for(&mock, &headers, &body);
        return anthropic::handle(&body, &headers, fault.as_deref()).await;
    }
    if method == Method::GET && uri.path().starts_with("/media/") {
        return media_file(uri.path());
    }
    if method == Method::GET && uri.path().contains("/raw/main/") {
        return tgi::hub_file(uri.path())
            .unwrap_or_else(|| (StatusCode::NOT_FOUND, "Entry not found").into_response());
    }
    if method == Method::POST && body.get("inputs").is_some_and(Value::is_string) {
        let fault = fault_for(&mock, &headers, &body);
        return tgi::handle(uri.path(), &body, &headers, fault.as_deref());
    }
    if method == Method::POST && uri.path().ends_with("/identity/token") {
        return watsonx::iam_token(&body);
    }
    if method == Method::POST
        && (uri.path().ends_with("/text/generation")
            || uri.path().ends_with("/text/generation_stream"))
    {
        let fault = fault_for(&mock, &headers, &body);
        let stream = uri.path().ends_with("/generation_stream");
        return watsonx::handle_text(&body, &headers, stream, fault.as_deref());
    }
    if method == Method::POST
        && (uri.path().ends_with("/text/chat") || uri.path().ends_with("/text/chat_stream"))
    {
        let fault = fault_for(&mock, &headers, &body);
        let stream = uri.path().ends_with("/chat_stream");
        return watsonx::handle(&body, &headers, stream, fault.as_deref());
    }
    if method == Method::POST
        && (uri.path().ends_with("/token") || uri.path().ends_with("/token-fail"))
    {
        return gemini::token(uri.path(), &body);
    }
    if method == Method::POST
        && (uri.path().ends_with(":generateContent")
            || uri.path().ends_with(":streamGenerateContent"))
    {
        let fault = fault_for(&mock, &headers, &body);
        let stream = uri.path().ends_with(":streamGenerateContent");
        return gemini::handle(uri.path(), &body, &headers, stream, fault.as_deref());
    }
    if method == Method::POST && uri.path().ends_with("/sts") {
        return bedrock::sts(&headers, &raw);
    }
    if method == Method::POST
        && (uri.path().ends_with("/invoke") || uri.path().ends_with("/invoke-with-response-stream"))
    {
        let fault = fault_for(&mock, &headers, &body);
        let stream = uri.path().ends_with("/invoke-with-response-stream");
        return bedrock_invoke::handle(uri.path(), &body, &headers, stream, fault.as_deref());
    }
    if method == Method::POST
        && (uri.path().ends_with("/converse") || uri.path().ends_with("/converse-stream"))
    {
        let fault = fault_for(&mock, &headers, &body);
        let stream = uri.path().ends_with("/converse-stream");
        return bedrock::handle(&body, &headers, stream, fault.as_deref());
    }
    if method == Method::POST && uri.path().ends_with("/v2/chat") {
        let fault = fault_for(&mock, &headers, &body);
        return cohere::handle(&body, &headers, fault.as_deref());
    }
    if method == Method::POST
        && (uri.path().ends_with("/api/chat") || uri.path().ends_with("/api/generate"))
    {
        let fault = fault_for(&mock, &headers, &body);
        return ollama::handle(
            &body,
            &headers,
            uri.path().ends_with("/api/chat"),
            fault.as_deref(),
        );
    }
    let text_api =
        uri.path().ends_with("/completions") && !uri.path().ends_with("/chat/completions");
    let openai_chat = uri.path().ends_with("/chat/completions") || raw_predict;
    if method != Method::POST || !(openai_chat || text_api) {
        return error_body(
            StatusCode::NOT_FOUND,
            &format!("no route for {} {}", method, uri.path()),
            "invalid_request_error",
            json!("not_found"),
        );
    }
    let stream = body["stream"].as_bool().unwrap_or(false);
    let fault = fault_for(&mock, &headers, &body);
    match fault.as_deref() {
        Some("429") => {
            let retry_after = header(&headers, "x-mock-retry-after").unwrap_or("0").to_owned();
            let mut resp = error_body(StatusCode::TOO_MANY_REQUESTS, "Rate limit reached for requests", "requests", json!("rate_limit_exceeded"));
            resp.headers_mut().insert("retry-after", retry_after.parse().unwrap());
            return resp;
        }
        Some("500") => return error_body(StatusCode::INTERNAL_SERVER_ERROR, "The server had an error while processing your request.", "server_error", Value::Null),
        Some("503") => return error_body(StatusCode::SERVICE_UNAVAILABLE, "The engine is currently overloaded, please try again later.", "server_error", Value::Null),
        Some("401") => return error_body(StatusCode::UNAUTHORIZED, "Incorrect API key provided: sk-te***. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", json!("invalid_api_key")),
        Some("404") => return error_body(StatusCode::NOT_FOUND, "The model `missing` does not exist or you do not have access to it.", "invalid_request_error", json!("model_not_found")),
        Some("400-context") => return error_body(StatusCode::BAD_REQUEST, "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens. Please reduce the length of the messages.", "invalid_request_error", json!("context_length_exceeded")),
        Some("400-content-policy") => return error_body(StatusCode::BAD_REQUEST, "Your request was rejected as a result of our safety system.", "invalid_request_error", json!("content_policy_violation")),
        // Azure OpenAI's content filter refusal.
        Some("400-content-filter") => {
            let body = json!({"error": {"message": "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
                "type": null, "param": "prompt", "code": "content_filter", "status": 400,
                "innererror": {"code": "ResponsibleAIPolicyViolation", "content_filter_result": {"hate": {"filtered": true, "severity": "high"}}}}});
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
        Some("hang") => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            return error_body(StatusCode::GATEWAY_TIMEOUT, "hung", "server_error", Value::Null);
        }
        Some("slow-first-byte") => {
            let delay = header(&headers, "x-mock-delay-ms").and_then(|d| d.parse().ok()).unwrap_or(300);
            tokio::time::sleep(Duration::from_millis(delay)).await;
        }
        Some("malformed") if !stream => {
            return (StatusCode::OK, [("content-type", "application/json")], "this is not json {").into_response();
        }
        _ => {}
    }
    let mut answer = Answer::for_request(&body, text_api);
    answer.usage_override =
        header(&headers, "x-mock-usage").and_then(|u| serde_json::from_str(u).ok());
    if stream {
        let chunks = header(&headers, "x-mock-chunks")
            .and_then(|n| n.parse().ok())
            .unwrap_or(4usize);
        return stream_response(answer.stream_events(&body, chunks, fault.as_deref()));
    }
    let mut resp = Json(answer.full(&body)).into_response();
    let h = resp.headers_mut();
    h.insert("x-request-id", "req_mock_1".parse().unwrap());
    h.insert("x-ratelimit-remaining-requests", "99".parse().unwrap());
    resp
}

/// What the mock says back to one request.
struct Answer {
    model: Value,
    text: String,
    tool: Option<String>,
    prompt_tokens: usize,
    text_api: bool,
    usage_override: Option<Value>,
}

impl Answer {
    fn for_request(body: &Value, text_api: bool) -> Self {
        let messages = body["messages"].as_array().cloned().unwrap_or_default();
        let content_text = |m: &Value| content_text(&m["content"], " ");
        let prompt = if text_api {
            match &body["prompt"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }
        } else {
            messages
                .iter()
                .map(content_text)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let last_user = if text_api {
            prompt.clone()
        } else {
            last_user(&body["messages"])
                .map(content_text)
                .unwrap_or_default()
        };
        let text = reply_text(&last_user);
        let wants_tool = body["tools"].as_array().is_some_and(|t| !t.is_empty())
            && body["tool_choice"] != "none";
        let tool = wants_tool.then(|| {
            body["tools"][0]["function"]["name"]
                .as_str()
                .unwrap_or("tool")
                .to_owned()
        });
        Self {
            model: body["model"].clone(),
            text,
            tool,
            prompt_tokens: prompt.split_whitespace().count().max(1),
            text_api,
            usage_override: None,
        }
    }

    fn usage(&self) -> Value {
        if let Some(usage) = &self.usage_override {
            return usage.clone();
        }
        let completion = output_tokens(&self.text, self.tool.is_some());
        json!({"prompt_tokens": self.prompt_tokens, "completion_tokens": completion,
               "total_tokens": self.prompt_tokens + completion})
    }

    fn full(&self, body: &Value) -> Value {
        let n = body["n"].as_u64().unwrap_or(1);
        let choices: Vec<Value> = (0..n)
            .map(|index| {
                if self.text_api {
                    return json!({"index": index, "text": self.text, "logprobs": null, "finish_reason": "stop"});
                }
                match &self.tool {
                    Some(name) => json!({"index": index, "finish_reason": "tool_calls", "logprobs": null, "message": {
                        "role": "assistant", "content": null, "refusal": null,
                        "tool_calls": [{"id": "call_mock_1", "type": "function",
                                        "function": {"name": name, "arguments": "{\"city\": \"Paris\"}"}}]}}),
                    None => json!({"index": index, "finish_reason": "stop", "logprobs": null,
                                   "message": {"role": "assistant", "content": self.text, "refusal": null}}),
                }
            })
            .collect();
        let object = if self.text_api {
            "text_completion"
        } else {
            "chat.completion"
        };
        json!({"id": "chatcmpl-mock123", "object": object, "created": 1_700_000_000, "model": self.model,
               "system_fingerprint": "fp_mock", "choices": choices, "usage": self.usage()})
    }

    fn chunk(&self, delta: Value, finish: Value) -> String {
        let choice = if self.text_api {
            json!({"index": 0, "text": delta["content"].as_str().unwrap_or(""), "finish_reason": finish})
        } else {
            json!({"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish})
        };
        let object = if self.text_api {
            "text_completion"
        } else {
            "chat.completion.chunk"
        };
        let chunk = json!({"id": "chatcmpl-mock123", "object": object, "created": 1_700_000_000,
                           "model": self.model, "system_fingerprint": "fp_mock", "choices": [choice]});
        format!("data: {chunk}\n\n")
    }

    /// The SSE body, as events; a fault turns the tail into a cut, a drop or an error event.
    fn stream_events(&self, body: &Value, chunks: usize, fault: Option<&str>) -> Vec<Step> {
        let mut events = Vec::new();
        match &self.tool {
            Some(name) => {
                events.push(self.chunk(json!({"role": "assistant", "content": null, "tool_calls": [
                    {"index": 0, "id": "call_mock_1", "type": "function", "function": {"name": name, "arguments": ""}}]}), Value::Null));
                for piece in ["{\"city\": ", "\"Paris\"}"] {
                    events.push(self.chunk(
                        json!({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}),
                        Value::Null,
                    ));
                }
                events.push(self.chunk(json!({}), json!("tool_calls")));
            }
            None => {
                events.push(self.chunk(
                    json!({"role": "assistant", "content": "", "refusal": null}),
                    Value::Null,
                ));
                for piece in split_even(&self.text, chunks) {
                    events.push(self.chunk(json!({"content": piece}), Value::Null));
                }
                events.push(self.chunk(json!({}), json!("stop")));
            }
        }
        if body["stream_options"]["include_usage"] == true {
            let usage = json!({"id": "chatcmpl-mock123", "object": "chat.completion.chunk", "created": 1_700_000_000,
                               "model": self.model, "choices": [], "usage": self.usage()});
            events.push(format!("data: {usage}\n\n"));
        }
        events.push("data: [DONE]\n\n".to_owned());
        let mut steps: Vec<Step> = events.into_iter().map(Step::Send).collect();
        match fault {
            Some("truncate") => {
                steps.truncate(2);
                steps.push(Step::Send(
                    "data: {\"id\": \"chatcmpl-mock123\", \"choi".to_owned(),
                ));
            }
            Some("disconnect") => {
                steps.truncate(2);
                steps.push(Step::Drop);
                return steps;
            }
            Some("malformed") => {
                steps.truncate(2);
                steps.push(Step::Send("data: {not json at all}\n\n".to_owned()));
            }
            Some("stream-error") => {
                steps.truncate(2);
                steps.push(Step::Send("data: {\"error\": {\"message\": \"Internal error mid-stream\", \"type\": \"server_error\"}}\n\n".to_owned()));
            }
            _ => {}
        }
        steps
    }
}

/// `text` in `n` pieces of nearly equal length (whole characters).
fn split_even(text: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let n = n.clamp(1, chars.len().max(1));
    let (size, extra) = (chars.len() / n, chars.len() % n);
    let mut pieces = Vec::with_capacity(n);
    let mut start = 0;
    for i in 0..n {
        let len = size + usize::from(i < extra);
        pieces.push(chars[start..start + len].iter().collect());
        start += len;
    }
    pieces
}

enum Step {
    Send(String),
    /// Bytes of a binary framing (Bedrock's event-stream).
    Binary(Vec<u8>),
    /// Waits, so everything before it is flushed to the client, then kills the connection.
    Drop,
}

fn stream_response(steps: Vec<Step>) -> Response {
    use futures_util::StreamExt;
    // hyper drops bytes it has not flushed when a body fails, so a stream that will be cut
    // pauses before each event: each one is on the wire before the next is produced.
    let paced = steps.iter().any(|s| matches!(s, Step::Drop));
    let stream = futures_util::stream::iter(steps).then(move |step| async move {
        match step {
            Step::Send(text) => {
                if paced {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Ok(Bytes::from(text))
            }
            Step::Binary(bytes) => Ok(Bytes::from(bytes)),
            Step::Drop => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "mock disconnect",
                ))
            }
        }
    });
    let mut resp = Body::from_stream(stream).into_response();
    let h = resp.headers_mut();
    h.insert("content-type", "text/event-stream".parse().unwrap());
    h.insert("x-request-id", "req_mock_stream".parse().unwrap());
    resp
}
