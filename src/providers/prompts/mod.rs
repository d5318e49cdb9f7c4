//! Chat messages as one prompt string, for routes that send text rather than messages (TGI's
//! `generate`, `watsonx_text/`, `ollama/` with a registered template). The format is chosen as
//! LiteLLM's `prompt_factory` chooses it: a template registered for the model, a built-in
//! model-family format, the model's own Jinja chat template, else the texts spaced.

pub mod chat_template;
pub mod hub;
pub mod roles;

use crate::types::CallOptions;
use chat_template::ChatTemplate;
use serde_json::Value;
use std::sync::Arc;

pub use roles::custom_prompt;

/// How one model's prompt is written.
enum Format<'a> {
    Roles(&'a Value),
    FalconInstruct,
    Jinja(Arc<ChatTemplate>),
    /// The model's Hub chat template, by repository name.
    Hub(&'a str),
}

/// The format a model family has by name (LiteLLM's lower-cased substring rules). Variants
/// LiteLLM leaves without a prompt (a non-chat MPT, `falcon-180B-chat` compared against a
/// lower-cased name) fall through to the Hub here instead of sending `None`.
fn family(model: &str) -> Option<Format<'static>> {
    use roles::*;
    let name = model.to_lowercase();
    let has = |s: &str| name.contains(s);
    let format = if has("meta-llama/llama-2") && has("chat") {
        Format::Roles(&LLAMA_2_CHAT)
    } else if (has("meta-llama/llama-3") || has("meta-llama-3")) && has("instruct") {
        Format::Hub("meta-llama/Meta-Llama-3-8B-Instruct")
    } else if has("tiiuae/falcon") && has("180b-chat") {
        Format::Roles(&FALCON_CHAT)
    } else if has("tiiuae/falcon") && has("instruct") {
        Format::FalconInstruct
    } else if has("mosaicml/mpt") && has("chat") {
        Format::Roles(&MPT_CHAT)
    } else if (has("codellama/codellama") || has("togethercomputer/codellama")) && has("instruct")
        || has("togethercomputer/llama-2") && (has("instruct") || has("chat"))
    {
        Format::Roles(&LLAMA_2_CHAT)
    } else if has("wizardlm/wizardcoder") {
        Format::Roles(&WIZARDCODER)
    } else if has("phind/phind-codellama") {
        Format::Roles(&PHIND_CODELLAMA)
    } else if matches!(
        name.as_str(),
        "gryphe/mythomax-l2-13b" | "gryphe/mythomix-l2-13b" | "gryphe/mythologic-l2-13b"
    ) {
        Format::Roles(&ALPACA)
    } else {
        return None;
    };
    Some(format)
}

/// watsonx's own choices, which LiteLLM makes before the general ones. (1.109.1 narrowed these
/// to names IBM does not use, such as `granite-chat`, and then sends no prompt at all; these are
/// the looser rules of the releases before.)
fn watsonx_family(model: &str) -> Option<Format<'static>> {
    use roles::*;
    let name = model.to_lowercase();
    if name.contains("granite") && name.contains("chat") {
        Some(Format::Roles(&IBM_GRANITE))
    } else if name.contains("mistral") {
        Some(Format::Roles(&MISTRAL_INSTRUCT))
    } else if name.contains("meta-llama/llama-3") && name.contains("instruct") {
        Some(Format::Roles(&WATSONX_LLAMA_3))
    } else {
        None
    }
}

fn choose<'a>(provider: &str, model: &'a str, options: &'a CallOptions) -> Format<'a> {
    if let Some(registered) = &options.prompt_template {
        return Format::Roles(registered);
    }
    if let Some(config) = &options.tokenizer_config {
        if let Some(Ok(template)) = ChatTemplate::from_tokenizer_config(config) {
            return Format::Jinja(Arc::new(template));
        }
    }
    let own = if provider.starts_with("watsonx") {
        watsonx_family(model)
    } else {
        None
    };
    own.or_else(|| family(model)).unwrap_or(Format::Hub(model))
}

