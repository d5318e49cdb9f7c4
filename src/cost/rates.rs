//! Which price applies to each kind of token: the service tier's variant of a key, the variant
//! for the prompt-size threshold the request crossed, a `tiered_pricing` band, or an off-peak
//! block. A `PriceSheet` settles those once per request; the calculator only asks for rates.

use super::table::{number, Entry};
use serde_json::{Map, Value};

/// The bases whose `_above_<N>_tokens` keys define a model's prompt-size thresholds.
const THRESHOLD_BASES: &[&str] = &[
    "input_cost_per_token",
    "output_cost_per_token",
    "cache_read_input_token_cost",
    "cache_creation_input_token_cost",
];

/// The key suffix for a service tier; unknown tiers ("auto", "default", "batch") price at the
/// standard rates. "fast" is Anthropic's name for the priority tier.
pub fn tier_suffix(service_tier: Option<&str>) -> Option<&'static str> {
    match service_tier?.to_ascii_lowercase().as_str() {
        "flex" => Some("flex"),
        "balanced" => Some("balanced"),
        "priority" | "fast" => Some("priority"),
        "ultrafast" => Some("ultrafast"),
        _ => None,
    }
}

/// A model's prices for one request.
pub struct PriceSheet<'a> {
    entry: &'a Entry,
    tier: Option<&'static str>,
    /// Threshold labels ("200k") the prompt crossed, highest first.
    crossed: Vec<String>,
    band: Option<&'a Map<String, Value>>,
    off_peak: Option<&'a Map<String, Value>>,
}

impl<'a> PriceSheet<'a> {
    /// `inclusive` makes a prompt of exactly the threshold count as above it (xAI's rule).
    pub fn new(
        entry: &'a Entry,
        service_tier: Option<&str>,
        prompt_tokens: u64,
        inclusive: bool,
        utc_seconds: u64,
    ) -> Self {
        let tier = tier_suffix(service_tier);
        let mut thresholds: Vec<(u64, String)> = entry
            .keys()
            .filter_map(|key| threshold_of(key, tier))
            .collect();
        thresholds.sort();
        thresholds.dedup();
        let crossed = thresholds
            .into_iter()
            .rev()
            .filter(|(n, _)| {
                if inclusive {
                    prompt_tokens >= *n
                } else {
                    prompt_tokens > *n
                }
            })
            .map(|(_, label)| label)
            .collect();
        Self {
            entry,
            tier,
            crossed,
            band: select_band(entry, prompt_tokens),
            off_peak: entry
                .get("off_peak_pricing")
                .and_then(Value::as_object)
                .filter(|block| in_off_peak_window(block, utc_seconds)),
        }
    }

    /// The rate for `base`: off-peak, then the crossed thresholds (tier variant first), then the
    /// tier variant, then the key itself. A missing or null variant falls through.
    pub fn rate(&self, base: &str) -> Option<f64> {
        if let Some(rate) = self.off_peak.and_then(|block| number(block, base)) {
            return Some(rate);
        }
        for label in &self.crossed {
            let above = format!("{base}_above_{label}_tokens");
            if let Some(rate) = self.tiered(&above) {
                return Some(rate);
            }
        }
        self.tiered(base)
    }

    fn tiered(&self, key: &str) -> Option<f64> {
        self.tier
            .and_then(|t| number(self.entry, &format!("{key}_{t}")))
            .or_else(|| number(self.entry, key))
    }

    pub fn input(&self) -> f64 {
        match self.band {
            Some(band) => number(band, "input_cost_per_token").unwrap_or(0.0),
            None => self.rate("input_cost_per_token").unwrap_or(0.0),
        }
    }

    pub fn output(&self) -> f64 {
        let band_rate = self
            .band
            .and_then(|band| number(band, "output_cost_per_token"));
        let rate = band_rate
            .or_else(|| self.rate("output_cost_per_token"))
            .unwrap_or(0.0);
        // Image models price their output per image token and leave the token rate at zero.
        match number(self.entry, "output_cost_per_image_token") {
            Some(image) if rate == 0.0 => image,
            _ => rate,
        }
    }

    /// Cache reads; a model without a cache price bills them as input.
    pub fn cache_read(&self) -> f64 {
        self.band_or_rate("cache_read_input_token_cost")
    }

    pub fn cache_write(&self) -> f64 {
        self.band_or_rate("cache_creation_input_token_cost")
    }

    fn band_or_rate(&self, key: &str) -> f64 {
        match self.band {
            Some(band) => number(band, key).unwrap_or_else(|| self.input()),
            None => self.rate(key).unwrap_or_else(|| self.input()),
        }
    }

    /// Reasoning tokens: their own price where the model has one, else the output price. A
    /// service tier with its own output price but no reasoning price bills them as output.
    pub fn reasoning(&self) -> f64 {
        let band_rate = self.band.and_then(|band| {
            number(band, "output_cost_per_reasoning_token")
                .or_else(|| number(band, "output_cost_per_token"))
        });
        if let Some(rate) = band_rate {
            return rate;
        }
        if let Some(rate) = self
            .off_peak
            .and_then(|b| number(b, "output_cost_per_reasoning_token"))
        {
            return rate;
        }
        if let Some(t) = self.tier {
            if let Some(rate) = number(self.entry, &format!("output_cost_per_reasoning_token_{t}"))
            {
                return rate;
            }
            if number(self.entry, &format!("output_cost_per_token_{t}")).is_some() {
                return self.output();
            }
        }
        number(self.entry, "output_cost_per_reasoning_token").unwrap_or_else(|| self.output())
    }
}

