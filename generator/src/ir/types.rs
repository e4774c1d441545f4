//! Rust types before spelling: the `Type` tree and the integer and float formats.

use serde::{Deserialize, Serialize};

/// A Rust type, before spelling.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    /// A JSON string.
    String,
    /// A JSON integer of the given size.
    Integer {
        /// The Rust integer type.
        format: IntegerFormat,
    },
    /// A JSON number of the given precision.
    Number {
        /// The Rust float type.
        format: NumberFormat,
    },
    /// A JSON boolean.
    Boolean,
    /// A string with `format: uuid`.
    Uuid,
    /// A string with `format: date-time`.
    DateTime,
    /// A string with `format: date`.
    Date,
    /// A string with `format: password`: redacted in `Debug`, sent as is.
    Secret,
    /// Raw octets: a binary request or response body.
    Bytes,
    /// A file sent as one part of a `multipart/form-data` body.
    File,
    /// Any JSON value.
    Json,
    /// A generated model, by its Rust name.
    Model {
        /// The model's `rust_name`.
        name: String,
    },
    /// A JSON array.
    List {
        /// The item type.
        item: Box<Type>,
    },
    /// A JSON object with arbitrary keys.
    Map {
        /// The value type.
        value: Box<Type>,
    },
    /// A value that may also be `null`, where the position has no `Option` of its own (list
    /// items, map values, union members).
    Nullable {
        /// The type of the non-null value.
        inner: Box<Type>,
    },
}

impl Type {
    /// Adds the name of every model this type names.
    pub fn collect_models(&self, into: &mut std::collections::BTreeSet<String>) {
        match self {
            Type::Model { name } => {
                into.insert(name.clone());
            }
            Type::List { item } => item.collect_models(into),
            Type::Map { value } => value.collect_models(into),
            Type::Nullable { inner } => inner.collect_models(into),
            _ => {}
        }
    }

    /// The model this type is, if it is one.
    pub fn model_name(&self) -> Option<&str> {
        match self {
            Type::Model { name } => Some(name),
            _ => None,
        }
    }

    /// A model type.
    pub fn model(name: impl Into<String>) -> Self {
        Type::Model { name: name.into() }
    }

    /// A list type.
    pub fn list(item: Type) -> Self {
        Type::List {
            item: Box::new(item),
        }
    }

    /// A map type.
    pub fn map(value: Type) -> Self {
        Type::Map {
            value: Box::new(value),
        }
    }

    /// A type that may also be `null`; a type that already may is kept as it is.
    pub fn nullable(inner: Type) -> Self {
        match inner {
            Type::Nullable { .. } | Type::Json => inner,
            other => Type::Nullable {
                inner: Box::new(other),
            },
        }
    }
}

/// The Rust integer types an OpenAPI integer maps to, by `format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntegerFormat {
    /// `int8`.
    I8,
    /// `int16`.
    I16,
    /// `int32`.
    I32,
    /// `int64`, and integers without a format.
    I64,
    /// `uint8`.
    U8,
    /// `uint16`.
    U16,
    /// `uint32`.
    U32,
    /// `uint64`.
    U64,
}

/// The Rust float types an OpenAPI number maps to, by `format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberFormat {
    /// `float`.
    F32,
    /// `double`, and numbers without a format.
    F64,
}
