//! Text to a raw JSON document: JSON goes to `serde_json`, YAML is converted to JSON value by value.

use super::first_sentence;
use crate::diagnostics::{DiagnosticKind, Errors, Pointer};

/// Whether the text is a JSON document: JSON is parsed by `serde_json`, which is faster than a YAML
/// parser and understands every JSON escape, surrogate pairs included.
pub(super) fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

pub(super) fn parse_json(text: &str) -> Result<serde_json::Value, Errors> {
    serde_json::from_str(text).map_err(|error| {
        let message = format!(
            "the spec is not valid JSON at line {} column {}: {}",
            error.line(),
            error.column(),
            first_sentence(&error.to_string())
        );
        Errors::single("#", DiagnosticKind::Syntax, message)
    })
}

pub(super) fn parse_yaml(text: &str) -> Result<serde_json::Value, Errors> {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| {
        let location = error
            .location()
            .map(|location| format!(" at line {} column {}", location.line(), location.column()))
            .unwrap_or_default();
        let message = format!(
            "the spec is not valid YAML{location}: {}",
            first_sentence(&error.to_string())
        );
        Errors::single("#", DiagnosticKind::Syntax, message)
    })?;
    value.apply_merge().map_err(|error| {
        Errors::single(
            "#",
            DiagnosticKind::Syntax,
            format!("a YAML merge key (`<<`) is invalid: {error}"),
        )
    })?;
    let mut problems = Vec::new();
    let json = yaml_to_json(value, &Pointer::root(), &mut problems);
    if problems.is_empty() {
        Ok(json)
    } else {
        Err(Errors::new(problems))
    }
}

/// Converts a YAML value to JSON: keys become strings, tags are dropped, and non-finite numbers,
/// which JSON cannot hold and OpenAPI does not allow, are reported with their pointer.
fn yaml_to_json(
    value: serde_yaml::Value,
    pointer: &Pointer,
    problems: &mut Vec<crate::diagnostics::Diagnostic>,
) -> serde_json::Value {
    match value {
        serde_yaml::Value::Null => serde_json::Value::Null,
        serde_yaml::Value::Bool(flag) => serde_json::Value::Bool(flag),
        serde_yaml::Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                serde_json::Value::from(integer)
            } else if let Some(integer) = number.as_u64() {
                serde_json::Value::from(integer)
            } else {
                let float = number.as_f64().unwrap_or(f64::NAN);
                match serde_json::Number::from_f64(float) {
                    Some(number) => serde_json::Value::Number(number),
                    None => {
                        problems.push(crate::diagnostics::Diagnostic::new(
                            pointer.as_str(),
                            DiagnosticKind::Shape,
                            format!("`{number}` is not a finite number; OpenAPI numbers are JSON numbers"),
                        ));
                        serde_json::Value::Null
                    }
                }
            }
        }
        serde_yaml::Value::String(text) => serde_json::Value::String(text),
        serde_yaml::Value::Sequence(items) => serde_json::Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(index, item)| {
                    yaml_to_json(item, &pointer.child(&index.to_string()), problems)
                })
                .collect(),
        ),
        serde_yaml::Value::Mapping(mapping) => {
            let mut object = serde_json::Map::with_capacity(mapping.len());
            for (key, item) in mapping {
                let key = match key {
                    serde_yaml::Value::String(text) => text,
                    serde_yaml::Value::Number(number) => number.to_string(),
                    serde_yaml::Value::Bool(flag) => flag.to_string(),
                    serde_yaml::Value::Null => "null".to_string(),
                    other => {
                        problems.push(crate::diagnostics::Diagnostic::new(
                            pointer.as_str(),
                            DiagnosticKind::Shape,
                            format!("a mapping key must be a string, not {}", yaml_kind(&other)),
                        ));
                        continue;
                    }
                };
                let child = pointer.child(&key);
                let item = yaml_to_json(item, &child, problems);
                object.insert(key, item);
            }
            serde_json::Value::Object(object)
        }
        serde_yaml::Value::Tagged(tagged) => yaml_to_json(tagged.value, pointer, problems),
    }
}

fn yaml_kind(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Sequence(_) => "a sequence",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
        _ => "a scalar",
    }
}
