//! Image tokens as OpenAI bills them: 85 for a low-detail image, else 85 plus 170 per 512-px
//! tile after the image is scaled to fit 768 px on its short side and 2000 on its long side.

use super::TokenError;
use base64::Engine;

const BASE_TOKENS: usize = 85;
const TILE_TOKENS: usize = 170;
const TILE: u64 = 512;
const SHORT_SIDE: u64 = 768;
const LONG_SIDE: u64 = 2000;
/// LiteLLM's count for an image when the caller asks for a flat estimate.
pub const DEFAULT_IMAGE_TOKENS: usize = 250;
/// The size LiteLLM assumes for bytes it cannot read as an image.
const DEFAULT_SIZE: (u64, u64) = (300, 300);
const MAX_IMAGE_BYTES: usize = 50 * 1024 * 1024;

/// Tokens for one image given by URL (or data URL) and detail.
pub fn image_tokens(url: &str, detail: Option<&str>) -> Result<usize, TokenError> {
    if url.is_empty() {
        return Err(TokenError::Invalid(
            "image_url must have a non-empty url".into(),
        ));
    }
    match detail.unwrap_or("auto") {
        "low" => Ok(BASE_TOKENS),
        // auto reads only inline images; a remote one is billed as low detail.
        "auto" => Ok(data_url_size(url).map_or(BASE_TOKENS, tile_tokens)),
        "high" => {
            if url.starts_with("http://") || url.starts_with("https://") {
                return Err(TokenError::Invalid(format!(
                    "cannot size the remote image {url} offline; pass it as a data URL, use \
                     detail='low'/'auto', or set default_token_count"
                )));
            }
            let (_, data) = url.split_once(',').ok_or_else(|| {
                TokenError::Invalid("image url is neither a URL nor a base64 data URL".into())
            })?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .unwrap_or_default();
            Ok(tile_tokens(dimensions(&bytes).unwrap_or(DEFAULT_SIZE)))
        }
        other => Err(TokenError::Invalid(format!(
            "Invalid detail value: {other}. Expected 'low', 'high', or 'auto'."
        ))),
    }
}

/// The size of an inline `data:image/<png|gif|jpeg|webp>;base64,` image, when it is one.
fn data_url_size(url: &str) -> Option<(u64, u64)> {
    let rest = url.strip_prefix("data:image/")?;
    let (header, data) = rest.split_once(',')?;
    if header.len() > 128 || !header.ends_with(";base64") {
        return None;
    }
    let kind = header.trim_end_matches(";base64");
    if !matches!(kind, "png" | "gif" | "jpeg" | "jpg" | "webp") {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .ok()?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return None;
    }
    dimensions(&bytes)
}

fn tile_tokens((mut w, mut h): (u64, u64)) -> usize {
    if w > SHORT_SIDE || h > SHORT_SIDE {
        // The short side goes to exactly 768 px, which can enlarge a thin image.
        let (long, short) = (w.max(h) as f64, w.min(h) as f64);
        let scaled_long = (SHORT_SIDE as f64 * long / short) as u64;
        (w, h) = if w >= h {
            (scaled_long, SHORT_SIDE)
        } else {
            (SHORT_SIDE, scaled_long)
        };
    }
    if w.max(h) > LONG_SIDE {
        let ratio = w.max(h) as f64 / w.min(h) as f64;
        let short = (LONG_SIDE as f64 / ratio) as u64;
        (w, h) = if w >= h {
            (LONG_SIDE, short)
        } else {
            (short, LONG_SIDE)
        };
    }
    let tiles = w.div_ceil(TILE) * h.div_ceil(TILE);
    BASE_TOKENS + TILE_TOKENS * tiles as usize
}

/// Width and height read from a PNG, GIF, JPEG or WebP header.
fn dimensions(b: &[u8]) -> Option<(u64, u64)> {
    let be32 = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as u64);
    let le16 = |i: usize| Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?) as u64);
    let le24 = |i: usize| {
        let s = b.get(i..i + 3)?;
        Some(s[0] as u64 | (s[1] as u64) << 8 | (s[2] as u64) << 16)
    };
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some((be32(16)?, be32(20)?));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some((le16(6)?, le16(8)?));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        return jpeg_dimensions(b);
    }
    if b.len() >= 30 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return match &b[12..16] {
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
            b"VP8L" => {
                let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?) as u64;
                Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
            }
            _ => None,
        };
    }
    None
}

fn jpeg_dimensions(b: &[u8]) -> Option<(u64, u64)> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = b[i + 1];
        let is_frame = (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as u64;
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as u64;
            return Some((w, h));
        }
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_follow_the_scaling_rules() {
        assert_eq!(tile_tokens((512, 512)), 255);
        assert_eq!(tile_tokens((768, 768)), 765);
        assert_eq!(tile_tokens((1024, 2048)), 1105);
        assert_eq!(tile_tokens((800, 300)), 1445);
        assert_eq!(tile_tokens((4000, 1000)), 765);
        assert_eq!(tile_tokens((769, 100)), 765);
    }
}
