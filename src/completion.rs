//! One `completion` call end to end: resolve the provider, translate, send with retries,
//! normalise. The Python bindings and the gateway both call these two functions.

use crate::error::{ErrorClass, LlmError};
use crate::http::client::HttpRequest;
use crate::http::media_fetch::FetchPolicy;
use crate::http::{retry, runtime};
use crate::providers::{
    alternation, dialect, endpoint_for, error_map, get_llm_provider, huggingface, media, prompts,
    Dialect,
};
use crate::stream::pump::{self, ChunkReceiver};
use crate::stream::replay;
use crate::types::CompletionRequest;
use serde::Serialize;
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

/// A call translated and ready to send.
pub struct Prepared {
    pub provider: String,
    pub model: String,
    pub dialect: Dialect,
    pub api_base: String,
    pub http: HttpRequest,
    pub timeout: Option<Duration>,
    pub num_retries: u32,
    /// Retries the provider's own SDK would make first, by status (Azure's openai client).
    pub sdk_retries: u32,
    /// Sent unstreamed and replayed as chunks (LiteLLM's fake streams).
    pub fake_stream: bool,
}

/// What the shim puts in `_hidden_params`.
#[derive(Debug, Clone, Serialize)]
pub struct HiddenParams {
    pub custom_llm_provider: String,
    pub api_base: String,
    pub model_id: Option<String>,
    pub response_cost: Option<f64>,
    pub additional_headers: Map<String, Value>,
    pub litellm_model_name: String,
    /// Provider metadata LiteLLM mirrors here from the response (Vertex's `vertex_ai_*` lists).
    #[serde(flatten)]
    pub provider_metadata: Map<String, Value>,
}

#[derive(Debug, Serialize)]
pub struct CompletionOutput {
    pub response: Value,
    pub hidden: HiddenParams,
    pub response_ms: f64,
}

fn fetch_policy(options: &crate::types::CallOptions) -> FetchPolicy {
    FetchPolicy {
        allowed_hosts: options.user_url_allowed_hosts.clone(),
        unguarded: options.user_url_unguarded,
    }
}

pub async fn prepare(req: &CompletionRequest) -> Result<Prepared, LlmError> {
    let alternated = alternation::ensure_alternating(&req.messages, &req.options).map(|messages| {
        CompletionRequest {
            messages,
            ..req.clone()
        }
    });
    let req = alternated.as_ref().unwrap_or(req);
    let options = &req.options;
    let resolved = get_llm_provider(
        &req.model,
        options.custom_llm_provider.as_deref(),
        options.api_base.as_deref(),
        options.api_key.as_deref(),
    )?;
    let endpoint = endpoint_for(&resolved, options)?;
    let call_dialect = dialect::of_call(endpoint.spec, &endpoint.model);
    let downloaded = match dialect::downloads_media(call_dialect, endpoint.spec.slug) {
        Some(wants) => media::inline_remote(&req.messages, wants, &fetch_policy(options))
            .await
            .map_err(|message| {
                LlmError::new(ErrorClass::ImageFetchError, 400, message)
                    .with_origin(endpoint.spec.slug, &resolved.model)
            })?
            .map(|messages| CompletionRequest {
                messages,
                ..req.clone()
            }),
        None => None,
    };
    let req = downloaded.as_ref().unwrap_or(req);
    // A prompt may need the model's chat template from the Hub: asked once, then kept.
    match call_dialect {
        Dialect::HuggingFaceTgi => {
            let repo = huggingface::tgi::repo(&endpoint.model);
            prompts::prefetch(endpoint.spec.slug, repo, options).await;
        }
        Dialect::WatsonxText => {
            prompts::prefetch(endpoint.spec.slug, &endpoint.model, options).await
        }
        _ => {}
    }
    let fake_stream = options.stream && dialect::fakes_stream(endpoint.spec.slug, &endpoint.model);
    let unstreamed = fake_stream.then(|| {
        let mut req = req.clone();
        req.options.stream = false;
        req
    });
    let req = unstreamed.as_ref().unwrap_or(req);
    let mut http = dialect::build_request(&endpoint, req)?;
    crate::auth::authorize(&mut http, endpoint.spec.slug, &resolved.model).await?;
    Ok(Prepared {
        provider: endpoint.spec.slug.to_owned(),
        model: resolved.model,
        dialect: call_dialect,
        api_base: endpoint.api_base,
        http,
        timeout: options
            .timeout
            .filter(|t| t.is_finite() && *t > 0.0)
            .map(Duration::from_secs_f64),
        num_retries: options.num_retries,
        sdk_retries: sdk_retries(call_dialect, options),
        fake_stream,
    })
}

impl Prepared {
    fn hidden(&self, headers: &reqwest::header::HeaderMap) -> HiddenParams {
        HiddenParams {
            custom_llm_provider: self.provider.clone(),
            api_base: self.api_base.clone(),
            model_id: None,
            response_cost: None,
            additional_headers: additional_headers(headers),
            litellm_model_name: self.model.clone(),
            provider_metadata: Map::new(),
        }
    }

    fn timeout_secs(&self) -> Option<f64> {
        self.timeout.map(|t| t.as_secs_f64())
    }

