//! The `anthropic-beta` header as LiteLLM sends it to Anthropic: the betas a request needs plus
//! the caller's, each passed through LiteLLM's allowlist (unknown or retired values dropped,
//! some renamed), de-duplicated, sorted and joined by commas; no header when none survive.

use once_cell::sync::Lazy;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Beta name → the name Anthropic takes, or null for a beta LiteLLM refuses to forward.
static ALLOWLIST: Lazy<Map<String, Value>> = Lazy::new(|| {
    serde_json::from_str(include_str!("beta_allowlist.json")).expect("beta allowlist is JSON")
});

pub const HEADER: &str = "anthropic-beta";

/// The header's value for the request's own betas and the caller's header (if any).
pub fn header_value(own: &[&str], caller: Option<&str>) -> Option<String> {
    let requested = own
        .iter()
        .copied()
        .chain(caller.into_iter().flat_map(|c| c.split(',')))
        .map(str::trim);
    let allowed: BTreeSet<&str> = requested
        .filter_map(|beta| ALLOWLIST.get(beta).and_then(Value::as_str))
        .collect();
    (!allowed.is_empty()).then(|| allowed.into_iter().collect::<Vec<_>>().join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_refused_betas_are_dropped_the_rest_sorted() {
        let caller = "context-1m-2025-08-07, bogus-beta-1,output-128k-2025-02-19";
        assert_eq!(
            header_value(&[], Some(caller)).as_deref(),
            Some("context-1m-2025-08-07,output-128k-2025-02-19")
        );
        assert_eq!(
            header_value(
                &["structured-outputs-2025-11-13"],
                Some("structured-outputs-2025-11-13, context-1m-2025-08-07")
            )
            .as_deref(),
            Some("context-1m-2025-08-07,structured-outputs-2025-11-13")
        );
        assert_eq!(
            header_value(&[], Some("foo-bar,structured-output-2024-03-01")),
            None
        );
        assert_eq!(header_value(&[], None), None);
    }
}
