//! The `anthropic-beta` values LiteLLM lets through to each host of Claude: the betas a request
//! needs plus the caller's, each passed through that host's column of LiteLLM's allowlist
//! (unknown or unsupported values dropped, some renamed), de-duplicated and sorted. Anthropic
//! gets them joined in the header (none when none survive); Bedrock in the body.

use once_cell::sync::Lazy;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Per host, beta name → the name that host takes, or null for a beta LiteLLM will not forward.
static ALLOWLIST: Lazy<Map<String, Value>> = Lazy::new(|| {
    serde_json::from_str(include_str!("beta_allowlist.json")).expect("beta allowlist is JSON")
});

pub const HEADER: &str = "anthropic-beta";

/// The host columns of the allowlist.
#[derive(Clone, Copy)]
pub enum Host {
    Anthropic,
    BedrockConverse,
    BedrockInvoke,
}

/// The caller's `anthropic-beta` header value, by any casing of its name.
pub fn caller(headers: &Map<String, Value>) -> Option<&str> {
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(HEADER))
        .and_then(|(_, value)| value.as_str())
}

/// The betas `host` takes of the request's own and the caller's comma-separated ones.
pub fn allowed(host: Host, own: &[&str], caller: Option<&str>) -> Vec<String> {
    let column = match host {
        Host::Anthropic => "anthropic",
        Host::BedrockConverse => "bedrock_converse",
        Host::BedrockInvoke => "bedrock",
    };
    let names = &ALLOWLIST[column];
    let requested = own
        .iter()
        .copied()
        .chain(caller.into_iter().flat_map(|c| c.split(',')))
        .map(str::trim);
    let allowed: BTreeSet<&str> = requested
        .filter_map(|beta| names.get(beta).and_then(Value::as_str))
        .collect();
    allowed.into_iter().map(str::to_owned).collect()
}

/// Anthropic's header value for the request's own betas and the caller's header (if any).
pub fn header_value(own: &[&str], caller: Option<&str>) -> Option<String> {
    let allowed = allowed(Host::Anthropic, own, caller);
    (!allowed.is_empty()).then(|| allowed.join(","))
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

    #[test]
    fn bedrock_has_its_own_column() {
        let caller = "context-1m-2025-08-07,interleaved-thinking-2025-05-14,bogus";
        assert_eq!(
            allowed(Host::BedrockConverse, &[], Some(caller)),
            vec!["context-1m-2025-08-07".to_owned()]
        );
    }
}
