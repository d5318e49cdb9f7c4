//! Temporary AWS credentials from STS, as LiteLLM obtains them for Bedrock, without an AWS SDK:
//! `AssumeRole` (SigV4-signed with the caller's own credentials) for `aws_role_name`, and
//! `AssumeRoleWithWebIdentity` (unsigned) for an OIDC token, whether named by
//! `aws_web_identity_token` or found in the environment as on EKS (`AWS_ROLE_ARN` with
//! `AWS_WEB_IDENTITY_TOKEN_FILE`). Credentials are cached until a minute before they expire.

use super::aws_credentials::AwsCredentials;
use super::sigv4;
use crate::http::client::HttpRequest;
use std::collections::HashMap;
use std::sync::LazyLock;
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::Mutex;

/// Who asks STS for the role.
#[derive(Clone)]
pub enum Source {
    /// Long-term or temporary keys that sign `AssumeRole`.
    Keys(AwsCredentials),
    /// An OIDC token traded in `AssumeRoleWithWebIdentity`.
    WebIdentity(String),
}

/// One role to assume: where STS is, which role, and as whom.
#[derive(Clone)]
pub struct RoleGrant {
    pub role_arn: String,
    /// `None`: LiteLLM's `litellm-session-<unix time>`.
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub sts_url: String,
    pub sts_region: String,
    pub source: Source,
}

impl std::fmt::Debug for RoleGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoleGrant")
            .field("role_arn", &self.role_arn)
            .field("sts_url", &self.sts_url)
            .finish_non_exhaustive()
    }
}

/// A refusal from STS: its error code and message.
#[derive(Debug)]
pub struct StsError {
    pub code: String,
    pub message: String,
    /// Whether the caller's credentials were refused (as opposed to STS failing).
    pub refused: bool,
}

/// Renewed this long before they expire.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);
/// What LiteLLM asks for a web identity; AssumeRole takes STS's default (an hour).
const WEB_IDENTITY_SECONDS: &str = "3600";

struct Cached {
    credentials: AwsCredentials,
    renew_at: Instant,
}

static CACHE: LazyLock<Mutex<HashMap<String, Cached>>> = LazyLock::new(Default::default);

impl RoleGrant {
    /// The cache key: the role and session, and a digest of who asks (never the secret).
    fn cache_key(&self) -> String {
        let who = match &self.source {
            Source::Keys(keys) => format!("{}:{}", keys.access_key_id, keys.secret_access_key),
            Source::WebIdentity(token) => token.clone(),
        };
        super::sha256_hex(
            format!(
                "{}\n{:?}\n{:?}\n{}\n{who}",
                self.role_arn, self.session_name, self.external_id, self.sts_url
            )
            .as_bytes(),
        )
    }

    /// The Query API request: a form body, signed for `AssumeRole` only.
    fn request(&self) -> Result<HttpRequest, String> {
        let mut form = form_urlencoded::Serializer::new(String::new());
        let action = match self.source {
            Source::Keys(_) => "AssumeRole",
            Source::WebIdentity(_) => "AssumeRoleWithWebIdentity",
        };
        form.append_pair("Action", action)
            .append_pair("Version", "2011-06-15")
            .append_pair("RoleArn", &self.role_arn)
            .append_pair(
                "RoleSessionName",
                &self
                    .session_name
                    .clone()
                    .unwrap_or_else(|| format!("litellm-session-{}", crate::providers::unix_now())),
            );
        match &self.source {
            Source::Keys(_) => {
                if let Some(external_id) = &self.external_id {
                    form.append_pair("ExternalId", external_id);
                }
            }
            Source::WebIdentity(token) => {
                form.append_pair("WebIdentityToken", token)
                    .append_pair("DurationSeconds", WEB_IDENTITY_SECONDS);
            }
        }
        let mut http = HttpRequest {
            url: self.sts_url.clone(),
            headers: vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded; charset=utf-8".into(),
            )],
            body: form.finish().into_bytes(),
            ..Default::default()
        };
        if let Source::Keys(keys) = &self.source {
            sigv4::sign_request(&mut http, keys, &self.sts_region, "sts", SystemTime::now())?;
        }
        Ok(http)
    }
}

