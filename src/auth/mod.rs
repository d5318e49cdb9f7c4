//! Credentials that take more than a header: AWS SigV4 signing (with temporary credentials from
//! STS when a role is assumed), and bearer tokens obtained by trading a long-lived credential (a
//! Google service account, an IBM Cloud API key) for a short-lived token, which is cached until
//! shortly before it expires.

pub mod aws_credentials;
pub mod aws_sts;
pub mod google;
pub mod sigv4;

use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// A call's provider setting (`aws_region_name`, `vertex_project`, ...): LiteLLM lets any of
/// them be `os.environ/NAME`, read at call time.
pub fn setting(options: &serde_json::Map<String, serde_json::Value>, name: &str) -> Option<String> {
    let value = options.get(name)?.as_str()?;
    match value.strip_prefix("os.environ/") {
        Some(var) => std::env::var(var).ok(),
        None => Some(value.to_owned()),
    }
    .filter(|v| !v.is_empty())
}

/// What a request waits on before it can be sent.
#[derive(Debug, Clone)]
pub enum TokenGrant {
    /// A token, sent as `Authorization: Bearer` once known.
    Bearer(BearerGrant),
    /// A role's temporary credentials, which then sign the request (SigV4).
    AwsRole {
        grant: Arc<aws_sts::RoleGrant>,
        region: String,
        service: &'static str,
    },
}

/// A short-lived bearer token traded for a long-lived credential.
#[derive(Debug, Clone)]
pub enum BearerGrant {
    Google(Arc<google::GoogleCredentials>),
    /// IBM Cloud IAM: `grant_type=urn:ibm:params:oauth:grant-type:apikey` at `url`.
    IbmApiKey {
        url: String,
        api_key: String,
    },
}

/// A token endpoint and the form fields to post to it.
pub type TokenRequest = (String, Vec<(&'static str, String)>);

/// Tokens are renewed this long before they expire, so none expires mid-request.
const REFRESH_MARGIN: Duration = Duration::from_secs(300);

struct CachedToken {
    token: String,
    renew_at: Instant,
}

/// One lock for all grants: token exchanges are rare, and holding it across the exchange means
/// a burst of first calls makes one exchange, not one each.
static TOKENS: LazyLock<Mutex<HashMap<String, CachedToken>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

impl BearerGrant {
    fn cache_key(&self) -> String {
        match self {
            Self::Google(credentials) => credentials.cache_key(),
            Self::IbmApiKey { url, api_key } => {
                // The key itself is the identity; keep only a digest of it in the map.
                let digest = sha256_hex(api_key.as_bytes());
                format!("ibm:{url}:{digest}")
            }
        }
    }

    fn form(&self) -> Result<TokenRequest, String> {
        match self {
            Self::Google(credentials) => credentials.grant(crate::providers::unix_now()),
            Self::IbmApiKey { url, api_key } => Ok((
                url.clone(),
                vec![
                    (
                        "grant_type",
                        "urn:ibm:params:oauth:grant-type:apikey".into(),
                    ),
                    ("apikey", api_key.clone()),
                ],
            )),
        }
    }
}

/// SHA-256 as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Sends the request's pending grant, if any, and adds the bearer token it yields (or signs the
/// request with the role's credentials). Requests without one (most) pay nothing here.
pub async fn authorize(
    http: &mut HttpRequest,
    provider: &str,
    model: &str,
) -> Result<(), LlmError> {
    let Some(grant) = http.token_grant.take() else {
        return Ok(());
    };
    let client = crate::http::runtime::engine().client.clone();
    let grant = match grant {
        TokenGrant::Bearer(grant) => grant,
        TokenGrant::AwsRole {
            grant,
            region,
            service,
        } => {
            let credentials = aws_sts::credentials(&grant, &client)
                .await
                .map_err(|e| sts_error(provider, model, &grant, &e))?;
            return sigv4::sign_request(
                http,
                &credentials,
                &region,
                service,
                std::time::SystemTime::now(),
            )
            .map_err(|detail| auth_error(provider, model, &detail));
        }
    };
    let token = token(&grant, &client)
        .await
        .map_err(|detail| auth_error(provider, model, &detail))?;
    http.headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("authorization"));
    http.headers
        .push(("Authorization".into(), format!("Bearer {token}")));
    Ok(())
}

async fn token(grant: &BearerGrant, client: &reqwest::Client) -> Result<String, String> {
    let key = grant.cache_key();
    let mut tokens = TOKENS.lock().await;
    if let Some(cached) = tokens.get(&key).filter(|c| c.renew_at > Instant::now()) {
        return Ok(cached.token.clone());
    }
    let (url, form) = grant.form()?;
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
        .finish();
    let response = client
        .post(&url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| format!("token request to {url} failed: {e}"))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if !status.is_success() {
        return Err(format!("token request to {url} returned {status}: {text}"));
    }
    let parsed: serde_json::Value = serde_json::from_str(&text)
        .map_err(|_| format!("token response from {url} is not JSON"))?;
    let token = parsed["access_token"]
        .as_str()
        .ok_or_else(|| format!("token response from {url} has no access_token"))?
        .to_owned();
    let lifetime = Duration::from_secs(parsed["expires_in"].as_u64().unwrap_or(3600));
    tokens.insert(
        key,
        CachedToken {
            token: token.clone(),
            renew_at: Instant::now() + lifetime.saturating_sub(REFRESH_MARGIN),
        },
    );
    Ok(token)
}

fn auth_error(provider: &str, model: &str, detail: &str) -> LlmError {
    LlmError::new(
        ErrorClass::AuthenticationError,
        401,
        format!(
            "{}Exception - {detail}",
            crate::providers::registry::exception_name(provider)
        ),
    )
    .with_origin(provider, model)
}

/// STS refusing the caller's credentials or token is an authentication failure; STS failing
/// otherwise is a connection error (LiteLLM raises `APIConnectionError` for both).
fn sts_error(
    provider: &str,
    model: &str,
    grant: &aws_sts::RoleGrant,
    error: &aws_sts::StsError,
) -> LlmError {
    let detail = format!(
        "AWS STS refused to assume {} ({}): {}",
        grant.role_arn, error.code, error.message
    );
    if error.refused {
        return auth_error(provider, model, &detail);
    }
    LlmError::new(
        ErrorClass::APIConnectionError,
        500,
        format!(
            "{}Exception - {detail}",
            crate::providers::registry::exception_name(provider)
        ),
    )
    .with_origin(provider, model)
}

/// Forgets every cached token and role (tests, and callers rotating credentials).
pub fn clear_tokens() {
    if let Ok(mut tokens) = TOKENS.try_lock() {
        tokens.clear();
    }
    aws_sts::clear();
}
