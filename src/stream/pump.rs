//! The task that reads a streamed provider body, decodes it and feeds normalised chunks into a
//! bounded channel. The bound gives backpressure; dropping the receiver or aborting the task
//! stops the HTTP read.

use crate::error::LlmError;
use crate::http::client::ReplyHints;
use crate::http::runtime::{engine, AbortOnDrop};
use crate::providers::dialect::ChunkParser;
use crate::providers::{error_map, Dialect};
use futures_util::StreamExt;
use std::time::Duration;
use tokio::sync::mpsc;

/// Each item is one chunk as JSON text, or the error that ended the stream.
pub type ChunkItem = Result<String, LlmError>;

pub struct ChunkReceiver {
    pub rx: mpsc::Receiver<ChunkItem>,
    pub task: AbortOnDrop<()>,
}

pub struct Source {
    pub provider: String,
    pub model: String,
    pub dialect: Dialect,
    /// The longest silence allowed between two reads of the body.
    pub idle_timeout: Option<Duration>,
    /// What the request told about reading its reply.
    pub hints: ReplyHints,
}

const CHANNEL_DEPTH: usize = 32;

pub fn spawn(resp: reqwest::Response, source: Source) -> ChunkReceiver {
    let (tx, rx) = mpsc::channel(CHANNEL_DEPTH);
    let task = engine().runtime.spawn(async move {
        if let Err(error) = pump(resp, &source, &tx).await {
            let _ = tx.send(Err(error)).await;
        }
    });
    ChunkReceiver {
        rx,
        task: AbortOnDrop(task),
    }
}

/// A channel holding `chunks` already: a faked stream's replay.
pub fn replay(chunks: Vec<serde_json::Value>) -> ChunkReceiver {
    let (tx, rx) = mpsc::channel(chunks.len().max(1));
    for chunk in chunks {
        // Cannot fail: the channel has room for every chunk and the receiver is alive.
        let _ = tx.try_send(Ok(chunk.to_string()));
    }
    let task = engine().runtime.spawn(async {});
    ChunkReceiver {
        rx,
        task: AbortOnDrop(task),
    }
}

async fn pump(
    resp: reqwest::Response,
    source: &Source,
    tx: &mpsc::Sender<ChunkItem>,
) -> Result<(), LlmError> {
    let mut body = resp.bytes_stream();
    let mut parser = ChunkParser::new(
        source.dialect,
        &source.provider,
        &source.model,
        &source.hints,
    );
    let mut decoder = parser.framing();
    let mut events = Vec::new();
    let mut finished = false;
    loop {
        let next = match source.idle_timeout {
            Some(limit) => tokio::time::timeout(limit, body.next())
                .await
                .map_err(|_| {
                    error_map::timeout_error(&source.provider, &source.model, limit.as_secs_f64())
                })?,
            None => body.next().await,
        };
        let bytes = match next {
            Some(Ok(bytes)) => bytes,
            Some(Err(e)) => {
                return Err(error_map::from_transport(
                    &source.provider,
                    &source.model,
                    &e,
                    None,
                ))
            }
            None => break,
        };
        decoder.feed(&bytes, &mut events).map_err(|detail| {
            error_map::connection_error(&source.provider, &source.model, &detail)
        })?;
        for event in events.drain(..) {
            if parser.is_end(&event) {
                return Ok(());
            }
            let chunks = parser.parse(&event, &source.provider, &source.model)?;
            for chunk in chunks {
                finished |= chunk["choices"]
                    .as_array()
                    .is_some_and(|c| c.iter().any(|c| !c["finish_reason"].is_null()));
                if tx.send(Ok(chunk.to_string())).await.is_err() {
                    return Ok(()); // the consumer closed the stream
                }
            }
            if parser.is_end(&event) {
                return Ok(());
            }
        }
    }
    // A body that ends cleanly after the last choice finished is complete even without
    // `[DONE]`; one that ends mid-event or mid-answer lost data, and the caller must know.
    if decoder.is_mid_event() || !finished {
        return Err(error_map::connection_error(
            &source.provider,
            &source.model,
            "the provider closed the stream before it was complete",
        ));
    }
    Ok(())
}
