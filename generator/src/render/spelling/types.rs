//! The Rust spelling of types: IR types in each context, enum values and success types.

use crate::ir::{EnumValue, IntegerFormat, NumberFormat, SuccessBody, Type};

/// Where a type is spelled: a model file names sibling models directly; an API module names them
/// through `models::`; a doc example outside the crate names them through the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context<'a> {
    Models,
    Apis,
    External(&'a str),
}

impl Context<'_> {
    /// Parses the filter argument.
    pub fn from_name(name: &str) -> Self {
        if name == "apis" {
            Context::Apis
        } else {
            Context::Models
        }
    }
}

/// The Rust type of an IR type.
pub fn rust_type(ty: &Type, context: Context<'_>) -> String {
    match ty {
        Type::String => "String".to_string(),
        Type::Integer { format } => integer_type(*format).to_string(),
        Type::Number { format } => match format {
            NumberFormat::F32 => "f32",
            NumberFormat::F64 => "f64",
        }
        .to_string(),
        Type::Boolean => "bool".to_string(),
        Type::Uuid => "uuid::Uuid".to_string(),
        Type::DateTime => "chrono::DateTime<chrono::Utc>".to_string(),
        Type::Date => "chrono::NaiveDate".to_string(),
        Type::Secret => match context {
            Context::External(library) => format!("{library}::Secret"),
            _ => "crate::Secret".to_string(),
        },
        Type::Bytes => "bytes::Bytes".to_string(),
        Type::File => match context {
            Context::External(library) => format!("{library}::client::FilePart"),
            _ => "crate::client::FilePart".to_string(),
        },
        Type::Json => "serde_json::Value".to_string(),
        Type::Model { name } => match context {
            Context::Models => name.clone(),
            Context::Apis => format!("models::{name}"),
            Context::External(library) => format!("{library}::models::{name}"),
        },
        Type::List { item } => format!("Vec<{}>", rust_type(item, context)),
        Type::Map { value } => format!(
            "std::collections::BTreeMap<String, {}>",
            rust_type(value, context)
        ),
        Type::Nullable { inner } => format!("Option<{}>", rust_type(inner, context)),
    }
}

pub(super) fn integer_type(format: IntegerFormat) -> &'static str {
    match format {
        IntegerFormat::I8 => "i8",
        IntegerFormat::I16 => "i16",
        IntegerFormat::I32 => "i32",
        IntegerFormat::I64 => "i64",
        IntegerFormat::U8 => "u8",
        IntegerFormat::U16 => "u16",
        IntegerFormat::U32 => "u32",
        IntegerFormat::U64 => "u64",
    }
}

/// Whether values of the type are taken as `impl Into<String>` by constructors, setters and
/// operations, so that both `String` and `&str` work.
pub(super) fn takes_into_string(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::Secret)
}

/// Whether values of a type are `Copy`, so that the pagination closure uses them without `clone()`.
pub fn is_copy(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Integer { .. }
            | Type::Number { .. }
            | Type::Boolean
            | Type::Uuid
            | Type::DateTime
            | Type::Date
    )
}

/// An enum value as a Rust literal.
pub fn enum_value(value: &EnumValue) -> String {
    match value {
        EnumValue::String(text) => format!("{text:?}"),
        EnumValue::Integer(number) => number.to_string(),
    }
}

/// The success type of an operation.
pub fn success_type(success: &SuccessBody) -> String {
    match success {
        SuccessBody::Empty => "()".to_string(),
        SuccessBody::Json { ty } => rust_type(ty, Context::Apis),
        SuccessBody::Text => "String".to_string(),
        SuccessBody::Binary => "bytes::Bytes".to_string(),
        SuccessBody::ByStatus { enum_name, .. } => enum_name.clone(),
    }
}
