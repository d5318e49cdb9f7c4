//! JSON Schema as Gemini's function declarations accept it (its OpenAPI-subset `Schema`): refs
//! inlined, nullable unions as `anyOf` with `nullable`, and every keyword outside the subset
//! removed, following LiteLLM 1.109.1's `build_vertex_schema`.

use serde_json::{Map, Value};

/// The `Schema` fields Gemini knows; anything else is refused by the API, so it is dropped.
const KEPT: &[&str] = &[
    "type",
    "format",
    "title",
    "description",
    "nullable",
    "default",
    "items",
    "minItems",
    "maxItems",
    "enum",
    "properties",
    "propertyOrdering",
    "required",
    "minProperties",
    "maxProperties",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "example",
    "anyOf",
];

/// A recursive `$ref` cannot be inlined; past this depth it becomes an open object.
const MAX_DEPTH: usize = 32;

pub fn clean(schema: &Value, gemini_3: bool) -> Value {
    let defs = schema
        .get("$defs")
        .or_else(|| schema.get("definitions"))
        .cloned()
        .unwrap_or(Value::Null);
    Cleaner { defs, gemini_3 }.clean(schema, 0)
}

struct Cleaner {
    defs: Value,
    gemini_3: bool,
}

impl Cleaner {
    fn clean(&self, schema: &Value, depth: usize) -> Value {
        let Some(object) = schema.as_object() else {
            return schema.clone();
        };
        if depth > MAX_DEPTH {
            return serde_json::json!({"type": "object"});
        }
        if let Some(target) = object.get("$ref").and_then(Value::as_str) {
            let name = target.rsplit('/').next().unwrap_or(target);
            return self.clean(self.defs.get(name).unwrap_or(&Value::Null), depth + 1);
        }
        let mut out = Map::new();
        for (key, value) in object {
            let value = match key.as_str() {
                "properties" => Value::Object(
                    value
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(name, sub)| (name.clone(), self.property(sub, depth)))
                        .collect(),
                ),
                "items" => self.clean(value, depth + 1),
                "anyOf" => Value::Array(
                    value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|sub| self.clean(sub, depth + 1))
                        .collect(),
                ),
                "format" if !matches!(value.as_str(), Some("enum" | "date-time")) => continue,
                "default" if value.is_null() => continue,
                _ if KEPT.contains(&key.as_str()) => value.clone(),
                _ => continue,
            };
            out.insert(key.clone(), value);
        }
        self.fix_enum(&mut out);
        nullable_union(out)
    }

    /// A property with nothing Gemini understands left in it is an open object.
    fn property(&self, schema: &Value, depth: usize) -> Value {
        let cleaned = self.clean(schema, depth + 1);
        if cleaned.as_object().is_some_and(Map::is_empty) {
            serde_json::json!({"type": "object"})
        } else {
            cleaned
        }
    }

    /// Gemini takes enums of strings only; Gemini 3 takes other enums as their text.
    fn fix_enum(&self, schema: &mut Map<String, Value>) {
        let Some(values) = schema.get("enum").and_then(Value::as_array).cloned() else {
            return;
        };
        let is_string = schema.get("type").and_then(Value::as_str) == Some("string");
        if is_string {
            let values = values
                .into_iter()
                .map(|v| if v == "" { Value::Null } else { v })
                .collect();
            schema.insert("enum".into(), Value::Array(values));
        } else if self.gemini_3 {
            let values = values
                .iter()
                .map(|v| Value::String(v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
                .collect();
            schema.insert("enum".into(), Value::Array(values));
        } else {
            schema.remove("enum");
        }
    }
}

/// `type: [T, "null"]` and `anyOf` with a `{"type": "null"}` member become
/// `anyOf: [{T, nullable: true, ...the schema's other keywords}]`.
fn nullable_union(mut schema: Map<String, Value>) -> Value {
    let mut alternatives = match schema.remove("type") {
        Some(Value::Array(types)) => types
            .into_iter()
            .map(|t| Value::Object(Map::from_iter([("type".to_owned(), t)])))
            .collect(),
        Some(single) => {
            schema.insert("type".into(), single);
            match schema.remove("anyOf") {
                Some(Value::Array(any)) => any,
                Some(other) => {
                    schema.insert("anyOf".into(), other);
                    return Value::Object(schema);
                }
                None => return Value::Object(schema),
            }
        }
        None => match schema.remove("anyOf") {
            Some(Value::Array(any)) => any,
            Some(other) => {
                schema.insert("anyOf".into(), other);
                return Value::Object(schema);
            }
            None => return Value::Object(schema),
        },
    };
    let before = alternatives.len();
    alternatives.retain(|alt| alt.get("type").and_then(Value::as_str) != Some("null"));
    let had_null = alternatives.len() < before;
    if !had_null {
        if before == 1 && schema.get("type").is_none() {
            // A one-type list is just that type.
            if let Some(Value::Object(only)) = alternatives.pop() {
                schema.extend(only);
            }
            return Value::Object(schema);
        }
        schema.insert("anyOf".into(), Value::Array(alternatives));
        return Value::Object(schema);
    }
    let alternatives = alternatives
        .into_iter()
        .map(|alt| {
            let mut alt = alt.as_object().cloned().unwrap_or_default();
            alt.insert("nullable".into(), Value::Bool(true));
            for (key, value) in &schema {
                alt.entry(key.clone()).or_insert_with(|| value.clone());
            }
            Value::Object(alt)
        })
        .collect();
    Value::Object(Map::from_iter([(
        "anyOf".to_owned(),
        Value::Array(alternatives),
    )]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The schema LiteLLM 1.109.1 was probed with, and what it sent for it.
    #[test]
    fn cleans_like_litellm() {
        let schema = json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "title": "FArgs",
            "additionalProperties": false,
            "$defs": {"Unit": {"type": "string", "enum": ["c", "f"], "title": "Unit"}},
            "properties": {
                "unit": {"$ref": "#/$defs/Unit"},
                "maybe": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": null, "title": "Maybe"},
                "multi": {"type": ["string", "null"], "description": "m"},
                "n": {"type": "integer", "enum": [1, 2, 3], "minimum": 0, "maximum": 10, "default": 1},
                "arr": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "number", "format": "float"}},
                        "additionalProperties": false}, "minItems": 1},
                "u": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                "c": {"const": "fixed"},
                "obj_empty": {"type": "object"},
                "email": {"type": "string", "format": "email", "pattern": "^.+@.+$", "examples": ["a@b"]}},
            "required": ["unit"]});
        let expected = json!({"type": "object", "title": "FArgs", "properties": {
                "unit": {"type": "string", "enum": ["c", "f"], "title": "Unit"},
                "maybe": {"anyOf": [{"type": "string", "nullable": true, "title": "Maybe"}]},
                "multi": {"anyOf": [{"type": "string", "nullable": true, "description": "m"}]},
                "n": {"type": "integer", "minimum": 0, "maximum": 10, "default": 1},
                "arr": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "number"}}}, "minItems": 1},
                "u": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                "c": {"type": "object"},
                "obj_empty": {"type": "object"},
                "email": {"type": "string", "pattern": "^.+@.+$"}},
            "required": ["unit"]});
        assert_eq!(clean(&schema, false), expected);
    }

    #[test]
    fn gemini_3_keeps_integer_enums_as_text() {
        let schema = json!({"type": "integer", "enum": [1, 2]});
        assert_eq!(
            clean(&schema, true),
            json!({"type": "integer", "enum": ["1", "2"]})
        );
    }
}
