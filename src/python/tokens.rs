//! Token counting from Python: the core's rules with the model's bundled encoding, or with a
//! user's own tokenizer (a Python callable that counts one string).

use super::cost::to_json;
use crate::tokens::{self, CountRequest, Encoding, TokenError, Tokenizer};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

pyo3::create_exception!(
    _core,
    UnsupportedContentTypeError,
    PyValueError,
    "A message content part token_counter cannot count."
);

fn raise(error: TokenError) -> PyErr {
    match error {
        TokenError::Invalid(m) => PyValueError::new_err(m),
        TokenError::UnsupportedContent(m) => UnsupportedContentTypeError::new_err(m),
    }
}

/// A user's tokenizer: `count(text) -> int`, called with the GIL held.
struct PyCounter<'py>(Bound<'py, PyAny>);

impl Tokenizer for PyCounter<'_> {
    fn count(&self, text: &str) -> Result<usize, TokenError> {
        self.0
            .call1((text,))
            .and_then(|n| n.extract::<usize>())
            .map_err(|e| TokenError::Invalid(e.to_string()))
    }
}

fn encoding(name: &str) -> PyResult<Encoding> {
    Encoding::from_name(name)
        .ok_or_else(|| PyValueError::new_err(format!("unknown encoding {name:?}")))
}

/// LiteLLM's `token_counter` for a request dict (see `CountRequest`).
#[pyfunction]
#[pyo3(signature = (model, request, counter=None))]
pub fn token_counter(
    py: Python<'_>,
    model: &str,
    request: &Bound<'_, PyDict>,
    counter: Option<Bound<'_, PyAny>>,
) -> PyResult<usize> {
    let req: CountRequest = serde_json::from_value(to_json(request.as_any()))
        .map_err(|e| PyValueError::new_err(format!("token_counter: {e}")))?;
    match counter {
        Some(counter) => tokens::count(&PyCounter(counter), &req).map_err(raise),
        None => {
            let encoding = tokens::encoding_for_model(model);
            py.detach(|| tokens::count(&encoding, &req)).map_err(raise)
        }
    }
}

/// The encoding LiteLLM counts `model` with.
#[pyfunction]
pub fn encoding_for_model(model: &str) -> &'static str {
    tokens::encoding_for_model(model).name()
}

#[pyfunction]
pub fn encode(py: Python<'_>, encoding_name: &str, text: &str) -> PyResult<Vec<u32>> {
    let encoding = encoding(encoding_name)?;
    Ok(py.detach(|| encoding.encode(text)))
}

#[pyfunction]
pub fn decode(encoding_name: &str, ids: Vec<u32>) -> PyResult<String> {
    encoding(encoding_name)?
        .decode(&ids)
        .map_err(|id| PyValueError::new_err(format!("token id {id} is not in {encoding_name}")))
}
