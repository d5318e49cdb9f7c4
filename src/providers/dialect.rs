//! The one place that knows which module speaks each wire dialect: request building, response
//! parsing and the per-stream chunk parser.

use super::chunks::ChunkEmitter;
use super::huggingface::{self, tgi};
use super::registry::{Dialect, ProviderSpec};
use super::resolve::Endpoint;
use super::{
    anthropic, bedrock, cohere, error_map, gemini, ollama, openai, reasoning_models, watsonx,
};
use crate::error::LlmError;
use crate::http::client::{HttpRequest, ReplyHints};
use crate::http::event_stream::EventStreamDecoder;
use crate::http::ndjson::NdjsonDecoder;
use crate::http::sse::{SseDecoder, SseEvent};
use crate::types::CompletionRequest;
use serde_json::Value;

/// The wire format of one call: mostly the provider's, but Vertex serves Claude in
/// Anthropic's Messages format, and Hugging Face's TGI models take TGI's text API.
pub fn of_call(spec: &ProviderSpec, model: &str) -> Dialect {
    match spec.dialect {
        Dialect::GeminiGenerateContent if gemini::is_vertex_claude(spec.slug, model) => {
            Dialect::AnthropicMessages
        }
        Dialect::GeminiGenerateContent
            if spec.slug != "gemini" && gemini::partners::of(model).is_some() =>
        {
            Dialect::VertexPartnerChat
        }
        Dialect::HuggingFaceChat if tgi::is_tgi(model) => Dialect::HuggingFaceTgi,
        Dialect::BedrockConverse if bedrock::is_invoke(model) => Dialect::BedrockInvoke,
        dialect => dialect,
    }
}

/// Which remote media URLs a call must download and inline because its provider will not
/// fetch them: Claude takes https URLs but not http, AI Studio and Bedrock take none, and
/// Vertex fetches https URLs whose type it can tell from the extension.
pub fn downloads_media(dialect: Dialect, provider: &str) -> Option<fn(&str) -> bool> {
    match dialect {
        Dialect::AnthropicMessages => Some(|url| url.starts_with("http://")),
        Dialect::BedrockConverse | Dialect::BedrockInvoke => Some(|_| true),
        Dialect::GeminiGenerateContent if provider == "gemini" => Some(|_| true),
        Dialect::GeminiGenerateContent => {
            Some(|url| url.starts_with("http://") || gemini::mime_from_extension(url).is_none())
        }
        _ => None,
    }
}

/// Whether LiteLLM fakes this call's stream: sends it unstreamed and replays the reply.
pub fn fakes_stream(provider: &str, model: &str) -> bool {
    provider == "azure" && reasoning_models::azure_fakes_stream(model)
}

/// Token counts a dialect reports in response headers rather than in the body.
pub fn header_usage(dialect: Dialect, headers: &reqwest::header::HeaderMap) -> tgi::HeaderUsage {
    match dialect {
        Dialect::HuggingFaceTgi => {
            tgi::HeaderUsage::read(headers, "x-prompt-tokens", "x-generated-tokens")
        }
        Dialect::BedrockInvoke => tgi::HeaderUsage::read(
            headers,
            "x-amzn-bedrock-input-token-count",
            "x-amzn-bedrock-output-token-count",
        ),
        _ => tgi::HeaderUsage::default(),
    }
}

pub fn build_request(
    endpoint: &Endpoint,
    req: &CompletionRequest,
) -> Result<HttpRequest, LlmError> {
    match endpoint.spec.dialect {
        Dialect::OpenAiChat | Dialect::OpenAiText | Dialect::AzureChat => {
            openai::build_request(endpoint, req)
        }
        Dialect::HuggingFaceChat | Dialect::HuggingFaceTgi => {
            huggingface::build_request(endpoint, req)
        }
        Dialect::AnthropicMessages => anthropic::build_request(endpoint, req),
        Dialect::OllamaChat | Dialect::OllamaGenerate => ollama::build_request(endpoint, req),
        Dialect::CohereChat => cohere::build_request(endpoint, req),
        Dialect::BedrockConverse | Dialect::BedrockInvoke => bedrock::build_request(endpoint, req),
        Dialect::GeminiGenerateContent | Dialect::VertexPartnerChat => {
            gemini::build_request(endpoint, req)
        }
        Dialect::WatsonxChat => watsonx::build_request(endpoint, req),
        Dialect::WatsonxText => watsonx::text::build_request(endpoint, req),
    }
}

