//! A model's own Jinja chat template (a Hub `tokenizer_config.json` `chat_template`), rendered
//! with minijinja the way LiteLLM renders it with Jinja2: default whitespace handling (no
//! `trim_blocks`), `add_generation_prompt` set, `raise_exception` and `strftime_now` defined.
//!
//! One deliberate difference: LiteLLM's `raise_exception` returns its message instead of
//! raising, so a template's refusal ("roles must alternate") is pasted into the prompt. Here it
//! raises, which makes LiteLLM's own recovery steps (system turns as user turns, empty turns
//! between same-role neighbours) do what they were written for.

use super::roles::message_text;
use minijinja::{context, Environment, Error, ErrorKind, Value as Jinja};
use serde_json::{json, Value};

const ALTERNATION: &str = "Conversation roles must alternate user/assistant";

/// A compiled template and the special tokens it is rendered with.
pub struct ChatTemplate {
    env: Environment<'static>,
    bos_token: String,
    eos_token: String,
    /// Whether the template renders a system turn (else system turns go in as user turns);
    /// probed once, when the template is compiled.
    takes_system: bool,
}

impl std::fmt::Debug for ChatTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatTemplate")
            .field("bos_token", &self.bos_token)
            .field("eos_token", &self.eos_token)
            .finish_non_exhaustive()
    }
}

impl ChatTemplate {
    pub fn new(source: &str, bos_token: &str, eos_token: &str) -> Result<Self, String> {
        let mut env = Environment::new();
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        env.add_function(
            "raise_exception",
            |message: String| -> Result<Jinja, Error> {
                Err(Error::new(ErrorKind::InvalidOperation, message))
            },
        );
        env.add_function("strftime_now", |format: String| {
            strftime_utc(&format, now())
        });
        env.add_template_owned("chat", source.to_owned())
            .map_err(|e| e.to_string())?;
        let mut template = Self {
            env,
            bos_token: bos_token.to_owned(),
            eos_token: eos_token.to_owned(),
            takes_system: false,
        };
        let probe = [json!({"role": "system", "content": "test"})];
        template.takes_system = template.render_with(&probe, false).is_ok();
        Ok(template)
    }

    /// The template, bos and eos from a `tokenizer_config.json`; `None` without a template.
    /// `chat_template` may be one string or a list of named templates (the `default` is used).
    pub fn from_tokenizer_config(config: &Value) -> Option<Result<Self, String>> {
        let source = match config.get("chat_template")? {
            Value::String(s) => s.as_str(),
            Value::Array(named) => named
                .iter()
                .find(|t| t.get("name").and_then(Value::as_str) == Some("default"))
                .or_else(|| named.first())?
                .get("template")?
                .as_str()?,
            _ => return None,
        };
        Some(Self::new(
            source,
            &token(config.get("bos_token")),
            &token(config.get("eos_token")),
        ))
    }

    fn render_with(&self, messages: &[Value], generation_prompt: bool) -> Result<String, Error> {
        self.env.get_template("chat")?.render(context! {
            messages => Jinja::from(minijinja::value::Serde(messages)),
            bos_token => &self.bos_token,
            eos_token => &self.eos_token,
            add_generation_prompt => generation_prompt,
        })
    }

    /// The prompt for `messages`, after LiteLLM's two recovery steps.
    pub fn render(&self, messages: &[Value]) -> Result<String, String> {
        let messages: Vec<Value> = messages.iter().map(plain_message).collect();
        if self.takes_system {
            return self.render_with(&messages, true).map_err(describe);
        }
        let messages: Vec<Value> = messages.into_iter().map(system_as_user).collect();
        match self.render_with(&messages, true) {
            Err(e) if e.detail().is_some_and(|d| d.contains(ALTERNATION)) => self
                .render_with(&alternated(messages), false)
                .map_err(describe),
            other => other.map_err(describe),
        }
    }
}

fn describe(error: Error) -> String {
    format!(
        "Error rendering template - {}",
        error
            .detail()
            .map_or_else(|| error.to_string(), str::to_owned)
    )
}

/// A tokenizer's special token: a string, or an `AddedToken` object's `content`.
fn token(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(o)) => o
            .get("content")
            .and_then(Value::as_str)
            .unwrap_or("")
            .into(),
        _ => String::new(),
    }
}

/// Templates concatenate `message['content']` as a string, so content lists become their text.
fn plain_message(message: &Value) -> Value {
    let mut message = message.clone();
    if matches!(message.get("content"), Some(Value::Array(_))) {
        let text = message_text(&message).unwrap_or_default();
        message["content"] = Value::String(text);
    }
    message
}

