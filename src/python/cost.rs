//! Pricing from Python. Until `litellm.model_cost` is first read the embedded table prices
//! everything; after that the shim passes the user's dict, so their edits are priced too.

use super::bridge::raise;
use crate::cost::model_map::{self, Embedded};
use crate::cost::table::{Entry, ModelTable};
use crate::cost::{self, lookup, CostQuery, ResponseCostQuery};
use crate::error::LlmError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A Python value as JSON: dicts, lists, tuples, strings, numbers, bools, None, and objects by
/// their `__dict__` (pydantic models such as `Usage`, read without a `model_dump`). Anything
/// else (a user's odd entry) reads as null rather than failing the call.
pub fn to_json(value: &Bound<'_, PyAny>) -> Value {
    to_json_within(value, 32)
}

fn to_json_within(value: &Bound<'_, PyAny>, depth: u8) -> Value {
    let to_json = |v: &Bound<'_, PyAny>| to_json_within(v, depth.saturating_sub(1));
    if value.is_none() || depth == 0 {
        Value::Null
    } else if let Ok(b) = value.cast::<PyBool>() {
        Value::Bool(b.is_true())
    } else if let Ok(i) = value.cast::<PyInt>() {
        i.extract::<i64>()
            .map(Value::from)
            .or_else(|_| i.extract::<f64>().map(Value::from))
            .unwrap_or(Value::Null)
    } else if let Ok(f) = value.cast::<PyFloat>() {
        Number::from_f64(f.value()).map_or(Value::Null, Value::Number)
    } else if let Ok(s) = value.cast::<PyString>() {
        Value::String(s.to_string_lossy().into_owned())
    } else if let Ok(d) = value.cast::<PyDict>() {
        Value::Object(dict_within(d, depth))
    } else if let Ok(l) = value.cast::<PyList>() {
        Value::Array(l.iter().map(|v| to_json(&v)).collect())
    } else if let Ok(t) = value.cast::<PyTuple>() {
        Value::Array(t.iter().map(|v| to_json(&v)).collect())
    } else if let Ok(fields) = value.getattr("__dict__") {
        fields
            .cast::<PyDict>()
            .map_or(Value::Null, |d| Value::Object(dict_within(d, depth)))
    } else {
        Value::Null
    }
}

fn dict_within(d: &Bound<'_, PyDict>, depth: u8) -> Map<String, Value> {
    d.iter()
        .filter_map(|(k, v)| {
            Some((
                k.extract::<String>().ok()?,
                to_json_within(&v, depth.saturating_sub(1)),
            ))
        })
        .collect()
}

fn dict_to_map(d: &Bound<'_, PyDict>) -> Map<String, Value> {
    dict_within(d, 32)
}

/// Lowercase key -> stored key of the user's dict, stamped with the dict's address and size.
type CaseIndex = Option<((usize, usize), HashMap<String, String>)>;
static CASE_INDEX: Mutex<CaseIndex> = Mutex::new(None);

/// The user's `litellm.model_cost`.
struct PyTable<'py>(Bound<'py, PyDict>);

impl ModelTable for PyTable<'_> {
    fn entry(&self, key: &str) -> Option<Arc<Entry>> {
        let value = self.0.get_item(key).ok()??;
        let entry = value.cast::<PyDict>().ok()?;
        Some(Arc::new(dict_to_map(entry)))
    }

    fn key_ignoring_case(&self, name: &str) -> Option<String> {
        // Every miss of an unpriced model asks this for each candidate name, so the lowercase
        // index is kept between calls, rebuilt when the dict is replaced or changes size (the
        // rule the old Python lookup used; a same-size rename is the one edit it misses).
        let stamp = (self.0.as_ptr() as usize, self.0.len());
        let mut cache = CASE_INDEX.lock().unwrap_or_else(|p| p.into_inner());
        if cache.as_ref().map(|(s, _)| *s) != Some(stamp) {
            let index = self
                .0
                .keys()
                .iter()
                .filter_map(|k| k.extract::<String>().ok())
                .map(|k| (k.to_ascii_lowercase(), k))
                .collect();
            *cache = Some((stamp, index));
        }
        let (_, index) = cache.as_ref()?;
        index.get(&name.to_ascii_lowercase()).cloned()
    }
}

fn with_table<T>(table: Option<Bound<'_, PyDict>>, f: impl FnOnce(&dyn ModelTable) -> T) -> T {
    match table {
        Some(dict) => f(&PyTable(dict)),
        None => f(&Embedded),
    }
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, query: &Bound<'_, PyDict>) -> PyResult<T> {
    serde_json::from_value(Value::Object(dict_to_map(query)))
        .map_err(|e| raise(LlmError::bad_request(format!("{what}: {e}"))))
}

/// `(prompt_cost, completion_cost)` for a query dict (see `CostQuery`).
#[pyfunction]
#[pyo3(signature = (query, table=None))]
pub fn cost_per_token(
    query: &Bound<'_, PyDict>,
    table: Option<Bound<'_, PyDict>>,
) -> PyResult<(f64, f64)> {
    let q: CostQuery = parse("cost_per_token", query)?;
    with_table(table, |t| cost::cost_per_token(t, &q)).map_err(raise)
}

/// A response's total cost for a query dict (see `ResponseCostQuery`).
#[pyfunction]
#[pyo3(signature = (query, table=None))]
pub fn completion_cost(
    query: &Bound<'_, PyDict>,
    table: Option<Bound<'_, PyDict>>,
) -> PyResult<f64> {
    let q: ResponseCostQuery = parse("completion_cost", query)?;
    with_table(table, |t| cost::completion_cost(t, q)).map_err(raise)
}

/// `(table key, provider)` of the entry describing `model`, or ModelNotMappedError.
#[pyfunction]
#[pyo3(signature = (model, custom_llm_provider=None, routed_provider=None, table=None))]
pub fn find_model(
    model: &str,
    custom_llm_provider: Option<&str>,
    routed_provider: Option<&str>,
    table: Option<Bound<'_, PyDict>>,
) -> PyResult<(String, Option<String>)> {
    with_table(table, |t| {
        lookup::find(t, model, custom_llm_provider, routed_provider)
    })
    .map(|found| (found.key, found.provider))
    .map_err(raise)
}

/// One embedded entry as JSON text (for `get_model_info` before `litellm.model_cost` exists).
#[pyfunction]
pub fn model_entry_json(key: &str) -> Option<&'static str> {
    model_map::entry_json(key)
}
