//! The price of one call: `(prompt_cost, completion_cost)` in USD, from a model's table entry
//! (or the caller's own prices) and the call's token usage.

use super::lookup::{self, Found};
use super::rates::PriceSheet;
use super::table::{number, Entry, ModelTable};
use super::usage::TokenUsage;
use crate::error::LlmError;
use crate::providers::get_llm_provider;
use serde::Deserialize;
use serde_json::Value;

/// What a call is priced as; LiteLLM's `call_type` names, sync and async alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CallKind {
    #[default]
    Tokens,
    Speech,
    Transcription,
}

impl CallKind {
    pub fn from_call_type(call_type: &str) -> Self {
        match call_type {
            "speech" | "aspeech" => Self::Speech,
            "transcription" | "atranscription" => Self::Transcription,
            _ => Self::Tokens,
        }
    }
}

/// Modes whose per-second price applies when a model has no token price.
const PER_SECOND_MODES: &[&str] = &[
    "chat",
    "completion",
    "embedding",
    "responses",
    "audio_transcription",
];

/// Everything a price depends on besides the table.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CostQuery {
    pub model: String,
    pub custom_llm_provider: Option<String>,
    /// Where a registered bare name routes (the Python layer's `register_model`).
    pub routed_provider: Option<String>,
    pub usage: Value,
    pub call_type: Option<String>,
    pub service_tier: Option<String>,
    pub response_time_ms: f64,
    /// The caller's own per-token prices (`input_cost_per_token`, ...), used instead of the table.
    pub custom_cost_per_token: Option<Entry>,
    pub custom_cost_per_second: Option<f64>,
    pub prompt_characters: Option<u64>,
    pub audio_seconds: Option<f64>,
    /// Seconds since the Unix epoch, for off-peak windows; now when absent.
    pub utc_seconds: Option<u64>,
}

impl CostQuery {
    fn kind(&self) -> CallKind {
        CallKind::from_call_type(self.call_type.as_deref().unwrap_or("completion"))
    }

    fn utc_seconds(&self) -> u64 {
        self.utc_seconds.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
    }
}

/// LiteLLM's `cost_per_token`.
pub fn cost_per_token(table: &dyn ModelTable, q: &CostQuery) -> Result<(f64, f64), LlmError> {
    let usage = TokenUsage::from_json(&q.usage);
    if let Some(rate) = q.custom_cost_per_second {
        return Ok((0.0, rate * q.response_time_ms / 1000.0));
    }
    if let Some(prices) = &q.custom_cost_per_token {
        return Ok(price_tokens(prices, &usage, q, false));
    }
    let found = find_model(table, q)?;
    price_entry(&found, &usage, q)
}

/// The table entry for the query's model, with LiteLLM's error when it does not route.
pub fn find_model(table: &dyn ModelTable, q: &CostQuery) -> Result<Found, LlmError> {
    let provider = q.custom_llm_provider.as_deref();
    let routed = q.routed_provider.as_deref();
    if provider.is_none() && routed.is_none() {
        // An unknown bare name is LiteLLM's BadRequestError ("LLM Provider NOT provided").
        if let Err(e) = get_llm_provider(&q.model, None, None, None) {
            if table.entry(&q.model).is_none() {
                return Err(e);
            }
        }
    }
    lookup::find(table, &q.model, provider, routed)
}

fn price_entry(found: &Found, usage: &TokenUsage, q: &CostQuery) -> Result<(f64, f64), LlmError> {
    let entry = &found.entry;
    let seconds = q.response_time_ms / 1000.0;
    match q.kind() {
        CallKind::Speech => {
            if let Some(rate) = number(entry, "input_cost_per_character") {
                let chars = q.prompt_characters.ok_or_else(|| {
                    LlmError::bad_request(
                        "prompt_characters must be set to price speech by character",
                    )
                })?;
                return Ok((chars as f64 * rate, 0.0));
            }
        }
        CallKind::Transcription => {
            let duration = q.audio_seconds.filter(|d| *d > 0.0).unwrap_or(seconds);
            let has_details = q
                .usage
                .get("prompt_tokens_details")
                .is_some_and(|d| !d.is_null());
            if !has_details {
                if let Some(rate) = number(entry, "output_cost_per_second") {
                    return Ok((0.0, rate * duration));
                }
            }
            if let Some(rate) = number(entry, "input_cost_per_second") {
                return Ok((rate * duration, 0.0));
            }
        }
        CallKind::Tokens => {}
    }
    if let Some(rate) = per_second_rate(entry) {
        return Ok((rate * seconds, 0.0));
    }
    let inclusive = found.provider.as_deref() == Some("xai");
    Ok(price_tokens(entry, usage, q, inclusive))
}

