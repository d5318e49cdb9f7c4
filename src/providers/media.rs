//! Media in OpenAI content parts: the URL of an `image_url` part (either form), base64 data
//! URLs split into their media type and payload, and remote URLs a provider cannot fetch itself
//! replaced by downloaded data URLs.

use crate::http::media_fetch::{self, FetchPolicy};
use serde_json::Value;

fn is_remote(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// Where a part keeps its media URL: `image_url` (a string or `{"url"}`) or `file.file_data`.
fn url_slot(part: &mut Value) -> Option<&mut Value> {
    match part.get("type").and_then(Value::as_str)? {
        "image_url" => {
            let image = part.get_mut("image_url")?;
            if image.is_string() {
                Some(image)
            } else {
                image.get_mut("url")
            }
        }
        "file" => part.get_mut("file")?.get_mut("file_data"),
        _ => None,
    }
}

/// The media URL of an `image_url` or `file` part.
fn url_of(part: &Value) -> &str {
    match part.get("type").and_then(Value::as_str) {
        Some("image_url") => image_url(part),
        Some("file") => file_data(part),
        _ => "",
    }
}

/// The messages with every remote media URL that `wants` picks downloaded and inlined, or
/// `None` when none needs it (the common case costs one scan and no copy).
pub async fn inline_remote(
    messages: &[Value],
    wants: fn(&str) -> bool,
    policy: &FetchPolicy,
) -> Result<Option<Vec<Value>>, String> {
    let picks = |url: &str| is_remote(url) && wants(url);
    let needed = messages.iter().any(|m| {
        m.get("content")
            .and_then(Value::as_array)
            .is_some_and(|parts| parts.iter().any(|p| picks(url_of(p))))
    });
    if !needed {
        return Ok(None);
    }
    let mut out = messages.to_vec();
    for message in &mut out {
        let Some(parts) = message.get_mut("content").and_then(Value::as_array_mut) else {
            continue;
        };
        for part in parts {
            let Some(slot) = url_slot(part) else { continue };
            let Some(url) = slot.as_str().filter(|u| picks(u)).map(str::to_owned) else {
                continue;
            };
            *slot = Value::String(media_fetch::as_data_url(&url, policy).await?);
        }
    }
    Ok(Some(out))
}

/// The URL of an `image_url` part, given as a string or as `{"url": ...}`.
pub fn image_url(part: &Value) -> &str {
    match part.get("image_url") {
        Some(Value::String(url)) => url,
        Some(image) => image.get("url").and_then(Value::as_str).unwrap_or(""),
        None => "",
    }
}

/// The data URL (or file id) of a `file` part.
pub fn file_data(part: &Value) -> &str {
    let file = part.get("file").unwrap_or(&Value::Null);
    file.get("file_data")
        .or_else(|| file.get("file_id"))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// `data:<media type>[;base64],<data>` as (media type, data); `None` for any other URL.
pub fn data_url(url: &str) -> Option<(&str, &str)> {
    let (header, data) = url.strip_prefix("data:")?.split_once(',')?;
    Some((header.trim_end_matches(";base64"), data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_image_url_forms_and_data_urls() {
        assert_eq!(
            image_url(&json!({"image_url": "http://x/a.png"})),
            "http://x/a.png"
        );
        assert_eq!(
            image_url(&json!({"image_url": {"url": "data:image/png;base64,AA"}})),
            "data:image/png;base64,AA"
        );
        assert_eq!(
            data_url("data:image/png;base64,AA=="),
            Some(("image/png", "AA=="))
        );
        assert_eq!(data_url("https://x/a.png"), None);
    }
}
