//! Downloads of media a provider cannot fetch itself (an `http://` image for Claude, any image
//! URL for Gemini's AI Studio or Bedrock), guarded the way LiteLLM guards them: URLs come from
//! users, so a download may not reach loopback, private, link-local or other internal
//! addresses (cloud metadata lives at 169.254.169.254) unless the host is allowlisted with
//! `litellm.user_url_allowed_hosts`, or the guard is off (`litellm.user_url_validation = False`).
//!
//! The guard is enforced where the address is chosen: the client resolves names through a
//! resolver that drops blocked addresses, so neither DNS rebinding nor a redirect can slip past
//! a check made earlier; IP literals, which skip the resolver, are checked before each hop.

use base64::Engine as _;
use futures_util::StreamExt;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::redirect::Policy;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

const MAX_REDIRECTS: usize = 5;
const TIMEOUT: Duration = Duration::from_secs(30);

/// Who may be fetched: the caller's allowlist (`host` or `host:port`) and the master switch.
#[derive(Debug, Clone, Default)]
pub struct FetchPolicy {
    pub allowed_hosts: Vec<String>,
    pub unguarded: bool,
}

/// Addresses a user-supplied URL may not reach.
pub fn is_blocked(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_blocked(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
        }
    }
}

/// Resolves names to their public addresses only.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| !is_blocked(a.ip())).collect();
            if public.is_empty() {
                return Err(format!("{} resolves only to blocked addresses", name.as_str()).into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

fn literal_ip_blocked(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or("");
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.parse::<IpAddr>().is_ok_and(is_blocked)
}

fn allowlisted(url: &reqwest::Url, policy: &FetchPolicy) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let port = url.port_or_known_default().unwrap_or(0);
    let with_port = format!("{host}:{port}");
    policy
        .allowed_hosts
        .iter()
        .any(|entry| entry.eq_ignore_ascii_case(host) || entry.eq_ignore_ascii_case(&with_port))
}

fn client(guarded: bool) -> Result<reqwest::Client, String> {
    let builder = reqwest::Client::builder().timeout(TIMEOUT);
    let builder = if guarded {
        builder
            .dns_resolver(Arc::new(PublicOnly))
            .redirect(Policy::custom(|attempt| {
                if attempt.previous().len() >= MAX_REDIRECTS {
                    attempt.error("too many redirects")
                } else if literal_ip_blocked(attempt.url()) {
                    attempt.error("redirect to a blocked address")
                } else {
                    attempt.follow()
                }
            }))
    } else {
        builder.redirect(Policy::limited(MAX_REDIRECTS))
    };
    builder.build().map_err(|e| e.to_string())
}

/// The largest download, in bytes (`MAX_IMAGE_URL_DOWNLOAD_SIZE_MB`, default 50, as LiteLLM).
fn max_bytes() -> Option<usize> {
    let mb = std::env::var("MAX_IMAGE_URL_DOWNLOAD_SIZE_MB")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(50.0);
    (mb > 0.0).then_some((mb * 1024.0 * 1024.0) as usize)
}

/// The media type from the server, else the file extension, else the bytes' signature.
fn media_type(header: Option<&str>, url: &str, bytes: &[u8]) -> Option<String> {
    if let Some(kind) = header.map(|h| h.split(';').next().unwrap_or("").trim()) {
        if kind.contains('/') && kind != "application/octet-stream" {
            return Some(kind.to_ascii_lowercase());
        }
    }
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    let by_extension = [
        (".png", "image/png"),
        (".jpg", "image/jpeg"),
        (".jpeg", "image/jpeg"),
        (".gif", "image/gif"),
        (".webp", "image/webp"),
        (".pdf", "application/pdf"),
    ];
    if let Some((_, kind)) = by_extension.iter().find(|(ext, _)| path.ends_with(ext)) {
        return Some((*kind).to_owned());
    }
    let signatures: [(&[u8], &str); 5] = [
        (b"\x89PNG", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF8", "image/gif"),
        (b"%PDF", "application/pdf"),
        (b"RIFF", "image/webp"),
    ];
    signatures
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| (*kind).to_owned())
}

/// `url` downloaded as a `data:<type>;base64,...` URL, or LiteLLM's message for why not.
pub async fn as_data_url(url: &str, policy: &FetchPolicy) -> Result<String, String> {
    let refused = || {
        format!(
            "Error: Unable to fetch image from URL. The proxy could not resolve this host or its \
             URL policy rejected it; an admin can check the proxy log and `user_url_allowed_hosts` \
             in litellm_settings. url={url}"
        )
    };
    let Some(limit) = max_bytes() else {
        return Err(format!(
            "Error: Image URL download is disabled (MAX_IMAGE_URL_DOWNLOAD_SIZE_MB=0). url={url}"
        ));
    };
    let parsed = reqwest::Url::parse(url).map_err(|_| refused())?;
    let guarded = !policy.unguarded && !allowlisted(&parsed, policy);
    if guarded && literal_ip_blocked(&parsed) {
        return Err(refused());
    }
    let response = client(guarded)?.get(parsed).send().await.map_err(|e| {
        if guarded && (e.is_connect() || e.is_redirect()) {
            refused()
        } else {
            format!("Error: Unable to fetch image from URL. {e}. url={url}")
        }
    })?;
    if !response.status().is_success() {
        return Err(format!(
            "Error: Unable to fetch image from URL. Status code: {}, url={url}",
            response.status().as_u16()
        ));
    }
    let too_big = |size: usize| {
        format!(
            "Error: Image size ({:.2}MB) exceeds maximum allowed size ({}MB). url={url}",
            size as f64 / 1_048_576.0,
            limit as f64 / 1_048_576.0
        )
    };
    if let Some(length) = response.content_length().filter(|l| *l as usize > limit) {
        return Err(too_big(length as usize));
    }
    let header = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut bytes = Vec::new();
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk =
            chunk.map_err(|e| format!("Error: Unable to fetch image from URL. {e}. url={url}"))?;
        bytes.extend_from_slice(&chunk);
        if bytes.len() > limit {
            return Err(too_big(bytes.len()));
        }
    }
    let kind = media_type(header.as_deref(), url, &bytes).ok_or_else(|| {
        format!(
            "Error: Unable to determine image content type from the server's headers, the URL, \
             or the image bytes. url={url}"
        )
    })?;
    let data = base64::engine::general_purpose::STANDARD.encode(&bytes);
    Ok(format!("data:{kind};base64,{data}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_blocked() {
        for blocked in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_blocked(blocked.parse().unwrap()), "{blocked}");
        }
        for public in ["8.8.8.8", "1.1.1.1", "2606:4700::1111"] {
            assert!(!is_blocked(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn media_types_from_header_extension_or_bytes() {
        assert_eq!(
            media_type(Some("image/png; x=1"), "u", b""),
            Some("image/png".into())
        );
        assert_eq!(
            media_type(Some("application/octet-stream"), "http://h/a.JPG?x", b""),
            Some("image/jpeg".into())
        );
        assert_eq!(
            media_type(None, "http://h/a", b"GIF89a"),
            Some("image/gif".into())
        );
        assert_eq!(media_type(None, "http://h/a", b"??"), None);
    }
}