/// The per-second price of a model that has no token price and bills by time.
fn per_second_rate(entry: &Entry) -> Option<f64> {
    let priced_by_token = ["input_cost_per_token", "output_cost_per_token"]
        .iter()
        .any(|k| number(entry, k).is_some_and(|r| r > 0.0));
    let mode_fits = match entry.get("mode").and_then(Value::as_str) {
        None => true,
        Some(mode) => PER_SECOND_MODES.contains(&mode),
    };
    if priced_by_token || entry.contains_key("tiered_pricing") || !mode_fits {
        return None;
    }
    [
        "cost_per_second",
        "input_cost_per_second",
        "output_cost_per_second",
    ]
    .iter()
    .find_map(|k| number(entry, k))
}

/// Token prices: each kind of token at its own rate.
fn price_tokens(entry: &Entry, usage: &TokenUsage, q: &CostQuery, inclusive: bool) -> (f64, f64) {
    let sheet = PriceSheet::new(
        entry,
        q.service_tier.as_deref(),
        usage.prompt_tokens,
        inclusive,
        q.utc_seconds(),
    );
    let input = sheet.input();
    let output = sheet.output();
    let cache_read = sheet.cache_read();
    let (audio, image, video) = usage.prompt_modalities();

    let by_character = sheet
        .rate("input_cost_per_character")
        .filter(|_| usage.prompt_characters > 0);
    let mut prompt = match by_character {
        Some(rate) => usage.prompt_characters as f64 * rate,
        None => usage.prompt_text() as f64 * input,
    };
    let cached_audio = usage.cache_read_audio.min(usage.cache_read);
    prompt += (usage.cache_read - cached_audio) as f64 * cache_read;
    prompt += cached_audio as f64
        * sheet
            .rate("cache_read_input_audio_token_cost")
            .unwrap_or(cache_read);
    prompt += audio as f64 * sheet.rate("input_cost_per_audio_token").unwrap_or(input);
    prompt += image as f64 * sheet.rate("input_cost_per_image_token").unwrap_or(input);
    prompt += video as f64 * sheet.rate("input_cost_per_video_token").unwrap_or(input);
    prompt += cache_write_cost(&sheet, usage);

    let mut completion = usage.completion_text() as f64 * output;
    completion +=
        usage.completion_audio as f64 * sheet.rate("output_cost_per_audio_token").unwrap_or(output);
    completion += usage.reasoning as f64 * sheet.reasoning();
    completion +=
        usage.completion_image as f64 * sheet.rate("output_cost_per_image_token").unwrap_or(output);
    completion +=
        usage.completion_video as f64 * sheet.rate("output_cost_per_video_token").unwrap_or(output);
    (prompt, completion)
}

/// Cache writes: longer-lived writes at their own price where the model has one; writes the
/// provider did not attribute to a lifetime at the standard write price.
fn cache_write_cost(sheet: &PriceSheet, usage: &TokenUsage) -> f64 {
    let write = sheet.cache_write();
    let Some(ttl) = usage.cache_write_ttl else {
        return usage.cache_write as f64 * write;
    };
    let attributed = ttl.five_minutes + ttl.thirty_minutes + ttl.one_hour + ttl.twelve_hours;
    let standard =
        usage.cache_write.saturating_sub(attributed) + ttl.five_minutes + ttl.thirty_minutes;
    standard as f64 * write
        + ttl.one_hour as f64
            * sheet
                .rate("cache_creation_input_token_cost_above_1hr")
                .unwrap_or(write)
        + ttl.twelve_hours as f64
            * sheet
                .rate("cache_creation_input_token_cost_above_12hr")
                .unwrap_or(write)
}
