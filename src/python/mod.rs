//! The `litellm._core` extension module: PyO3 glue only. Everything it calls lives in the core.
//!
//! Requests and responses cross the boundary as JSON text: the shim builds it with the C `json`
//! module and parses answers the same way, which costs microseconds and keeps this layer thin.

mod async_bridge;
mod bridge;
mod cache;
mod cost;
mod stream;
mod tokens;

use crate::completion;
use crate::error::LlmError;
use crate::http::runtime;
use crate::providers::{self, registry};
use crate::stream::chunk_builder;
use crate::types::CompletionRequest;
use bridge::{await_task, raise, run_blocking};
use pyo3::prelude::*;
use serde_json::Value;
use std::time::Duration;
use stream::ChunkStream;

pyo3::create_exception!(
    _core,
    CoreError,
    pyo3::exceptions::PyException,
    "A mapped provider failure; its argument is the JSON the shim turns into a litellm exception."
);

fn output_json(out: &completion::CompletionOutput) -> String {
    serde_json::to_string(out).expect("completion output serialises")
}

#[pyfunction(name = "completion")]
fn completion_sync(py: Python<'_>, payload: &str) -> PyResult<String> {
    let req = CompletionRequest::from_json(payload).map_err(raise)?;
    let out = run_blocking(py, completion::complete(req))?;
    Ok(output_json(&out))
}

#[pyfunction]
async fn acompletion(payload: String) -> PyResult<String> {
    let req = CompletionRequest::from_json(&payload).map_err(raise)?;
    let task = runtime::AbortOnDrop(runtime::engine().runtime.spawn(completion::complete(req)));
    Ok(output_json(&await_task(task).await?))
}

#[pyfunction(name = "stream")]
fn stream_sync(py: Python<'_>, payload: &str) -> PyResult<ChunkStream> {
    let req = CompletionRequest::from_json(payload).map_err(raise)?;
    let (rx, hidden) = run_blocking(py, completion::open_stream(req))?;
    Ok(ChunkStream::new(rx, &hidden))
}

#[pyfunction]
async fn astream(payload: String) -> PyResult<ChunkStream> {
    let req = CompletionRequest::from_json(&payload).map_err(raise)?;
    let task = runtime::AbortOnDrop(
        runtime::engine()
            .runtime
            .spawn(completion::open_stream(req)),
    );
    let (rx, hidden) = await_task(task).await?;
    Ok(ChunkStream::new(rx, &hidden))
}

#[pyfunction]
#[pyo3(signature = (model, custom_llm_provider=None, api_base=None, api_key=None))]
fn get_llm_provider(
    model: &str,
    custom_llm_provider: Option<&str>,
    api_base: Option<&str>,
    api_key: Option<&str>,
) -> PyResult<(String, String, Option<String>, Option<String>)> {
    let r = providers::get_llm_provider(model, custom_llm_provider, api_base, api_key)
        .map_err(raise)?;
    Ok((r.model, r.provider, r.api_key, r.api_base))
}

/// Rebuilds a response from chunk dicts given as one JSON array; `None` for no chunks.
#[pyfunction]
fn stream_chunk_builder(chunks_json: &str) -> PyResult<Option<String>> {
    let chunks: Vec<Value> = serde_json::from_str(chunks_json).map_err(|e| {
        raise(LlmError::bad_request(format!(
            "stream_chunk_builder: invalid chunks: {e}"
        )))
    })?;
    Ok(chunk_builder::build(&chunks).map(|v| v.to_string()))
}

/// The OpenAI params a provider accepts, or `None` when Ferrolite does not speak it yet.
#[pyfunction]
fn supported_openai_params(model: &str, provider: &str) -> Option<Vec<&'static str>> {
    registry::spec(provider).map(|spec| providers::params::supported_params(spec, model))
}

#[pyfunction]
fn provider_list() -> Vec<&'static str> {
    let mut slugs: Vec<&str> = registry::KNOWN_SLUGS.to_vec();
    slugs.dedup();
    slugs
}

