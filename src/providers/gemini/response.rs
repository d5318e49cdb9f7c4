//! A `GenerateContentResponse` as an OpenAI `chat.completion`, as LiteLLM 1.109.1 builds it:
//! one choice per candidate, text parts joined, thought parts as reasoning, function calls as
//! tool calls, Google's finish reasons and usage metadata translated, and a response Google
//! blocked reported as `content_filter` rather than raised.

use super::metadata;
use super::request::SIGNATURE_MARKER;
use crate::providers::python_json::python_json;
use crate::types::finish_reason;
use serde_json::{json, Map, Value};

/// Finish reasons after which LiteLLM discards the candidate and reports only the refusal.
const REFUSALS: &[&str] = &[
    "SAFETY",
    "RECITATION",
    "BLOCKLIST",
    "PROHIBITED_CONTENT",
    "SPII",
    "IMAGE_SAFETY",
    "IMAGE_PROHIBITED_CONTENT",
];

pub fn parse(body: &[u8], model: &str) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("invalid JSON in provider response: {e}"))?;
    let meta = value
        .get("usageMetadata")
        .ok_or("usageMetadata not found in completion_response")?;
    let model = response_model(&value, model);
    let candidates = value
        .get("candidates")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let first_finish = candidates
        .first()
        .and_then(|c| c.get("finishReason"))
        .and_then(Value::as_str);
    let blocked = value.pointer("/promptFeedback/blockReason").is_some() && candidates.is_empty();
    if blocked || first_finish.is_some_and(|f| REFUSALS.contains(&f)) {
        return Ok(json!({
            "id": format!("chatcmpl-{}", uuid::Uuid::new_v4()),
            "object": "chat.completion",
            "created": crate::providers::unix_now(),
            "model": model,
            "choices": [{"index": 0, "finish_reason": "content_filter",
                         "message": {"role": "assistant", "content": null}}],
            "usage": plain_usage(meta),
        }));
    }
    let choices: Vec<Value> = candidates
        .iter()
        .enumerate()
        .map(|(position, candidate)| {
            let message = Message::from_parts(candidate.pointer("/content/parts"));
            let native = candidate.get("finishReason").and_then(Value::as_str);
            let finish_reason = message.finish(native);
            let mut message = message.into_json();
            let annotations = metadata::annotations(candidate.get("groundingMetadata"));
            if !annotations.is_empty() {
                message["annotations"] = Value::Array(annotations);
            }
            let mut choice = json!({
                "index": candidate.get("index").and_then(Value::as_u64).unwrap_or(position as u64),
                "finish_reason": finish_reason,
                "message": message,
            });
            if let Some(native) = native {
                choice["provider_specific_fields"] = json!({"native_finish_reason": native});
            }
            choice
        })
        .collect();
    let fields = metadata::response_fields(&candidates);
    let mut usage = usage(meta);
    let grounding = fields["vertex_ai_grounding_metadata"].as_array();
    let requests = metadata::grounding_requests(grounding.map_or(&[][..], Vec::as_slice));
    if let Some(details) = usage
        .get_mut("prompt_tokens_details")
        .and_then(Value::as_object_mut)
    {
        details.extend(requests);
    }
    let mut response = json!({
        "id": value.get("responseId").and_then(Value::as_str).map_or_else(
            || format!("chatcmpl-{}", uuid::Uuid::new_v4()),
            str::to_owned,
        ),
        "object": "chat.completion",
        "created": crate::providers::unix_now(),
        "model": model,
        "choices": choices,
        "usage": usage,
    });
    if let Some(object) = response.as_object_mut() {
        object.extend(fields);
    }
    Ok(response)
}

/// `modelVersion` up to any `@`, or the requested model.
pub fn response_model(value: &Value, requested: &str) -> String {
    value
        .get("modelVersion")
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
        .map_or(requested, |v| v.split('@').next().unwrap_or(v))
        .to_owned()
}

/// Google's finish reasons beyond the shared table.
pub fn finish(native: Option<&str>) -> &'static str {
    match native {
        None => "stop",
        Some(
            "LANGUAGE" | "OTHER" | "IMAGE_RECITATION" | "IMAGE_OTHER" | "NO_IMAGE" | "ESCALATION",
        ) => "content_filter",
        Some("CONTINUATION") => "length",
        Some(reason) => finish_reason::normalize(reason),
    }
}

/// The parts of one candidate, sorted into what OpenAI's message has room for.
#[derive(Default)]
pub struct Message {
    pub text: Option<String>,
    pub reasoning: Option<String>,
    pub tool_calls: Vec<Value>,
    pub signatures: Vec<Value>,
    /// Generated images, as OpenAI-style `image_url` items with data URLs.
    pub images: Vec<Value>,
    /// Generated speech, as OpenAI's `audio` (Gemini gives no transcript).
    pub audio: Option<Value>,
}

impl Message {
    pub fn from_parts(parts: Option<&Value>) -> Self {
        Self::from_parts_numbered(parts, 0)
    }

