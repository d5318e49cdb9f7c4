//! How long to wait before retry number `attempt` (0-based): the provider's `Retry-After` when
//! it gives one, else exponential backoff with jitter, as LiteLLM does (0.5 s doubling, capped
//! at 8 s, up to 75% jitter).

use std::time::Duration;

const INITIAL_DELAY: f64 = 0.5;
const MAX_DELAY: f64 = 8.0;
const JITTER: f64 = 0.75;
/// A provider asking for more than this is not waited for; the caller gets the error sooner.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

pub fn delay(attempt: u32, retry_after: Option<Duration>) -> Duration {
    if let Some(wait) = retry_after {
        return wait.min(MAX_RETRY_AFTER);
    }
    let base = (INITIAL_DELAY * 2f64.powi(attempt.min(16) as i32)).min(MAX_DELAY);
    Duration::from_secs_f64(base * (1.0 + JITTER * fastrand::f64()))
}

/// Whether the openai SDK retries a failure with this status: timeouts, lock conflicts, rate
/// limits, server errors, and failures that never got a status (connection errors here carry
/// 500).
pub fn sdk_retries_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_caps_and_honours_retry_after() {
        for attempt in 0..10 {
            let d = delay(attempt, None).as_secs_f64();
            let base = (0.5 * 2f64.powi(attempt as i32)).min(8.0);
            assert!(d >= base && d <= base * 1.75, "attempt {attempt}: {d}");
        }
        assert_eq!(
            delay(3, Some(Duration::from_millis(20))),
            Duration::from_millis(20)
        );
        assert_eq!(delay(0, Some(Duration::from_secs(3600))), MAX_RETRY_AFTER);
    }
}
