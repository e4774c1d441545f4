//! The Rust spelling of fields, parameters and bodies: their types, arguments, conversions, setters and serde attributes.

use super::types::{Context, rust_type, takes_into_string};
use crate::ir::{BodyKind, Field, Parameter, RequestBody, Type};
use crate::render::markdown;

/// The stored type of a field, with its `Box` and `Option`s.
pub fn field_type(field: &Field) -> String {
    let inner = rust_type(&field.ty, Context::Models);
    let stored = if field.boxed {
        format!("Box<{inner}>")
    } else {
        inner
    };
    match (field.required, field.nullable) {
        (true, false) => stored,
        (true, true) | (false, false) => format!("Option<{stored}>"),
        (false, true) => format!("Option<Option<{stored}>>"),
    }
}

/// The type `new()` takes for a required field, or a setter takes for an optional one.
pub fn field_argument(field: &Field) -> String {
    let plain = if field.ty == Type::Secret {
        "String".to_string()
    } else {
        rust_type(&field.ty, Context::Models)
    };
    if field.nullable {
        format!("Option<{plain}>")
    } else if takes_into_string(&field.ty) {
        "impl Into<String>".to_string()
    } else {
        plain
    }
}

/// The conversion of one argument value into the stored value, without the field's `Option`s.
fn convert(field: &Field, binding: &str) -> String {
    match (&field.ty, field.boxed) {
        (Type::Secret, _) => format!("crate::Secret::new({binding})"),
        (Type::String, false) => format!("{binding}.into()"),
        (_, true) => format!("Box::new({binding})"),
        _ => binding.to_string(),
    }
}

/// The conversion of an `Option` argument, mapping its content.
fn convert_option(field: &Field, binding: &str) -> String {
    match (&field.ty, field.boxed) {
        (Type::Secret, _) => format!("{binding}.map(crate::Secret::new)"),
        (_, true) => format!("{binding}.map(Box::new)"),
        _ => binding.to_string(),
    }
}

/// The initializer of a field in `new()`: `name`, `name: expression`, or `name: None`.
pub fn field_initializer(field: &Field) -> String {
    let name = &field.rust_name;
    let value = match (field.required, field.nullable) {
        (true, false) => convert(field, name),
        (true, true) => convert_option(field, name),
        (false, _) => "None".to_string(),
    };
    if value == *name {
        name.clone()
    } else {
        format!("{name}: {value}")
    }
}

/// One entry of the `crate::macros::setters!` invocation of a struct, for an optional field:
/// `field: kind Type`, or `field as setter: kind Type`, after its `#[deprecated]` attribute if any.
pub fn setter_entry(field: &Field) -> String {
    let (kind, ty) = if field.nullable {
        let kind = match (&field.ty, field.boxed) {
            (Type::Secret, _) => "secret_option",
            (_, true) => "boxed_option",
            _ => "plain",
        };
        (kind, field_argument(field))
    } else {
        match (&field.ty, field.boxed) {
            (Type::Secret, _) => ("secret", "String".to_string()),
            (_, true) => ("boxed", rust_type(&field.ty, Context::Models)),
            (Type::String, false) => ("into", "String".to_string()),
            _ => ("plain", field_argument(field)),
        }
    };
    let deprecated = field.deprecated.as_ref().map_or(String::new(), |note| {
        format!(
            "#[deprecated(note = {})] ",
            markdown::rust_string(note.clone())
        )
    });
    let setter = if field.setter_name == field.rust_name {
        String::new()
    } else {
        format!(" as {}", field.setter_name)
    };
    format!("{deprecated}{}{setter}: {kind} {ty}", field.rust_name)
}

/// The serde attributes of a field, without `#[serde(...)]`, joined by `, `; empty when none.
pub fn serde_attributes(field: &Field) -> String {
    let mut attributes = Vec::new();
    if field.rust_name != field.wire_name {
        attributes.push(format!("rename = {:?}", field.wire_name));
    }
    match (field.required, field.nullable) {
        (false, false) => attributes.push("skip_serializing_if = \"Option::is_none\"".to_string()),
        (false, true) => {
            attributes.push("default".to_string());
            attributes.push("with = \"crate::codec::double_option\"".to_string());
            attributes.push("skip_serializing_if = \"Option::is_none\"".to_string());
        }
        (true, _) => {}
    }
    attributes.join(", ")
}

/// The type an operation takes for a required parameter.
pub fn parameter_argument(parameter: &Parameter) -> String {
    if takes_into_string(&parameter.ty) {
        "impl Into<String>".to_string()
    } else {
        rust_type(&parameter.ty, Context::Apis)
    }
}

/// Whether a required parameter is converted with `.into()` before it is used.
pub fn parameter_needs_into(parameter: &Parameter) -> bool {
    takes_into_string(&parameter.ty)
}

/// The concrete type of a parameter after conversion.
pub fn parameter_type(parameter: &Parameter) -> String {
    if parameter.ty == Type::Secret {
        "String".to_string()
    } else {
        rust_type(&parameter.ty, Context::Apis)
    }
}

/// The type a setter of the optional parameters takes.
pub fn parameter_setter_argument(parameter: &Parameter) -> String {
    parameter_argument(parameter)
}

/// One entry of the `crate::macros::setters!` invocation of an operation's optional parameters.
pub fn parameter_setter_entry(parameter: &Parameter) -> String {
    let (kind, ty) = if takes_into_string(&parameter.ty) {
        ("into", parameter_type(parameter))
    } else {
        ("plain", parameter_argument(parameter))
    };
    let deprecated = parameter.deprecated.as_ref().map_or(String::new(), |note| {
        format!(
            "#[deprecated(note = {})] ",
            markdown::rust_string(note.clone())
        )
    });
    let setter = if parameter.setter_name == parameter.rust_name {
        String::new()
    } else {
        format!(" as {}", parameter.setter_name)
    };
    format!("{deprecated}{}{setter}: {kind} {ty}", parameter.rust_name)
}

/// The type an operation takes for a required body.
pub fn body_argument(body: &RequestBody) -> String {
    match body.kind {
        BodyKind::Binary => "impl Into<bytes::Bytes>".to_string(),
        BodyKind::Text => "impl Into<String>".to_string(),
        _ => rust_type(&body.ty, Context::Apis),
    }
}

/// The concrete type of a body: the field type of an optional body.
pub fn body_type(body: &RequestBody) -> String {
    match body.kind {
        BodyKind::Binary => "bytes::Bytes".to_string(),
        BodyKind::Text => "String".to_string(),
        _ => rust_type(&body.ty, Context::Apis),
    }
}
