//! Async calls without touching Python on runtime threads.
//!
//! Waking an asyncio future from a tokio thread means taking the GIL there, and a worker blocked
//! on the GIL stops driving every other connection. Instead each event loop gets one bridge: a
//! finished task pushes its outcome onto a queue and writes one byte to a socket pair the loop
//! watches (`loop.add_reader`); the loop thread then drains every finished outcome at once and
//! resolves the futures. Runtime threads never take the GIL, and wake-ups are batched.

use super::bridge::raise;
use super::stream::ChunkStream;
use crate::completion;
use crate::error::LlmError;
use crate::http::runtime;
use crate::types::CompletionRequest;
use pyo3::prelude::*;
use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::task::AbortHandle;

enum Outcome {
    Text(Result<String, LlmError>),
    Stream(Result<ChunkStream, LlmError>),
    Chunk(PyResult<Option<String>>),
}

struct Shared {
    wake: UnixStream,
    finished: Mutex<Vec<(u64, Outcome)>>,
    tasks: Mutex<HashMap<u64, AbortHandle>>,
}

impl Shared {
    fn finish(&self, id: u64, outcome: Outcome) {
        self.tasks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
        let was_empty = {
            let mut finished = self.finished.lock().unwrap_or_else(|p| p.into_inner());
            finished.push((id, outcome));
            finished.len() == 1
        };
        // One byte per batch: the drain takes everything queued when it runs. A full socket
        // buffer already holds a pending wake-up, so WouldBlock is fine to ignore.
        if was_empty {
            let _ = (&self.wake).write(&[1]);
        }
    }
}

#[pyclass(frozen, module = "litellm._core")]
pub struct AsyncBridge {
    shared: Arc<Shared>,
    reader: UnixStream,
    next_id: AtomicU64,
}

impl AsyncBridge {
    fn spawn<F>(&self, work: F) -> u64
    where
        F: std::future::Future<Output = Outcome> + Send + 'static,
    {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let shared = self.shared.clone();
        let handle = runtime::engine().runtime.spawn(async move {
            let outcome = work.await;
            shared.finish(id, outcome);
        });
        self.shared
            .tasks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, handle.abort_handle());
        id
    }
}

#[pymethods]
impl AsyncBridge {
    #[new]
    fn new() -> PyResult<Self> {
        let (reader, wake) = UnixStream::pair()?;
        reader.set_nonblocking(true)?;
        wake.set_nonblocking(true)?;
        let shared = Arc::new(Shared {
            wake,
            finished: Mutex::default(),
            tasks: Mutex::default(),
        });
        Ok(Self {
            shared,
            reader,
            next_id: AtomicU64::new(1),
        })
    }

    /// The file descriptor the event loop watches for readability.
    fn fileno(&self) -> i32 {
        self.reader.as_raw_fd()
    }

    fn submit_completion(&self, payload: &str) -> PyResult<u64> {
        let req = CompletionRequest::from_json(payload).map_err(raise)?;
        Ok(self.spawn(async move {
            let result = completion::complete(req)
                .await
                .map(|out| serde_json::to_string(&out).expect("completion output serialises"));
            Outcome::Text(result)
        }))
    }

    fn submit_stream(&self, payload: &str) -> PyResult<u64> {
        let req = CompletionRequest::from_json(payload).map_err(raise)?;
        Ok(self.spawn(async move {
            let opened = completion::open_stream(req).await;
            Outcome::Stream(opened.map(|(rx, hidden)| ChunkStream::new(rx, &hidden)))
        }))
    }

    fn submit_next(&self, stream: &ChunkStream) -> u64 {
        let rx = stream.receiver();
        self.spawn(async move { Outcome::Chunk(super::stream::next_item(rx).await) })
    }

    /// Stops a pending task (its awaiting future was cancelled).
    fn cancel(&self, id: u64) {
        if let Some(handle) = self
            .shared
            .tasks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id)
        {
            handle.abort();
        }
    }

    /// Every finished outcome as `(id, ok, value)`: a str, a ChunkStream, None (stream end), or
    /// the exception to raise.
    fn drain(&self, py: Python<'_>) -> PyResult<Vec<(u64, bool, Py<PyAny>)>> {
        // Read the wake-up bytes before taking the queue, so a task finishing in between either
        // lands in this batch or writes a fresh byte for the next one.
        let mut sink = [0u8; 256];
        loop {
            match (&self.reader).read(&mut sink) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        }
        let finished = std::mem::take(
            &mut *self
                .shared
                .finished
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        );
        let mut out = Vec::with_capacity(finished.len());
        for (id, outcome) in finished {
            let item = match outcome {
                Outcome::Text(Ok(text)) => (id, true, text.into_pyobject(py)?.into_any().unbind()),
                Outcome::Stream(Ok(stream)) => {
                    (id, true, Bound::new(py, stream)?.into_any().unbind())
                }
                Outcome::Chunk(Ok(chunk)) => {
                    (id, true, chunk.into_pyobject(py)?.into_any().unbind())
                }
                Outcome::Text(Err(e)) | Outcome::Stream(Err(e)) => {
                    (id, false, raise(e).into_value(py).into_any())
                }
                Outcome::Chunk(Err(e)) => (id, false, e.into_value(py).into_any()),
            };
            out.push(item);
        }
        Ok(out)
    }
}

impl Drop for AsyncBridge {
    fn drop(&mut self) {
        for (_, handle) in self
            .shared
            .tasks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain()
        {
            handle.abort();
        }
    }
}
