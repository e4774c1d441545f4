//! The load phase: YAML or JSON text to `openapiv3::OpenAPI`, keeping the raw document for keys the typed model drops.
//!
//! Loading guards the rest of the pipeline: a byte-order mark is accepted, nesting deeper than
//! [`MAX_NESTING`] is refused before the parser sees it (YAML parsers are quadratic in depth),
//! non-finite numbers (`.inf`, `.nan`) are refused with their pointer, and a node of the wrong shape
//! is reported at the deepest node that is wrong on its own.

mod narrow;
mod parse;
mod prescan;

use crate::diagnostics::{DiagnosticKind, Errors, Pointer};
use narrow::{NodeKind, deep_schema_failure, deserialize_at, narrow};
use parse::{looks_like_json, parse_json, parse_yaml};
use prescan::{check_nesting, check_version, clamp_integer_bounds};

/// The deepest nesting of mappings and sequences the loader accepts.
///
/// Real documents nest a few dozen levels; `serde_json` refuses more than 128 on its own.
pub const MAX_NESTING: usize = 128;

/// A parsed spec: the typed document and the same document as JSON, for pointer lookups.
#[derive(Debug)]
pub struct LoadedSpec {
    /// The typed OpenAPI document.
    pub document: openapiv3::OpenAPI,
    /// The raw document, where siblings of `$ref` (which openapiv3 drops) can still be read, and
    /// where any `$ref`, including one into the interior of a schema, resolves.
    pub raw: serde_json::Value,
}

/// Parses YAML or JSON text into an OpenAPI document.
///
/// A syntax error is reported with its line and column; a node of the wrong shape is reported with
/// its JSON pointer.
pub fn load(spec_text: &str) -> Result<LoadedSpec, Errors> {
    let text = spec_text.strip_prefix('\u{feff}').unwrap_or(spec_text);
    check_nesting(text)?;
    let raw = if looks_like_json(text) {
        parse_json(text)?
    } else {
        parse_yaml(text)?
    };
    check_version(&raw)?;
    let raw = clamp_integer_bounds(raw);
    if let Some((pointer, message)) =
        deep_schema_failure(&raw, &Pointer::root(), NodeKind::Document)
    {
        return Err(Errors::single(
            pointer.as_str(),
            DiagnosticKind::Shape,
            format!("not a valid OpenAPI 3.0 node: {message}"),
        ));
    }
    let document = deserialize_at::<openapiv3::OpenAPI>(&raw, &Pointer::root()).map_err(
        |(pointer, message)| {
            let (pointer, message) = narrow(&raw, pointer, message);
            Errors::single(
                pointer.as_str(),
                DiagnosticKind::Shape,
                format!("not a valid OpenAPI 3.0 node: {message}"),
            )
        },
    )?;
    Ok(LoadedSpec { document, raw })
}

/// The part of a parser message before its location suffix, which the caller reports itself.
fn first_sentence(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointer_of(spec: &str) -> String {
        let errors = load(spec).unwrap_err();
        errors.diagnostics[0].pointer.clone()
    }

    const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn yaml_errors_carry_their_line() {
        let error = load("openapi: 3.0.3\ninfo: [1, 2\npaths: {}\n").unwrap_err();
        let text = error.to_string();
        assert!(text.contains("line 3"), "{text}");
        assert_eq!(error.diagnostics[0].kind, DiagnosticKind::Syntax);
    }

    #[test]
    fn a_failure_deep_in_nested_schemas_is_found_quickly() {
        let mut schema = "{type: object, properties: {bad: [1]}}".to_string();
        for _ in 0..50 {
            schema = format!("{{type: object, properties: {{p: {schema}}}}}");
        }
        let spec = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Deep: {schema}\n");
        let started = std::time::Instant::now();
        let pointer = pointer_of(&spec);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert!(
            pointer.ends_with("/properties/p/properties/bad"),
            "{pointer}"
        );
    }

    #[test]
    fn shape_errors_carry_their_pointer() {
        let spec = format!("{HEAD}paths:\n  /a:\n    get:\n      responses: 7\n");
        assert_eq!(pointer_of(&spec), "#/paths/~1a/get/responses");
    }

    #[test]
    fn shape_errors_name_the_deepest_node() {
        let spec = format!(
            "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          type: array\n          items: [{{type: string}}]\n"
        );
        assert_eq!(
            pointer_of(&spec),
            "#/components/schemas/A/properties/b/items"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let spec = format!("\u{feff}{HEAD}paths: {{}}\n");
        assert!(load(&spec).is_ok());
        let json = "\u{feff}{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}";
        assert!(load(json).is_ok());
    }

    #[test]
    fn non_finite_numbers_are_errors_with_their_pointer() {
        for value in [".inf", "-.inf", ".nan"] {
            let spec = format!(
                "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: number, default: {value}}}\n"
            );
            let errors = load(&spec).unwrap_err();
            assert_eq!(
                errors.diagnostics[0].pointer, "#/components/schemas/A/default",
                "{value}"
            );
            assert_eq!(errors.diagnostics[0].kind, DiagnosticKind::Shape);
        }
        let spec = format!(
            "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: integer, minimum: .inf}}\n"
        );
        assert_eq!(pointer_of(&spec), "#/components/schemas/A/minimum");
    }

    #[test]
    fn json_with_surrogate_pairs_and_huge_integers_loads() {
        let json = r#"{"openapi": "3.0.3", "info": {"title": "\ud83d\udc4d", "version": "1"}, "paths": {},
            "components": {"schemas": {"A": {"type": "integer", "minimum": -170141183460469231731687303715884105728, "maximum": 340282366920938463463374607431768211455}}}}"#;
        let spec = load(json).expect("loads");
        assert_eq!(spec.document.info.title, "\u{1f44d}");
        let schema = &spec.document.components.as_ref().unwrap().schemas["A"];
        let openapiv3::ReferenceOr::Item(schema) = schema else {
            panic!("an item")
        };
        match &schema.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::Integer(integer)) => {
                assert_eq!(integer.minimum, Some(i64::MIN));
                assert_eq!(integer.maximum, Some(i64::MAX));
            }
            other => panic!("an integer schema, not {other:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        for depth in [200, 40_000, 100_000] {
            let spec = format!(
                "{HEAD}paths: {{}}\nx-deep: {}{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            let started = std::time::Instant::now();
            let errors = load(&spec).unwrap_err();
            assert_eq!(
                errors.diagnostics[0].kind,
                DiagnosticKind::TooDeep,
                "{depth}"
            );
            assert!(
                started.elapsed() < std::time::Duration::from_secs(2),
                "{depth} levels took {:?}",
                started.elapsed()
            );
        }
        let mut block = String::from(HEAD);
        block.push_str("paths: {}\nx-deep:\n");
        for level in 1..300 {
            block.push_str(&" ".repeat(level));
            block.push_str("a:\n");
        }
        assert_eq!(
            load(&block).unwrap_err().diagnostics[0].kind,
            DiagnosticKind::TooDeep
        );
    }

    #[test]
    fn other_versions_are_refused() {
        let errors =
            load("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
        assert_eq!(errors.diagnostics[0].kind, DiagnosticKind::Version);
        assert_eq!(errors.diagnostics[0].pointer, "#/swagger");
        let errors =
            load("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap_err();
        assert_eq!(errors.diagnostics[0].pointer, "#/openapi");
    }
}
