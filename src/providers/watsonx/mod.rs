//! IBM watsonx.ai chat (`watsonx/…`): OpenAI-shaped bodies at
//! `{base}/ml/v1/text/chat?version=…` (or a deployment's URL), with the project or space named in
//! the body and an IAM bearer token traded for the API key (cached until it nears expiry), as
//! LiteLLM 1.109.1 sends them. Responses and SSE streams are OpenAI's shape.
//!
//! `watsonx_text/…` is IBM's older text-generation API, in `text`; both share the URL,
//! placement and authorisation rules here.

pub mod text;

use super::openai::clean_message;
use super::params;
use super::resolve::{env_first, Endpoint};
use crate::auth::setting;
use crate::auth::{BearerGrant, TokenGrant};
use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use crate::types::CompletionRequest;
use serde_json::{Map, Value};

/// LiteLLM's `WATSONX_DEFAULT_API_VERSION`.
const API_VERSION: &str = "2024-03-13";
const IAM_URL: &str = "https://iam.cloud.ibm.com/identity/token";
/// Keyword arguments that carry credentials or placement, never sent in the body (LiteLLM leaks
/// `token` into it; Ferrolite does not).
const AUTH_KWARGS: &[&str] = &[
    "token",
    "zen_api_key",
    "apikey",
    "project_id",
    "space_id",
    "region_name",
];

/// LiteLLM's exception label for each watsonx route.
fn label(provider: &str) -> &'static str {
    if provider == "watsonx_text" {
        "Watsonx_textException"
    } else {
        "WatsonxException"
    }
}

fn auth_error(provider: &str, model: &str, detail: &str) -> LlmError {
    LlmError::new(
        ErrorClass::AuthenticationError,
        401,
        format!("{} - Error: {detail}", label(provider)),
    )
    .with_origin(provider, model)
}

/// `model_id` and the project or space, unless the model is a deployment (which knows both).
fn place(
    body: &mut Map<String, Value>,
    endpoint: &Endpoint,
    auth: &Map<String, Value>,
) -> Result<(), LlmError> {
    let model = endpoint.model.as_str();
    if model.starts_with("deployment/") {
        return Ok(());
    }
    body.insert("model_id".into(), Value::String(model.to_owned()));
    let (field, id) = placement(auth).ok_or_else(|| {
        auth_error(
            endpoint.spec.slug,
            model,
            "Watsonx project_id and space_id not set. Set WX_PROJECT_ID or WX_SPACE_ID in \
             environment variables or pass in as a parameter.",
        )
    })?;
    body.insert(field.into(), Value::String(id));
    Ok(())
}

/// Keyword arguments that go to the provider (not credentials or placement).
fn provider_kwargs(extra: &Map<String, Value>) -> impl Iterator<Item = (&String, &Value)> {
    extra
        .iter()
        .filter(|(name, _)| !AUTH_KWARGS.contains(&name.as_str()) && !name.starts_with("watsonx_"))
}

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    let auth = &options.provider_auth;
    let model = endpoint.model.as_str();
    let deployment = model.strip_prefix("deployment/");
    let params = params::check(endpoint.spec, model, req.params.clone(), options)?;

    let mut body = Map::new();
    body.insert(
        "model".into(),
        Value::String(if deployment.is_some() {
            String::new()
        } else {
            model.to_owned()
        }),
    );
    body.insert(
        "messages".into(),
        Value::Array(req.messages.iter().map(clean_message).collect()),
    );
    for (name, value) in params {
        match name.as_str() {
            "tool_choice" if value.is_string() => {
                body.insert("tool_choice_option".into(), value);
            }
            "tools" => {
                body.insert("tools".into(), strip_schema_keywords(value));
            }
            "stream" | "stream_options" | "user" | "extra_headers" => {}
            _ => {
                body.insert(name, value);
            }
        }
    }
    for (name, value) in provider_kwargs(&req.extra) {
        body.insert(name.clone(), value.clone());
    }
    place(&mut body, endpoint, auth)?;
    body.insert("stream".into(), Value::Bool(options.stream));
    body.extend(options.extra_body.clone());
    let operation = if options.stream {
        "chat_stream"
    } else {
        "chat"
    };
    authorized_request(endpoint, req, operation, body)
}

