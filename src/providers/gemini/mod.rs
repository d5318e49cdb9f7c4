//! Google's Gemini `generateContent` API, spoken to Google AI Studio (`gemini/…`, an API key in
//! `x-goog-api-key`) and to Vertex AI (`vertex_ai/…`, an OAuth token from a service account),
//! with SSE streams (`alt=sse`) of whole responses; and the rest of what Vertex serves: Claude in
//! Anthropic's format, the partner models in OpenAI's (`partners`).

pub mod errors;
mod metadata;
pub mod partners;
mod request;
mod response;
mod schema;
mod stream;
mod vertex;

pub use request::mime_from_extension;
pub use response::parse;
pub use stream::StreamState;

use super::params;
use super::resolve::Endpoint;
use crate::auth::{BearerGrant, TokenGrant};
use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use crate::types::CompletionRequest;
use request::Flavor;
use std::sync::Arc;

/// AI Studio's API root; Gemini 3 models are served under `v1alpha` instead.
pub const AI_STUDIO_BASE: &str = "https://generativelanguage.googleapis.com/v1beta";

/// Gemini 3 and later, by LiteLLM's rule: any `gemini-` name that is not a 1.x/2.x, `exp`,
/// or a dated `pro`/`flash` (whose `-latest` aliases now point at Gemini 3).
pub fn is_gemini_3(model: &str) -> bool {
    let name = model.rsplit('/').next().unwrap_or(model);
    let Some(rest) = name.strip_prefix("gemini-") else {
        return false;
    };
    let first = rest.split('-').next().unwrap_or("");
    let older = first.starts_with('1') || first.starts_with('2') || first == "exp";
    let latest_alias = matches!(rest, "pro-latest" | "flash-latest" | "flash-lite-latest");
    let dated_family = (first == "pro" || first == "flash") && !latest_alias;
    !(older || dated_family)
}

/// Vertex serves Claude from Anthropic's publisher, in Anthropic's Messages format.
pub fn is_vertex_claude(slug: &str, model: &str) -> bool {
    slug != "gemini" && model.contains("claude")
}

/// The `anthropic_version` Vertex requires in place of the header's.
const VERTEX_ANTHROPIC_VERSION: &str = "vertex-2023-10-16";

/// The model id as the URL names it: Vertex accepts a `gemini/` prefix and drops it.
fn model_id(endpoint: &Endpoint) -> &str {
    let model = endpoint.model.as_str();
    if endpoint.spec.slug == "gemini" {
        model
    } else {
        model.strip_prefix("gemini/").unwrap_or(model)
    }
}

/// Where on Vertex a call goes: a publisher's model operation, or the OpenAI-compatible
/// endpoint that serves the MaaS partner models.
enum VertexTarget {
    Publisher {
        publisher: &'static str,
        version: &'static str,
        operation: &'static str,
    },
    OpenAiCompatible,
}

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    let slug = endpoint.spec.slug;
    let vertex = slug != "gemini";
    let model = model_id(endpoint);
    let raw_predict = if options.stream {
        "streamRawPredict"
    } else {
        "rawPredict"
    };
    let generate = if options.stream {
        "streamGenerateContent?alt=sse"
    } else {
        "generateContent"
    };
    let json_headers = || vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let partner = vertex.then(|| partners::of(model)).flatten();
    let (body, headers, target) = if is_vertex_claude(slug, model) {
        let anthropic = super::registry::spec("anthropic").expect("anthropic is registered");
        let mut body = super::anthropic::messages_body(anthropic, model, req)?;
        body.remove("model");
        body.insert("anthropic_version".into(), VERTEX_ANTHROPIC_VERSION.into());
        let headers = super::anthropic::common_headers(&body);
        let target = VertexTarget::Publisher {
            publisher: "anthropic",
            version: "v1",
            operation: raw_predict,
        };
        (body, headers, target)
    } else if let Some(partner) = partner {
        let params = params::check(endpoint.spec, model, req.params.clone(), options)?;
        let messages = req
            .messages
            .iter()
            .map(super::openai::clean_message)
            .collect();
        let mut body = partner.body(model, messages, params, options.stream);
        body.extend(req.extra.clone());
        body.extend(options.extra_body.clone());
        let target = match partner.publisher() {
            Some((publisher, version)) => VertexTarget::Publisher {
                publisher,
                version,
                operation: raw_predict,
            },
            None => VertexTarget::OpenAiCompatible,
        };
        (body, json_headers(), target)
    } else {
        let params = params::check(endpoint.spec, model, req.params.clone(), options)?;
        let flavor = Flavor { model, vertex };
        let mut body = request::body(&flavor, &req.messages, params, &req.extra)
            .map_err(|e| e.with_origin(slug, model))?;
        body.extend(options.extra_body.clone());
        let target = VertexTarget::Publisher {
            publisher: "google",
            version: "v1",
            operation: generate,
        };
        (body, json_headers(), target)
    };
    let mut http = HttpRequest {
        headers,
        body: serde_json::to_vec(&body).expect("JSON body serialises"),
        ..Default::default()
    };
    if vertex {
        let credentials = vertex::credentials(&options.provider_auth, model)?;
        let regions = partner.and_then(|_| partners::supported_regions(model));
        let placement = vertex::placement(
            &options.provider_auth,
            &credentials,
            model,
            regions.as_deref(),
        )?;
        let api_base = options.api_base.clone().or_else(|| {
            std::env::var("VERTEXAI_API_BASE")
                .ok()
                .filter(|b| !b.is_empty())
        });
        http.url = match target {
            VertexTarget::Publisher {
                publisher,
                version,
                operation,
            } => placement.url(api_base.as_deref(), version, publisher, model, operation),
            VertexTarget::OpenAiCompatible => placement.openapi_url(api_base.as_deref()),
        };
        // A caller's own Authorization header wins over the service account, as in LiteLLM.
        let has_authorization = options
            .headers
            .keys()
            .any(|k| k.eq_ignore_ascii_case("authorization"));
        if !has_authorization {
            http.token_grant = Some(TokenGrant::Bearer(BearerGrant::Google(Arc::new(
                credentials,
            ))));
        }
    } else {
        let key = endpoint.api_key.clone().ok_or_else(|| {
            LlmError::new(
                ErrorClass::APIConnectionError,
                500,
                "Missing Gemini API key. Set the GEMINI_API_KEY or GOOGLE_API_KEY environment variable.",
            )
            .with_origin(slug, model)
        })?;
        let base = if endpoint.api_base == AI_STUDIO_BASE && is_gemini_3(model) {
            AI_STUDIO_BASE.replace("/v1beta", "/v1alpha")
        } else {
            endpoint.api_base.trim_end_matches('/').to_owned()
        };
        http.url = format!("{base}/models/{model}:{generate}");
        http.headers.push(("x-goog-api-key".to_owned(), key));
    }
    super::apply_call_headers(&mut http.headers, &options.headers);
    Ok(http)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gemini_3_is_told_apart() {
        for old in [
            "gemini-2.5-pro",
            "gemini-1.5-flash",
            "gemini-2.0-flash",
            "gemini-exp-1206",
            "gemini-pro",
            "gemini-flash-001",
        ] {
            assert!(!is_gemini_3(old), "{old}");
        }
        for new in [
            "gemini-3-pro-preview",
            "gemini-flash-latest",
            "gemini/gemini-3-flash",
        ] {
            assert!(is_gemini_3(new), "{new}");
        }
        assert!(!is_gemini_3("gemma-3-27b"));
    }
}
