//! Shape errors narrowed down to the deepest node that fails on its own, and deep nests of schemas checked from the bottom up.

use serde::de::DeserializeOwned;

use crate::diagnostics::Pointer;

/// Deserializes the node at `pointer` as `T`, returning the pointer of the failure and its message.
pub(super) fn deserialize_at<T: DeserializeOwned>(
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
pub(super) enum NodeKind {
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
pub(super) fn narrow(
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
pub(super) fn deep_schema_failure(
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