/// The request to `{base}/ml/v1/[deployments/{id}/]text/{operation}`, authorised by the
/// caller's header, a bearer token, a Zen API key, or an IAM token traded for the API key.
fn authorized_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
    operation: &str,
    body: Map<String, Value>,
) -> Result<HttpRequest, LlmError> {
    let options = &req.options;
    let auth = &options.provider_auth;
    let (provider, model) = (endpoint.spec.slug, endpoint.model.as_str());
    let deployment = model.strip_prefix("deployment/");
    let base = options
        .api_base
        .clone()
        .or_else(|| env_first(&["WATSONX_API_BASE", "WATSONX_URL", "WX_URL", "WML_URL"]))
        .ok_or_else(|| {
            auth_error(
                provider,
                model,
                "Watsonx URL not set. Set WATSONX_API_BASE in environment variables or pass in as \
                 parameter - 'api_base='.",
            )
        })?;
    let path = match deployment {
        Some(id) => format!("ml/v1/deployments/{id}/text/{operation}"),
        None => format!("ml/v1/text/{operation}"),
    };
    let mut http = HttpRequest {
        url: format!(
            "{}/{path}?version={API_VERSION}",
            base.trim_end_matches('/')
        ),
        headers: vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Accept".to_owned(), "application/json".to_owned()),
        ],
        body: serde_json::to_vec(&Value::Object(body)).expect("JSON body serialises"),
        ..Default::default()
    };
    let caller_authorizes = options
        .headers
        .keys()
        .any(|k| k.eq_ignore_ascii_case("authorization"));
    if !caller_authorizes {
        if let Some(token) = setting(auth, "token").or_else(|| env_first(&["WATSONX_TOKEN"])) {
            http.headers
                .push(("Authorization".to_owned(), format!("Bearer {token}")));
        } else if let Some(key) =
            setting(auth, "zen_api_key").or_else(|| env_first(&["WATSONX_ZENAPIKEY"]))
        {
            http.headers
                .push(("Authorization".to_owned(), format!("ZenApiKey {key}")));
        } else {
            let api_key = endpoint
                .api_key
                .clone()
                .or_else(|| setting(auth, "apikey"))
                .ok_or_else(|| {
                    LlmError::new(ErrorClass::APIConnectionError, 500, "API key is required")
                        .with_origin(provider, model)
                })?;
            let url = env_first(&["WATSONX_IAM_URL"]).unwrap_or_else(|| IAM_URL.to_owned());
            http.token_grant = Some(TokenGrant::Bearer(BearerGrant::IbmApiKey { url, api_key }));
        }
    }
    super::apply_call_headers(&mut http.headers, &options.headers);
    Ok(http)
}

/// The project (preferred) or deployment space the call runs in.
fn placement(auth: &Map<String, Value>) -> Option<(&'static str, String)> {
    let project = setting(auth, "project_id")
        .or_else(|| setting(auth, "watsonx_project"))
        .or_else(|| env_first(&["WATSONX_PROJECT_ID", "WX_PROJECT_ID", "PROJECT_ID"]));
    if let Some(project) = project {
        return Some(("project_id", project));
    }
    setting(auth, "space_id")
        .or_else(|| {
            env_first(&[
                "WATSONX_DEPLOYMENT_SPACE_ID",
                "WATSONX_SPACE_ID",
                "WX_SPACE_ID",
                "SPACE_ID",
            ])
        })
        .map(|space| ("space_id", space))
}

/// watsonx refuses `additionalProperties` and `strict` in tool schemas (a property that happens
/// to be named so is kept).
fn strip_schema_keywords(mut value: Value) -> Value {
    fn strip(value: &mut Value, names_properties: bool) {
        match value {
            Value::Object(map) => {
                if !names_properties {
                    map.remove("additionalProperties");
                    map.remove("strict");
                }
                for (key, child) in map.iter_mut() {
                    strip(child, !names_properties && key == "properties");
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| strip(item, false)),
            _ => {}
        }
    }
    strip(&mut value, false);
    value
}

/// watsonx's failures as LiteLLM maps them: the raw body after "WatsonxException", the class
/// from the status, and IBM's quota and unsupported-function codes by name.
pub fn from_http(model: &str, status: u16, headers: Vec<(String, String)>, raw: &str) -> LlmError {
    let mut error = super::error_map::by_status_quoting_body(
        "WatsonxException",
        "watsonx",
        model,
        status,
        headers,
        raw,
    );
    if raw.contains("token_quota_reached") {
        error.class = ErrorClass::RateLimitError;
        error.status_code = 429;
        error.message = format!("WatsonxException: Rate Limit Error - {raw}");
    } else if raw.contains("model_no_support_for_function") {
        error.class = ErrorClass::BadRequestError;
        error.status_code = 400;
        error.message = format!(
            "WatsonxException - Use 'watsonx_text' route instead. IBM WatsonX does not support `/text/chat` endpoint. - {raw}"
        );
    } else if status == 422 {
        error.class = ErrorClass::BadRequestError;
        error.status_code = 400;
    } else if status == 504 {
        error.class = ErrorClass::Timeout;
    }
    error
}

/// LiteLLM names the model `watsonx/<IBM's model>` in a complete response.
pub fn parse_response(body: &[u8]) -> Result<Value, String> {
    let mut response = super::openai::parse_response(super::Dialect::OpenAiChat, body)?;
    let model = response
        .get("model")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    response["model"] = Value::String(format!("watsonx/{model}"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tool_schemas_lose_what_watsonx_refuses() {
        let tools = json!([{"type": "function", "function": {"name": "f", "strict": true,
            "parameters": {"type": "object", "additionalProperties": false, "properties": {
                "a": {"type": "object", "additionalProperties": false},
                "strict": {"type": "boolean"}}}}}]);
        assert_eq!(
            strip_schema_keywords(tools),
            json!([{"type": "function", "function": {"name": "f",
                "parameters": {"type": "object", "properties": {"a": {"type": "object"}, "strict": {"type": "boolean"}}}}}])
        );
    }
}
