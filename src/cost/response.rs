//! LiteLLM's `completion_cost` for a response: which model name prices it, and when the
//! provider's own stated cost is the answer.

use super::calculator::{cost_per_token, CostQuery};
use super::table::ModelTable;
use crate::error::LlmError;
use serde::Deserialize;

/// A response to price: the names it could be priced under, and the query for the rest.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResponseCostQuery {
    /// `response.model`: what the provider says served the call.
    pub response_model: Option<String>,
    /// The `model` the caller passed to `completion_cost` (or to `completion`).
    pub model: Option<String>,
    /// `_hidden_params["model"]`, used when the response names no model.
    pub hidden_model: Option<String>,
    /// A deployment's pricing model: when set, the only name tried.
    pub base_model: Option<String>,
    #[serde(flatten)]
    pub query: CostQuery,
}

/// The call's total cost in USD.
pub fn completion_cost(table: &dyn ModelTable, rq: ResponseCostQuery) -> Result<f64, LlmError> {
    let mut q = rq.query;
    let custom = q.custom_cost_per_token.is_some() || q.custom_cost_per_second.is_some();
    if !custom && rq.base_model.is_none() {
        if let Some(stated) = q.usage.get("cost").and_then(|c| c.as_f64()) {
            return Ok(stated);
        }
    }
    let names: Vec<String> = match rq.base_model {
        Some(base) => vec![base],
        None => {
            let served = rq.response_model.or(rq.hidden_model);
            let mut names: Vec<String> = served.into_iter().chain(rq.model).collect();
            names.retain(|n| !n.is_empty());
            names.dedup();
            names
        }
    };
    if custom {
        q.model = names.into_iter().next().unwrap_or_default();
        let (prompt, completion) = cost_per_token(table, &q)?;
        return Ok(prompt + completion);
    }
    let mut last_error = None;
    for name in names {
        q.model = name;
        match cost_per_token(table, &q) {
            Ok((prompt, completion)) => return Ok(prompt + completion),
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.unwrap_or_else(|| {
        LlmError::bad_request("completion_cost: no model to price; pass model= or a response")
    }))
}