/// Fetches the model's Hub chat template first if its prompt will need one.
pub async fn prefetch(provider: &str, model: &str, options: &CallOptions) {
    if let Format::Hub(repo) = choose(provider, model, options) {
        hub::fetch(&crate::http::runtime::engine().client, repo).await;
    }
}

/// The prompt for `messages` sent to `provider`'s `model`. A Jinja template that fails to render
/// gives the plain prompt, as in LiteLLM.
pub fn render(provider: &str, model: &str, messages: &[Value], options: &CallOptions) -> String {
    let template = match choose(provider, model, options) {
        Format::Roles(template) => return custom_prompt(template, messages),
        Format::FalconInstruct => return roles::falcon_instruct(messages),
        Format::Jinja(template) => Some(template),
        Format::Hub(repo) => hub::settled(repo).flatten(),
    };
    template
        .and_then(|t| t.render(messages).ok())
        .unwrap_or_else(|| roles::plain(messages))
}

/// The conversation LiteLLM's renderings were probed with.
#[cfg(test)]
pub(crate) fn conversation() -> Vec<Value> {
    use serde_json::json;
    vec![
        json!({"role": "system", "content": "Be brief."}),
        json!({"role": "user", "content": "Hi"}),
        json!({"role": "assistant", "content": "Hello"}),
        json!({"role": "user", "content": "Bye"}),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use super::conversation;

    /// Families are told apart by name as LiteLLM tells them; Llama 3 uses the bundled Hub
    /// template without asking the Hub (LiteLLM 1.109.1's rendering, probed).
    #[test]
    fn chooses_by_family() {
        let options = CallOptions::default();
        let m = conversation();
        assert_eq!(
            render("huggingface", "meta-llama/Meta-Llama-3.1-8B-Instruct", &m, &options),
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nBye<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
        );
        assert!(
            render("huggingface", "meta-llama/Llama-2-7b-chat-hf", &m, &options)
                .starts_with("<s>[INST] <<SYS>>")
        );
        assert!(
            render("huggingface", "tiiuae/falcon-180B-chat", &m, &options)
                .starts_with("System: Be brief.User: Hi")
        );
        assert!(render(
            "huggingface",
            "codellama/CodeLlama-34b-Instruct-hf",
            &m,
            &options
        )
        .starts_with("<s>[INST]"));
        // Unknown to the Hub (never asked here) and to the families: the texts, spaced.
        assert_eq!(
            render("huggingface", "bigscience/bloom", &m, &options),
            "Be brief. Hi Hello Bye"
        );
    }

    /// What the caller registered wins over the family format.
    #[test]
    fn registered_templates_come_first() {
        let m = conversation();
        let options = CallOptions {
            tokenizer_config: Some(
                json!({"chat_template": "{% for m in messages %}[{{m['role']}}]{{m['content']}}{% endfor %}"}),
            ),
            ..CallOptions::default()
        };
        assert_eq!(
            render("huggingface", "meta-llama/Llama-2-7b-chat-hf", &m, &options),
            "[system]Be brief.[user]Hi[assistant]Hello[user]Bye"
        );
        let options = CallOptions {
            prompt_template: Some(json!({"roles": {"user": {"pre_message": "Q: "}}})),
            ..options
        };
        assert_eq!(
            render("huggingface", "x/y", &m, &options),
            "Be brief.Q: HiHelloQ: Bye"
        );
    }

    /// watsonx's Llama 3 format has single newlines (LiteLLM 1.109.1, probed).
    #[test]
    fn watsonx_has_its_own_llama_3() {
        assert_eq!(
            render("watsonx_text", "meta-llama/llama-3-8b-instruct", &conversation(), &CallOptions::default()),
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\nHello<|eot_id|><|start_header_id|>user<|end_header_id|>\nBye<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n"
        );
    }
}