/// A complete response body as an OpenAI `chat.completion`; `model` is the model as routed,
/// `counts` what the response headers said of token usage, `hints` what the request told.
pub fn parse_response(
    dialect: Dialect,
    body: &[u8],
    model: &str,
    counts: tgi::HeaderUsage,
    hints: &ReplyHints,
) -> Result<Value, String> {
    match dialect {
        Dialect::OpenAiChat | Dialect::OpenAiText | Dialect::HuggingFaceChat => {
            openai::parse_response(dialect, body)
        }
        Dialect::AzureChat => openai::parse_response(dialect, body)
            .map(|response| reasoning_models::azure_response_model(response, model)),
        Dialect::VertexPartnerChat => openai::parse_response(Dialect::OpenAiChat, body)
            .map(|response| gemini::partners::with_response_model(response, model)),
        Dialect::AnthropicMessages => anthropic::parse_response(body, model),
        Dialect::OllamaChat | Dialect::OllamaGenerate => {
            ollama::parse_response(dialect, body, ollama_slug(dialect), model, hints)
        }
        Dialect::CohereChat => cohere::parse_response(body, model),
        Dialect::BedrockConverse => bedrock::parse(body, bedrock::response_model(model), hints),
        Dialect::BedrockInvoke => {
            bedrock::invoke::parse(bedrock::invoke::Kind::of(model), body, model, counts, hints)
        }
        Dialect::GeminiGenerateContent => gemini::parse(body, gemini_model(model)),
        Dialect::WatsonxChat => watsonx::parse_response(body),
        Dialect::WatsonxText => watsonx::text::parse_response(body, model),
        Dialect::HuggingFaceTgi => tgi::parse_response(body, model, counts),
    }
}

/// How a dialect frames its stream: Server-Sent Events, one JSON object per line, or AWS's
/// binary event-stream.
pub enum Framing {
    Sse(SseDecoder),
    Ndjson(NdjsonDecoder),
    EventStream(EventStreamDecoder),
}

impl Framing {
    /// Text framings cannot be corrupt, only cut short; a binary frame can fail its checksum.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<SseEvent>) -> Result<(), String> {
        match self {
            Self::Sse(d) => d.feed(bytes, out),
            Self::Ndjson(d) => d.feed(bytes, out),
            Self::EventStream(d) => return d.feed(bytes, out),
        }
        Ok(())
    }

    /// True when the body stopped inside an event: the rest of it was lost.
    pub fn is_mid_event(&self) -> bool {
        match self {
            Self::Sse(d) => d.is_mid_event(),
            Self::Ndjson(d) => d.is_mid_event(),
            Self::EventStream(d) => d.is_mid_event(),
        }
    }
}

/// Turns a stream's SSE events into OpenAI chunks, keeping whatever state the dialect needs.
pub enum ChunkParser {
    OpenAi(Dialect),
    Anthropic(anthropic::StreamState),
    Ollama(ollama::StreamState),
    Cohere(ChunkEmitter),
    Bedrock(bedrock::StreamState),
    BedrockInvoke(bedrock::invoke::StreamState),
    Gemini(gemini::StreamState),
    Tgi(ChunkEmitter),
    WatsonxText(ChunkEmitter),
}

/// Vertex accepts `vertex_ai/gemini/<model>`; the response names the model alone.
fn gemini_model(model: &str) -> &str {
    model.strip_prefix("gemini/").unwrap_or(model)
}

