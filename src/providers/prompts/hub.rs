//! Where a model's Jinja chat template comes from when nothing was registered for it: the
//! tokenizer configs LiteLLM ships (`known_tokenizers.json`), else the Hugging Face Hub's
//! `tokenizer_config.json`, then `chat_template.jinja` / `.jinja2`. Each model is asked for
//! once per process; a miss is remembered too, as LiteLLM remembers it.

use super::chat_template::ChatTemplate;
use once_cell::sync::Lazy;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

static KNOWN: Lazy<HashMap<String, Option<Arc<ChatTemplate>>>> = Lazy::new(|| {
    let configs: Map<String, Value> = serde_json::from_str(include_str!("known_tokenizers.json"))
        .expect("bundled tokenizer configs are JSON");
    configs
        .iter()
        .map(|(model, config)| (model.clone(), compile(config)))
        .collect()
});

/// What the Hub said for each model asked about: its template, or `None` when it has none.
static FETCHED: Lazy<Mutex<HashMap<String, Option<Arc<ChatTemplate>>>>> =
    Lazy::new(Default::default);

/// A Hub fetch that hangs must not hold the call for long: the prompt falls back to plain text.
const FETCH_TIMEOUT: Duration = Duration::from_secs(20);

/// `HF_ENDPOINT` (the Hub's own variable for mirrors) or the public Hub.
fn hub_base() -> String {
    std::env::var("HF_ENDPOINT")
        .ok()
        .filter(|b| !b.is_empty())
        .map_or_else(
            || "https://huggingface.co".into(),
            |b| b.trim_end_matches('/').into(),
        )
}

fn compile(config: &Value) -> Option<Arc<ChatTemplate>> {
    ChatTemplate::from_tokenizer_config(config)?
        .ok()
        .map(Arc::new)
}

/// A template settled without the network: built in, or already fetched. `Some(None)` is a
/// remembered miss; `None` means the Hub has not been asked yet.
pub fn settled(model: &str) -> Option<Option<Arc<ChatTemplate>>> {
    if let Some(known) = KNOWN.get(model) {
        return Some(known.clone());
    }
    FETCHED.lock().ok()?.get(model).cloned()
}

/// Asks the Hub for `model`'s template unless that is already settled.
pub async fn fetch(client: &reqwest::Client, model: &str) {
    if settled(model).is_some() {
        return;
    }
    let found = ask_hub(client, model).await;
    if let Ok(mut fetched) = FETCHED.lock() {
        fetched.insert(model.to_owned(), found);
    }
}

async fn get_text(client: &reqwest::Client, url: &str) -> Option<String> {
    let response = client.get(url).timeout(FETCH_TIMEOUT).send().await.ok()?;
    if !response.status().is_success() {
        return None;
    }
    response.text().await.ok()
}

async fn ask_hub(client: &reqwest::Client, model: &str) -> Option<Arc<ChatTemplate>> {
    let base = format!("{}/{model}/raw/main", hub_base());
    let mut config: Value = match get_text(client, &format!("{base}/tokenizer_config.json")).await {
        Some(text) => serde_json::from_str(&text).unwrap_or(Value::Null),
        None => Value::Null,
    };
    if config.get("chat_template").is_none() {
        // Newer repos keep the template in its own file; the tokens stay in the config.
        let mut template = None;
        for file in ["chat_template.jinja", "chat_template.jinja2"] {
            template = get_text(client, &format!("{base}/{file}")).await;
            if template.is_some() {
                break;
            }
        }
        if !config.is_object() {
            config = Value::Object(Map::new());
        }
        config["chat_template"] = Value::String(template?);
    }
    compile(&config)
}

/// Forgets fetched templates (tests change `HF_ENDPOINT` between calls).
pub fn clear() {
    if let Ok(mut fetched) = FETCHED.lock() {
        fetched.clear();
    }
}
