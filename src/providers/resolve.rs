//! `get_llm_provider`: which provider a model string means, and where to send it.

use super::registry::{self, Dialect, ProviderSpec, KNOWN_SLUGS};
use crate::cost::model_map;
use crate::error::LlmError;
use crate::types::CallOptions;
use serde::Serialize;

/// What `litellm.get_llm_provider` returns: `(model, custom_llm_provider, dynamic_api_key, api_base)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolved {
    pub model: String,
    pub provider: String,
    pub api_key: Option<String>,
    pub api_base: Option<String>,
}

/// Hosts LiteLLM recognises in a bare `api_base` (its `openai_compatible_endpoints`), for the
/// providers Ferrolite speaks.
const ENDPOINTS: &[(&str, &str)] = &[
    ("api.perplexity.ai", "perplexity"),
    ("api.deepinfra.com/v1/openai", "deepinfra"),
    ("api.mistral.ai/v1", "mistral"),
    ("api.groq.com/openai/v1", "groq"),
    ("integrate.api.nvidia.com/v1", "nvidia_nim"),
    ("api.cerebras.ai/v1", "cerebras"),
    ("api.sambanova.ai/v1", "sambanova"),
    ("api.deepseek.com/v1", "deepseek"),
    ("api.together.ai/v1", "together_ai"),
    ("api.together.xyz/v1", "together_ai"),
    ("api.x.ai/v1", "xai"),
];

pub fn get_llm_provider(
    model: &str,
    custom_llm_provider: Option<&str>,
    api_base: Option<&str>,
    api_key: Option<&str>,
) -> Result<Resolved, LlmError> {
    let found = |provider: &str, model: &str| Resolved {
        model: model.to_owned(),
        provider: provider.to_owned(),
        api_key: api_key.map(str::to_owned),
        api_base: api_base.map(str::to_owned),
    };

    let resolved = if let Some(provider) = custom_llm_provider.filter(|p| !p.is_empty()) {
        let bare = model
            .strip_prefix(provider)
            .and_then(|m| m.strip_prefix('/'));
        found(provider, bare.unwrap_or(model))
    } else if let Some((prefix, rest)) = model
        .split_once('/')
        .filter(|(p, _)| KNOWN_SLUGS.contains(p))
    {
        found(prefix, rest)
    } else if let Some(provider) = api_base.and_then(sniff_endpoint) {
        found(provider, model)
    } else if let Some(provider) = model_map::bare_model_provider(model) {
        found(provider, model)
    } else {
        return Err(LlmError::bad_request(format!(
            "LLM Provider NOT provided. Pass in the LLM provider you are trying to call. You passed \
             model={model}\n Pass model as E.g. For 'Huggingface' inference endpoints pass in \
             `completion(model='huggingface/starcoder',..)` Learn more: https://docs.litellm.ai/docs/providers"
        ))
        .with_origin("", model));
    };
    Ok(fill_openai_compatible(resolved))
}

fn sniff_endpoint(api_base: &str) -> Option<&'static str> {
    ENDPOINTS
        .iter()
        .find(|(host, _)| api_base.contains(host))
        .map(|(_, slug)| *slug)
}

/// LiteLLM's `get_llm_provider` already fills base and key for OpenAI-compatible providers
/// (but not for the openai family and openrouter, which resolve later); so do we.
fn fill_openai_compatible(mut resolved: Resolved) -> Resolved {
    let openai_compatible = |s: &&ProviderSpec| {
        !s.uses_module_credentials && matches!(s.dialect, Dialect::OpenAiChat | Dialect::OpenAiText)
    };
    if let Some(spec) = registry::spec(&resolved.provider).filter(openai_compatible) {
        resolved.api_base = resolved
            .api_base
            .or_else(|| env_first(spec.base_env))
            .or(spec.default_base.map(str::to_owned));
        resolved.api_key = resolved
            .api_key
            .or_else(|| env_first(spec.key_env))
            .or(spec.default_key.map(str::to_owned));
    }
    resolved
}

fn missing_base(spec: &ProviderSpec, model: &str) -> LlmError {
    let error = if spec.dialect == Dialect::AzureChat {
        // The openai SDK's words, which LiteLLM surfaces as an APIError.
        LlmError::new(
            crate::error::ErrorClass::APIError,
            500,
            "AzureException APIError - Must provide one of the `base_url` or `azure_endpoint` \
             arguments, or the `AZURE_OPENAI_ENDPOINT` environment variable",
        )
    } else {
        LlmError::bad_request(format!(
            "{}: api_base is required for provider '{}'; pass api_base= or set {}",
            spec.exception_name(),
            spec.slug,
            spec.base_env.first().unwrap_or(&"api_base")
        ))
    };
    error.with_origin(spec.slug, model)
}

pub fn env_first(names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
}

/// Where one call goes, with every fallback applied: the call's own values, then the module
/// settings, then the environment, then the provider's defaults.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub spec: &'static ProviderSpec,
    pub model: String,
    pub api_base: String,
    pub api_key: Option<String>,
}