/// The environment variables a provider's key is read from (first is the canonical one).
#[pyfunction]
fn provider_key_env(provider: &str) -> Option<Vec<&'static str>> {
    registry::spec(provider)
        .filter(|s| s.default_key.is_none())
        .map(|s| s.key_env.to_vec())
}

/// The embedded `model_prices_and_context_window.json`, for `litellm.model_cost` on first access.
#[pyfunction]
fn model_map_json() -> &'static str {
    crate::cost::model_map::MODEL_MAP_JSON
}

/// Maps a provider failure (status and body text) to LiteLLM's exception, as JSON for the shim.
#[pyfunction]
fn map_http_error(provider: &str, model: &str, status: u16, body: &str) -> String {
    crate::providers::error_map::from_http(provider, model, status, Vec::new(), body).to_json()
}

/// How this binary was built: the release build script sets the commit and its time; a
/// development build reports neither. Both are properties of the source, not of the build
/// machine, so they do not break reproducibility.
#[pyfunction]
fn build_info() -> (&'static str, Option<&'static str>, Option<&'static str>) {
    (
        env!("CARGO_PKG_VERSION"),
        option_env!("FERROLITE_GIT_COMMIT"),
        option_env!("FERROLITE_SOURCE_DATE_EPOCH"),
    )
}

#[pyfunction]
fn _shutdown(py: Python<'_>) {
    py.detach(|| runtime::shutdown(Duration::from_millis(250)));
}

#[pyfunction]
fn _after_fork() {
    runtime::after_fork();
}

/// Forgets cached provider access tokens (Vertex, watsonx), so the next call makes a new grant.
#[pyfunction]
fn clear_tokens() {
    crate::auth::clear_tokens();
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CoreError", m.py().get_type::<CoreError>())?;
    m.add_class::<ChunkStream>()?;
    m.add_class::<cache::ResponseCache>()?;
    m.add_class::<async_bridge::AsyncBridge>()?;
    m.add_function(wrap_pyfunction!(cache::cache_key, m)?)?;
    m.add_function(wrap_pyfunction!(completion_sync, m)?)?;
    m.add_function(wrap_pyfunction!(acompletion, m)?)?;
    m.add_function(wrap_pyfunction!(stream_sync, m)?)?;
    m.add_function(wrap_pyfunction!(astream, m)?)?;
    m.add_function(wrap_pyfunction!(get_llm_provider, m)?)?;
    m.add_function(wrap_pyfunction!(stream_chunk_builder, m)?)?;
    m.add_function(wrap_pyfunction!(supported_openai_params, m)?)?;
    m.add_function(wrap_pyfunction!(provider_list, m)?)?;
    m.add_function(wrap_pyfunction!(provider_key_env, m)?)?;
    m.add_function(wrap_pyfunction!(map_http_error, m)?)?;
    m.add_function(wrap_pyfunction!(model_map_json, m)?)?;
    m.add_function(wrap_pyfunction!(cost::cost_per_token, m)?)?;
    m.add_function(wrap_pyfunction!(cost::completion_cost, m)?)?;
    m.add_function(wrap_pyfunction!(cost::find_model, m)?)?;
    m.add_function(wrap_pyfunction!(cost::model_entry_json, m)?)?;
    m.add(
        "UnsupportedContentTypeError",
        m.py().get_type::<tokens::UnsupportedContentTypeError>(),
    )?;
    m.add_function(wrap_pyfunction!(tokens::token_counter, m)?)?;
    m.add_function(wrap_pyfunction!(tokens::encoding_for_model, m)?)?;
    m.add_function(wrap_pyfunction!(tokens::encode, m)?)?;
    m.add_function(wrap_pyfunction!(tokens::decode, m)?)?;
    m.add_function(wrap_pyfunction!(build_info, m)?)?;
    m.add_function(wrap_pyfunction!(_shutdown, m)?)?;
    m.add_function(wrap_pyfunction!(_after_fork, m)?)?;
    m.add_function(wrap_pyfunction!(clear_tokens, m)?)?;
    Ok(())
}
