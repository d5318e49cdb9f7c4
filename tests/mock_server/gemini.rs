//! The mock's Google side, from the Gemini and Vertex AI API references:
//! `POST .../models/{model}:generateContent` and `:streamGenerateContent?alt=sse` (SSE events
//! that are each a whole response, the last one with `finishReason` and full usage), Google's
//! pretty-printed `{"error": {...}}` bodies, and an OAuth token endpoint (`POST .../token`)
//! that answers a JWT-bearer grant with an access token (`.../token-fail` refuses it).

use super::{header, split_even, stream_response, Step};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

static TOKENS_ISSUED: AtomicU64 = AtomicU64::new(0);

fn google_error(status: StatusCode, message: &str, code_name: &str) -> Response {
    let body = json!({"error": {"code": status.as_u16(), "message": message, "status": code_name}});
    let text = serde_json::to_string_pretty(&body).unwrap();
    (
        status,
        [("content-type", "application/json; charset=UTF-8")],
        text,
    )
        .into_response()
}

fn fault_response(fault: &str) -> Option<Response> {
    Some(match fault {
        "400" => google_error(
            StatusCode::BAD_REQUEST,
            "Invalid JSON payload received.",
            "INVALID_ARGUMENT",
        ),
        "400-key" => google_error(
            StatusCode::BAD_REQUEST,
            "API key not valid. Please pass a valid API key.",
            "INVALID_ARGUMENT",
        ),
        "401" => google_error(
            StatusCode::UNAUTHORIZED,
            "Request had invalid authentication credentials.",
            "UNAUTHENTICATED",
        ),
        "403" => google_error(
            StatusCode::FORBIDDEN,
            "Permission denied on resource project p.",
            "PERMISSION_DENIED",
        ),
        "404" => google_error(
            StatusCode::NOT_FOUND,
            "models/missing is not found for API version v1beta.",
            "NOT_FOUND",
        ),
        "429" => google_error(
            StatusCode::TOO_MANY_REQUESTS,
            "You exceeded your current quota, please check your plan and billing details.",
            "RESOURCE_EXHAUSTED",
        ),
        "500" => google_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error encountered.",
            "INTERNAL",
        ),
        "503" => google_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "The model is overloaded. Please try again later.",
            "UNAVAILABLE",
        ),
        _ => return None,
    })
}

/// The OAuth token endpoint.
pub fn token(path: &str, form: &Value) -> Response {
    let form = form.as_str().unwrap_or("");
    if path.ends_with("/token-fail")
        || !form.contains("assertion=") && !form.contains("refresh_token=")
    {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant", "error_description": "Invalid JWT Signature."})),
        )
            .into_response();
    }
    let n = TOKENS_ISSUED.fetch_add(1, Ordering::Relaxed) + 1;
    Json(json!({"access_token": format!("ya29.mock-token-{n}"), "expires_in": 3599, "token_type": "Bearer"}))
        .into_response()
}

pub fn handle(
    path: &str,
    body: &Value,
    headers: &HeaderMap,
    stream: bool,
    fault: Option<&str>,
) -> Response {
    if let Some(response) = fault.and_then(fault_response) {
        return response;
    }
    let model = path
        .rsplit("/models/")
        .next()
        .and_then(|m| m.split(':').next())
        .unwrap_or("gemini")
        .to_owned();
    let last_user = super::last_user(&body["contents"])
        .filter(|c| c["parts"].is_array())
        .map(|c| super::content_text(&c["parts"], ""))
        .unwrap_or_default();
    let text = super::reply_text(&last_user);
    let tool = body["tools"][0]["function_declarations"][0]["name"]
        .as_str()
        .map(str::to_owned);
    let output = super::output_tokens(&text, tool.is_some());
    let usage = header(headers, "x-mock-usage")
        .and_then(|u| serde_json::from_str(u).ok())
        .unwrap_or_else(|| {
            json!({"promptTokenCount": 9, "candidatesTokenCount": output, "totalTokenCount": 9 + output,
                   "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 9}]})
        });
    // Google Search grounding: the answer's one sentence cites the second of two pages.
    let searches = body["tools"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|t| t.get("googleSearch").is_some() || t.get("google_search").is_some());
    let grounding = json!({
        "webSearchQueries": ["mock query"],
        "groundingChunks": [{"web": {"uri": "https://a.example/", "title": "a.example"}},
                            {"web": {"uri": "https://b.example/", "title": "b.example"}}],
        "groundingSupports": [{"segment": {"startIndex": 0, "endIndex": text.len(), "text": text},
                               "groundingChunkIndices": [1]}],
    });
    let response = |parts: Value, finish: Option<&str>, usage: Value| {
        let mut candidate = json!({"content": {"role": "model", "parts": parts}, "index": 0});
        if let Some(finish) = finish {
            candidate["finishReason"] = json!(finish);
            candidate["safetyRatings"] =
                json!([{"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"}]);
            if searches {
                candidate["groundingMetadata"] = grounding.clone();
            }
        }
        json!({"candidates": [candidate], "usageMetadata": usage, "modelVersion": model, "responseId": "mock-resp-1"})
    };
    if fault == Some("blocked") {
        return Json(json!({"promptFeedback": {"blockReason": "SAFETY"},
                           "usageMetadata": {"promptTokenCount": 8, "totalTokenCount": 8}, "modelVersion": model}))
            .into_response();
    }
    let call = |name: &str| json!([{"functionCall": {"name": name, "args": {"city": "Paris"}}}]);
    // Asked for images (`responseModalities`), the mock draws a one-pixel PNG after its text.
    let draws = body["generationConfig"]["responseModalities"]
        .as_array()
        .is_some_and(|m| m.iter().any(|m| m == "IMAGE"));
    let picture = json!({"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}});
    if !stream {
        let parts = match &tool {
            Some(name) => call(name),
            None if draws => json!([{"text": text}, picture]),
            None => json!([{"text": text}]),
        };
        return Json(response(parts, Some("STOP"), usage)).into_response();
    }
    let event = |value: Value| Step::Send(format!("data: {value}\r\n\r\n"));
    let mut steps = Vec::new();
    match &tool {
        Some(name) => steps.push(event(response(call(name), Some("STOP"), usage))),
        None => {
            let chunks = header(headers, "x-mock-chunks")
                .and_then(|n| n.parse().ok())
                .unwrap_or(4usize);
            let pieces = split_even(&text, chunks);
            let last = pieces.len() - 1;
            for (i, piece) in pieces.into_iter().enumerate() {
                let partial = json!({"promptTokenCount": 9, "totalTokenCount": 9});
                let (finish, usage) = if i == last {
                    (Some("STOP"), usage.clone())
                } else {
                    (None, partial)
                };
                let mut parts = json!([{ "text": piece }]);
                if i == last && draws {
                    parts.as_array_mut().unwrap().push(picture.clone());
                }
                steps.push(event(response(parts, finish, usage)));
            }
        }
    }
    if fault == Some("stream-error") {
        steps.truncate(1);
        steps.push(event(json!({"error": {"code": 500, "message": "Internal error encountered.", "status": "INTERNAL"}})));
    }
    stream_response(steps)
}
