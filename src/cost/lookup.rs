//! Which table entry prices (or describes) a model: LiteLLM 1.109.1's candidate names, tried in
//! its order, each matched exactly then ignoring case, and kept only when the entry's provider
//! fits the one the model routes to.

use super::table::{Entry, ModelTable};
use crate::error::{ErrorClass, LlmError};
use crate::providers::get_llm_provider;
use std::sync::Arc;

/// Deployment names LiteLLM maps to a table key before looking up.
const ALIASES: &[(&str, &str)] = &[
    ("gpt-35-turbo", "azure/gpt-35-turbo"),
    ("gpt-35-turbo-16k", "azure/gpt-35-turbo-16k"),
    ("gpt-35-turbo-instruct", "azure/gpt-35-turbo-instruct"),
    ("azure/gpt-41", "gpt-4.1"),
    ("azure/gpt-41-mini", "gpt-4.1-mini"),
    ("azure/gpt-41-nano", "gpt-4.1-nano"),
];

const BEDROCK_ROUTES: &[&str] = &[
    "bedrock/",
    "chat_completions/",
    "converse/",
    "invoke/",
    "openai/",
    "mantle/",
    "nova-2/",
    "nova/",
];

const BEDROCK_REGION_PREFIXES: &[&str] = &[
    "us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca.",
];

/// A model found in the table.
#[derive(Debug, Clone)]
pub struct Found {
    pub key: String,
    pub entry: Arc<Entry>,
    /// The provider the model routes to, when it routes at all.
    pub provider: Option<String>,
}

/// Finds the entry for `model`. `provider` is the caller's explicit provider; `routed_provider`
/// is where the Python layer's registered bare names route, used only when `provider` is None.
pub fn find(
    table: &dyn ModelTable,
    model: &str,
    provider: Option<&str>,
    routed_provider: Option<&str>,
) -> Result<Found, LlmError> {
    let model = ALIASES
        .iter()
        .find(|(alias, _)| *alias == model)
        .map_or(model, |(_, key)| key);
    let provider = provider.map(|p| {
        if p == "vertex_ai_beta" {
            "vertex_ai"
        } else {
            p
        }
    });
    let (names, resolved) = candidates(model, provider, routed_provider);
    for name in &names {
        let exact = table.entry(name).map(|entry| (name.clone(), entry));
        let found = exact.or_else(|| {
            let key = table.key_ignoring_case(name)?;
            let entry = table.entry(&key)?;
            Some((key, entry))
        });
        let Some((key, entry)) = found else { continue };
        let entry_provider = entry.get("litellm_provider").and_then(|v| v.as_str());
        if provider_matches(resolved.as_deref(), entry_provider) {
            return Ok(Found {
                key,
                entry,
                provider: resolved,
            });
        }
    }
    Err(not_mapped(model, resolved.as_deref()))
}

pub fn not_mapped(model: &str, provider: Option<&str>) -> LlmError {
    LlmError::new(
        ErrorClass::ModelNotMappedError,
        400,
        format!(
            "This model isn't mapped yet. model={model}, custom_llm_provider={}. Add it here - \
             https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json.",
            provider.unwrap_or("None")
        ),
    )
}

fn candidates(
    model: &str,
    provider: Option<&str>,
    routed_provider: Option<&str>,
) -> (Vec<String>, Option<String>) {
    let (names, resolved) = match provider {
        None => {
            let (split, resolved) = match get_llm_provider(model, routed_provider, None, None) {
                Ok(r) => (r.model, Some(r.provider)),
                // LiteLLM looks the raw name up when the model does not route.
                Err(_) => (model.to_owned(), routed_provider.map(str::to_owned)),
            };
            let stripped = strip(model, resolved.as_deref());
            (vec![model.to_owned(), split, stripped], resolved)
        }
        Some(p) => {
            let names = match model.strip_prefix(p).and_then(|m| m.strip_prefix('/')) {
                Some(split) => {
                    let stripped = strip(split, Some(p));
                    vec![
                        model.to_owned(),
                        split.to_owned(),
                        format!("{p}/{stripped}"),
                        stripped,
                        format!("{p}/{model}"),
                    ]
                }
                None => {
                    let stripped = strip(model, Some(p));
                    vec![
                        format!("{p}/{model}"),
                        model.to_owned(),
                        format!("{p}/{stripped}"),
                        stripped,
                    ]
                }
            };
            (names, Some(p.to_owned()))
        }
    };
    let mut unique: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    (unique, resolved)
}

