//! Prompts that wrap each message in its role's opening and closing strings: LiteLLM's
//! `custom_prompt` (what `register_prompt_template` stores) and the built-in model-family
//! formats, which are the same shape written down as data.

use once_cell::sync::Lazy;
use serde_json::{json, Value};

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A message's text: a string, or the `text` of each part of a list; `None` for no content.
pub fn message_text(message: &Value) -> Option<String> {
    match message.get("content")? {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => Some(
            parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect(),
        ),
        _ => None,
    }
}

/// `template` is a `custom_prompt_dict` entry: `roles` (`{role: {pre_message, post_message}}`),
/// `initial_prompt_value`, `final_prompt_value`, and optionally `bos_token` / `eos_token`.
/// Built-in formats may also set `skip_other_roles` (roles without an entry are left out
/// rather than added bare) and `strip` (the result is trimmed).
pub fn custom_prompt(template: &Value, messages: &[Value]) -> String {
    let (bos, eos) = (text(template, "bos_token"), text(template, "eos_token"));
    let roles = template.get("roles").unwrap_or(&Value::Null);
    let skip_other_roles = template.get("skip_other_roles") == Some(&Value::Bool(true));
    let mut prompt = format!("{bos}{}", text(template, "initial_prompt_value"));
    // The opening token is repeated before a system or human turn that follows an answer.
    let mut bos_open = true;
    for message in messages {
        let role = text(message, "role");
        let style = roles.get(role);
        if style.is_none() && skip_other_roles {
            continue;
        }
        if matches!(role, "system" | "human") && !bos_open {
            prompt.push_str(bos);
            bos_open = true;
        }
        if let Some(content) = message_text(message) {
            let style = style.unwrap_or(&Value::Null);
            prompt.push_str(text(style, "pre_message"));
            prompt.push_str(&content);
            prompt.push_str(text(style, "post_message"));
        }
        if role == "assistant" {
            prompt.push_str(eos);
            bos_open = false;
        }
    }
    prompt.push_str(text(template, "final_prompt_value"));
    if template.get("strip") == Some(&Value::Bool(true)) {
        prompt = prompt.trim().to_owned();
    }
    prompt
}

fn roles(system: (&str, &str), user: (&str, &str), assistant: (&str, &str)) -> Value {
    let wrap = |(pre, post): (&str, &str)| json!({"pre_message": pre, "post_message": post});
    json!({"system": wrap(system), "user": wrap(user), "assistant": wrap(assistant)})
}

/// The families LiteLLM's `prompt_factory` formats itself, by the name of its function.
pub static LLAMA_2_CHAT: Lazy<Value> = Lazy::new(|| {
    json!({"bos_token": "<s>", "eos_token": "</s>", "roles": roles(
        ("[INST] <<SYS>>\n", "\n<</SYS>>\n [/INST]\n"),
        ("[INST] ", " [/INST]\n"),
        ("", "\n"))})
});
pub static MISTRAL_INSTRUCT: Lazy<Value> = Lazy::new(|| {
    json!({"initial_prompt_value": "<s>", "roles": roles(
        ("[INST] \n", " [/INST]\n"),
        ("[INST] ", " [/INST]\n"),
        (" ", "</s> "))})
});
pub static ALPACA: Lazy<Value> = Lazy::new(|| {
    json!({"bos_token": "<s>", "eos_token": "</s>", "roles": roles(
        ("### Instruction:\n", "\n\n"),
        ("### Instruction:\n", "\n\n"),
        ("### Response:\n", "\n\n"))})
});
pub static IBM_GRANITE: Lazy<Value> = Lazy::new(|| {
    json!({"strip": true, "roles": roles(
        ("<|system|>\n", "\n"),
        ("<|user|>\n", "\n<|assistant|>\n"),
        ("", "\n"))})
});
pub static FALCON_CHAT: Lazy<Value> = Lazy::new(|| {
    json!({"skip_other_roles": true, "roles": roles(
        ("System: ", ""), ("User: ", ""), ("Falcon: ", ""))})
});
/// MosaicML's ChatML variant: no newline after the role name.
pub static MPT_CHAT: Lazy<Value> = Lazy::new(|| {
    json!({"skip_other_roles": true, "roles": roles(
        ("<|im_start|>system", "<|im_end|>\n"),
        ("<|im_start|>user", "<|im_end|>\n"),
        ("<|im_start|>assistant", "<|im_end|>\n"))})
});
pub static WIZARDCODER: Lazy<Value> = Lazy::new(|| {
    json!({"skip_other_roles": true, "roles": roles(
        ("", "\n\n"),
        ("### Instruction:\n", "\n\n"),
        ("### Response:\n", "\n\n"))})
});
pub static PHIND_CODELLAMA: Lazy<Value> = Lazy::new(|| {
    json!({"skip_other_roles": true, "roles": roles(
        ("### System Prompt\n", "\n\n"),
        ("### User Message\n", "\n\n"),
        ("### Assistant\n", "\n\n"))})
});

