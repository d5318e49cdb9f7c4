//! The one tokio runtime Ferrolite owns. It is built on first use (never at import), shut down
//! at interpreter exit, and replaced in a forked child, where the parent's worker threads do
//! not exist.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

pub struct Engine {
    pub runtime: Runtime,
    /// The connection pool belongs to the runtime that drives its sockets.
    pub client: reqwest::Client,
    pid: u32,
}

static SLOT: Mutex<Option<Arc<Engine>>> = Mutex::new(None);

/// The current engine, building one if there is none or if we are a forked child.
pub fn engine() -> Arc<Engine> {
    let mut slot = SLOT.lock().unwrap_or_else(|poison| poison.into_inner());
    let pid = std::process::id();
    match slot.as_ref() {
        Some(engine) if engine.pid == pid => return engine.clone(),
        Some(_) => forget(slot.take()),
        None => {}
    }
    let engine = Arc::new(build(pid));
    *slot = Some(engine.clone());
    engine
}

/// I/O threads: `FERROLITE_IO_THREADS`, else half the cores (1 to 4). The work per request on
/// them is small (HTTP framing, JSON), so extra threads mostly contend with the Python thread:
/// on 2 cores one thread gave 7.2k async calls/s and two gave 6.2k (benches/, async x64).
fn io_threads() -> usize {
    let from_env = std::env::var("FERROLITE_IO_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0);
    from_env.unwrap_or_else(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        (cores / 2).clamp(1, 4)
    })
}

fn build(pid: u32) -> Engine {
    let runtime = Builder::new_multi_thread()
        .worker_threads(io_threads())
        .thread_name("ferrolite-io")
        .enable_all()
        .build()
        .expect("tokio runtime starts");
    Engine {
        runtime,
        client: super::client::build_client(),
        pid,
    }
}

/// Stops the runtime: in-flight tasks are aborted and their sockets closed. Called at
/// interpreter exit so no worker thread touches Python while it is being torn down.
pub fn shutdown(grace: Duration) {
    let engine = SLOT
        .lock()
        .unwrap_or_else(|poison| poison.into_inner())
        .take();
    if let Some(engine) = engine {
        match Arc::try_unwrap(engine) {
            Ok(engine) => engine.runtime.shutdown_timeout(grace),
            // A stream object still holds it; its owner will drop it, we only stop handing it out.
            Err(shared) => drop(shared),
        }
    }
}

/// In a forked child the parent's runtime threads are gone, so joining them would hang:
/// leak the old runtime on purpose and let the next call build a fresh one.
pub fn after_fork() {
    let stale = SLOT
        .lock()
        .unwrap_or_else(|poison| poison.into_inner())
        .take();
    forget(stale);
}

fn forget(engine: Option<Arc<Engine>>) {
    if let Some(engine) = engine {
        std::mem::forget(engine);
    }
}

/// A spawned task that is aborted when its handle is dropped: dropping a tokio JoinHandle
/// alone detaches the task, which would keep an abandoned HTTP request running.
pub struct AbortOnDrop<T>(pub tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