/// The name without the parts LiteLLM ignores when pricing: a fine-tune's suffix, Bedrock's
/// route and region, a Vertex/Gemini version number, or a date.
fn strip(name: &str, provider: Option<&str>) -> String {
    if name.contains("ft:") {
        let parts: Vec<&str> = name.split(':').collect();
        return if parts.len() >= 4 {
            parts[..parts.len() - 3].join(":")
        } else {
            name.to_owned()
        };
    }
    match provider {
        Some("bedrock" | "bedrock_converse") => {
            let mut name = name;
            for route in BEDROCK_ROUTES {
                name = name.strip_prefix(route).unwrap_or(name);
            }
            let name = name.rsplit('/').next().unwrap_or(name);
            BEDROCK_REGION_PREFIXES
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix))
                .unwrap_or(name)
                .to_owned()
        }
        Some("vertex_ai" | "gemini" | "databricks") => strip_version(name).to_owned(),
        _ => strip_date(name).to_owned(),
    }
}

/// `name` without a trailing `-<digits>`.
fn strip_version(name: &str) -> &str {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    match name[..name.len() - digits].strip_suffix('-') {
        Some(rest) if digits > 0 => rest,
        _ => name,
    }
}

/// `name` without a trailing `-YYYY-MM-DD`.
fn strip_date(name: &str) -> &str {
    let bytes = name.as_bytes();
    if bytes.len() < 11 {
        return name;
    }
    let tail = &bytes[bytes.len() - 11..];
    let shape = b"-dddd-dd-dd";
    let is_date = tail.iter().zip(shape).all(|(c, s)| match s {
        b'd' => c.is_ascii_digit(),
        _ => c == s,
    });
    if is_date {
        &name[..name.len() - 11]
    } else {
        name
    }
}

fn provider_matches(wanted: Option<&str>, entry_provider: Option<&str>) -> bool {
    let (Some(wanted), Some(entry_provider)) = (wanted, entry_provider) else {
        return true;
    };
    if wanted.is_empty() || wanted == entry_provider {
        return true;
    }
    if matches!(wanted, "litellm_proxy" | "github" | "nadir") {
        return true;
    }
    let same_family = ["vertex_ai", "fireworks_ai", "bedrock"]
        .iter()
        .any(|f| wanted.starts_with(f) && entry_provider.starts_with(f));
    same_family || (wanted == "azure_ai" && matches!(entry_provider, "azure" | "openai"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::model_map::Embedded;

    fn key(model: &str, provider: Option<&str>) -> Option<String> {
        find(&Embedded, model, provider, None).ok().map(|f| f.key)
    }

    #[test]
    fn names_are_stripped_as_litellm_strips_them() {
        assert_eq!(strip_date("gpt-4o-2024-08-06"), "gpt-4o");
        assert_eq!(strip_date("gpt-4o"), "gpt-4o");
        assert_eq!(strip_version("gemini-2.5-pro-001"), "gemini-2.5-pro");
        assert_eq!(strip_version("gemini-2.5-pro"), "gemini-2.5-pro");
        assert_eq!(
            strip(
                "bedrock/converse/us.anthropic.claude-3-haiku",
                Some("bedrock")
            ),
            "anthropic.claude-3-haiku"
        );
        assert_eq!(
            strip("ft:gpt-4o-mini:org::abc", Some("openai")),
            "ft:gpt-4o-mini"
        );
    }

    #[test]
    fn candidates_find_dated_prefixed_and_cased_names() {
        assert_eq!(key("gpt-4o-2099-01-01", None).as_deref(), Some("gpt-4o"));
        assert_eq!(key("openai/gpt-4o", None).as_deref(), Some("gpt-4o"));
        assert_eq!(key("gpt-4o", Some("openai")).as_deref(), Some("gpt-4o"));
        assert_eq!(key("GPT-4o", None).as_deref(), Some("gpt-4o"));
        assert_eq!(
            key("gemini-2.5-pro", Some("gemini")).as_deref(),
            Some("gemini/gemini-2.5-pro")
        );
        assert_eq!(
            key("gpt-35-turbo", None).as_deref(),
            Some("azure/gpt-35-turbo")
        );
    }

    #[test]
    fn a_provider_mismatch_is_not_a_match() {
        let err = find(&Embedded, "no-such-model", Some("openai"), None).unwrap_err();
        assert_eq!(err.class, ErrorClass::ModelNotMappedError);
        assert!(err.message.starts_with(
            "This model isn't mapped yet. model=no-such-model, custom_llm_provider=openai."
        ));
    }
}
