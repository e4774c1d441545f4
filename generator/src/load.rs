//! The load phase: YAML or JSON text to `openapiv3::OpenAPI`, keeping the raw document for keys the typed model drops.
//!
//! Loading guards the rest of the pipeline: a byte-order mark is accepted, nesting deeper than
//! [`MAX_NESTING`] is refused before the parser sees it (YAML parsers are quadratic in depth),
//! non-finite numbers (`.inf`, `.nan`) are refused with their pointer, and a node of the wrong shape
//! is reported at the deepest node that is wrong on its own.

use serde::de::DeserializeOwned;

use crate::diagnostics::{DiagnosticKind, Errors, Pointer};

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

/// Whether the text is a JSON document: JSON is parsed by `serde_json`, which is faster than a YAML
/// parser and understands every JSON escape, surrogate pairs included.
fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

fn parse_json(text: &str) -> Result<serde_json::Value, Errors> {
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

fn parse_yaml(text: &str) -> Result<serde_json::Value, Errors> {
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

/// Refuses documents that are not OpenAPI 3.0, before their shape is checked against 3.0.
fn check_version(raw: &serde_json::Value) -> Result<(), Errors> {
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
fn clamp_integer_bounds(mut raw: serde_json::Value) -> serde_json::Value {
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

/// Refuses text that nests deeper than [`MAX_NESTING`], counting flow brackets and block indentation.
///
/// The scan is linear and approximate on purpose: it only has to stop pathological input before a
/// parser spends quadratic time on it, and real documents are far below the limit.
fn check_nesting(text: &str) -> Result<(), Errors> {
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

/// Deserializes the node at `pointer` as `T`, returning the pointer of the failure and its message.
fn deserialize_at<T: DeserializeOwned>(
    node: &serde_json::Value,
    pointer: &Pointer,
) -> Result<T, (Pointer, String)> {
    serde_path_to_error::deserialize::<_, T>(node).map_err(|error| {
        let mut failing = pointer.clone();
        for segment in error.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => {
                    failing = failing.child(&index.to_string())
                }
                serde_path_to_error::Segment::Map { key } => failing = failing.child(key),
                serde_path_to_error::Segment::Enum { variant } => failing = failing.child(variant),
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        (failing, error.into_inner().to_string())
    })
}

/// The OpenAPI node types that `narrow` knows the children of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NodeKind {
    Document,
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    MediaType,
    Header,
    Components,
    Schema,
    SecurityScheme,
    /// A mapping whose every value has the given kind.
    MapOf(&'static NodeKind),
}

impl NodeKind {
    /// Checks a node against this kind, returning the parser's message on failure.
    fn check(self, node: &serde_json::Value) -> Result<(), String> {
        fn check<T: DeserializeOwned>(node: &serde_json::Value) -> Result<(), String> {
            T::deserialize(node)
                .map(drop)
                .map_err(|error| error.to_string())
        }
        use openapiv3::ReferenceOr;
        match self {
            NodeKind::Document => check::<openapiv3::OpenAPI>(node),
            NodeKind::Paths => check::<openapiv3::Paths>(node),
            NodeKind::PathItem => check::<ReferenceOr<openapiv3::PathItem>>(node),
            NodeKind::Operation => check::<openapiv3::Operation>(node),
            NodeKind::Parameter => check::<ReferenceOr<openapiv3::Parameter>>(node),
            NodeKind::RequestBody => check::<ReferenceOr<openapiv3::RequestBody>>(node),
            NodeKind::Responses => check::<openapiv3::Responses>(node),
            NodeKind::Response => check::<ReferenceOr<openapiv3::Response>>(node),
            NodeKind::MediaType => check::<openapiv3::MediaType>(node),
            NodeKind::Header => check::<ReferenceOr<openapiv3::Header>>(node),
            NodeKind::Components => check::<openapiv3::Components>(node),
            NodeKind::Schema => check::<ReferenceOr<openapiv3::Schema>>(node),
            NodeKind::SecurityScheme => check::<ReferenceOr<openapiv3::SecurityScheme>>(node),
            NodeKind::MapOf(_) => check::<serde_json::Map<String, serde_json::Value>>(node),
        }
    }

    /// The children of a node of this kind that have a kind of their own, with their pointers.
    fn children(self, pointer: &Pointer, node: &serde_json::Value) -> Vec<(Pointer, NodeKind)> {
        const SCHEMA: NodeKind = NodeKind::Schema;
        const RESPONSE: NodeKind = NodeKind::Response;
        const PARAMETER: NodeKind = NodeKind::Parameter;
        const REQUEST_BODY: NodeKind = NodeKind::RequestBody;
        const HEADER: NodeKind = NodeKind::Header;
        const MEDIA_TYPE: NodeKind = NodeKind::MediaType;
        const SECURITY_SCHEME: NodeKind = NodeKind::SecurityScheme;
        const PATH_ITEM: NodeKind = NodeKind::PathItem;
        let mut children = Vec::new();
        let mut keyed = |names: &[(&str, NodeKind)]| {
            for (name, kind) in names {
                if node.get(*name).is_some() {
                    children.push((pointer.child(name), *kind));
                }
            }
        };
        match self {
            NodeKind::Document => keyed(&[
                ("paths", NodeKind::Paths),
                ("components", NodeKind::Components),
            ]),
            NodeKind::Paths => return NodeKind::MapOf(&PATH_ITEM).children(pointer, node),
            NodeKind::PathItem => {
                keyed(&[
                    ("get", NodeKind::Operation),
                    ("put", NodeKind::Operation),
                    ("post", NodeKind::Operation),
                    ("delete", NodeKind::Operation),
                    ("options", NodeKind::Operation),
                    ("head", NodeKind::Operation),
                    ("patch", NodeKind::Operation),
                    ("trace", NodeKind::Operation),
                ]);
                children.extend(indexed(pointer, node, "parameters", NodeKind::Parameter));
            }
            NodeKind::Operation => {
                keyed(&[
                    ("requestBody", NodeKind::RequestBody),
                    ("responses", NodeKind::Responses),
                ]);
                children.extend(indexed(pointer, node, "parameters", NodeKind::Parameter));
            }
            NodeKind::Parameter => keyed(&[
                ("schema", NodeKind::Schema),
                ("content", NodeKind::MapOf(&MEDIA_TYPE)),
            ]),
            NodeKind::RequestBody => keyed(&[("content", NodeKind::MapOf(&MEDIA_TYPE))]),
            NodeKind::Responses => return NodeKind::MapOf(&RESPONSE).children(pointer, node),
            NodeKind::Response => keyed(&[
                ("content", NodeKind::MapOf(&MEDIA_TYPE)),
                ("headers", NodeKind::MapOf(&HEADER)),
            ]),
            NodeKind::MediaType | NodeKind::Header => keyed(&[("schema", NodeKind::Schema)]),
            NodeKind::Components => keyed(&[
                ("schemas", NodeKind::MapOf(&SCHEMA)),
                ("responses", NodeKind::MapOf(&RESPONSE)),
                ("parameters", NodeKind::MapOf(&PARAMETER)),
                ("requestBodies", NodeKind::MapOf(&REQUEST_BODY)),
                ("headers", NodeKind::MapOf(&HEADER)),
                ("securitySchemes", NodeKind::MapOf(&SECURITY_SCHEME)),
            ]),
            NodeKind::Schema => {
                keyed(&[
                    ("properties", NodeKind::MapOf(&SCHEMA)),
                    ("items", NodeKind::Schema),
                    ("not", NodeKind::Schema),
                ]);
                if node
                    .get("additionalProperties")
                    .is_some_and(serde_json::Value::is_object)
                {
                    children.push((pointer.child("additionalProperties"), NodeKind::Schema));
                }
                for name in ["allOf", "oneOf", "anyOf"] {
                    children.extend(indexed(pointer, node, name, NodeKind::Schema));
                }
            }
            NodeKind::SecurityScheme => {}
            NodeKind::MapOf(kind) => {
                if let Some(object) = node.as_object() {
                    let entries = object
                        .keys()
                        .filter(|key| !key.starts_with("x-") || *kind == NodeKind::Schema);
                    children.extend(entries.map(|key| (pointer.child(key), *kind)));
                }
            }
        }
        children
    }
}

/// The pointers of the items of the array `name` of `node`, each of kind `kind`.
fn indexed(
    pointer: &Pointer,
    node: &serde_json::Value,
    name: &str,
    kind: NodeKind,
) -> Vec<(Pointer, NodeKind)> {
    let count = node
        .get(name)
        .and_then(serde_json::Value::as_array)
        .map_or(0, Vec::len);
    (0..count)
        .map(|index| (pointer.child(name).child(&index.to_string()), kind))
        .collect()
}

/// Narrows a deserialization error down to the deepest node that fails on its own.
///
/// openapiv3 flattens extensions into most of its types and tries several shapes for others, which
/// hides the path below them; this re-checks the children of each failing node, one at a time, with
/// the type each should have, and descends while a child fails. When nothing below the root fails
/// on its own, the pointer the parser reported is kept.
fn narrow(
    raw: &serde_json::Value,
    reported_pointer: Pointer,
    reported_message: String,
) -> (Pointer, String) {
    match deepest_failure(raw, &Pointer::root(), NodeKind::Document) {
        Some((pointer, message)) if pointer != Pointer::root() => (pointer, message),
        _ => (reported_pointer, reported_message),
    }
}

/// The deepest node at or below `pointer` that fails to parse as its kind, with the parser's message.
fn deepest_failure(
    raw: &serde_json::Value,
    pointer: &Pointer,
    kind: NodeKind,
) -> Option<(Pointer, String)> {
    let node = pointer.resolve(raw)?;
    if let NodeKind::MapOf(_) = kind {
        // A map fails where one of its entries fails.
        if let Err(message) = kind.check(node) {
            return Some((pointer.clone(), message));
        }
        return kind
            .children(pointer, node)
            .into_iter()
            .find_map(|(child, child_kind)| deepest_failure(raw, &child, child_kind));
    }
    let message = kind.check(node).err()?;
    if node.get("$ref").is_none() {
        for (child_pointer, child_kind) in kind.children(pointer, node) {
            if let Some(found) = deepest_failure(raw, &child_pointer, child_kind) {
                return Some(found);
            }
        }
    }
    Some((pointer.clone(), message))
}

/// Schemas whose nesting of subschemas is at most this high are parsed only as part of the
/// document; higher ones are checked on their own first, from the bottom up.
///
/// openapiv3 reads a schema as an untagged choice of shapes, several of which hold subschemas, so
/// a parse that fails deep inside a nest of schemas retries each level in each shape: the time
/// doubles with every level. Checking the high schemas from the bottom up finds the failure while
/// the nest above it is still unparsed, so the time stays linear in the size of the document.
const SCHEMA_CHECK_HEIGHT: usize = 6;

/// The node that fails to parse inside a deep nest of schemas, reached from `pointer` of `kind`
/// through the kinds [`NodeKind::children`] knows; `None` when every deep nest parses.
fn deep_schema_failure(
    raw: &serde_json::Value,
    pointer: &Pointer,
    kind: NodeKind,
) -> Option<(Pointer, String)> {
    let node = pointer.resolve(raw)?;
    if kind == NodeKind::Schema {
        return checked_schema_height(raw, pointer, node).err();
    }
    kind.children(pointer, node)
        .into_iter()
        .find_map(|(child, child_kind)| deep_schema_failure(raw, &child, child_kind))
}

/// The height of the nest of schemas at `pointer` (1 for a schema without subschemas), checking
/// every schema higher than [`SCHEMA_CHECK_HEIGHT`] once its subschemas passed, or the deepest
/// failure found.
fn checked_schema_height(
    raw: &serde_json::Value,
    pointer: &Pointer,
    node: &serde_json::Value,
) -> Result<usize, (Pointer, String)> {
    let mut height = 0;
    if node.get("$ref").is_none() {
        for (child, child_kind) in NodeKind::Schema.children(pointer, node) {
            let Some(child_node) = child.resolve(raw) else {
                continue;
            };
            let child_height = match child_kind {
                NodeKind::MapOf(_) => {
                    let mut highest = 0;
                    for (entry, _) in child_kind.children(&child, child_node) {
                        if let Some(entry_node) = entry.resolve(raw) {
                            highest = highest.max(checked_schema_height(raw, &entry, entry_node)?);
                        }
                    }
                    highest
                }
                _ => checked_schema_height(raw, &child, child_node)?,
            };
            height = height.max(child_height);
        }
    }
    let height = height + 1;
    if height > SCHEMA_CHECK_HEIGHT && NodeKind::Schema.check(node).is_err() {
        // Every subschema higher than the limit parsed, so the failure is near: narrowing it
        // parses only nests of bounded height.
        return Err(deepest_failure(raw, pointer, NodeKind::Schema)
            .unwrap_or_else(|| (pointer.clone(), "not a valid schema".to_string())));
    }
    Ok(height)
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