fn system_as_user(mut message: Value) -> Value {
    if message.get("role").and_then(Value::as_str) == Some("system") {
        message["role"] = json!("user");
    }
    message
}

/// An empty turn of the other role between two neighbours of the same role.
fn alternated(messages: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(messages.len() * 2);
    for message in messages {
        if let Some(last) = out.last() {
            let role = last.get("role").and_then(Value::as_str).unwrap_or("");
            if message.get("role").and_then(Value::as_str) == Some(role) {
                let other = if role == "user" { "assistant" } else { "user" };
                out.push(json!({"role": other, "content": ""}));
            }
        }
        out.push(message);
    }
    out
}

fn now() -> u64 {
    crate::providers::unix_now()
}

/// `strftime` for the date fields chat templates use (`%d %b %Y`, `%Y-%m-%d`, ...), in UTC.
fn strftime_utc(format: &str, unix_seconds: u64) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const DAYS: [&str; 7] = [
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
    ];
    let days = unix_seconds / 86_400;
    let secs = unix_seconds % 86_400;
    let (year, month, day) = civil_from_days(days as i64);
    let month_name = MONTHS[(month - 1) as usize];
    let day_name = DAYS[(days % 7) as usize];
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&year.to_string()),
            Some('y') => out.push_str(&format!("{:02}", year % 100)),
            Some('m') => out.push_str(&format!("{month:02}")),
            Some('d') => out.push_str(&format!("{day:02}")),
            Some('B') => out.push_str(month_name),
            Some('b') => out.push_str(&month_name[..3]),
            Some('A') => out.push_str(day_name),
            Some('a') => out.push_str(&day_name[..3]),
            Some('H') => out.push_str(&format!("{:02}", secs / 3600)),
            Some('M') => out.push_str(&format!("{:02}", secs / 60 % 60)),
            Some('S') => out.push_str(&format!("{:02}", secs % 60)),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

/// Howard Hinnant's days-to-civil-date conversion.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probed conversation, its last turn as a content list (templates see its text).
    fn conversation() -> Vec<Value> {
        let mut messages = crate::providers::prompts::conversation();
        messages[3]["content"] = json!([{"type": "text", "text": "Bye"}]);
        messages
    }

    /// ChatML and the multi-line Zephyr template render as LiteLLM's Jinja2 renders them
    /// (probed), stray newlines included: neither trims blocks.
    #[test]
    fn renders_hub_templates_like_jinja2() {
        let chatml = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";
        let rendered = ChatTemplate::new(chatml, "", "")
            .unwrap()
            .render(&conversation());
        assert_eq!(rendered.unwrap(), "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n");

        let zephyr = "{% for message in messages %}\n{% if message['role'] == 'user' %}\n{{ '<|user|>\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'system' %}\n{{ '<|system|>\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'assistant' %}\n{{ '<|assistant|>\n'  + message['content'] + eos_token }}\n{% endif %}\n{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n{% endfor %}";
        let config = json!({"chat_template": zephyr, "bos_token": "<s>",
                            "eos_token": {"__type": "AddedToken", "content": "</s>"}});
        let template = ChatTemplate::from_tokenizer_config(&config)
            .unwrap()
            .unwrap();
        assert_eq!(template.render(&conversation()).unwrap(), "\n\n<|system|>\nBe brief.</s>\n\n\n\n\n<|user|>\nHi</s>\n\n\n\n\n<|assistant|>\nHello</s>\n\n\n\n\n<|user|>\nBye</s>\n\n\n<|assistant|>\n\n");
    }

    /// A template that refuses system turns gets them as user turns, then empty turns keep the
    /// roles alternating; nothing of the refusal reaches the prompt.
    #[test]
    fn recovers_from_refusals_instead_of_printing_them() {
        let mistral = "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token + ' ' }}{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}";
        let template = ChatTemplate::new(mistral, "<s>", "</s>").unwrap();
        assert_eq!(
            template.render(&conversation()).unwrap(),
            "<s>[INST] Be brief. [/INST]</s> [INST] Hi [/INST]Hello</s> [INST] Bye [/INST]"
        );
        let refusing = ChatTemplate::new("{{ raise_exception('no tools') }}", "", "").unwrap();
        assert_eq!(
            refusing.render(&conversation()).unwrap_err(),
            "Error rendering template - no tools"
        );
    }

    #[test]
    fn strftime_covers_template_dates() {
        // 2024-07-23 14:05:09 UTC, a Tuesday.
        assert_eq!(
            strftime_utc("%d %b %Y|%Y-%m-%d %H:%M:%S|%A %B", 1_721_743_509),
            "23 Jul 2024|2024-07-23 14:05:09|Tuesday July"
        );
    }
}
