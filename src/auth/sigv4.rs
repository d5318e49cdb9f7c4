//! AWS Signature Version 4 over a finished request, with the aws-sigv4 crate: the signature
//! covers the method, the encoded path, every header we send and a SHA-256 of the body, so it
//! is the last thing done to a request.

use super::aws_credentials::AwsCredentials;
use crate::http::client::HttpRequest;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use std::time::SystemTime;

/// Adds `Authorization`, `X-Amz-Date` and (for temporary credentials) `X-Amz-Security-Token`.
pub fn sign_request(
    http: &mut HttpRequest,
    credentials: &AwsCredentials,
    region: &str,
    service: &str,
    now: SystemTime,
) -> Result<(), String> {
    let identity: Identity = aws_credential_types::Credentials::new(
        credentials.access_key_id.clone(),
        credentials.secret_access_key.clone(),
        credentials.session_token.clone(),
        None,
        "ferrolite",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(now)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| format!("cannot sign the request: {e}"))?
        .into();
    let host = host_of(&http.url);
    let mut signed_headers: Vec<(&str, &str)> = http
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    // reqwest adds Host itself; the signature must cover the value it will send.
    signed_headers.push(("host", host));
    let signable = SignableRequest::new(
        "POST",
        http.url.as_str(),
        signed_headers.into_iter(),
        SignableBody::Bytes(&http.body),
    )
    .map_err(|e| format!("cannot sign the request: {e}"))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| format!("cannot sign the request: {e}"))?
        .into_parts();
    let (headers, _query) = instructions.into_parts();
    for header in headers {
        http.headers
            .push((header.name().to_owned(), header.value().to_owned()));
    }
    Ok(())
}

/// `host[:port]` of an absolute URL, as the Host header carries it.
fn host_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn request() -> HttpRequest {
        HttpRequest {
            url: "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse".into(),
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: br#"{"messages":[]}"#.to_vec(),
            ..Default::default()
        }
    }

    fn header<'a>(http: &'a HttpRequest, name: &str) -> Option<&'a str> {
        http.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn signs_with_scope_signed_headers_and_session_token() {
        let creds = AwsCredentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
            session_token: Some("session-token".into()),
        };
        let at = UNIX_EPOCH + Duration::from_secs(1_440_938_160); // 2015-08-30T12:36:00Z
        let mut http = request();
        sign_request(&mut http, &creds, "us-east-1", "bedrock", at).unwrap();
        let auth = header(&http, "authorization").unwrap();
        assert!(auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/bedrock/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="
        ));
        assert_eq!(header(&http, "x-amz-date"), Some("20150830T123600Z"));
        assert_eq!(header(&http, "x-amz-security-token"), Some("session-token"));

        // The signature depends on the body: a different body signs differently.
        let mut other = request();
        other.body = br#"{"messages":[1]}"#.to_vec();
        sign_request(&mut other, &creds, "us-east-1", "bedrock", at).unwrap();
        assert_ne!(header(&other, "authorization"), Some(auth));
    }

    #[test]
    fn host_keeps_the_port() {
        assert_eq!(
            host_of("http://127.0.0.1:8080/model/x/converse"),
            "127.0.0.1:8080"
        );
        assert_eq!(host_of("https://h.example.com"), "h.example.com");
    }
}