/// The role's temporary credentials, from the cache or from STS.
pub async fn credentials(
    grant: &RoleGrant,
    client: &reqwest::Client,
) -> Result<AwsCredentials, StsError> {
    let key = grant.cache_key();
    let mut cache = CACHE.lock().await;
    if let Some(cached) = cache.get(&key).filter(|c| c.renew_at > Instant::now()) {
        return Ok(cached.credentials.clone());
    }
    let failed = |message: String| StsError {
        code: "RequestFailed".into(),
        message,
        refused: false,
    };
    let http = grant.request().map_err(failed)?;
    let response = http
        .to_reqwest(client)
        .send()
        .await
        .map_err(|e| failed(format!("STS request to {} failed: {e}", grant.sts_url)))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if !status.is_success() {
        return Err(StsError {
            code: element(&text, "Code").unwrap_or_else(|| status.as_str().to_owned()),
            message: element(&text, "Message").unwrap_or(text),
            refused: status.is_client_error(),
        });
    }
    let field = |name: &str| {
        element(&text, name).ok_or_else(|| failed(format!("STS answered without {name}")))
    };
    let credentials = AwsCredentials {
        access_key_id: field("AccessKeyId")?,
        secret_access_key: field("SecretAccessKey")?,
        session_token: Some(field("SessionToken")?),
    };
    let lifetime = element(&text, "Expiration")
        .and_then(|e| seconds_until(&e))
        .unwrap_or(3600);
    cache.insert(
        key,
        Cached {
            credentials: credentials.clone(),
            renew_at: Instant::now() + Duration::from_secs(lifetime).saturating_sub(REFRESH_MARGIN),
        },
    );
    Ok(credentials)
}

/// The text of the first `<name>` element, XML entities decoded (STS answers in XML).
fn element(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&format!("</{name}>"))?;
    Some(
        xml[start..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// Seconds from now until an ISO-8601 UTC time (`2026-12-04T16:00:00Z`, fractions allowed).
fn seconds_until(iso: &str) -> Option<u64> {
    let iso = iso.trim().trim_end_matches('Z');
    let (date, time) = iso.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let mut t = time.split(':');
    let (h, min) = (
        t.next()?.parse::<i64>().ok()?,
        t.next()?.parse::<i64>().ok()?,
    );
    let sec = t.next()?.split('.').next()?.parse::<i64>().ok()?;
    // Days since the epoch (Howard Hinnant's civil-from-days inverse).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let at = days * 86_400 + h * 3600 + min * 60 + sec;
    let now = crate::providers::unix_now() as i64;
    u64::try_from(at - now).ok()
}

/// Forgets every cached role (tests, and callers rotating credentials).
pub fn clear() {
    if let Ok(mut cache) = CACHE.try_lock() {
        cache.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_fields_and_expiry() {
        let xml = "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA1</AccessKeyId>\
                   <SecretAccessKey>s&amp;k</SecretAccessKey></Credentials></AssumeRoleResult></AssumeRoleResponse>";
        assert_eq!(element(xml, "AccessKeyId").as_deref(), Some("ASIA1"));
        assert_eq!(element(xml, "SecretAccessKey").as_deref(), Some("s&k"));
        assert_eq!(element(xml, "SessionToken"), None);
        assert_eq!(seconds_until("1970-01-01T00:00:00Z"), None); // long past
        let soon = seconds_until("2099-01-01T00:00:00.000Z").unwrap();
        assert!(soon > 365 * 86_400);
    }

    #[test]
    fn assume_role_is_signed_and_web_identity_is_not() {
        let grant = RoleGrant {
            role_arn: "arn:aws:iam::123456789012:role/R".into(),
            session_name: Some("s".into()),
            external_id: Some("ext".into()),
            sts_url: "https://sts.us-west-2.amazonaws.com/".into(),
            sts_region: "us-west-2".into(),
            source: Source::Keys(AwsCredentials {
                access_key_id: "AKID".into(),
                secret_access_key: "SECRET".into(),
                session_token: None,
            }),
        };
        let http = grant.request().unwrap();
        let body = String::from_utf8(http.body.clone()).unwrap();
        assert_eq!(
            body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FR\
             &RoleSessionName=s&ExternalId=ext"
        );
        let auth = http
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("authorization"));
        assert!(auth.unwrap().1.contains("/us-west-2/sts/aws4_request"));
        let web = RoleGrant {
            source: Source::WebIdentity("jwt".into()),
            ..grant
        };
        let http = web.request().unwrap();
        assert!(http
            .headers
            .iter()
            .all(|(n, _)| !n.eq_ignore_ascii_case("authorization")));
        assert!(String::from_utf8(http.body)
            .unwrap()
            .contains("WebIdentityToken=jwt&DurationSeconds=3600"));
        assert!(!format!("{web:?}").contains("jwt"));
    }
}