    /// `first_index` numbers the tool calls (a stream continues its count across events).
    pub fn from_parts_numbered(parts: Option<&Value>, first_index: usize) -> Self {
        let mut message = Self::default();
        for part in parts.and_then(Value::as_array).into_iter().flatten() {
            if let Some(signature) = part.get("thoughtSignature") {
                message.signatures.push(signature.clone());
            }
            if let Some(call) = part
                .get("functionCall")
                .or_else(|| part.get("function_call"))
            {
                message.tool_calls.push(tool_call(
                    call,
                    part.get("thoughtSignature"),
                    first_index + message.tool_calls.len(),
                ));
            } else if let Some(inline) = part.get("inlineData").or_else(|| part.get("inline_data"))
            {
                message.add_media(inline);
            } else if let Some(text) = part.get("text").and_then(Value::as_str) {
                let target = if part.get("thought") == Some(&Value::Bool(true)) {
                    &mut message.reasoning
                } else {
                    &mut message.text
                };
                target.get_or_insert_with(String::new).push_str(text);
            }
        }
        message
    }

    /// Inline data Gemini generated: images and audio have fields of their own; anything else
    /// joins the text as a data URL, as LiteLLM writes it.
    fn add_media(&mut self, inline: &Value) {
        let mime = inline
            .get("mimeType")
            .or_else(|| inline.get("mime_type"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let data = inline.get("data").and_then(Value::as_str).unwrap_or("");
        if mime.starts_with("image/") {
            self.images.push(
                json!({"image_url": {"url": format!("data:{mime};base64,{data}"),
                                    "detail": "auto"}, "index": 0, "type": "image_url"}),
            );
        } else if mime.starts_with("audio/") {
            // OpenAI's audio expires in a day; LiteLLM gives Gemini's the same.
            let expires_at = crate::providers::unix_now() + 86_400;
            self.audio
                .get_or_insert(json!({"data": data, "expires_at": expires_at, "transcript": ""}));
        } else {
            let text = self.text.get_or_insert_with(String::new);
            text.push_str(&format!("data:{mime};base64,{data}"));
        }
    }

    pub fn finish(&self, native: Option<&str>) -> &'static str {
        if self.tool_calls.is_empty() {
            finish(native)
        } else {
            "tool_calls"
        }
    }

    fn into_json(self) -> Value {
        let mut message = Map::new();
        message.insert("role".into(), "assistant".into());
        message.insert(
            "content".into(),
            self.text.map_or(Value::Null, Value::String),
        );
        if !self.tool_calls.is_empty() {
            message.insert("tool_calls".into(), Value::Array(self.tool_calls));
        }
        if let Some(reasoning) = self.reasoning {
            message.insert(
                "thinking_blocks".into(),
                json!([{"type": "thinking", "thinking": reasoning}]),
            );
            message.insert("reasoning_content".into(), Value::String(reasoning));
        }
        if !self.signatures.is_empty() {
            message.insert(
                "provider_specific_fields".into(),
                json!({"thought_signatures": self.signatures}),
            );
        }
        if !self.images.is_empty() {
            message.insert("images".into(), Value::Array(self.images));
        }
        if let Some(audio) = self.audio {
            message.insert("audio".into(), audio);
        }
        Value::Object(message)
    }
}

/// Google's call id when it gives one, else a fresh `call_` id; a thought signature rides
/// in the id so the next request can send it back.
fn tool_call(call: &Value, signature: Option<&Value>, index: usize) -> Value {
    let id = call.get("id").and_then(Value::as_str).map_or_else(
        || format!("call_{}", &uuid::Uuid::new_v4().simple().to_string()[..28]),
        str::to_owned,
    );
    let mut tool_call = json!({
        "index": index,
        "id": id,
        "type": "function",
        "function": {
            "name": call.get("name").cloned().unwrap_or(Value::Null),
            "arguments": python_json(call.get("args").unwrap_or(&json!({}))),
        },
    });
    if let Some(signature) = signature.and_then(Value::as_str) {
        tool_call["id"] = json!(format!("{id}{SIGNATURE_MARKER}{signature}"));
        tool_call["provider_specific_fields"] = json!({"thought_signature": signature});
    }
    tool_call
}

fn count(meta: &Value, key: &str) -> u64 {
    meta.get(key).and_then(Value::as_u64).unwrap_or(0)
}

fn plain_usage(meta: &Value) -> Value {
    let prompt = count(meta, "promptTokenCount");
    let completion = count(meta, "candidatesTokenCount");
    json!({"prompt_tokens": prompt, "completion_tokens": completion,
           "total_tokens": meta.get("totalTokenCount").and_then(Value::as_u64).unwrap_or(prompt + completion)})
}

/// Token counts by modality from a `*TokensDetails` list.
fn by_modality(meta: &Value, key: &str, modality: &str) -> Option<u64> {
    let list = meta.get(key)?.as_array()?;
    let sum: u64 = list
        .iter()
        .filter(|d| {
            let m = d.get("modality").and_then(Value::as_str).unwrap_or("");
            m == modality || (modality == "TEXT" && m == "DOCUMENT")
        })
        .map(|d| count(d, "tokenCount"))
        .sum();
    Some(sum)
}

/// `usageMetadata` in LiteLLM's shape. Gemini 2.5 reports thoughts outside
/// `candidatesTokenCount`; when the counts already add up to the total they are inside it.
pub fn usage(meta: &Value) -> Value {
    let tool_use = count(meta, "toolUsePromptTokenCount");
    let prompt = count(meta, "promptTokenCount") + tool_use;
    let candidates = count(meta, "candidatesTokenCount");
    let thoughts = count(meta, "thoughtsTokenCount");
    let total = meta
        .get("totalTokenCount")
        .and_then(Value::as_u64)
        .unwrap_or(prompt + candidates + thoughts);
    let inclusive = thoughts > 0 && prompt + candidates == total;
    let completion = if inclusive {
        candidates
    } else {
        candidates + thoughts
    };
    let cached = count(meta, "cachedContentTokenCount");
    let text = by_modality(meta, "promptTokensDetails", "TEXT").map(|text| {
        let only_text = meta["promptTokensDetails"]
            .as_array()
            .is_some_and(|l| l.iter().all(|d| d["modality"] == "TEXT"));
        // Without a cache breakdown, the cached tokens come out of the text count.
        let cached_text = if meta.get("cacheTokensDetails").is_none() && only_text {
            cached
        } else {
            0
        };
        text - cached_text.min(text) + tool_use
    });
    let mut prompt_details = json!({
        "text_tokens": text,
        "audio_tokens": by_modality(meta, "promptTokensDetails", "AUDIO").filter(|n| *n > 0),
        "image_tokens": by_modality(meta, "promptTokensDetails", "IMAGE").filter(|n| *n > 0),
        "video_tokens": by_modality(meta, "promptTokensDetails", "VIDEO").filter(|n| *n > 0),
        "cached_tokens": (cached > 0).then_some(cached),
    });
    if tool_use > 0 {
        prompt_details["tool_use_tokens"] = json!(tool_use);
    }
    let mut completion_details = json!({"text_tokens": candidates});
    if thoughts > 0 {
        completion_details["reasoning_tokens"] = json!(thoughts);
    }
    json!({
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": total,
        "prompt_tokens_details": prompt_details,
        "completion_tokens_details": completion_details,
        "cache_read_input_tokens": (cached > 0).then_some(cached),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_tools_thoughts_and_usage() {
        let body = br#"{"candidates":[{"content":{"role":"model","parts":[
            {"text":"hmm","thought":true},{"text":"Calling."},
            {"functionCall":{"name":"get_weather","args":{"city":"Paris","n":1}}}]},"finishReason":"STOP","index":0}],
            "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,"totalTokenCount":35,"thoughtsTokenCount":20,
                             "promptTokensDetails":[{"modality":"TEXT","tokenCount":10}]},
            "modelVersion":"gemini-2.5-pro@001","responseId":"resp-abc"}"#;
        let r = parse(body, "gemini-2.5-pro").unwrap();
        assert_eq!(r["id"], "resp-abc");
        assert_eq!(r["model"], "gemini-2.5-pro");
        let choice = &r["choices"][0];
        assert_eq!(choice["finish_reason"], "tool_calls");
        assert_eq!(choice["message"]["content"], "Calling.");
        assert_eq!(choice["message"]["reasoning_content"], "hmm");
        let call = &choice["message"]["tool_calls"][0];
        assert_eq!(
            call["function"]["arguments"],
            r#"{"city": "Paris", "n": 1}"#
        );
        assert!(call["id"].as_str().unwrap().starts_with("call_"));
        assert_eq!(r["usage"]["completion_tokens"], 25);
        assert_eq!(
            r["usage"]["completion_tokens_details"]["reasoning_tokens"],
            20
        );
        assert_eq!(r["usage"]["total_tokens"], 35);
    }

    #[test]
    fn cached_tokens_and_refusals() {
        let meta = json!({"promptTokenCount":1000,"candidatesTokenCount":5,"totalTokenCount":1005,
            "cachedContentTokenCount":600,"promptTokensDetails":[{"modality":"TEXT","tokenCount":1000}]});
        let u = usage(&meta);
        assert_eq!(u["prompt_tokens"], 1000);
        assert_eq!(u["prompt_tokens_details"]["cached_tokens"], 600);
        assert_eq!(u["prompt_tokens_details"]["text_tokens"], 400);

        let blocked = br#"{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}"#;
        let r = parse(blocked, "gemini-2.5-pro").unwrap();
        assert_eq!(r["choices"][0]["finish_reason"], "content_filter");
        assert_eq!(r["choices"][0]["message"]["content"], Value::Null);
    }

    #[test]
    fn generated_media_has_fields_of_its_own() {
        let parts = json!([
            {"inlineData": {"mimeType": "audio/wav", "data": "UklGRg=="}},
            {"inlineData": {"mimeType": "application/pdf", "data": "JVBERg=="}},
        ]);
        let message = Message::from_parts(Some(&parts)).into_json();
        assert_eq!(message["audio"]["data"], "UklGRg==");
        assert_eq!(message["audio"]["transcript"], "");
        assert_eq!(message["content"], "data:application/pdf;base64,JVBERg==");
        assert!(message.get("images").is_none());
    }
}
