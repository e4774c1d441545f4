//! Checks and fixes of the raw document before its shape is checked: nesting depth, OpenAPI version and integer bounds.

use super::MAX_NESTING;
use crate::diagnostics::{DiagnosticKind, Errors, Pointer};

/// Refuses text that nests deeper than [`MAX_NESTING`], counting flow brackets and block indentation.
///
/// The scan is linear and approximate on purpose: it only has to stop pathological input before a
/// parser spends quadratic time on it, and real documents are far below the limit.
pub(super) fn check_nesting(text: &str) -> Result<(), Errors> {
    let mut flow_depth = 0_usize;
    let mut indents: Vec<usize> = Vec::new();
    let mut quote: Option<char> = None;
    for (line_index, line) in text.lines().enumerate() {
        let mut characters = line.char_indices().peekable();
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let trimmed = line.trim_start();
        if quote.is_none() && flow_depth == 0 && !trimmed.is_empty() && !trimmed.starts_with('#') {
            while indents.last().is_some_and(|&last| last >= indent) {
                indents.pop();
            }
            indents.push(indent);
            let dashes = trimmed
                .split("- ")
                .take_while(|part| part.is_empty())
                .count();
            if indents.len() + dashes > MAX_NESTING {
                return Err(too_deep(line_index));
            }
        }
        let mut previous = ' ';
        while let Some((_, character)) = characters.next() {
            match quote {
                Some('"') if character == '\\' => {
                    characters.next();
                }
                Some(open) if character == open => quote = None,
                Some(_) => {}
                None => match character {
                    '"' | '\'' if !previous.is_alphanumeric() => quote = Some(character),
                    '#' if previous.is_whitespace() => break,
                    '[' | '{' => {
                        flow_depth += 1;
                        if flow_depth + indents.len() > MAX_NESTING {
                            return Err(too_deep(line_index));
                        }
                    }
                    ']' | '}' => flow_depth = flow_depth.saturating_sub(1),
                    _ => {}
                },
            }
            previous = character;
        }
        // YAML single-quoted scalars may span lines; double-quoted ones too. JSON strings never do,
        // so a quote left open at the end of a JSON line is closed to keep the scan honest.
        if quote == Some('"') && line.trim_end().ends_with(',') {
            quote = None;
        }
    }
    Ok(())
}

fn too_deep(line_index: usize) -> Errors {
    Errors::single(
        "#",
        DiagnosticKind::TooDeep,
        format!(
            "the document nests deeper than {MAX_NESTING} levels at line {}",
            line_index + 1
        ),
    )
}

/// Refuses documents that are not OpenAPI 3.0, before their shape is checked against 3.0.
pub(super) fn check_version(raw: &serde_json::Value) -> Result<(), Errors> {
    let pointer = Pointer::root().child("openapi");
    if !raw.is_object() {
        return Err(Errors::single(
            "#",
            DiagnosticKind::Shape,
            "the document must be a mapping with an `openapi` key",
        ));
    }
    match raw.get("openapi") {
        Some(serde_json::Value::String(version)) if version.starts_with("3.0") => Ok(()),
        Some(serde_json::Value::String(version)) => Err(Errors::single(
            pointer.as_str(),
            DiagnosticKind::Version,
            format!(
                "OpenAPI {version} is not supported; the generator reads OpenAPI 3.0 documents"
            ),
        )),
        Some(_) => Err(Errors::single(
            pointer.as_str(),
            DiagnosticKind::Version,
            "`openapi` must be a version string such as \"3.0.3\"",
        )),
        None if raw.get("swagger").is_some() => Err(Errors::single(
            Pointer::root().child("swagger").as_str(),
            DiagnosticKind::Version,
            "Swagger 2.0 documents are not supported; convert the document to OpenAPI 3.0 first",
        )),
        None => Err(Errors::single(
            "#",
            DiagnosticKind::Version,
            "the document has no `openapi` version key",
        )),
    }
}

/// Integer bounds beyond 64 bits are valid JSON Schema but do not fit openapiv3's `i64` fields; an
/// `int64` cannot exceed them anyway, so they are clamped to the `i64` range.
pub(super) fn clamp_integer_bounds(mut raw: serde_json::Value) -> serde_json::Value {
    fn visit(node: &mut serde_json::Value) {
        match node {
            serde_json::Value::Object(object) => {
                let is_integer =
                    object.get("type").and_then(serde_json::Value::as_str) == Some("integer");
                if is_integer {
                    for key in ["minimum", "maximum", "multipleOf"] {
                        if let Some(bound) = object.get_mut(key)
                            && let Some(float) = bound.as_f64()
                            && bound.as_i64().is_none()
                            && float.fract() == 0.0
                        {
                            let clamped = if float < 0.0 { i64::MIN } else { i64::MAX };
                            *bound = serde_json::Value::from(clamped);
                        }
                    }
                }
                object.values_mut().for_each(visit);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(visit),
            _ => {}
        }
    }
    visit(&mut raw);
    raw
}
