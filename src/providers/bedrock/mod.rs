//! AWS Bedrock's Converse API (`bedrock/…`, `bedrock/converse/…`): typed content blocks over
//! JSON, SigV4-signed (or bearer-key) requests, and ConverseStream's binary event-stream; and
//! its InvokeModel API (`bedrock/invoke/…`), each family's own body (`invoke`).

pub mod errors;
mod family;
pub mod invoke;
mod request;
mod response;
mod role;
mod route;
mod stream;

pub use family::Family;
pub use response::parse;
pub use stream::StreamState;

use super::params;
use super::resolve::Endpoint;
use crate::auth::{sigv4, TokenGrant};
use crate::error::LlmError;
use crate::http::client::{HttpRequest, ReplyHints};
use crate::types::CompletionRequest;
use route::{Api, Credential};

pub use route::response_model;

/// The Converse fields Nova takes on InvokeModel.
const NOVA_INVOKE_FIELDS: &[&str] = &[
    "messages",
    "inferenceConfig",
    "system",
    "toolConfig",
    "guardrailConfig",
];

/// `bedrock/invoke/<id>`: LiteLLM's InvokeModel route.
pub fn is_invoke(model: &str) -> bool {
    model.starts_with("invoke/")
}

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    let origin = |e: LlmError| e.with_origin("bedrock", &endpoint.model);
    let api = if is_invoke(&endpoint.model) {
        Api::Invoke
    } else {
        Api::Converse
    };
    let target = route::target(endpoint, options, api)?;
    let invoke_kind = match api {
        Api::Invoke => Some(invoke::Kind::supported(&target.model_id).map_err(origin)?),
        Api::Converse => None,
    };
    let mut renamed_tools = Vec::new();
    let mut body = match invoke_kind {
        // Claude on InvokeModel takes Anthropic's own body, checked by Anthropic's rules.
        Some(invoke::Kind::Claude) => {
            let anthropic = super::registry::spec("anthropic").expect("anthropic is registered");
            let body = super::anthropic::messages_body(anthropic, &target.model_id, req)
                .map_err(origin)?;
            serde_json::Value::Object(invoke::claude_body(body, options))
        }
        Some(kind) if kind.is_prompted() => {
            let params =
                params::check(endpoint.spec, &endpoint.model, req.params.clone(), options)?;
            serde_json::Value::Object(invoke::body(kind, req, params).map_err(origin)?)
        }
        // Converse, and Nova on InvokeModel (Converse's body, fewer fields).
        _ => {
            let params =
                params::check(endpoint.spec, &endpoint.model, req.params.clone(), options)?;
            renamed_tools = request::renamed_tools(&params);
            let family = Family::of(&target.model_id).with_cache_support(&target.model_id);
            let mut body = request::body(&family, &req.messages, params, &req.extra, options)
                .map_err(origin)?;
            if api == Api::Invoke {
                if let Some(fields) = body.as_object_mut() {
                    fields.retain(|key, _| NOVA_INVOKE_FIELDS.contains(&key.as_str()));
                }
            }
            body
        }
    };
    if let Some(extra_body) = body.as_object_mut() {
        extra_body.extend(options.extra_body.clone());
    }
    let credential = route::credential(
        options.api_key.as_deref(),
        &options.provider_auth,
        &endpoint.model,
        &target.region,
    )?;

    // LiteLLM signs `x-amz-*` headers with the request and adds the caller's others after.
    let (amz, others): (serde_json::Map<_, _>, serde_json::Map<_, _>) = options
        .headers
        .clone()
        .into_iter()
        .partition(|(name, _)| name.to_ascii_lowercase().starts_with("x-amz"));
    let mut http = HttpRequest {
        url: target.url,
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        body: serde_json::to_vec(&body).expect("JSON body serialises"),
        reply: ReplyHints {
            renamed_tools,
            ..Default::default()
        },
        ..Default::default()
    };
    super::apply_call_headers(&mut http.headers, &amz);
    match credential {
        Credential::Bearer(key) => http
            .headers
            .push(("Authorization".to_owned(), format!("Bearer {key}"))),
        Credential::SigV4(credentials) => sigv4::sign_request(
            &mut http,
            &credentials,
            &target.region,
            "bedrock",
            std::time::SystemTime::now(),
        )
        .map_err(|detail| LlmError::bad_request(format!("BedrockException - {detail}")))?,
        // Signed once STS has answered (`auth::authorize`).
        Credential::Role(grant) => {
            http.token_grant = Some(TokenGrant::AwsRole {
                grant: std::sync::Arc::new(grant),
                region: target.region.clone(),
                service: "bedrock",
            })
        }
    }
    super::apply_call_headers(&mut http.headers, &others);
    Ok(http)
}
