//! The mock's Hugging Face text side, from TGI's OpenAPI and router source: `POST /generate`
//! (one object), `POST /generate_stream` (SSE written `data:{...}` with no space, no `[DONE]`,
//! the last event carrying `generated_text` and `details`), and the combined route that the
//! Inference API and TGI's root share (`{"inputs", "parameters", "stream"}`; a non-streamed
//! answer is a one-element list). Non-streamed answers report token counts in
//! `x-prompt-tokens` / `x-generated-tokens`. Errors are `{"error", "error_type"}`.
//!
//! The Hub side: `GET /{org}/{model}/raw/main/tokenizer_config.json` (and `chat_template.jinja`)
//! for the repositories in `HUB`, 404 for any other.

use super::{header, split_even, stream_response, Step};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

const ZEPHYR: &str = "{% for message in messages %}\n{% if message['role'] == 'user' %}\n{{ '<|user|>\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'system' %}\n{{ '<|system|>\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'assistant' %}\n{{ '<|assistant|>\n'  + message['content'] + eos_token }}\n{% endif %}\n{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n{% endfor %}";
const CHATML: &str = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

/// A Hub file, or `None` for a 404.
pub fn hub_file(path: &str) -> Option<Response> {
    let (repo, file) = path.trim_start_matches('/').split_once("/raw/main/")?;
    let body = match (repo, file) {
        ("HuggingFaceH4/zephyr-7b-beta", "tokenizer_config.json") => {
            json!({"chat_template": ZEPHYR, "bos_token": "<s>",
                   "eos_token": {"__type": "AddedToken", "content": "</s>", "lstrip": false}})
            .to_string()
        }
        // A newer repository: tokens in the config, the template in its own file.
        ("mock-org/chatml-model", "tokenizer_config.json") => {
            json!({"bos_token": "<|im_start|>", "eos_token": "<|im_end|>"}).to_string()
        }
        ("mock-org/chatml-model", "chat_template.jinja") => CHATML.to_owned(),
        _ => return None,
    };
    Some(body.into_response())
}

fn tgi_error(status: StatusCode, error: &str, error_type: &str) -> Response {
    (
        status,
        Json(json!({"error": error, "error_type": error_type})),
    )
        .into_response()
}

fn fault_response(fault: &str) -> Option<Response> {
    Some(match fault {
        "422" => tgi_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Input validation error: `top_p` must be > 0.0 and < 1.0",
            "validation",
        ),
        "429" => tgi_error(StatusCode::TOO_MANY_REQUESTS, "Model is overloaded", "overloaded"),
        "401" => (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "Authorization header is correct, but the token seems invalid"})),
        )
            .into_response(),
        "503" => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"error": "Model mock-org/model is currently loading", "estimated_time": 20.0})),
        )
            .into_response(),
        _ => return None,
    })
}

pub fn handle(path: &str, body: &Value, headers: &HeaderMap, fault: Option<&str>) -> Response {
    if let Some(response) = fault
        .filter(|f| *f != "stream-error")
        .and_then(fault_response)
    {
        return response;
    }
    let inputs = body["inputs"].as_str().unwrap_or("");
    let parameters = &body["parameters"];
    let with_details = parameters["details"].as_bool().unwrap_or(true);
    let prompt_tokens = inputs.split_whitespace().count().max(1);
    let chunks = header(headers, "x-mock-chunks")
        .and_then(|n| n.parse().ok())
        .unwrap_or(4usize);
    let mut tokens = split_even(&super::prompt_reply(inputs), chunks);
    let mut finish = "eos_token";
    if let Some(limit) = parameters["max_new_tokens"].as_u64() {
        if (limit as usize) < tokens.len() {
            tokens.truncate(limit as usize);
            finish = "length";
        }
    }
    for stop in parameters["stop"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if let Some(at) = tokens.iter().position(|t| t.contains(stop)) {
            tokens.truncate(at + 1);
            finish = "stop_sequence";
        }
    }
    let text: String = tokens.concat();
    // The end-of-sequence token is generated, and counted, but is no text.
    let generated = tokens.len() + usize::from(finish == "eos_token");
    let streamed = path.ends_with("/generate_stream")
        || (!path.ends_with("/generate") && body["stream"].as_bool() == Some(true));
    if !streamed {
        let details = with_details.then(|| {
            json!({"finish_reason": finish, "generated_tokens": generated, "seed": null,
                   "prefill": [], "tokens": tokens.iter().enumerate().map(|(i, t)| json!({"id": i, "text": t, "logprob": -0.25, "special": false})).collect::<Vec<_>>()})
        });
        let mut answer = json!({"generated_text": text, "details": details});
        if !path.ends_with("/generate") {
            answer = json!([answer]);
        }
        let counts = [
            ("x-prompt-tokens", prompt_tokens.to_string()),
            ("x-generated-tokens", generated.to_string()),
            ("x-compute-type", "1-nvidia-a10g".to_owned()),
        ];
        return (counts, Json(answer)).into_response();
    }
    let event = |value: Value| Step::Send(format!("data:{value}\n\n"));
    let mut steps = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        steps.push(event(json!({"index": i + 1, "token": {"id": 1000 + i, "text": token, "logprob": -0.25, "special": false},
                                "generated_text": null, "details": null})));
        if fault == Some("stream-error") {
            steps.push(event(json!({"error": "Request failed during generation: Server error: CUDA out of memory",
                                    "error_type": "generation"})));
            return stream_response(steps);
        }
    }
    let details = with_details.then(|| {
        json!({"finish_reason": finish, "generated_tokens": generated, "seed": null, "input_length": prompt_tokens})
    });
    let (last_text, special) = if finish == "eos_token" {
        ("</s>", true)
    } else {
        ("", false)
    };
    steps.push(event(json!({"index": tokens.len() + 1, "token": {"id": 2, "text": last_text, "logprob": -0.1, "special": special},
                            "generated_text": text, "details": details})));
    stream_response(steps)
}