    /// Sends until a 2xx arrives or the retries are spent. Errors are mapped before the
    /// decision, so only transient classes are retried.
    async fn send(&self) -> Result<reqwest::Response, LlmError> {
        let engine = runtime::engine();
        let (mut attempt, mut sdk_attempt) = (0, 0);
        loop {
            let error =
                match with_timeout(self.timeout, self.http.to_reqwest(&engine.client).send()).await
                {
                    None => error_map::timeout_error(
                        &self.provider,
                        &self.model,
                        self.timeout_secs().unwrap_or_default(),
                    ),
                    Some(Err(e)) => error_map::from_transport(
                        &self.provider,
                        &self.model,
                        &e,
                        self.timeout_secs(),
                    ),
                    Some(Ok(resp)) if resp.status().is_success() => return Ok(resp),
                    Some(Ok(resp)) => self.http_error(resp).await,
                };
            // The SDK retries by status before LiteLLM's own retries, by class, begin.
            if sdk_attempt < self.sdk_retries && retry::sdk_retries_status(error.status_code) {
                tokio::time::sleep(retry::delay(sdk_attempt, error.retry_after)).await;
                sdk_attempt += 1;
                continue;
            }
            if attempt >= self.num_retries || !error.class.is_retryable() {
                return Err(LlmError {
                    num_retries: Some(self.num_retries),
                    ..error
                });
            }
            tokio::time::sleep(retry::delay(attempt, error.retry_after)).await;
            attempt += 1;
        }
    }

    /// A complete 2xx body, normalised to `chat.completion`.
    async fn read_response(&self, resp: reqwest::Response) -> Result<Value, LlmError> {
        let counts = dialect::header_usage(self.dialect, resp.headers());
        let body = match with_timeout(self.timeout, resp.bytes()).await {
            Some(Ok(body)) => body,
            Some(Err(e)) => {
                return Err(error_map::from_transport(
                    &self.provider,
                    &self.model,
                    &e,
                    self.timeout_secs(),
                ))
            }
            None => {
                return Err(error_map::timeout_error(
                    &self.provider,
                    &self.model,
                    self.timeout_secs().unwrap_or_default(),
                ))
            }
        };
        dialect::parse_response(self.dialect, &body, &self.model, counts, &self.http.reply)
            .map_err(|detail| error_map::connection_error(&self.provider, &self.model, &detail))
    }

    async fn http_error(&self, resp: reqwest::Response) -> LlmError {
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = match with_timeout(self.timeout, resp.bytes()).await {
            Some(Ok(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
            _ => String::new(),
        };
        error_map::from_http(&self.provider, &self.model, status, headers, &body)
    }
}

/// A non-streamed completion.
pub async fn complete(req: CompletionRequest) -> Result<CompletionOutput, LlmError> {
    let started = Instant::now();
    let prepared = prepare(&req).await?;
    let resp = prepared.send().await?;
    let mut hidden = prepared.hidden(resp.headers());
    let response = prepared.read_response(resp).await?;
    hidden.provider_metadata = mirrored_metadata(&response);
    Ok(CompletionOutput {
        response,
        hidden,
        response_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// A streamed completion: returns once the provider has answered with a 2xx, with a channel
/// the pump task fills with normalised chunks.
pub async fn open_stream(
    req: CompletionRequest,
) -> Result<(ChunkReceiver, HiddenParams), LlmError> {
    let prepared = prepare(&req).await?;
    let resp = prepared.send().await?;
    let hidden = prepared.hidden(resp.headers());
    if prepared.fake_stream {
        let response = prepared.read_response(resp).await?;
        return Ok((pump::replay(replay::chunks_of(&response)), hidden));
    }
    let source = pump::Source {
        provider: prepared.provider,
        model: prepared.model,
        dialect: prepared.dialect,
        idle_timeout: prepared.timeout,
        hints: prepared.http.reply,
    };
    Ok((pump::spawn(resp, source), hidden))
}

/// Retries the openai SDK makes inside each LiteLLM attempt: Azure's client retries transient
/// failures twice unless the call's `max_retries` says otherwise.
fn sdk_retries(dialect: Dialect, options: &crate::types::CallOptions) -> u32 {
    if dialect != Dialect::AzureChat {
        return 0;
    }
    options.max_retries.unwrap_or(AZURE_SDK_RETRIES)
}

/// The openai SDK's `DEFAULT_MAX_RETRIES`.
const AZURE_SDK_RETRIES: u32 = 2;

/// The response's non-empty `vertex_ai_*` lists, which LiteLLM also puts in `_hidden_params`.
fn mirrored_metadata(response: &Value) -> Map<String, Value> {
    response
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, value)| {
            key.starts_with("vertex_ai_") && value.as_array().is_some_and(|a| !a.is_empty())
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

async fn with_timeout<F: std::future::Future>(
    limit: Option<Duration>,
    fut: F,
) -> Option<F::Output> {
    match limit {
        Some(limit) => tokio::time::timeout(limit, fut).await.ok(),
        None => Some(fut.await),
    }
}

/// LiteLLM exposes every provider header as `llm_provider-<name>`, and the rate-limit ones
/// also under their own name.
fn additional_headers(headers: &reqwest::header::HeaderMap) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, value) in headers {
        let value = Value::String(String::from_utf8_lossy(value.as_bytes()).into_owned());
        if name.as_str().starts_with("x-ratelimit-") {
            out.insert(name.as_str().to_owned(), value.clone());
        }
        out.insert(format!("llm_provider-{}", name.as_str()), value);
    }
    out
}
