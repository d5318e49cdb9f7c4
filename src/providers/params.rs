//! Which OpenAI parameters reach the provider: LiteLLM's supported-params check, `drop_params`,
//! `additional_drop_params`, `allowed_openai_params`, and the model quirks it applies.

use super::reasoning_models;
use super::registry::{Dialect, ProviderSpec};
use crate::cost::model_map::Embedded;
use crate::error::{ErrorClass, LlmError};
use crate::types::CallOptions;
use serde_json::{Map, Value};

/// OpenAI reasoning models take `max_completion_tokens`, not `max_tokens`.
fn takes_max_completion_tokens(provider: &str, model: &str) -> bool {
    match provider {
        "openai" => {
            let name = model.rsplit('/').next().unwrap_or(model);
            ["o1", "o3", "o4", "gpt-5"]
                .iter()
                .any(|p| name.starts_with(p))
        }
        "azure" => {
            reasoning_models::is_o_series(provider, model) || reasoning_models::is_azure_gpt5(model)
        }
        _ => false,
    }
}

pub fn supported_params(spec: &ProviderSpec, model: &str) -> Vec<&'static str> {
    if spec.dialect == Dialect::BedrockConverse {
        if let Some(id) = model.strip_prefix("invoke/") {
            return super::bedrock::invoke::Kind::of(id).supported_params(id);
        }
        return super::bedrock::Family::of(model).supported_params();
    }
    if spec.dialect == Dialect::GeminiGenerateContent && spec.slug != "gemini" {
        if let Some(partner) = super::gemini::partners::of(model) {
            return partner.supported_params();
        }
    }
    if spec.dialect == Dialect::HuggingFaceChat && super::huggingface::tgi::is_tgi(model) {
        return super::huggingface::tgi::SUPPORTED_PARAMS.to_vec();
    }
    let mut params = spec.supported_params();
    if spec.slug == "openai" && (model == "gpt-4" || model == "gpt-3.5-turbo-16k") {
        params.retain(|p| *p != "response_format");
    }
    if reasoning_models::is_o_series(spec.slug, model) {
        return reasoning_models::o_series_params(params, spec.slug, model);
    }
    if reasoning_models::is_gpt5(spec.slug, model) {
        return reasoning_models::gpt5_params(params, spec.slug, model);
    }
    let reasons = matches!(
        spec.dialect,
        Dialect::AnthropicMessages | Dialect::GeminiGenerateContent
    );
    if reasons && supports_reasoning(spec.slug, model) {
        params.extend(["thinking", "reasoning_effort"]);
    }
    params
}

/// Whether the table marks the model as a reasoning model (LiteLLM's gate for `thinking`).
fn supports_reasoning(provider: &str, model: &str) -> bool {
    let entry = crate::cost::lookup::find(&Embedded, model, Some(provider), None);
    model.contains("claude-3-7-sonnet")
        || entry
            .is_ok_and(|found| found.entry.get("supports_reasoning") == Some(&Value::Bool(true)))
}

/// Returns the parameters to send, or `UnsupportedParamsError` naming what the provider rejects.
pub fn check(
    spec: &ProviderSpec,
    model: &str,
    mut params: Map<String, Value>,
    options: &CallOptions,
) -> Result<Map<String, Value>, LlmError> {
    for name in &options.additional_drop_params {
        params.remove(name);
    }
    let supported = supported_params(spec, model);
    let unsupported: Vec<String> = params
        .keys()
        // `stream_options` configures LiteLLM's own stream handling for every provider.
        .filter(|k| k.as_str() != "stream_options")
        .filter(|k| !supported.contains(&k.as_str()) && !options.allowed_openai_params.contains(k))
        .cloned()
        .collect();
    if !unsupported.is_empty() {
        if !options.drop_params {
            let listed = unsupported
                .iter()
                .map(|k| format!("'{k}': {}", params[k]))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(LlmError::new(
                ErrorClass::UnsupportedParamsError,
                400,
                format!(
                    "{} does not support parameters: {{{listed}}}, for model={model}. To drop these, set \
                     `litellm.drop_params=True` or for proxy:\n\n`litellm_settings:\n drop_params: true`\n. \n If you \
                     want to use these params dynamically send allowed_openai_params=[{}] in your request.",
                    spec.slug,
                    unsupported.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
                ),
            )
            .with_origin(spec.slug, model));
        }
        for name in &unsupported {
            params.remove(name);
        }
    }
    if reasoning_models::is_o_series(spec.slug, model) {
        reasoning_models::map_o_series_params(&mut params, options.drop_params)
            .map_err(|e| e.with_origin(spec.slug, model))?;
    }
    if reasoning_models::is_gpt5(spec.slug, model) {
        reasoning_models::map_gpt5_params(&mut params, spec.slug, model, options.drop_params)
            .map_err(|e| e.with_origin(spec.slug, model))?;
    }
    if takes_max_completion_tokens(spec.slug, model) {
        if let Some(max_tokens) = params.remove("max_tokens") {
            params.entry("max_completion_tokens").or_insert(max_tokens);
        }
    }
    // LiteLLM's own bookkeeping params are accepted but never sent on the wire.
    params.remove("max_retries");
    params.remove("extra_headers");
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::registry::spec;
    use serde_json::json;

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn unsupported_params_raise_unless_dropped_or_allowed() {
        let together = spec("together_ai").unwrap();
        let p = params(json!({"temperature": 0.2, "service_tier": "flex"}));
        let err = check(together, "m", p.clone(), &CallOptions::default()).unwrap_err();
        assert_eq!(err.class, ErrorClass::UnsupportedParamsError);
        assert!(err.message.starts_with(
            "together_ai does not support parameters: {'service_tier': \"flex\"}, for model=m."
        ));

        let dropped = check(
            together,
            "m",
            p.clone(),
            &CallOptions {
                drop_params: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(dropped, params(json!({"temperature": 0.2})));

        let allowed = CallOptions {
            allowed_openai_params: vec!["service_tier".into()],
            ..Default::default()
        };
        assert_eq!(check(together, "m", p, &allowed).unwrap().len(), 2);
    }

    #[test]
    fn reasoning_models_get_max_completion_tokens_and_bookkeeping_is_stripped() {
        let openai = spec("openai").unwrap();
        let p = params(json!({"max_tokens": 64, "max_retries": 3, "seed": 1}));
        let out = check(openai, "o3-mini", p.clone(), &CallOptions::default()).unwrap();
        assert_eq!(out, params(json!({"seed": 1, "max_completion_tokens": 64})));
        let out = check(openai, "gpt-4o", p, &CallOptions::default()).unwrap();
        assert_eq!(out, params(json!({"max_tokens": 64, "seed": 1})));
        let extra = CallOptions {
            additional_drop_params: vec!["seed".into()],
            ..Default::default()
        };
        assert!(!check(openai, "gpt-4o", params(json!({"seed": 1})), &extra)
            .unwrap()
            .contains_key("seed"));
    }
}