fn ollama_slug(dialect: Dialect) -> &'static str {
    if dialect == Dialect::OllamaChat {
        "ollama_chat"
    } else {
        "ollama"
    }
}

impl ChunkParser {
    pub fn new(dialect: Dialect, provider: &str, model: &str, hints: &ReplyHints) -> Self {
        match dialect {
            Dialect::OpenAiChat | Dialect::OpenAiText | Dialect::AzureChat => Self::OpenAi(dialect),
            // watsonx streams OpenAI chunks (with `event:` lines the SSE decoder skips).
            Dialect::WatsonxChat | Dialect::HuggingFaceChat | Dialect::VertexPartnerChat => {
                Self::OpenAi(Dialect::OpenAiChat)
            }
            Dialect::AnthropicMessages => Self::Anthropic(anthropic::StreamState::new(model)),
            Dialect::OllamaChat | Dialect::OllamaGenerate => Self::Ollama(
                ollama::StreamState::new(dialect, model, hints.json_function_reply),
            ),
            Dialect::CohereChat => Self::Cohere(ChunkEmitter::new(model)),
            Dialect::BedrockConverse => Self::Bedrock(bedrock::StreamState::new(
                bedrock::response_model(model),
                hints,
            )),
            Dialect::BedrockInvoke => Self::BedrockInvoke(bedrock::invoke::StreamState::new(
                bedrock::invoke::Kind::of(model),
                model,
                hints,
            )),
            Dialect::GeminiGenerateContent => {
                Self::Gemini(gemini::StreamState::new(gemini_model(model), provider))
            }
            Dialect::HuggingFaceTgi => Self::Tgi(tgi::stream_emitter(model)),
            Dialect::WatsonxText => Self::WatsonxText(ChunkEmitter::new(model)),
        }
    }

    pub fn framing(&self) -> Framing {
        match self {
            Self::Ollama(_) => Framing::Ndjson(NdjsonDecoder::default()),
            Self::Bedrock(_) | Self::BedrockInvoke(_) => {
                Framing::EventStream(EventStreamDecoder::default())
            }
            _ => Framing::Sse(SseDecoder::new()),
        }
    }

    /// Whether `event` marks the end of the stream (OpenAI's `[DONE]`).
    pub fn is_end(&self, event: &SseEvent) -> bool {
        match self {
            Self::OpenAi(_) => event.data == "[DONE]",
            Self::Anthropic(state) => state.is_done(),
            Self::Ollama(state) => state.is_done(),
            Self::Cohere(out) | Self::Tgi(out) | Self::WatsonxText(out) => out.is_done(),
            Self::Bedrock(state) => state.is_done(),
            Self::BedrockInvoke(state) => state.is_done(),
            // A Gemini stream ends when the body does.
            Self::Gemini(_) => false,
        }
    }

    /// The chunks an event becomes, or the error that ends the stream.
    pub fn parse(
        &mut self,
        event: &SseEvent,
        provider: &str,
        model: &str,
    ) -> Result<Vec<Value>, LlmError> {
        match self {
            Self::OpenAi(dialect) => openai::parse_chunk(*dialect, &event.data)
                .map(|c| vec![c])
                .map_err(|detail| error_map::connection_error(provider, model, &detail)),
            Self::Anthropic(state) => state.on_event(&event.data),
            Self::Ollama(state) => state.on_line(&event.data, provider),
            Self::Cohere(out) => cohere::on_event(out, &event.data, provider),
            Self::Bedrock(state) => state.on_event(event.event.as_deref(), &event.data, provider),
            Self::BedrockInvoke(state) => {
                state.on_event(event.event.as_deref(), &event.data, provider, model)
            }
            Self::Gemini(state) => state.on_event(&event.data),
            Self::Tgi(out) => tgi::on_event(out, &event.data, provider),
            Self::WatsonxText(out) => watsonx::text::on_event(out, &event.data, provider),
        }
    }
}
