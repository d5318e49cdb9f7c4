//! What Gemini says about where an answer came from and how safe it is, surfaced as LiteLLM
//! surfaces it: the candidates' grounding, URL-context, safety and citation metadata as
//! `vertex_ai_*` lists on the response, web results the answer cites as OpenAI `url_citation`
//! annotations, and the billable grounding requests in the usage.

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The response's `vertex_ai_*` lists (LiteLLM sets them all, empty or not).
pub fn response_fields(candidates: &[Value]) -> Map<String, Value> {
    let (mut grounding, mut url_context, mut safety, mut citations) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for candidate in candidates {
        extend(&mut grounding, candidate.get("groundingMetadata"));
        extend(&mut url_context, candidate.get("urlContextMetadata"));
        extend(&mut citations, candidate.get("citationMetadata"));
        if let Some(ratings) = candidate.get("safetyRatings") {
            safety.push(ratings.clone());
        }
    }
    let mut fields = Map::new();
    fields.insert(
        "vertex_ai_grounding_metadata".into(),
        Value::Array(grounding),
    );
    fields.insert(
        "vertex_ai_url_context_metadata".into(),
        Value::Array(url_context),
    );
    fields.insert(
        "vertex_ai_safety_ratings".into(),
        Value::Array(safety.clone()),
    );
    fields.insert("vertex_ai_safety_results".into(), Value::Array(safety));
    fields.insert(
        "vertex_ai_citation_metadata".into(),
        Value::Array(citations),
    );
    fields
}

/// A field that may be one object or a list of them.
fn extend(into: &mut Vec<Value>, field: Option<&Value>) {
    match field {
        Some(Value::Array(items)) => into.extend(items.iter().cloned()),
        Some(Value::Null) | None => {}
        Some(item) => into.push(item.clone()),
    }
}

/// One `url_citation` per web source a grounded span of the answer cites.
pub fn annotations(grounding: Option<&Value>) -> Vec<Value> {
    let mut items = Vec::new();
    extend(&mut items, grounding);
    let mut out = Vec::new();
    for metadata in &items {
        let chunks = metadata["groundingChunks"]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        for support in metadata["groundingSupports"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let segment = &support["segment"];
            let (Some(start), Some(end)) = (segment.get("startIndex"), segment.get("endIndex"))
            else {
                continue;
            };
            for index in support["groundingChunkIndices"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let Some(web) = index
                    .as_u64()
                    .and_then(|i| chunks.get(i as usize))
                    .and_then(|c| c.get("web"))
                else {
                    continue;
                };
                out.push(json!({"type": "url_citation", "url_citation": {
                    "start_index": start, "end_index": end,
                    "url": web.get("uri").cloned().unwrap_or(json!("")),
                    "title": web.get("title").cloned().unwrap_or(json!("")),
                }}));
            }
        }
    }
    out
}

/// Billable grounding requests: each distinct search query once, and Maps grounding at least
/// once when a candidate used it. Returned as `prompt_tokens_details` fields.
pub fn grounding_requests(grounding: &[Value]) -> Map<String, Value> {
    let kinds = |item: &Value| -> BTreeSet<String> {
        item["groundingChunks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .flat_map(|chunk| chunk.keys().cloned())
            .collect()
    };
    let is_maps = |item: &Value| {
        kinds(item).contains("maps")
            || item["googleMapsWidgetContextToken"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
    };
    let (mut web, mut maps) = (BTreeSet::new(), BTreeSet::new());
    for item in grounding {
        let to_maps = is_maps(item) && !kinds(item).contains("web");
        let queries = item["webSearchQueries"].as_array().into_iter().flatten();
        for query in queries.filter_map(Value::as_str).filter(|q| !q.is_empty()) {
            if to_maps { &mut maps } else { &mut web }.insert(query.to_owned());
        }
    }
    let mut details = Map::new();
    if !web.is_empty() {
        details.insert("web_search_requests".into(), json!(web.len()));
    }
    if grounding.iter().any(is_maps) {
        details.insert(
            "google_maps_grounding_requests".into(),
            json!(maps.len().max(1)),
        );
    }
    details
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grounded() -> Value {
        json!({
            "webSearchQueries": ["weather paris", "weather paris", ""],
            "groundingChunks": [{"web": {"uri": "https://a.example", "title": "A"}},
                                {"web": {"uri": "https://b.example", "title": "B"}}],
            "groundingSupports": [{"segment": {"startIndex": 0, "endIndex": 12, "text": "It is sunny."},
                                   "groundingChunkIndices": [1, 7]}],
        })
    }

    #[test]
    fn supports_become_url_citations() {
        let out = annotations(Some(&grounded()));
        assert_eq!(
            out,
            vec![
                json!({"type": "url_citation", "url_citation": {"start_index": 0, "end_index": 12,
                        "url": "https://b.example", "title": "B"}})
            ]
        );
    }

    #[test]
    fn distinct_queries_are_billed_once() {
        let details = grounding_requests(&[grounded(), grounded()]);
        assert_eq!(Value::Object(details), json!({"web_search_requests": 1}));
        let maps = json!({"groundingChunks": [{"maps": {"uri": "m"}}]});
        assert_eq!(
            Value::Object(grounding_requests(&[maps])),
            json!({"google_maps_grounding_requests": 1})
        );
    }

    #[test]
    fn every_list_is_set() {
        let fields = response_fields(&[
            json!({"groundingMetadata": grounded(), "safetyRatings": [{"category": "X"}]}),
        ]);
        assert_eq!(
            fields["vertex_ai_grounding_metadata"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            fields["vertex_ai_safety_ratings"],
            json!([[{"category": "X"}]])
        );
        assert_eq!(fields["vertex_ai_citation_metadata"], json!([]));
    }
}
