//! Prompts for text-completion routes from a template registered with
//! `litellm.register_prompt_template`: LiteLLM's `custom_prompt`, which wraps each message in its
//! role's `pre_message` / `post_message` between an initial and a final string.

use serde_json::Value;

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `template` is a `custom_prompt_dict` entry: `roles`, `initial_prompt_value`,
/// `final_prompt_value`, and optionally `bos_token` / `eos_token`.
pub fn custom_prompt(template: &Value, messages: &[Value]) -> String {
    let (bos, eos) = (text(template, "bos_token"), text(template, "eos_token"));
    let roles = template.get("roles").unwrap_or(&Value::Null);
    let mut prompt = format!("{bos}{}", text(template, "initial_prompt_value"));
    // The opening token is repeated before a system or human turn that follows an answer.
    let mut bos_open = true;
    for message in messages {
        let role = text(message, "role");
        if matches!(role, "system" | "human") && !bos_open {
            prompt.push_str(bos);
            bos_open = true;
        }
        let style = roles.get(role).unwrap_or(&Value::Null);
        let content = match message.get("content") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(parts)) => parts
                .iter()
                .filter(|p| p.get("type").and_then(Value::as_str) == Some("text"))
                .map(|p| text(p, "text"))
                .collect(),
            _ => String::new(),
        };
        prompt.push_str(text(style, "pre_message"));
        prompt.push_str(&content);
        prompt.push_str(text(style, "post_message"));
        if role == "assistant" {
            prompt.push_str(eos);
            bos_open = false;
        }
    }
    prompt.push_str(text(template, "final_prompt_value"));
    prompt
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// LiteLLM 1.109.1's output for this template, probed.
    #[test]
    fn wraps_messages_like_litellm() {
        let template = json!({
            "roles": {"user": {"pre_message": "U:", "post_message": "\n"},
                      "assistant": {"pre_message": "A:", "post_message": "\n"},
                      "system": {"pre_message": "S:", "post_message": "\n"}},
            "initial_prompt_value": "<<", "final_prompt_value": ">>",
            "bos_token": "<s>", "eos_token": "</s>"});
        let messages = [
            json!({"role": "system", "content": "Be brief."}),
            json!({"role": "user", "content": "Hi"}),
            json!({"role": "assistant", "content": "Hello"}),
            json!({"role": "user", "content": [{"type": "text", "text": "By"}, {"type": "image_url", "image_url": "x"}, {"type": "text", "text": "e"}]}),
        ];
        assert_eq!(
            custom_prompt(&template, &messages),
            "<s><<S:Be brief.\nU:Hi\nA:Hello\n</s>U:Bye\n>>"
        );
        assert_eq!(custom_prompt(&json!({}), &messages[..2]), "Be brief.Hi");
    }
}
