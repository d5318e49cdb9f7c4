//! A response's token usage, split into the parts that have their own prices. The input is the
//! OpenAI-shaped `usage` object LiteLLM reports, including the Anthropic-style top-level cache
//! counts LiteLLM's `Usage` accepts.
//!
//! Ferrolite derives the text share of each side from the total minus the priced parts, rather
//! than trusting a reported `text_tokens`: LiteLLM bills a reported `text_tokens` as the whole
//! text share, so a provider that reports it short gets the rest of the output for free.

use serde_json::Value;

/// Cache writes by time to live, for models that price longer-lived writes higher.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct CacheWriteTtl {
    pub five_minutes: u64,
    pub thirty_minutes: u64,
    pub one_hour: u64,
    pub twelve_hours: u64,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct TokenUsage {
    /// All prompt tokens, cache reads and writes included (OpenAI's and LiteLLM's meaning).
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub cache_read: u64,
    /// The part of `cache_read` that was audio.
    pub cache_read_audio: u64,
    pub cache_write: u64,
    pub cache_write_ttl: Option<CacheWriteTtl>,
    pub prompt_audio: u64,
    pub prompt_image: u64,
    pub prompt_video: u64,
    /// Characters billed instead of text tokens by per-character models.
    pub prompt_characters: u64,
    pub reasoning: u64,
    pub completion_audio: u64,
    pub completion_image: u64,
    pub completion_video: u64,
    /// What the provider says the call cost, when it says.
    pub stated_cost: Option<f64>,
}

fn count(v: Option<&Value>, key: &str) -> u64 {
    v.and_then(|v| v.get(key))
        .and_then(|n| n.as_f64())
        .map_or(0, |n| n.max(0.0) as u64)
}

impl TokenUsage {
    pub fn new(prompt_tokens: u64, completion_tokens: u64) -> Self {
        Self {
            prompt_tokens,
            completion_tokens,
            ..Self::default()
        }
    }

    pub fn from_json(usage: &Value) -> Self {
        let top = Some(usage);
        let prompt = usage.get("prompt_tokens_details").filter(|v| v.is_object());
        let completion = usage
            .get("completion_tokens_details")
            .filter(|v| v.is_object());
        let first = |a: u64, b: u64| if a > 0 { a } else { b };
        let cache_read = first(
            count(prompt, "cached_tokens"),
            count(top, "cache_read_input_tokens"),
        );
        let cache_write = first(
            first(
                count(prompt, "cache_write_tokens"),
                count(prompt, "cache_creation_tokens"),
            ),
            count(top, "cache_creation_input_tokens"),
        );
        let ttl = prompt
            .and_then(|p| p.get("cache_creation_token_details"))
            .filter(|v| v.is_object())
            .map(|d| CacheWriteTtl {
                five_minutes: count(Some(d), "ephemeral_5m_input_tokens"),
                thirty_minutes: count(Some(d), "ephemeral_30m_input_tokens"),
                one_hour: count(Some(d), "ephemeral_1h_input_tokens"),
                twelve_hours: count(Some(d), "ephemeral_12h_input_tokens"),
            });
        let cached_details = prompt.and_then(|p| p.get("cached_tokens_details"));
        let cache_read_audio = count(cached_details, "audio_tokens");
        Self {
            prompt_tokens: count(top, "prompt_tokens"),
            completion_tokens: count(top, "completion_tokens"),
            cache_read,
            cache_read_audio,
            cache_write,
            cache_write_ttl: ttl,
            prompt_audio: count(prompt, "audio_tokens").saturating_sub(cache_read_audio),
            prompt_image: count(prompt, "image_tokens")
                .saturating_sub(count(cached_details, "image_tokens")),
            prompt_video: count(prompt, "video_tokens"),
            prompt_characters: count(prompt, "character_count"),
            reasoning: count(completion, "reasoning_tokens"),
            completion_audio: count(completion, "audio_tokens"),
            completion_image: count(completion, "image_tokens"),
            completion_video: count(completion, "video_tokens"),
            stated_cost: usage.get("cost").and_then(Value::as_f64),
        }
    }

    /// Prompt tokens billed at the plain input rate: what is left after cache reads, cache
    /// writes and the other modalities.
    pub fn prompt_text(&self) -> u64 {
        self.uncached_prompt()
            .saturating_sub(self.prompt_audio + self.prompt_image + self.prompt_video)
    }

    pub fn uncached_prompt(&self) -> u64 {
        self.prompt_tokens
            .saturating_sub(self.cache_read + self.cache_write)
    }

    /// Audio, image and video prompt tokens, each capped by what the uncached prompt leaves,
    /// so a provider that counts a token twice is not billed twice.
    pub fn prompt_modalities(&self) -> (u64, u64, u64) {
        let budget = self.uncached_prompt();
        let audio = self.prompt_audio.min(budget);
        let image = self.prompt_image.min(budget - audio);
        let video = self.prompt_video.min(budget - audio - image);
        (audio, image, video)
    }

    /// Completion tokens billed at the plain output rate.
    pub fn completion_text(&self) -> u64 {
        self.completion_tokens.saturating_sub(
            self.reasoning + self.completion_audio + self.completion_image + self.completion_video,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn anthropic_style_cache_counts_are_read_from_the_top_level() {
        let u = TokenUsage::from_json(&json!({
            "prompt_tokens": 1000, "completion_tokens": 100,
            "cache_read_input_tokens": 200, "cache_creation_input_tokens": 300
        }));
        assert_eq!(
            (u.cache_read, u.cache_write, u.prompt_text()),
            (200, 300, 500)
        );
    }

    #[test]
    fn text_is_what_the_priced_parts_leave() {
        let u = TokenUsage::from_json(&json!({
            "prompt_tokens": 1000, "completion_tokens": 500,
            "prompt_tokens_details": {"cached_tokens": 400, "audio_tokens": 700},
            "completion_tokens_details": {"reasoning_tokens": 300, "text_tokens": 100}
        }));
        assert_eq!(u.prompt_modalities(), (600, 0, 0));
        assert_eq!(u.prompt_text(), 0);
        assert_eq!(u.completion_text(), 200);
    }
}
