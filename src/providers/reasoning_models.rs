//! OpenAI's reasoning models as LiteLLM 1.109 treats them on `openai/` and Azure deployments:
//! which names count as o-series or GPT-5, the sampling parameters they refuse, `temperature`
//! only at 1 while they reason, the effort levels the table lets through, `max_tokens` renamed,
//! system turns as user turns where an o-series model has no system role, and on Azure the
//! `o_series/` / `gpt5_series/` name prefixes and the streams LiteLLM fakes.

use crate::cost::lookup;
use crate::cost::model_map::Embedded;
use crate::cost::table::ModelTable;
use crate::error::{ErrorClass, LlmError};
use serde_json::{json, Map, Value};

/// Sampling parameters o-series models refuse.
pub const O_SERIES_UNSUPPORTED: &[&str] = &[
    "logprobs",
    "top_p",
    "presence_penalty",
    "frequency_penalty",
    "top_logprobs",
];

/// Azure's name prefixes that pick a family for a deployment whose name does not show it.
const AZURE_FAMILY_PREFIXES: &[&str] = &["o_series/", "gpt5_series/"];

fn table_flag(model: &str, provider: &str, flag: &str) -> Option<bool> {
    let found = lookup::find(&Embedded, model, Some(provider), None).ok()?;
    found.entry.get(flag).and_then(Value::as_bool)
}

/// Whether LiteLLM routes the call through its o-series config. Azure goes by the deployment
/// name alone (a substring test, so `demo1-gpt4` counts, as it does in LiteLLM); OpenAI wants
/// an `o<digit>` name the table lists as an OpenAI chat model.
pub fn is_o_series(provider: &str, model: &str) -> bool {
    match provider {
        "azure" => ["o1", "o3", "o4", "o_series/"]
            .iter()
            .any(|marker| model.contains(marker)),
        "openai" => {
            let name = model.rsplit('/').next().unwrap_or(model);
            let bytes = name.as_bytes();
            bytes.len() > 1
                && bytes[0] == b'o'
                && bytes[1].is_ascii_digit()
                && Embedded.entry(name).is_some_and(|e| {
                    e.get("litellm_provider") == Some(&json!("openai"))
                        && e.get("mode") == Some(&json!("chat"))
                })
        }
        _ => false,
    }
}

/// GPT-5 deployments on Azure (`gpt5_series/` names one that does not say so); this decides
/// `max_completion_tokens`, which `gpt-5-chat` deployments take too.
pub fn is_azure_gpt5(model: &str) -> bool {
    ["gpt-5", "gpt-6", "gpt5_series"]
        .iter()
        .any(|marker| model.contains(marker))
}

/// Whether LiteLLM routes the call through its GPT-5 (reasoning) config: the GPT-5 and later
/// series but their `gpt-5-chat` models.
pub fn is_gpt5(provider: &str, model: &str) -> bool {
    let last = model.rsplit('/').next().unwrap_or(model);
    let series = match provider {
        "openai" => model.contains("gpt-5") || model.contains("gpt-6"),
        "azure" => is_azure_gpt5(model),
        _ => false,
    };
    series && !last.contains("gpt-5-chat")
}

/// Parameters GPT-5 refuses; the sampling ones only while it reasons.
const GPT5_UNSUPPORTED: &[&str] = &[
    "presence_penalty",
    "frequency_penalty",
    "stop",
    "logit_bias",
    "modalities",
    "prediction",
    "audio",
    "web_search_options",
];
const GPT5_SAMPLING: &[&str] = &["logprobs", "top_logprobs", "top_p"];

/// The table entry a GPT-5 model's capabilities are read from (Azure's under `azure/`).
fn gpt5_flag(provider: &str, model: &str, key: &str) -> Option<Value> {
    let name = match provider {
        "azure" => format!("azure/{}", azure_deployment(model)),
        _ => model.to_owned(),
    };
    Embedded.entry(&name)?.get(key).cloned()
}

fn supports_effort(provider: &str, model: &str, level: &str) -> Option<bool> {
    gpt5_flag(
        provider,
        model,
        &format!("supports_{level}_reasoning_effort"),
    )?
    .as_bool()
}

