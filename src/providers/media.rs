//! Media in OpenAI content parts: the URL of an `image_url` part (either form), and base64
//! data URLs split into their media type and payload.

use serde_json::Value;

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
