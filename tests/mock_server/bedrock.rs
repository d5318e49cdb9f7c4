//! The mock's Bedrock runtime (`POST /model/{id}/converse` and `/converse-stream`), from AWS's
//! API reference: the Converse response, ConverseStream events in the binary event-stream
//! framing (with the random `p` padding field real payloads carry), exception frames, and
//! `{"message": ...}` errors with `x-amzn-ErrorType`. A request with tools calls the first one.

use super::{header, split_even, stream_response, Step};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use ferrolite::http::event_stream::encode_frame;
use serde_json::{json, Value};

fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    let error_type = format!("{kind}:http://internal.amazon.com/coral/com.amazon.bedrock/");
    (
        status,
        [
            ("x-amzn-ErrorType", error_type.as_str()),
            ("x-amzn-RequestId", "mock-request-id"),
        ],
        Json(json!({"message": message})),
    )
        .into_response()
}

fn fault_response(fault: &str) -> Option<Response> {
    Some(match fault {
        "400" => error(
            StatusCode::BAD_REQUEST,
            "ValidationException",
            "Malformed input request",
        ),
        "400-context" => error(
            StatusCode::BAD_REQUEST,
            "ValidationException",
            "Input is too long for requested model.",
        ),
        "401" | "403" => error(
            StatusCode::FORBIDDEN,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ),
        "403-access" => error(
            StatusCode::FORBIDDEN,
            "AccessDeniedException",
            "You don't have access to the model with the specified model ID.",
        ),
        "404" => error(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            "Model not found",
        ),
        "429" => error(
            StatusCode::TOO_MANY_REQUESTS,
            "ThrottlingException",
            "Too many requests, please wait before trying again.",
        ),
        "500" => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerException",
            "Internal error",
        ),
        "503" => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailableException",
            "Service unavailable",
        ),
        _ => return None,
    })
}

fn last_user_text(body: &Value) -> String {
    super::last_user(&body["messages"])
        .filter(|m| m["content"].is_array())
        .map(|m| super::content_text(&m["content"], " "))
        .unwrap_or_default()
}

pub fn handle(body: &Value, headers: &HeaderMap, stream: bool, fault: Option<&str>) -> Response {
    converse(body, headers, stream, fault, false)
}

/// Converse's reply; `invoked` streams its events as InvokeModel carries Nova's: wrapped by
/// name inside `chunk` frames.
pub fn converse(
    body: &Value,
    headers: &HeaderMap,
    stream: bool,
    fault: Option<&str>,
    invoked: bool,
) -> Response {
    if let Some(response) = fault.and_then(fault_response) {
        return response;
    }
    let text = super::reply_text(&last_user_text(body));
    let tool = body["toolConfig"]["tools"][0]["toolSpec"]["name"]
        .as_str()
        .map(str::to_owned);
    let output = super::output_tokens(&text, tool.is_some());
    let usage = header(headers, "x-mock-usage")
        .and_then(|u| serde_json::from_str(u).ok())
        .unwrap_or_else(
            || json!({"inputTokens": 11, "outputTokens": output, "totalTokens": 11 + output}),
        );
    let stop = if tool.is_some() {
        "tool_use"
    } else {
        "end_turn"
    };
    if !stream {
        let content = match &tool {
            Some(name) => json!([{"text": "Checking."},
                {"toolUse": {"toolUseId": "tooluse_mock_1", "name": name, "input": {"city": "Paris"}}}]),
            None => json!([{"text": text}]),
        };
        return (
            [("x-amzn-RequestId", "mock-request-id")],
            Json(
                json!({"output": {"message": {"role": "assistant", "content": content}},
                "stopReason": stop, "usage": usage, "metrics": {"latencyMs": 12}}),
            ),
        )
            .into_response();
    }
    let event = |kind: &str, payload: Value| {
        let mut payload = payload;
        payload["p"] = json!("abcdefghijklmnopqrstuvwxyzABCDEF");
        if invoked {
            return super::bedrock_invoke::chunk(&json!({ kind: payload }));
        }
        Step::Binary(encode_frame(
            &[
                (":event-type", kind),
                (":content-type", "application/json"),
                (":message-type", "event"),
            ],
            payload.to_string().as_bytes(),
        ))
    };
    let mut steps = vec![event("messageStart", json!({"role": "assistant"}))];
    match &tool {
        Some(name) => {
            steps.push(event(
                "contentBlockStart",
                json!({"contentBlockIndex": 0,
                "start": {"toolUse": {"toolUseId": "tooluse_mock_1", "name": name}}}),
            ));
            for piece in ["{\"city\":", "\"Paris\"}"] {
                steps.push(event(
                    "contentBlockDelta",
                    json!({"contentBlockIndex": 0,
                    "delta": {"toolUse": {"input": piece}}}),
                ));
            }
            steps.push(event("contentBlockStop", json!({"contentBlockIndex": 0})));
        }
        None => {
            let chunks = header(headers, "x-mock-chunks")
                .and_then(|n| n.parse().ok())
                .unwrap_or(4usize);
            for piece in split_even(&text, chunks) {
                steps.push(event(
                    "contentBlockDelta",
                    json!({"contentBlockIndex": 0, "delta": {"text": piece}}),
                ));
            }
            steps.push(event("contentBlockStop", json!({"contentBlockIndex": 0})));
        }
    }
    steps.push(event("messageStop", json!({"stopReason": stop})));
    steps.push(event(
        "metadata",
        json!({"usage": usage, "metrics": {"latencyMs": 12}}),
    ));
    match fault {
        Some("stream-error") => {
            steps.truncate(2);
            steps.push(Step::Binary(encode_frame(
                &[
                    (":exception-type", "throttlingException"),
                    (":content-type", "application/json"),
                    (":message-type", "exception"),
                ],
                br#"{"message":"Too many requests, please wait before trying again."}"#,
            )));
        }
        Some("truncate") => {
            steps.truncate(2);
            if let Step::Binary(frame) =
                event("contentBlockDelta", json!({"delta": {"text": "cut"}}))
            {
                steps.push(Step::Binary(frame[..frame.len() / 2].to_vec()));
            }
        }
        Some("malformed") => {
            steps.truncate(2);
            if let Step::Binary(mut frame) =
                event("contentBlockDelta", json!({"delta": {"text": "bad"}}))
            {
                let at = frame.len() - 6;
                frame[at] ^= 0xff;
                steps.push(Step::Binary(frame));
            }
        }
        _ => {}
    }
    event_stream(steps)
}

