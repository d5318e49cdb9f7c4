//! Token counting as LiteLLM counts for OpenAI models: tiktoken encodings, per-message framing,
//! tool schemas rendered the way OpenAI bills them, and image tiles.

pub mod encoding;
mod images;
mod messages;
mod tools;

pub use encoding::Encoding;
pub use messages::{count, CountRequest, Text};

/// Why a count failed. `UnsupportedContent` is LiteLLM's `UnsupportedContentTypeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    Invalid(String),
    UnsupportedContent(String),
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid(m) | Self::UnsupportedContent(m) => f.write_str(m),
        }
    }
}

/// Counts the tokens of one string. The model's tiktoken encoding, or (from Python) a user's
/// own tokenizer.
pub trait Tokenizer {
    fn count(&self, text: &str) -> Result<usize, TokenError>;
}

impl Tokenizer for Encoding {
    fn count(&self, text: &str) -> Result<usize, TokenError> {
        Ok(Encoding::count(*self, text))
    }
}

/// The encoding LiteLLM counts `model` with: o200k_base for the gpt-4o family and every newer
/// OpenAI model (gpt-4.1, gpt-4.5, gpt-5 and later, the o-series), cl100k_base for everything
/// else, including unknown and non-OpenAI names.
pub fn encoding_for_model(model: &str) -> Encoding {
    let name = model.rsplit('/').next().unwrap_or(model);
    let name = name.strip_prefix("ft:").unwrap_or(name);
    if model.contains("gpt-4o")
        || name.starts_with("gpt-4.1")
        || name.starts_with("gpt-4.5")
        || is_new_openai_family(name)
    {
        Encoding::O200kBase
    } else {
        Encoding::Cl100kBase
    }
}

/// `gpt-<5 or more>` or `o<digit>...`, followed by `.`, `-` or the end.
fn is_new_openai_family(name: &str) -> bool {
    let rest = if let Some(r) = name.strip_prefix("gpt-") {
        let digits = r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || (digits == 1 && r.as_bytes()[0] < b'5') || r.starts_with('0') {
            return false;
        }
        &r[digits..]
    } else if let Some(r) = name.strip_prefix('o') {
        if !r.starts_with(|c: char| ('1'..='9').contains(&c)) {
            return false;
        }
        r.trim_start_matches(|c: char| c.is_ascii_digit())
    } else {
        return false;
    };
    rest.is_empty() || rest.starts_with(['.', '-'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_follow_litellms_model_rules() {
        for m in [
            "gpt-4o",
            "openai/gpt-4o-mini",
            "chatgpt-4o-latest",
            "ft:gpt-4o-mini-2024-07-18:org::abc",
            "gpt-4.1-nano",
            "gpt-5",
            "openai/gpt-6.2",
            "o1",
            "o3-mini",
            "gpt-10",
        ] {
            assert_eq!(encoding_for_model(m), Encoding::O200kBase, "{m}");
        }
        for m in [
            "gpt-3.5-turbo",
            "gpt-4",
            "gpt-4-turbo",
            "text-embedding-3-small",
            "claude-sonnet-4-5",
            "gemini/gemini-2.0-flash",
            "",
            "omni-moderation-latest",
        ] {
            assert_eq!(encoding_for_model(m), Encoding::Cl100kBase, "{m}");
        }
    }

    #[test]
    fn text_counts_match_tiktoken() {
        assert_eq!(Encoding::O200kBase.encode("Hello world"), vec![13225, 2375]);
        assert_eq!(Encoding::Cl100kBase.encode("Hello world"), vec![9906, 1917]);
        assert_eq!(Encoding::O200kBase.count("<|endoftext|>"), 7);
        assert_eq!(
            Encoding::Cl100kBase.decode(&[9906, 1917]).as_deref(),
            Ok("Hello world")
        );
    }
}
