//! The load phase: YAML text to `openapiv3::OpenAPI`, keeping the raw document for keys the typed model drops.

use crate::diagnostics::{Errors, Pointer};

/// A parsed spec: the typed document and the same document as JSON, for pointer lookups.
#[derive(Debug)]
pub struct LoadedSpec {
    /// The typed OpenAPI document.
    pub document: openapiv3::OpenAPI,
    /// The raw document, where siblings of `$ref` (which openapiv3 drops) can still be read.
    pub raw: serde_yaml::Value,
}

/// Parses YAML (or JSON) text into an OpenAPI document.
///
/// A YAML syntax error is reported with its line and column; a node of the wrong shape is reported
/// with its JSON pointer.
pub fn load(spec_text: &str) -> Result<LoadedSpec, Errors> {
    let raw: serde_yaml::Value = serde_yaml::from_str(spec_text).map_err(|error| {
        let location = error
            .location()
            .map(|location| format!(" at line {} column {}", location.line(), location.column()))
            .unwrap_or_default();
        Errors::single("#", format!("the spec is not valid YAML{location}: {}", first_sentence(&error.to_string())))
    })?;
    if let Some(version) = raw.get("openapi").and_then(serde_yaml::Value::as_str)
        && !version.starts_with("3.0")
    {
        return Err(Errors::single(
            Pointer::root().child("openapi").as_str(),
            format!("OpenAPI {version} is not supported; the generator reads OpenAPI 3.0 documents"),
        ));
    }
    // Deserializing from the YAML value keeps the order of properties, which `new()` depends on.
    let document = serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&raw).map_err(|error| {
        let mut pointer = Pointer::root();
        for segment in error.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => pointer = pointer.child(&index.to_string()),
                serde_path_to_error::Segment::Map { key } => pointer = pointer.child(key),
                serde_path_to_error::Segment::Enum { variant } => pointer = pointer.child(variant),
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        let (pointer, message) = narrow(&raw, pointer, error.inner().to_string());
        Errors::single(pointer.as_str(), format!("not a valid OpenAPI 3.0 node: {message}"))
    })?;
    Ok(LoadedSpec { document, raw })
}

/// Narrows a deserialization error down to the deepest node that fails on its own.
///
/// openapiv3 flattens extensions into most of its types, which hides the path below them; this
/// re-checks the children of the containers it knows, one at a time, with the type each should have.
fn narrow(raw: &serde_yaml::Value, pointer: Pointer, message: String) -> (Pointer, String) {
    let mut best = (pointer, message);
    let mut candidates = vec![Pointer::root().child("paths"), Pointer::root().child("components")];
    while let Some(candidate) = candidates.pop() {
        let Some(node) = candidate.resolve(raw) else { continue };
        let Some(mapping) = node.as_mapping() else { continue };
        for (key, child) in mapping {
            let key = match key {
                serde_yaml::Value::String(text) => text.clone(),
                serde_yaml::Value::Number(number) => number.to_string(),
                _ => continue,
            };
            let child_pointer = candidate.child(&key);
            let Some(kind) = node_kind(&child_pointer) else { continue };
            if let Err(message) = check_node(kind, child) {
                if child_pointer.as_str().len() > best.0.as_str().len() {
                    best = (child_pointer.clone(), message);
                }
                candidates.push(child_pointer);
            }
        }
    }
    best
}

/// The OpenAPI type expected at a pointer, for the containers `narrow` walks.
fn node_kind(pointer: &Pointer) -> Option<&'static str> {
    let segments: Vec<&str> = pointer.as_str().split('/').skip(1).collect();
    match segments.as_slice() {
        ["paths", _] => Some("path item"),
        ["paths", _, "parameters"] => None,
        ["paths", _, _] => Some("operation"),
        ["paths", _, _, "responses"] => Some("responses"),
        ["paths", _, _, "responses", _] => Some("response"),
        ["paths", _, _, "requestBody"] => Some("request body"),
        ["components", "schemas"] | ["components", "parameters"] | ["components", "responses"] => Some("container"),
        ["components", "schemas", _] => Some("schema"),
        ["components", "schemas", _, "properties"] => Some("container"),
        ["components", "schemas", _, "properties", _] => Some("schema"),
        ["components", "parameters", _] => Some("parameter"),
        ["components", "responses", _] => Some("response"),
        _ => None,
    }
}

/// Checks one node against the OpenAPI type `kind`, returning the parser's message on failure.
fn check_node(kind: &str, node: &serde_yaml::Value) -> Result<(), String> {
    fn check<T: serde::de::DeserializeOwned>(node: &serde_yaml::Value) -> Result<(), String> {
        serde_yaml::from_value::<T>(node.clone()).map(drop).map_err(|error| error.to_string())
    }
    match kind {
        "path item" => check::<openapiv3::PathItem>(node),
        "operation" => check::<openapiv3::Operation>(node),
        "responses" => check::<openapiv3::Responses>(node),
        "response" => check::<openapiv3::ReferenceOr<openapiv3::Response>>(node),
        "request body" => check::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(node),
        "schema" => check::<openapiv3::ReferenceOr<openapiv3::Schema>>(node),
        "parameter" => check::<openapiv3::ReferenceOr<openapiv3::Parameter>>(node),
        _ => check::<serde_yaml::Mapping>(node),
    }
}

/// The part of a parser message before its location suffix, which the caller reports itself.
fn first_sentence(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_errors_carry_their_line() {
        let error = load("openapi: 3.0.3\ninfo: [1, 2\npaths: {}\n").unwrap_err();
        let text = error.to_string();
        assert!(text.contains("line 3"), "{text}");
    }

    #[test]
    fn shape_errors_carry_their_pointer() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let error = load(spec).unwrap_err();
        assert_eq!(error.diagnostics[0].pointer, "#/paths/~1a/get/responses");
    }
}
