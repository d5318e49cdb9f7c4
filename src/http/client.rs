//! The outbound request type and the client every provider shares.

use std::time::Duration;

/// One provider request, fully translated: nothing provider-specific happens after this but
/// its token grant, if it has one.
#[derive(Debug, Clone, Default)]
pub struct HttpRequest {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// A bearer token still to be obtained (and cached) before sending.
    pub token_grant: Option<crate::auth::TokenGrant>,
    /// What reading the reply needs to know about this request.
    pub reply: ReplyHints,
}

/// What the reader of a reply must know about the request beyond its dialect.
#[derive(Debug, Clone, Default)]
pub struct ReplyHints {
    /// The reply is JSON that may be a prompted function call (`ollama/`'s JSON mode).
    pub json_function_reply: bool,
    /// Tool names sent in a form the provider accepts, as (sent, the caller's original), so
    /// its calls come back under the caller's names.
    pub renamed_tools: Vec<(String, String)>,
}

impl ReplyHints {
    /// The caller's name for a tool the provider named `sent`.
    pub fn tool_name<'a>(&'a self, sent: &'a str) -> &'a str {
        self.renamed_tools
            .iter()
            .find(|(renamed, _)| renamed == sent)
            .map_or(sent, |(_, original)| original.as_str())
    }
}

/// HTTP/1.1 with a deep keep-alive pool. Providers cap concurrent HTTP/2 streams per connection
/// at about 100, which serialises large fan-outs over one socket; a pool of HTTP/1.1
/// connections scales with concurrency the way httpx and aiohttp do for LiteLLM.
pub fn build_client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .pool_idle_timeout(Duration::from_secs(90))
        .tcp_nodelay(true)
        .user_agent(concat!(
            "litellm/1.109.1 ferrolite/",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .expect("HTTP client builds")
}

impl HttpRequest {
    pub fn to_reqwest(&self, client: &reqwest::Client) -> reqwest::RequestBuilder {
        let mut builder = client.post(&self.url).body(self.body.clone());
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        builder
    }
}
