//! The mock's Bedrock InvokeModel (`POST /model/{id}/invoke` and
//! `/invoke-with-response-stream`), from AWS's model parameter references: each family's own
//! reply (Claude's Messages JSON, Nova's Converse JSON, Llama's `generation`, Mistral's
//! `outputs`, Titan's `results`, Cohere's `text`), token counts in the
//! `x-amzn-bedrock-*-token-count` headers, and streams of `chunk` events whose base64 `bytes`
//! hold the family's JSON, with `amazon-bedrock-invocationMetrics` on the last.

use super::{header, split_even, Step};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use ferrolite::http::event_stream::encode_frame;
use serde_json::{json, Value};

/// One `chunk` event carrying `payload`.
pub fn chunk(payload: &Value) -> Step {
    let bytes = base64::engine::general_purpose::STANDARD.encode(payload.to_string());
    Step::Binary(encode_frame(
        &[
            (":event-type", "chunk"),
            (":content-type", "application/json"),
            (":message-type", "event"),
        ],
        json!({"bytes": bytes}).to_string().as_bytes(),
    ))
}

/// A stream of `chunk` events.
pub fn chunk_stream(payloads: Vec<Value>) -> Response {
    super::bedrock::event_stream(payloads.iter().map(chunk).collect())
}

pub fn handle(
    path: &str,
    body: &Value,
    headers: &HeaderMap,
    stream: bool,
    fault: Option<&str>,
) -> Response {
    let id = path
        .trim_start_matches("/model/")
        .rsplit_once('/')
        .map_or("", |(id, _)| id);
    if id.contains("anthropic") {
        return super::anthropic::bedrock_invoke(body, headers, stream);
    }
    if id.contains("nova") {
        return super::bedrock::converse(body, headers, stream, fault, true);
    }
    let prompt = ["prompt", "inputText", "message"]
        .iter()
        .find_map(|k| body[*k].as_str())
        .unwrap_or("");
    let text = super::prompt_reply(prompt);
    let (input, output) = (
        prompt.split_whitespace().count(),
        text.split_whitespace().count(),
    );
    // Each family's reply, or one stream chunk of it, with its stop reason when it ends.
    let reply = |text: &str, stop: Option<&str>| -> Value {
        if id.contains("meta.") {
            json!({"generation": text, "prompt_token_count": input,
                   "generation_token_count": output, "stop_reason": stop})
        } else if id.contains("mistral.") {
            json!({"outputs": [{"text": text, "stop_reason": stop}]})
        } else if id.contains("titan") {
            json!({"inputTextTokenCount": input, "outputText": text, "completionReason": stop,
                   "results": [{"tokenCount": output, "outputText": text, "completionReason": stop}]})
        } else {
            json!({"text": text, "is_finished": stop.is_some(), "finish_reason": stop})
        }
    };
    let stop = if id.contains("titan") {
        "FINISH"
    } else if id.contains("cohere") {
        "COMPLETE"
    } else {
        "stop"
    };
    if !stream {
        let counts = [
            ("x-amzn-bedrock-input-token-count", input.to_string()),
            ("x-amzn-bedrock-output-token-count", output.to_string()),
        ];
        return (counts, Json(reply(&text, Some(stop)))).into_response();
    }
    let chunks = header(headers, "x-mock-chunks")
        .and_then(|n| n.parse().ok())
        .unwrap_or(4usize);
    let mut payloads: Vec<Value> = split_even(&text, chunks)
        .iter()
        .map(|piece| reply(piece, None))
        .collect();
    let mut last = reply("", Some(stop));
    last["amazon-bedrock-invocationMetrics"] = json!({"inputTokenCount": input, "outputTokenCount": output,
               "invocationLatency": 12, "firstByteLatency": 5});
    payloads.push(last);
    chunk_stream(payloads)
}
