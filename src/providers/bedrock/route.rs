//! Where a Bedrock call goes: the model id as the URL carries it, the region, the runtime
//! endpoint, and how the request is authenticated (a bearer key, or SigV4 with credentials
//! from the call, the environment or a profile), as LiteLLM 1.109.1 decides them.

use crate::auth::aws_credentials::{self, AwsCredentials};
use crate::auth::aws_sts::RoleGrant;
use crate::auth::setting;
use crate::error::{ErrorClass, LlmError};
use crate::providers::resolve::env_first;
use crate::providers::resolve::Endpoint;
use crate::types::CallOptions;
use serde_json::{Map, Value};

const DEFAULT_REGION: &str = "us-west-2";

pub struct Target {
    /// `https://bedrock-runtime.{region}.amazonaws.com/model/{id}/{converse|invoke}[-stream]`.
    pub url: String,
    pub region: String,
    /// The model id without route prefixes or a region segment: what the rules key on.
    pub model_id: String,
}

pub enum Credential {
    Bearer(String),
    SigV4(AwsCredentials),
    /// Temporary credentials still to be obtained from STS.
    Role(RoleGrant),
}

/// The model as LiteLLM names it in responses: `converse/` gone, `invoke/` and a region segment
/// kept.
pub fn response_model(model: &str) -> &str {
    model.strip_prefix("converse/").unwrap_or(model)
}

/// Which Bedrock runtime API a call speaks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Api {
    Converse,
    Invoke,
}

pub fn target(endpoint: &Endpoint, options: &CallOptions, api: Api) -> Result<Target, LlmError> {
    let auth = &options.provider_auth;
    let model = response_model(&endpoint.model);
    let mut model = model.strip_prefix("invoke/").unwrap_or(model);
    let mut path_region = None;
    if let Some((first, rest)) = model.split_once('/') {
        if is_region(first) && !model.starts_with("arn:") {
            path_region = Some(first.to_owned());
            model = rest;
        }
    }
    let url_id = setting(auth, "model_id").unwrap_or_else(|| model.to_owned());
    let region = region(auth, path_region, &url_id, &endpoint.model)?;
    let base = setting(auth, "aws_bedrock_runtime_endpoint")
        .or_else(|| std::env::var("AWS_BEDROCK_RUNTIME_ENDPOINT").ok())
        .filter(|b| !b.is_empty())
        .or_else(|| options.api_base.clone())
        .unwrap_or_else(|| default_endpoint(&region));
    let operation = match (api, options.stream) {
        (Api::Converse, false) => "converse",
        (Api::Converse, true) => "converse-stream",
        (Api::Invoke, false) => "invoke",
        (Api::Invoke, true) => "invoke-with-response-stream",
    };
    // InvokeModel ids go as they are unless they hold a path (an ARN), as LiteLLM sends them.
    let id = if api == Api::Invoke && !url_id.starts_with("arn:") && !url_id.contains('/') {
        url_id.clone()
    } else {
        encode_id(&url_id)
    };
    Ok(Target {
        url: format!("{}/model/{id}/{operation}", base.trim_end_matches('/')),
        region,
        model_id: model.to_owned(),
    })
}

fn is_region(segment: &str) -> bool {
    let parts: Vec<&str> = segment.split('-').collect();
    parts.len() >= 3
        && parts
            .last()
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        && segment
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Python's `quote(id, safe="")`: everything but letters, digits and `_.-~` is escaped, so an
/// ARN's `:` and `/` stay inside one path segment.
fn encode_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 16);
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || b"_.-~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn default_endpoint(region: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://bedrock-runtime.{region}.{suffix}")
}

/// The call's region, a region path segment, an ARN's region, the environment, the profile,
/// then LiteLLM's default.
fn region(
    auth: &Map<String, Value>,
    path_region: Option<String>,
    url_id: &str,
    model: &str,
) -> Result<String, LlmError> {
    let region = setting(auth, "aws_region_name")
        .or(path_region)
        .or_else(|| arn_region(url_id))
        .or_else(|| arn_region(model))
        .or_else(|| env_first(&["AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION"]))
        .or_else(|| aws_credentials::profile_region(auth))
        .unwrap_or_else(|| DEFAULT_REGION.to_owned());
    if region.is_empty()
        || !region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(LlmError::new(
            ErrorClass::APIConnectionError,
            500,
            format!(
                "Invalid AWS region format: '{region}'. Region names must contain only lowercase \
                 letters, digits, and hyphens."
            ),
        )
        .with_origin("bedrock", model));
    }
    Ok(region)
}

fn arn_region(id: &str) -> Option<String> {
    let id = id.strip_prefix("converse/").unwrap_or(id);
    let mut fields = id.strip_prefix("arn:")?.split(':');
    fields.nth(2).filter(|r| !r.is_empty()).map(str::to_owned)
}

/// A bearer key (`api_key` or `AWS_BEARER_TOKEN_BEDROCK`) wins; otherwise SigV4 credentials.
/// A bearer key (`api_key` or `AWS_BEARER_TOKEN_BEDROCK`) wins; then a role to assume; then
/// SigV4 credentials.
pub fn credential(
    api_key: Option<&str>,
    auth: &Map<String, Value>,
    model: &str,
    region: &str,
) -> Result<Credential, LlmError> {
    if let Some(key) = api_key
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .or_else(|| env_first(&["AWS_BEARER_TOKEN_BEDROCK"]))
    {
        return Ok(Credential::Bearer(key));
    }
    let keys = aws_credentials::resolve(auth);
    if let Some(grant) = super::role::grant(auth, keys.as_ref().ok(), region)
        .map_err(|e| e.with_origin("bedrock", model))?
    {
        return Ok(Credential::Role(grant));
    }
    keys.map(Credential::SigV4).map_err(|detail| {
        LlmError::new(
            ErrorClass::AuthenticationError,
            401,
            format!("BedrockException Invalid Authentication - {detail}"),
        )
        .with_origin("bedrock", model)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_escaped_as_one_segment() {
        assert_eq!(
            encode_id("anthropic.claude-3-5-sonnet-20240620-v1:0"),
            "anthropic.claude-3-5-sonnet-20240620-v1%3A0"
        );
        assert_eq!(
            encode_id("arn:aws:bedrock:eu-west-1:123:application-inference-profile/abc"),
            "arn%3Aaws%3Abedrock%3Aeu-west-1%3A123%3Aapplication-inference-profile%2Fabc"
        );
    }

    #[test]
    fn regions_come_from_paths_and_arns() {
        assert!(is_region("us-west-2") && is_region("ap-southeast-1"));
        assert!(!is_region("anthropic.claude") && !is_region("us.anthropic"));
        assert_eq!(
            arn_region("arn:aws:bedrock:eu-central-1:1:inference-profile/x").as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(arn_region("anthropic.claude"), None);
        assert_eq!(
            default_endpoint("cn-north-1"),
            "https://bedrock-runtime.cn-north-1.amazonaws.com.cn"
        );
    }
}
