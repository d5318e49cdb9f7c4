//! OpenAI's BPE encodings, bundled in the binary (no download, ever) and built on first use.

use tiktoken_rs::CoreBPE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    O200kBase,
    Cl100kBase,
    P50kBase,
    R50kBase,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Self::O200kBase => "o200k_base",
            Self::Cl100kBase => "cl100k_base",
            Self::P50kBase => "p50k_base",
            Self::R50kBase => "r50k_base",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "o200k_base" => Self::O200kBase,
            "cl100k_base" => Self::Cl100kBase,
            "p50k_base" => Self::P50kBase,
            "r50k_base" | "gpt2" => Self::R50kBase,
            _ => return None,
        })
    }

    fn bpe(self) -> &'static CoreBPE {
        match self {
            Self::O200kBase => tiktoken_rs::o200k_base_singleton(),
            Self::Cl100kBase => tiktoken_rs::cl100k_base_singleton(),
            Self::P50kBase => tiktoken_rs::p50k_base_singleton(),
            Self::R50kBase => tiktoken_rs::r50k_base_singleton(),
        }
    }

    /// Token ids, with special-token text encoded as ordinary text (LiteLLM passes
    /// `disallowed_special=()`), so user content can never smuggle in a control token.
    pub fn encode(self, text: &str) -> Vec<u32> {
        self.bpe().encode_ordinary(text)
    }

    pub fn count(self, text: &str) -> usize {
        if text.is_empty() {
            0
        } else {
            self.encode(text).len()
        }
    }

    /// Text for ids; invalid UTF-8 from a split multi-byte character becomes U+FFFD, as
    /// tiktoken's `decode` does. An id the encoding does not have is returned as the error.
    pub fn decode(self, ids: &[u32]) -> Result<String, u32> {
        let bytes = self.bpe().decode_bytes(ids).map_err(|e| e.token)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}
