//! Waiting on the runtime from Python: sync waits release the GIL and still answer Ctrl-C;
//! async waits are plain futures PyO3 turns into coroutines.

use super::CoreError;
use crate::error::LlmError;
use crate::http::runtime::{self, AbortOnDrop};
use pyo3::exceptions::{PyKeyboardInterrupt, PyRuntimeError};
use pyo3::prelude::*;
use std::future::Future;
use std::time::Duration;

/// How often a blocked sync call wakes to let Python handle signals (Ctrl-C).
const SIGNAL_POLL: Duration = Duration::from_millis(100);

pub fn raise(err: LlmError) -> PyErr {
    CoreError::new_err(err.to_json())
}

fn join_error(err: tokio::task::JoinError) -> PyErr {
    if err.is_cancelled() {
        PyKeyboardInterrupt::new_err("the call was cancelled")
    } else {
        PyRuntimeError::new_err(format!("ferrolite: internal task failed: {err}"))
    }
}

/// Waits for `fut` on the runtime's worker threads with the GIL released, so other Python
/// threads run meanwhile. Never touches asyncio, so it works inside a running event loop
/// (Jupyter) too.
pub fn run_blocking<T: Send + 'static>(
    py: Python<'_>,
    fut: impl Future<Output = Result<T, LlmError>> + Send + 'static,
) -> PyResult<T> {
    let engine = runtime::engine();
    let task = AbortOnDrop(engine.runtime.spawn(fut));
    block_until(py, &engine.runtime, async move {
        let mut task = task;
        (&mut task.0).await
    })?
    .map_err(join_error)?
    .map_err(raise)
}

/// Blocks the calling thread on `fut`, released from the GIL, checking for signals as it goes.
/// A pending KeyboardInterrupt drops `fut` (aborting whatever it owns) and is raised.
pub fn block_until<T: Send>(
    py: Python<'_>,
    rt: &tokio::runtime::Runtime,
    fut: impl Future<Output = T> + Send,
) -> PyResult<T> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(PyRuntimeError::new_err(
            "ferrolite: a blocking litellm call was made from inside its own runtime thread",
        ));
    }
    py.detach(|| {
        rt.block_on(async {
            tokio::pin!(fut);
            loop {
                tokio::select! {
                    out = &mut fut => return Ok(out),
                    _ = tokio::time::sleep(SIGNAL_POLL) => Python::attach(|py| py.check_signals())?,
                }
            }
        })
    })
}

pub async fn await_task<T>(mut task: AbortOnDrop<Result<T, LlmError>>) -> PyResult<T> {
    (&mut task.0).await.map_err(join_error)?.map_err(raise)
}