/// Llama 3 as LiteLLM writes it for watsonx: one newline after each header, not two.
pub static WATSONX_LLAMA_3: Lazy<Value> = Lazy::new(|| {
    let header = |role: &str| format!("<|start_header_id|>{role}<|end_header_id|>\n");
    json!({"initial_prompt_value": "<|begin_of_text|>",
           "final_prompt_value": header("assistant"),
           "roles": roles(
               (&header("system"), "<|eot_id|>"),
               (&header("user"), "<|eot_id|>"),
               (&header("assistant"), "<|eot_id|>"))})
});

/// Falcon instruct: each turn as `role:text` with its blank lines squeezed; system text bare.
pub fn falcon_instruct(messages: &[Value]) -> String {
    let mut prompt = String::new();
    for message in messages {
        let content = message_text(message).unwrap_or_default();
        match text(message, "role") {
            "system" => prompt.push_str(&content),
            role => {
                let squeezed = content.replace("\r\n", "\n").replace("\n\n", "\n");
                prompt.push_str(&format!("{role}:{squeezed}\n\n"));
            }
        }
    }
    prompt
}

/// The fallback for models with no chat format (base models, T5, Bloom): the texts, spaced.
pub fn plain(messages: &[Value]) -> String {
    messages
        .iter()
        .map(|m| message_text(m).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::providers::prompts::conversation;

    /// LiteLLM 1.109.1's output for this template, probed.
    #[test]
    fn wraps_messages_like_litellm() {
        let template = json!({
            "roles": {"user": {"pre_message": "U:", "post_message": "\n"},
                      "assistant": {"pre_message": "A:", "post_message": "\n"},
                      "system": {"pre_message": "S:", "post_message": "\n"}},
            "initial_prompt_value": "<<", "final_prompt_value": ">>",
            "bos_token": "<s>", "eos_token": "</s>"});
        let mut messages = conversation();
        messages[3] = json!({"role": "user", "content": [{"type": "text", "text": "By"}, {"type": "image_url", "image_url": "x"}, {"type": "text", "text": "e"}]});
        assert_eq!(
            custom_prompt(&template, &messages),
            "<s><<S:Be brief.\nU:Hi\nA:Hello\n</s>U:Bye\n>>"
        );
        assert_eq!(custom_prompt(&json!({}), &messages[..2]), "Be brief.Hi");
    }

    /// Each family's rendering of the same conversation, as LiteLLM 1.109.1 renders it.
    #[test]
    fn built_in_families_render_like_litellm() {
        let m = conversation();
        let cases: [(&str, String); 10] = [
            ("Be brief. Hi Hello Bye", plain(&m)),
            ("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n [/INST]\n[INST] Hi [/INST]\nHello\n</s>[INST] Bye [/INST]\n", custom_prompt(&LLAMA_2_CHAT, &m)),
            ("<s>[INST] \nBe brief. [/INST]\n[INST] Hi [/INST]\n Hello</s> [INST] Bye [/INST]\n", custom_prompt(&MISTRAL_INSTRUCT, &m)),
            ("Be brief.user:Hi\n\nassistant:Hello\n\nuser:Bye\n\n", falcon_instruct(&m)),
            ("System: Be brief.User: HiFalcon: HelloUser: Bye", custom_prompt(&FALCON_CHAT, &m)),
            ("<|im_start|>systemBe brief.<|im_end|>\n<|im_start|>userHi<|im_end|>\n<|im_start|>assistantHello<|im_end|>\n<|im_start|>userBye<|im_end|>\n", custom_prompt(&MPT_CHAT, &m)),
            ("<s>### Instruction:\nBe brief.\n\n### Instruction:\nHi\n\n### Response:\nHello\n\n</s>### Instruction:\nBye\n\n", custom_prompt(&ALPACA, &m)),
            ("Be brief.\n\n### Instruction:\nHi\n\n### Response:\nHello\n\n### Instruction:\nBye\n\n", custom_prompt(&WIZARDCODER, &m)),
            ("### System Prompt\nBe brief.\n\n### User Message\nHi\n\n### Assistant\nHello\n\n### User Message\nBye\n\n", custom_prompt(&PHIND_CODELLAMA, &m)),
            ("<|system|>\nBe brief.\n<|user|>\nHi\n<|assistant|>\nHello\n<|user|>\nBye\n<|assistant|>", custom_prompt(&IBM_GRANITE, &m)),
        ];
        for (expected, rendered) in cases {
            assert_eq!(rendered, expected);
        }
        let with_tool = [
            json!({"role": "tool", "content": "42"}),
            json!({"role": "user", "content": "ok"}),
        ];
        assert_eq!(
            custom_prompt(&WIZARDCODER, &with_tool),
            "### Instruction:\nok\n\n"
        );
    }
}