/// Whether the call reasons at effort "none" (given, or the model's declared default): the
/// one condition under which GPT-5 takes a temperature or sampling parameters.
fn effort_is_none(provider: &str, model: &str, effort: Option<&str>) -> bool {
    match effort {
        Some(effort) => effort == "none",
        None => gpt5_flag(provider, model, "default_reasoning_effort").is_some_and(|d| d == "none"),
    }
}

/// GPT-5's supported parameters, from its provider's list.
pub fn gpt5_params(
    mut params: Vec<&'static str>,
    provider: &str,
    model: &str,
) -> Vec<&'static str> {
    for extra in ["reasoning_effort", "verbosity"] {
        if !params.contains(&extra) {
            params.push(extra);
        }
    }
    params.retain(|p| !GPT5_UNSUPPORTED.contains(p));
    if supports_effort(provider, model, "none") != Some(true) {
        params.retain(|p| !GPT5_SAMPLING.contains(p));
    }
    params
}

fn refusal(message: String) -> LlmError {
    LlmError::new(ErrorClass::UnsupportedParamsError, 400, message)
}

const DROP_HINT: &str = "To drop unsupported params set `litellm.drop_params = True`";

/// LiteLLM's GPT-5 rules: an effort level the table does not grant refused (`xhigh`, and on
/// Azure `none`, only where granted); sampling parameters and a `temperature` other than 1 only
/// while the effort is "none". Each is dropped under `drop_params`, else refused.
pub fn map_gpt5_params(
    params: &mut Map<String, Value>,
    provider: &str,
    model: &str,
    drop_params: bool,
) -> Result<(), LlmError> {
    let effort = params
        .get("reasoning_effort")
        .and_then(|e| {
            e.as_str()
                .or_else(|| e.get("effort").and_then(Value::as_str))
        })
        .map(str::to_owned);
    if let Some(level) = effort.as_deref() {
        let opt_in = level == "xhigh" || (provider == "azure" && level == "none");
        let granted = supports_effort(provider, model, level);
        let refused = if opt_in {
            granted != Some(true)
        } else {
            granted == Some(false) && level != "max"
        };
        if refused {
            if !drop_params {
                return Err(refusal(format!(
                    "reasoning_effort={level} is not supported for {model}. {DROP_HINT}"
                )));
            }
            params.remove("reasoning_effort");
        }
    }
    let effective = params.get("reasoning_effort").and(effort.as_deref());
    let supports_none = supports_effort(provider, model, "none") == Some(true);
    let at_none = supports_none && effort_is_none(provider, model, effective);
    let sampling = GPT5_SAMPLING.iter().any(|p| params.contains_key(*p));
    if sampling && supports_none && !at_none {
        if !drop_params {
            return Err(refusal(format!(
                "{model} only supports logprobs, top_p, top_logprobs when reasoning_effort resolves \
                 to 'none', either set explicitly on the request or declared as the model's \
                 default_reasoning_effort. Current reasoning_effort={}. {DROP_HINT}",
                crate::providers::python_json::python_repr(
                    &effective.map_or(Value::Null, |e| Value::String(e.to_owned()))
                )
            )));
        }
        for p in GPT5_SAMPLING {
            params.remove(*p);
        }
    }
    match params.get("temperature") {
        None | Some(Value::Null) => {}
        Some(t) if t.as_f64() == Some(1.0) || at_none => {}
        Some(_) if drop_params => {
            params.remove("temperature");
        }
        Some(t) => {
            return Err(refusal(format!(
                "{model} doesn't support temperature={} while reasoning is active. Only \
                 temperature=1 is supported unless reasoning_effort resolves to 'none', either set \
                 explicitly on the request or declared as the model's default_reasoning_effort. \
                 {DROP_HINT}",
                crate::providers::python_json::python_repr(t)
            )))
        }
    }
    Ok(())
}

/// The deployment name Azure is called with: LiteLLM's family prefixes removed.
pub fn azure_deployment(model: &str) -> &str {
    AZURE_FAMILY_PREFIXES
        .iter()
        .find_map(|prefix| model.strip_prefix(prefix))
        .unwrap_or(model)
}

