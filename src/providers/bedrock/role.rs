//! The AWS role a Bedrock call assumes, read as LiteLLM reads its settings: a web identity
//! (`aws_web_identity_token` naming an OIDC token, with `aws_role_name` and `aws_session_name`),
//! else `aws_role_name` assumed with the caller's own credentials; with neither and no
//! credentials at all, the web identity EKS gives a pod (`AWS_ROLE_ARN`,
//! `AWS_WEB_IDENTITY_TOKEN_FILE`). Where STS is: `aws_sts_endpoint`, else the regional host.

use crate::auth::aws_credentials::{self, AwsCredentials};
use crate::auth::aws_sts::{RoleGrant, Source};
use crate::auth::setting;
use crate::error::{ErrorClass, LlmError};
use crate::providers::resolve::env_first;
use serde_json::{Map, Value};

/// Directories an `oidc/file/` token may be read from (plus `LITELLM_OIDC_ALLOWED_CREDENTIAL_DIRS`).
const TOKEN_DIRS: &[&str] = &["/var/run/secrets", "/run/secrets"];

/// A setting or its `AWS_*` environment variable, as LiteLLM falls back for each.
fn aws_setting(auth: &Map<String, Value>, name: &str) -> Option<String> {
    setting(auth, name).or_else(|| env_first(&[&name.to_ascii_uppercase()]))
}

fn auth_error(status: u16, message: String) -> LlmError {
    let class = if status == 400 {
        ErrorClass::BadRequestError
    } else {
        ErrorClass::AuthenticationError
    };
    LlmError::new(class, status, format!("BedrockException - {message}"))
}

/// The role to assume for this call, if any; `keys` are the caller's own credentials (which
/// sign `AssumeRole`), when they have any.
pub fn grant(
    auth: &Map<String, Value>,
    keys: Option<&AwsCredentials>,
    bedrock_region: &str,
) -> Result<Option<RoleGrant>, LlmError> {
    let role = aws_setting(auth, "aws_role_name");
    let session_name = aws_setting(auth, "aws_session_name");
    let raw_token = auth
        .get("aws_web_identity_token")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| env_first(&["AWS_WEB_IDENTITY_TOKEN"]));
    let external_id = aws_setting(auth, "aws_external_id");
    let place = |role_arn: String, session_name: Option<String>, source: Source| {
        let (sts_url, sts_region) = sts_endpoint(auth, bedrock_region);
        RoleGrant {
            role_arn,
            session_name,
            external_id: external_id.clone(),
            sts_url,
            sts_region,
            source,
        }
    };
    match (raw_token, role, session_name) {
        (Some(token), Some(role), Some(session)) => {
            let token = web_identity_token(&token)?;
            Ok(Some(place(role, Some(session), Source::WebIdentity(token))))
        }
        (_, Some(role), session) => {
            let keys = match keys {
                Some(keys) => keys.clone(),
                None => aws_credentials::resolve(auth).map_err(|detail| {
                    auth_error(401, format!("Invalid Authentication - {detail}"))
                })?,
            };
            Ok(Some(place(role, session, Source::Keys(keys))))
        }
        // No role asked for: a pod's own web identity, when nothing else identifies the caller.
        _ if keys.is_none() => {
            let (Some(role), Some(file)) = (
                env_first(&["AWS_ROLE_ARN"]),
                env_first(&["AWS_WEB_IDENTITY_TOKEN_FILE"]),
            ) else {
                return Ok(None);
            };
            let token = std::fs::read_to_string(&file).map_err(|e| {
                auth_error(
                    401,
                    format!("cannot read AWS_WEB_IDENTITY_TOKEN_FILE {file}: {e}"),
                )
            })?;
            let session = env_first(&["AWS_ROLE_SESSION_NAME"]);
            Ok(Some(place(
                role,
                session,
                Source::WebIdentity(token.trim().to_owned()),
            )))
        }
        _ => Ok(None),
    }
}