pub fn endpoint_for(resolved: &Resolved, options: &CallOptions) -> Result<Endpoint, LlmError> {
    let spec = registry::spec(&resolved.provider).ok_or_else(|| {
        LlmError::bad_request(format!(
            "Provider '{}' is not supported by this Ferrolite build yet. Supported: {}",
            resolved.provider,
            registry::PROVIDERS
                .iter()
                .map(|p| p.slug)
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_origin(&resolved.provider, &resolved.model)
    })?;
    let module = |value: &Option<String>| value.clone().filter(|_| spec.uses_module_credentials);
    let module_key = options
        .module_keys
        .get(spec.slug)
        .and_then(|v| v.as_str())
        .map(str::to_owned);

    let api_base = resolved
        .api_base
        .clone()
        .or_else(|| module(&options.module_api_base))
        .or_else(|| env_first(spec.base_env))
        .or(spec.default_base.map(str::to_owned))
        .ok_or_else(|| missing_base(spec, &resolved.model))?;
    let api_key = resolved
        .api_key
        .clone()
        .or(module_key)
        .or_else(|| module(&options.module_api_key))
        .or_else(|| env_first(spec.key_env))
        .or(spec.default_key.map(str::to_owned));

    let model = match spec.model_prefix {
        Some(prefix)
            if !resolved.model.starts_with(prefix) && !resolved.model.starts_with("accounts/") =>
        {
            format!("{prefix}{}", resolved.model)
        }
        _ => resolved.model.clone(),
    };
    Ok(Endpoint {
        spec,
        model,
        api_base,
        api_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_split_and_fill_bases() {
        let r = get_llm_provider("groq/llama-3.3-70b-versatile", None, None, None).unwrap();
        assert_eq!(r.provider, "groq");
        assert_eq!(r.model, "llama-3.3-70b-versatile");
        assert_eq!(
            r.api_base.as_deref(),
            Some("https://api.groq.com/openai/v1")
        );

        let r =
            get_llm_provider("openrouter/anthropic/claude-3.5-sonnet", None, None, None).unwrap();
        assert_eq!(
            (r.provider.as_str(), r.model.as_str()),
            ("openrouter", "anthropic/claude-3.5-sonnet")
        );
        assert_eq!(
            r.api_base, None,
            "openrouter resolves its base at call time, as LiteLLM does"
        );

        let r =
            get_llm_provider("hosted_vllm/my-model", None, Some("http://h:8000/v1"), None).unwrap();
        assert_eq!(r.api_key.as_deref(), Some("fake-api-key"));
        assert_eq!(r.api_base.as_deref(), Some("http://h:8000/v1"));
    }

    #[test]
    fn bare_names_custom_provider_and_sniffing() {
        let r = get_llm_provider("gpt-4o", None, None, None).unwrap();
        assert_eq!(
            r,
            Resolved {
                model: "gpt-4o".into(),
                provider: "openai".into(),
                api_key: None,
                api_base: None
            }
        );
        let r = get_llm_provider("my-model", Some("openai"), None, None).unwrap();
        assert_eq!(
            (r.provider.as_str(), r.model.as_str()),
            ("openai", "my-model")
        );
        let r = get_llm_provider("groq/x", Some("groq"), None, None).unwrap();
        assert_eq!(r.model, "x");
        let r = get_llm_provider(
            "llama-3",
            None,
            Some("https://api.groq.com/openai/v1"),
            None,
        )
        .unwrap();
        assert_eq!(r.provider, "groq");
    }

    #[test]
    fn unknown_models_get_litellms_error() {
        let e = get_llm_provider("definitely-not-a-model", None, None, None).unwrap_err();
        assert_eq!(e.status_code, 400);
        assert!(e.message.starts_with("LLM Provider NOT provided. Pass in the LLM provider you are trying to call. You passed model=definitely-not-a-model\n"));
    }

    #[test]
    fn endpoint_prefers_call_then_module_then_env_then_default() {
        let options = CallOptions {
            module_api_base: Some("http://module".into()),
            ..Default::default()
        };
        let r = get_llm_provider("openai/m", None, None, Some("sk-call")).unwrap();
        let e = endpoint_for(&r, &options).unwrap();
        assert_eq!(e.api_base, "http://module");
        assert_eq!(e.api_key.as_deref(), Some("sk-call"));

        let r = get_llm_provider("fireworks_ai/llama-v3", None, None, Some("k")).unwrap();
        let e = endpoint_for(&r, &CallOptions::default()).unwrap();
        assert_eq!(e.model, "accounts/fireworks/models/llama-v3");

        let r = get_llm_provider("custom_openai/m", None, None, Some("k")).unwrap();
        assert!(
            endpoint_for(&r, &CallOptions::default()).is_err(),
            "custom_openai needs an api_base"
        );
    }
}