/// Frames sent as AWS's binary event-stream.
pub fn event_stream(steps: Vec<Step>) -> Response {
    let mut response = stream_response(steps);
    response.headers_mut().insert(
        "content-type",
        "application/vnd.amazon.eventstream".parse().unwrap(),
    );
    response
}

/// STS's Query API (`POST` with a form body), from the STS API reference: `AssumeRole` must be
/// SigV4-signed for `sts`, `AssumeRoleWithWebIdentity` must not be; a role whose ARN says
/// `denied` is refused (`AccessDenied`), as is the web identity token `bad-token`
/// (`InvalidIdentityToken`). Answers carry temporary credentials naming the role's session.
pub fn sts(headers: &HeaderMap, raw: &[u8]) -> Response {
    let form: std::collections::HashMap<String, String> =
        form_urlencoded::parse(raw).into_owned().collect();
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let action = field("Action");
    let signed = header(headers, "authorization")
        .is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 ") && a.contains("/sts/aws4_request"));
    let refuse = |status: StatusCode, code: &str, message: &str| {
        let xml = format!(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>\
             <Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>\
             <RequestId>mock-request-id</RequestId></ErrorResponse>"
        );
        (status, [("content-type", "text/xml")], xml).into_response()
    };
    match action.as_str() {
        "AssumeRole" if !signed => {
            return refuse(
                StatusCode::FORBIDDEN,
                "MissingAuthenticationToken",
                "Request is missing Authentication Token",
            )
        }
        "AssumeRoleWithWebIdentity" if signed => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "InvalidAction",
                "signed web identity call",
            )
        }
        "AssumeRoleWithWebIdentity" if field("WebIdentityToken") == "bad-token" => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "InvalidIdentityToken",
                "Couldn&apos;t retrieve verification key from your identity provider",
            )
        }
        "AssumeRole" | "AssumeRoleWithWebIdentity" => {}
        _ => return refuse(StatusCode::BAD_REQUEST, "InvalidAction", "unknown action"),
    }
    let role = field("RoleArn");
    if role.contains("denied") {
        return refuse(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            &format!("User is not authorized to perform: sts:AssumeRole on resource: {role}"),
        );
    }
    let session = field("RoleSessionName");
    let xml = format!(
        "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>\
         <AssumedRoleUser><Arn>{role}/{session}</Arn><AssumedRoleId>AROAMOCK:{session}</AssumedRoleId></AssumedRoleUser>\
         <Credentials><AccessKeyId>ASIAMOCK{n}</AccessKeyId><SecretAccessKey>mock-role-secret</SecretAccessKey>\
         <SessionToken>mock-session-token-{session}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
         </{action}Result><ResponseMetadata><RequestId>mock-request-id</RequestId></ResponseMetadata></{action}Response>",
        n = session.len()
    );
    (StatusCode::OK, [("content-type", "text/xml")], xml).into_response()
}