/// The OIDC token an `aws_web_identity_token` names: `oidc/env/VAR`, `oidc/env_path/VAR` or
/// `oidc/file/PATH` (under a secrets directory). LiteLLM refuses a literal token and an
/// environment reference, so does Ferrolite, with its messages.
fn web_identity_token(reference: &str) -> Result<String, LlmError> {
    if reference.starts_with("os.environ/") || std::env::var_os(reference).is_some() {
        return Err(auth_error(
            400,
            "Invalid web identity token reference.".into(),
        ));
    }
    let not_found = || {
        auth_error(
            401,
            "OIDC token could not be retrieved from secret manager.".into(),
        )
    };
    let Some(rest) = reference.strip_prefix("oidc/") else {
        return Err(not_found());
    };
    let (kind, name) = rest.split_once('/').ok_or_else(not_found)?;
    let read = |path: &str| std::fs::read_to_string(path).map_err(|_| not_found());
    match kind {
        "env" => env_first(&[name]).ok_or_else(not_found),
        "env_path" => read(&env_first(&[name]).ok_or_else(not_found)?),
        "file" => {
            let path = format!("/{}", name.trim_start_matches('/'));
            let extra = env_first(&["LITELLM_OIDC_ALLOWED_CREDENTIAL_DIRS"]).unwrap_or_default();
            let allowed = TOKEN_DIRS
                .iter()
                .map(|d| d.to_string())
                .chain(extra.split(',').map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()))
                .any(|dir| path.starts_with(&format!("{}/", dir.trim_end_matches('/'))));
            if !allowed {
                return Err(auth_error(
                    401,
                    format!("oidc/file tokens must be under /var/run/secrets, /run/secrets or LITELLM_OIDC_ALLOWED_CREDENTIAL_DIRS (got {path})"),
                ));
            }
            read(&path)
        }
        other => Err(auth_error(
            401,
            format!("OIDC provider '{other}' is not supported by Ferrolite; use oidc/env, oidc/env_path or oidc/file"),
        )),
    }
}

/// STS's URL and signing region: `aws_sts_endpoint` (its host names the region), else
/// `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL`, else the regional host; the region from the
/// endpoint, `AWS_REGION`, `AWS_DEFAULT_REGION`, then Bedrock's.
fn sts_endpoint(auth: &Map<String, Value>, bedrock_region: &str) -> (String, String) {
    let endpoint = aws_setting(auth, "aws_sts_endpoint")
        .or_else(|| env_first(&["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"]));
    let region = endpoint
        .as_deref()
        .and_then(region_of_host)
        .or_else(|| env_first(&["AWS_REGION", "AWS_DEFAULT_REGION"]))
        .unwrap_or_else(|| bedrock_region.to_owned());
    let url = endpoint.unwrap_or_else(|| format!("https://sts.{region}.amazonaws.com/"));
    (url, region)
}

/// The region in an STS host (`sts.eu-west-1.amazonaws.com`, `sts-fips.us-east-1...`).
fn region_of_host(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', ':']).next()?;
    let mut labels = host.split('.');
    while let Some(label) = labels.next() {
        if label == "sts" || label == "sts-fips" {
            let region = labels.next()?;
            return (labels.next() == Some("amazonaws")).then(|| region.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sts_regions_come_from_the_host() {
        assert_eq!(
            region_of_host("https://sts.eu-west-1.amazonaws.com").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            region_of_host("https://vpce-1.sts.us-east-2.vpce.amazonaws.com/").as_deref(),
            None
        );
        assert_eq!(region_of_host("http://127.0.0.1:9000/sts"), None);
    }

    #[test]
    fn literal_tokens_and_env_references_are_refused() {
        let err = web_identity_token("eyJhbGciOi.literal.jwt").unwrap_err();
        assert_eq!(
            err.message,
            "BedrockException - OIDC token could not be retrieved from secret manager."
        );
        let err = web_identity_token("os.environ/TOKEN").unwrap_err();
        assert_eq!(err.status_code, 400);
        let err = web_identity_token("oidc/file/etc/passwd").unwrap_err();
        assert!(err.message.contains("must be under"));
    }
}
