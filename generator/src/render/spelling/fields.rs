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

/// How the `crate::macros::setters!` entry of a field takes its argument: the kind (`plain`,
/// `into`, `boxed`, `boxed_option`, `secret` or `secret_option`) and the argument's type.
fn entry_kind_and_type(field: &Field) -> (&'static str, String) {
    // A secret is passed as the string it holds.
    let argument = if field.ty == Type::Secret {
        "String".to_string()
    } else {
        rust_type(&field.ty, Context::Models)
    };
    let kind = match (field.nullable, &field.ty, field.boxed) {
        (true, Type::Secret, _) => "secret_option",
        (true, _, true) => "boxed_option",
        (true, _, false) => "plain",
        (false, Type::Secret, _) => "secret",
        (false, _, true) => "boxed",
        (false, Type::String, false) => "into",
        (false, _, false) => "plain",
    };
    if field.nullable {
        (kind, format!("Option<{argument}>"))
    } else {
        (kind, argument)
    }
}

/// One entry of the `crate::macros::setters!` invocation of a struct, for an optional field:
/// `field: kind Type`, or `field as setter: kind Type`, after its `#[deprecated]` attribute if any.
pub fn setter_entry(field: &Field) -> String {
    let (kind, ty) = entry_kind_and_type(field);
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

/// The first entry of a struct's `crate::macros::setters!` invocation: the struct's name and its
/// `new(...)` clause, with one `field: kind Type` entry per required field, in order, then
/// `extra field` when the struct keeps unlisted properties in a map. The entry is indented by four
/// spaces; it stays on one line when that fits in 100 columns, and otherwise each field takes a
/// line of its own.
pub fn constructor_entry(
    struct_name: &str,
    required: &[Field],
    additional_properties_field: Option<&str>,
) -> String {
    let entries: Vec<String> = required
        .iter()
        .map(|field| {
            let (kind, ty) = entry_kind_and_type(field);
            format!("{}: {kind} {ty}", field.rust_name)
        })
        .collect();
    let extra =
        additional_properties_field.map_or(String::new(), |field| format!(" extra {field}"));
    let inline = format!("    {struct_name} new({}){extra}", entries.join(", "));
    if inline.len() < 100 {
        return inline;
    }
    let mut text = format!("    {struct_name} new(\n");
    for entry in &entries {
        text.push_str(&format!("        {entry},\n"));
    }
    text.push_str(&format!("    ){extra}"));
    text
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
