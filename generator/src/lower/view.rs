//! Typed read access to nodes of the raw document, which `load` has already checked against
//! openapiv3's model.
//!
//! Lowering reads the raw JSON rather than openapiv3's structs for three reasons: keys written
//! beside a `$ref` (which openapiv3 drops) stay visible, every node keeps the exact pointer of the
//! text it came from (a response key `2xx` stays `2xx`), and a `$ref` into the interior of any node
//! resolves without re-parsing.

use serde_json::{Map, Value};

use crate::diagnostics::Pointer;

/// A node of the raw document with its pointer.
#[derive(Clone, Debug)]
pub(crate) struct Node<'a> {
    /// Where the node is.
    pub(crate) pointer: Pointer,
    /// The node itself.
    pub(crate) value: &'a Value,
}

/// What a schema says about properties it does not list.
#[derive(Clone, Debug)]
pub(crate) enum Additional<'a> {
    /// Nothing: unknown properties are allowed and ignored.
    Unspecified,
    /// `additionalProperties: false`.
    Forbidden,
    /// `additionalProperties: true` or `{}`.
    Any,
    /// `additionalProperties: <schema>`.
    Schema(Node<'a>),
}

impl<'a> Node<'a> {
    /// A node at a pointer.
    pub(crate) fn new(pointer: Pointer, value: &'a Value) -> Self {
        Self { pointer, value }
    }

    /// The child node under `key`, if there is one.
    pub(crate) fn child(&self, key: &str) -> Option<Node<'a>> {
        self.value
            .get(key)
            .map(|value| Node::new(self.pointer.child(key), value))
    }

    /// The items of the array under `key`, as nodes.
    pub(crate) fn items(&self, key: &str) -> Vec<Node<'a>> {
        match self.value.get(key) {
            Some(Value::Array(items)) => {
                let base = self.pointer.child(key);
                items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| Node::new(base.child(&index.to_string()), item))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// The entries of the object under `key`, in document order, as nodes.
    pub(crate) fn entries(&self, key: &str) -> Vec<(&'a str, Node<'a>)> {
        match self.value.get(key) {
            Some(Value::Object(object)) => {
                let base = self.pointer.child(key);
                object
                    .iter()
                    .map(|(name, value)| (name.as_str(), Node::new(base.child(name), value)))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// The node as an object.
    pub(crate) fn object(&self) -> Option<&'a Map<String, Value>> {
        self.value.as_object()
    }

    /// A string value under `key`.
    pub(crate) fn str(&self, key: &str) -> Option<&'a str> {
        self.value.get(key).and_then(Value::as_str)
    }

    /// A boolean value under `key`, `false` when absent.
    pub(crate) fn flag(&self, key: &str) -> bool {
        self.value
            .get(key)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// A boolean value under `key`, if present.
    pub(crate) fn optional_flag(&self, key: &str) -> Option<bool> {
        self.value.get(key).and_then(Value::as_bool)
    }

    /// Any value under `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.value.get(key)
    }

    /// The `$ref` of the node, when it is a reference.
    pub(crate) fn reference(&self) -> Option<&'a str> {
        self.str("$ref")
    }

    /// The description, if any.
    pub(crate) fn description(&self) -> Option<&'a str> {
        self.str("description")
    }

    /// The schema's `type`.
    pub(crate) fn schema_type(&self) -> Option<&'a str> {
        self.str("type")
    }

    /// The schema's `format`.
    pub(crate) fn format(&self) -> Option<&'a str> {
        self.str("format")
    }

    /// Whether the schema allows `null`.
    pub(crate) fn nullable(&self) -> bool {
        self.flag("nullable")
    }

    /// The deprecation note of a deprecated node, from its description (the first sentence that
    /// mentions deprecation, or a plain note); `None` when the node is not deprecated.
    pub(crate) fn deprecation(&self) -> Option<String> {
        self.flag("deprecated")
            .then(|| super::docs::deprecation_note(self.description()))
    }

    /// The schema's `enum` values, if any.
    pub(crate) fn enumeration(&self) -> Option<&'a Vec<Value>> {
        self.value.get("enum").and_then(Value::as_array)
    }

    /// The schema's properties, in document order.
    pub(crate) fn properties(&self) -> Vec<(&'a str, Node<'a>)> {
        self.entries("properties")
    }

    /// Whether the schema has a `properties` key with at least one property.
    pub(crate) fn has_properties(&self) -> bool {
        self.value
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|object| !object.is_empty())
    }

    /// The names the schema's `required` list gives.
    pub(crate) fn required(&self) -> Vec<&'a str> {
        match self.value.get("required") {
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// What the schema says about unlisted properties.
    pub(crate) fn additional_properties(&self) -> Additional<'a> {
        match self.value.get("additionalProperties") {
            None => Additional::Unspecified,
            Some(Value::Bool(false)) => Additional::Forbidden,
            Some(Value::Bool(true)) => Additional::Any,
            Some(Value::Object(object)) if object.is_empty() => Additional::Any,
            Some(value) => {
                Additional::Schema(Node::new(self.pointer.child("additionalProperties"), value))
            }
        }
    }

    /// Whether the node has any of the composition keywords.
    pub(crate) fn has_composition(&self) -> bool {
        ["allOf", "oneOf", "anyOf"].iter().any(|key| {
            self.value
                .get(*key)
                .and_then(Value::as_array)
                .is_some_and(|items| !items.is_empty())
        })
    }

    /// An extension value (`x-...`).
    pub(crate) fn extension(&self, name: &str) -> Option<&'a Value> {
        self.value.get(name)
    }
}