/// The supported parameters of an o-series model, from its provider's list.
pub fn o_series_params(
    mut params: Vec<&'static str>,
    provider: &str,
    model: &str,
) -> Vec<&'static str> {
    params.retain(|p| !O_SERIES_UNSUPPORTED.contains(p));
    if !params.contains(&"reasoning_effort") {
        params.push("reasoning_effort");
    }
    // OpenAI also goes by what the table says the model can do; Azure does not.
    if provider == "openai" {
        let refuses = |flag| table_flag(model, provider, flag) == Some(false);
        let mut dropped = Vec::new();
        if refuses("supports_function_calling") {
            dropped.extend(["tools", "tool_choice", "function_call", "functions"]);
        }
        if refuses("supports_parallel_function_calling") {
            dropped.push("parallel_tool_calls");
        }
        if refuses("supports_response_schema") {
            dropped.push("response_format");
        }
        params.retain(|p| !dropped.contains(p));
    }
    params
}

/// `max_tokens` as `max_completion_tokens`, and `temperature` only at 1: any other value is
/// dropped under `drop_params` and refused otherwise, in LiteLLM's words.
pub fn map_o_series_params(
    params: &mut Map<String, Value>,
    drop_params: bool,
) -> Result<(), LlmError> {
    if let Some(max_tokens) = params.remove("max_tokens") {
        params.insert("max_completion_tokens".into(), max_tokens);
    }
    match params.get("temperature") {
        None | Some(Value::Null) => {}
        Some(t) if t.as_f64() == Some(1.0) => {}
        Some(_) if drop_params => {
            params.remove("temperature");
        }
        Some(t) => {
            return Err(LlmError::new(
                ErrorClass::UnsupportedParamsError,
                400,
                format!(
                    "O-series models don't support temperature={}. Only temperature=1 is \
                     supported. To drop unsupported openai params from the call, set \
                     `litellm.drop_params = True`",
                    crate::providers::python_json::python_repr(t)
                ),
            ))
        }
    }
    Ok(())
}

/// System turns become user turns when the table does not give the model a system role
/// (looked up as an OpenAI model, as LiteLLM does for Azure deployments too; unknown names
/// have none). `developer` turns are kept.
pub fn o_series_messages(messages: &[Value], model: &str) -> Option<Vec<Value>> {
    let name = azure_deployment(model);
    if table_flag(name, "openai", "supports_system_messages") == Some(true) {
        return None;
    }
    if !messages.iter().any(|m| m["role"] == "system") {
        return None;
    }
    Some(
        messages
            .iter()
            .map(|m| {
                if m["role"] == "system" {
                    json!({"content": m.get("content").cloned().unwrap_or(Value::Null), "role": "user"})
                } else {
                    m.clone()
                }
            })
            .collect(),
    )
}

/// Azure's GPT-5 deployments take `developer` turns as `system` ones (LiteLLM's rewrite).
pub fn developer_as_system(messages: &[Value]) -> Option<Vec<Value>> {
    if !messages.iter().any(|m| m["role"] == "developer") {
        return None;
    }
    Some(
        messages
            .iter()
            .map(|m| {
                let mut m = m.clone();
                if m["role"] == "developer" {
                    m["role"] = json!("system");
                }
                m
            })
            .collect(),
    )
}

/// Azure o-series deployments whose streams LiteLLM fakes (one full reply replayed as
/// chunks): all but o3 models and those the table marks as streaming natively.
pub fn azure_fakes_stream(model: &str) -> bool {
    is_o_series("azure", model)
        && !model.contains("o3")
        && table_flag(model, "azure", "supports_native_streaming") != Some(true)
}

