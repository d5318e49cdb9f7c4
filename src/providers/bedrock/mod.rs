//! AWS Bedrock's Converse API (`bedrock/…`, `bedrock/converse/…`): typed content blocks over
//! JSON, SigV4-signed (or bearer-key) requests, and ConverseStream's binary event-stream.

pub mod errors;
mod family;
mod request;
mod response;
mod route;
mod stream;

pub use family::Family;
pub use response::parse;
pub use stream::StreamState;

use super::params;
use super::resolve::Endpoint;
use crate::auth::sigv4;
use crate::error::LlmError;
use crate::http::client::{HttpRequest, ReplyHints};
use crate::types::CompletionRequest;
use route::Credential;

pub use route::response_model;

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    if endpoint.model.starts_with("invoke/") {
        return Err(LlmError::bad_request(
            "BedrockException - the bedrock/invoke/ route is not supported by Ferrolite yet; \
             bedrock/ and bedrock/converse/ speak the Converse API, which every Bedrock chat \
             model accepts",
        )
        .with_origin("bedrock", &endpoint.model));
    }
    let target = route::target(endpoint, options)?;
    let family = Family::of(&target.model_id).with_cache_support(&target.model_id);
    let params = params::check(endpoint.spec, &endpoint.model, req.params.clone(), options)?;
    let renamed_tools = request::renamed_tools(&params);
    let mut body = request::body(&family, &req.messages, params, &req.extra, options)
        .map_err(|e| e.with_origin("bedrock", &endpoint.model))?;
    if let Some(extra_body) = body.as_object_mut() {
        extra_body.extend(options.extra_body.clone());
    }
    let credential = route::credential(
        options.api_key.as_deref(),
        &options.provider_auth,
        &endpoint.model,
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
    }
    super::apply_call_headers(&mut http.headers, &others);
    Ok(http)
}