/// `(tokens, label)` for a key like `input_cost_per_token_above_200k_tokens[_<tier>]`; keys for
/// another tier, batches or anything else are not thresholds of this request.
fn threshold_of(key: &str, tier: Option<&str>) -> Option<(u64, String)> {
    let rest = THRESHOLD_BASES
        .iter()
        .find_map(|base| key.strip_prefix(base)?.strip_prefix("_above_"))?;
    let (label, suffix) = rest.split_once("_tokens")?;
    match suffix.strip_prefix('_') {
        None if suffix.is_empty() => {}
        Some(s) if Some(s) == tier => {}
        _ => return None,
    }
    let (digits, scale) = match label.strip_suffix('k') {
        Some(digits) => (digits, 1000),
        None => (label, 1),
    };
    let n: u64 = digits.parse().ok()?;
    Some((n * scale, label.to_owned()))
}

/// The `tiered_pricing` band for the prompt: `start < tokens <= end`, or the last band above
/// every range. The whole request is billed in that one band.
fn select_band(entry: &Entry, prompt_tokens: u64) -> Option<&Map<String, Value>> {
    let bands = entry.get("tiered_pricing")?.as_array()?;
    if prompt_tokens == 0 {
        return None;
    }
    let mut ranged: Vec<(f64, f64, &Map<String, Value>)> = bands
        .iter()
        .filter_map(|band| {
            let band = band.as_object()?;
            let range = band.get("range")?.as_array()?;
            Some((range.first()?.as_f64()?, range.get(1)?.as_f64()?, band))
        })
        .collect();
    ranged.sort_by(|a, b| a.0.total_cmp(&b.0));
    let tokens = prompt_tokens as f64;
    let band = ranged
        .iter()
        .find(|(start, end, _)| *start < tokens && tokens <= *end)
        .or(ranged.last())?
        .2;
    band.contains_key("input_cost_per_token").then_some(band)
}

/// Whether `utc_seconds` falls in an off-peak block's windows. A window is `"HH:MM-HH:MM"`
/// (start inclusive, end exclusive, may wrap midnight, equal ends mean all day), optionally
/// limited to ISO weekdays (1 = Monday).
fn in_off_peak_window(block: &Map<String, Value>, utc_seconds: u64) -> bool {
    let minute = (utc_seconds / 60 % 1440) as u32;
    // 1970-01-01 was a Thursday (ISO 4).
    let weekday = (utc_seconds / 86_400 + 3) % 7 + 1;
    let hours_match = |hours: Option<&Value>| match hours {
        Some(Value::String(s)) => window_contains(s, minute),
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .any(|s| window_contains(s, minute)),
        _ => false,
    };
    if let Some(windows) = block.get("windows").and_then(Value::as_array) {
        return windows.iter().filter_map(Value::as_object).any(|w| {
            let day_ok = w
                .get("weekdays")
                .and_then(Value::as_array)
                .is_none_or(|days| days.iter().any(|d| d.as_u64() == Some(weekday)));
            day_ok && hours_match(w.get("hours_utc"))
        });
    }
    hours_match(block.get("off_peak_hours_utc"))
}

fn window_contains(window: &str, minute: u32) -> bool {
    let parse = |hm: &str| -> Option<u32> {
        let (h, m) = hm.trim().split_once(':')?;
        Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
    };
    let Some((start, end)) = window
        .split_once('-')
        .and_then(|(a, b)| Some((parse(a)?, parse(b)?)))
    else {
        return false;
    };
    match start.cmp(&end) {
        std::cmp::Ordering::Equal => true,
        std::cmp::Ordering::Less => start <= minute && minute < end,
        std::cmp::Ordering::Greater => minute >= start || minute < end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_parse_with_their_tier() {
        assert_eq!(
            threshold_of("input_cost_per_token_above_200k_tokens", None),
            Some((200_000, "200k".into()))
        );
        assert_eq!(
            threshold_of("output_cost_per_token_above_272k_tokens_flex", Some("flex")),
            Some((272_000, "272k".into()))
        );
        assert_eq!(
            threshold_of("input_cost_per_token_above_272k_tokens_batches", None),
            None
        );
        assert_eq!(
            threshold_of("cache_creation_input_token_cost_above_1hr", None),
            None
        );
    }

    #[test]
    fn windows_wrap_midnight_and_cover_whole_days() {
        assert!(window_contains("22:00-02:00", 23 * 60));
        assert!(window_contains("22:00-02:00", 60));
        assert!(!window_contains("22:00-02:00", 12 * 60));
        assert!(window_contains("00:00-00:00", 7));
        assert!(!window_contains("10:00-11:00", 11 * 60));
    }
}