/// LiteLLM's o-series path names the served model `azure/<model>` in its responses.
pub fn azure_response_model(mut response: Value, deployment: &str) -> Value {
    if is_o_series("azure", deployment) {
        if let Some(served) = response["model"].as_str() {
            response["model"] = Value::String(format!("azure/{served}"));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn o_series_names_follow_each_providers_test() {
        assert!(is_o_series("azure", "o1"));
        assert!(is_o_series("azure", "o_series/my-deployment"));
        assert!(is_o_series("azure", "demo1-gpt4")); // LiteLLM's substring test
        assert!(!is_o_series("azure", "gpt-4o"));
        assert!(is_o_series("openai", "o3-mini"));
        assert!(!is_o_series("openai", "o9-unknown"));
        assert!(!is_o_series("openai", "gpt-4o"));
        assert_eq!(azure_deployment("o_series/dep"), "dep");
        assert_eq!(azure_deployment("gpt5_series/dep"), "dep");
    }

    #[test]
    fn temperature_is_one_or_nothing() {
        let mut p: Map<String, Value> =
            serde_json::from_value(json!({"temperature": 1, "max_tokens": 5})).unwrap();
        map_o_series_params(&mut p, false).unwrap();
        assert_eq!(
            Value::Object(p),
            json!({"temperature": 1, "max_completion_tokens": 5})
        );
        let mut p: Map<String, Value> =
            serde_json::from_value(json!({"temperature": 0.5})).unwrap();
        let err = map_o_series_params(&mut p.clone(), false).unwrap_err();
        assert!(err
            .message
            .starts_with("O-series models don't support temperature=0.5."));
        map_o_series_params(&mut p, true).unwrap();
        assert!(p.is_empty());
    }

    #[test]
    fn gpt5_reasons_unless_its_effort_is_none() {
        assert!(is_gpt5("openai", "gpt-5-mini"));
        assert!(!is_gpt5("openai", "gpt-5-chat-latest"));
        assert!(is_gpt5("azure", "gpt5_series/my-dep"));
        let params = |v: Value| -> Map<String, Value> { serde_json::from_value(v).unwrap() };
        // gpt-5 always reasons: temperature 0.2 is refused, or dropped.
        let err = map_gpt5_params(
            &mut params(json!({"temperature": 0.2})),
            "openai",
            "gpt-5",
            false,
        )
        .unwrap_err();
        assert!(err
            .message
            .starts_with("gpt-5 doesn't support temperature=0.2 while reasoning"));
        let mut p = params(json!({"temperature": 0.2}));
        map_gpt5_params(&mut p, "openai", "gpt-5", true).unwrap();
        assert!(p.is_empty());
        // gpt-5.1 defaults to effort "none": temperature and top_p pass, until it reasons.
        let mut p = params(json!({"temperature": 0.2, "top_p": 0.5}));
        map_gpt5_params(&mut p, "openai", "gpt-5.1", false).unwrap();
        assert_eq!(p.len(), 2);
        let mut p = params(json!({"temperature": 0.2, "reasoning_effort": "high"}));
        assert!(map_gpt5_params(&mut p, "openai", "gpt-5.1", false).is_err());
        // xhigh only where the table grants it.
        let mut p = params(json!({"reasoning_effort": "xhigh"}));
        let err = map_gpt5_params(&mut p, "openai", "gpt-5", false).unwrap_err();
        assert!(err
            .message
            .starts_with("reasoning_effort=xhigh is not supported for gpt-5."));
        let mut p = params(json!({"reasoning_effort": "xhigh"}));
        map_gpt5_params(&mut p, "openai", "gpt-5.2", false).unwrap();
        let supported = gpt5_params(
            vec!["temperature", "top_p", "stop", "tools"],
            "openai",
            "gpt-5",
        );
        assert_eq!(
            supported,
            vec!["temperature", "tools", "reasoning_effort", "verbosity"]
        );
    }

    #[test]
    fn fake_streams_are_azure_o_series_but_o3() {
        assert!(azure_fakes_stream("o1"));
        assert!(azure_fakes_stream("o_series/dep"));
        assert!(!azure_fakes_stream("o3-mini"));
        assert!(!azure_fakes_stream("gpt-4o"));
    }

    #[test]
    fn system_turns_become_user_turns_without_a_system_role() {
        let messages = vec![
            json!({"role": "system", "content": "Be brief."}),
            json!({"role": "user", "content": "hi"}),
        ];
        let converted = o_series_messages(&messages, "o_series/my-dep").unwrap();
        assert_eq!(
            converted[0],
            json!({"content": "Be brief.", "role": "user"})
        );
        assert!(o_series_messages(&messages, "o1").is_none());
    }
}
