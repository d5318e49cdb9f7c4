//! Tool definitions and `tool_choice` as OpenAI bills them: the functions are rendered as the
//! TypeScript-like namespace the model sees, and that text is counted.

use super::{TokenError, Tokenizer};
use serde_json::{Map, Value};

/// Tokens for the tool list: the rendered namespace plus 9, less 4 when a system message is
/// there to host it.
pub fn count_tools(
    tok: &dyn Tokenizer,
    tools: &[Value],
    has_system: bool,
) -> Result<usize, TokenError> {
    if tools.is_empty() {
        return Ok(0);
    }
    let rendered = render(tools);
    let n = tok.count(&rendered)? + 9;
    Ok(if has_system { n.saturating_sub(4) } else { n })
}

/// `"none"` costs one token, naming a function seven plus the name; anything else is free.
pub fn count_tool_choice(tok: &dyn Tokenizer, choice: &Value) -> Result<usize, TokenError> {
    match choice {
        Value::String(s) if s == "none" => Ok(1),
        Value::Object(o) if o.get("type").and_then(Value::as_str) == Some("none") => Ok(1),
        Value::Object(o) => {
            let name = o
                .get("function")
                .and_then(|f| f.get("name"))
                .or_else(|| o.get("name"))
                .and_then(Value::as_str);
            match name {
                Some(name) => Ok(7 + tok.count(name)?),
                None => Ok(0),
            }
        }
        _ => Ok(0),
    }
}

/// The function definitions a tool list holds, in OpenAI, Gemini or Anthropic form.
fn definitions(tools: &[Value]) -> Vec<Map<String, Value>> {
    let mut out = Vec::new();
    for tool in tools {
        let Some(tool) = tool.as_object() else {
            continue;
        };
        if let Some(f) = tool.get("function").and_then(Value::as_object) {
            out.push(f.clone());
        } else if let Some(list) = tool
            .get("function_declarations")
            .or_else(|| tool.get("functionDeclarations"))
            .and_then(Value::as_array)
        {
            out.extend(list.iter().filter_map(|f| f.as_object().cloned()));
        } else if let Some(schema) = tool.get("input_schema") {
            let mut f = Map::new();
            f.insert(
                "name".into(),
                tool.get("name").cloned().unwrap_or(Value::Null),
            );
            if let Some(d) = tool.get("description") {
                f.insert("description".into(), d.clone());
            }
            f.insert("parameters".into(), schema.clone());
            out.push(f);
        }
    }
    out
}

fn render(tools: &[Value]) -> String {
    let mut lines = vec!["namespace functions {".to_owned(), String::new()];
    for f in definitions(tools) {
        let Some(name) = f
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        if let Some(d) = f
            .get("description")
            .and_then(Value::as_str)
            .filter(|d| !d.is_empty())
        {
            lines.push(format!("// {d}"));
        }
        let params = f.get("parameters").and_then(Value::as_object);
        let has_properties = params
            .and_then(|p| p.get("properties"))
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty());
        match params {
            Some(params) if has_properties => {
                lines.push(format!("type {name} = (_: {{"));
                lines.extend(object_lines(params, 0));
                lines.push("}) => any;".to_owned());
            }
            _ => lines.push(format!("type {name} = () => any;")),
        }
        lines.push(String::new());
    }
    lines.push("} // namespace functions".to_owned());
    lines.join("\n")
}

fn object_lines(schema: &Map<String, Value>, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut lines = Vec::new();
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return lines;
    };
    for (key, prop) in properties {
        let empty = Map::new();
        let prop = prop.as_object().unwrap_or(&empty);
        if let Some(d) = prop
            .get("description")
            .and_then(Value::as_str)
            .filter(|d| !d.is_empty())
        {
            lines.push(format!("{pad}// {d}"));
        }
        let optional = if required.contains(&key.as_str()) {
            ""
        } else {
            "?"
        };
        lines.push(format!("{pad}{key}{optional}: {},", type_of(prop, indent)));
    }
    lines
}

fn type_of(schema: &Map<String, Value>, indent: usize) -> String {
    let enumerated = |values: &Vec<Value>| {
        values
            .iter()
            .map(|v| match v {
                Value::String(s) => format!("\"{s}\""),
                other => format!("\"{other}\""),
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let enum_values = schema
        .get("enum")
        .and_then(Value::as_array)
        .filter(|e| !e.is_empty());
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => enum_values.map_or_else(|| "string".to_owned(), enumerated),
        Some("integer" | "number") => enum_values.map_or_else(|| "number".to_owned(), enumerated),
        Some("boolean") => "boolean".to_owned(),
        Some("null") => "null".to_owned(),
        Some("array") => {
            let items = schema.get("items").and_then(Value::as_object);
            let inner = items.map_or_else(|| "any".to_owned(), |i| type_of(i, indent));
            format!("{inner}[]")
        }
        Some("object") => {
            let nested = object_lines(schema, indent + 2).join("\n");
            format!("{{\n{nested}\n}}")
        }
        _ => "any".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_the_namespace_openai_bills() {
        let tools = [json!({"type": "function", "function": {
            "name": "get_weather",
            "description": "Get the current weather in a given location",
            "parameters": {"type": "object", "properties": {
                "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                "required": ["location"]}}})];
        assert_eq!(
            render(&tools),
            "namespace functions {\n\n// Get the current weather in a given location\n\
             type get_weather = (_: {\n// The city and state, e.g. San Francisco, CA\n\
             location: string,\nunit?: \"celsius\" | \"fahrenheit\",\n}) => any;\n\n\
             } // namespace functions"
        );
    }
}
