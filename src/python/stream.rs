//! The stream object handed to the shim: one receiver, read either blocking (sync iteration,
//! GIL released) or as a coroutine (async iteration). Closing or dropping it aborts the pump
//! task, which closes the HTTP connection.

use super::bridge::{block_until, raise};
use crate::completion::HiddenParams;
use crate::http::runtime::{self, AbortOnDrop};
use crate::stream::pump::{ChunkItem, ChunkReceiver};
use pyo3::prelude::*;
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, Mutex as AsyncMutex};

#[pyclass(frozen, module = "litellm._core")]
pub struct ChunkStream {
    rx: Arc<AsyncMutex<Option<mpsc::Receiver<ChunkItem>>>>,
    task: Mutex<Option<AbortOnDrop<()>>>,
    hidden: String,
}

impl ChunkStream {
    pub fn new(receiver: ChunkReceiver, hidden: &HiddenParams) -> Self {
        Self {
            rx: Arc::new(AsyncMutex::new(Some(receiver.rx))),
            task: Mutex::new(Some(receiver.task)),
            hidden: serde_json::to_string(hidden).expect("hidden params serialise"),
        }
    }
}

/// Takes the next item; after the end or an error the receiver is dropped, so every later
/// read reports the end.
pub(crate) async fn next_item(
    rx: Arc<AsyncMutex<Option<mpsc::Receiver<ChunkItem>>>>,
) -> PyResult<Option<String>> {
    let mut guard = rx.lock().await;
    let Some(receiver) = guard.as_mut() else {
        return Ok(None);
    };
    match receiver.recv().await {
        Some(Ok(chunk)) => Ok(Some(chunk)),
        Some(Err(error)) => {
            *guard = None;
            Err(raise(error))
        }
        None => {
            *guard = None;
            Ok(None)
        }
    }
}

impl ChunkStream {
    pub(crate) fn receiver(&self) -> Arc<AsyncMutex<Option<mpsc::Receiver<ChunkItem>>>> {
        self.rx.clone()
    }
}

#[pymethods]
impl ChunkStream {
    /// The next chunk as JSON text, or `None` at the end (sync, GIL released while waiting).
    fn next(&self, py: Python<'_>) -> PyResult<Option<String>> {
        let engine = runtime::engine();
        block_until(py, &engine.runtime, next_item(self.rx.clone()))?
    }

    /// The same as a coroutine, for `async for`.
    async fn anext(&self) -> PyResult<Option<String>> {
        next_item(self.rx.clone()).await
    }

    /// Stops the stream: aborts the HTTP read. Safe to call more than once.
    fn close(&self) {
        let task = self.task.lock().unwrap_or_else(|p| p.into_inner()).take();
        drop(task);
        if let Ok(mut guard) = self.rx.try_lock() {
            guard.take();
        }
    }

    #[getter]
    fn hidden(&self) -> &str {
        &self.hidden
    }
}
