//! The Rust spelling of IR objects: types, fields, parameters, statuses and expressions.
//!
//! This is the one place that turns the IR's enums into Rust text; templates reach it through the
//! minijinja filters registered in `render`.

use super::markdown;
use crate::ir::{
    ApiKeyLocation, BodyKind, EnumValue, Field, IntegerFormat, Method, NumberFormat,
    PaginationKind, PaginationTarget, Parameter, ParameterLocation, ParameterStyle, PartKind,
    RequestBody, SecuritySchemeKind, SettingKind, StatusMatch, Step, SuccessBody, Type,
};

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

fn integer_type(format: IntegerFormat) -> &'static str {
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
fn takes_into_string(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::Secret)
}

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

/// The runtime's name of a parameter style.
pub fn style(style: ParameterStyle) -> &'static str {
    match style {
        ParameterStyle::Simple => "crate::client::Style::Simple",
        ParameterStyle::Label => "crate::client::Style::Label",
        ParameterStyle::Matrix => "crate::client::Style::Matrix",
        ParameterStyle::Form => "crate::client::Style::Form",
        ParameterStyle::SpaceDelimited => "crate::client::Style::SpaceDelimited",
        ParameterStyle::PipeDelimited => "crate::client::Style::PipeDelimited",
        ParameterStyle::DeepObject => "crate::client::Style::DeepObject",
        ParameterStyle::Json => "crate::client::Style::Json",
    }
}

/// The `reqwest::Method` constant of a method.
pub fn method(method: Method) -> &'static str {
    match method {
        Method::Get => "reqwest::Method::GET",
        Method::Put => "reqwest::Method::PUT",
        Method::Post => "reqwest::Method::POST",
        Method::Delete => "reqwest::Method::DELETE",
        Method::Options => "reqwest::Method::OPTIONS",
        Method::Head => "reqwest::Method::HEAD",
        Method::Patch => "reqwest::Method::PATCH",
        Method::Trace => "reqwest::Method::TRACE",
    }
}

/// The method as the docs show it: `GET`.
pub fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Put => "PUT",
        Method::Post => "POST",
        Method::Delete => "DELETE",
        Method::Options => "OPTIONS",
        Method::Head => "HEAD",
        Method::Patch => "PATCH",
        Method::Trace => "TRACE",
    }
}

/// The runtime's value of a status match.
pub fn status_match(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("crate::client::StatusMatch::Code({code})"),
        StatusMatch::Range(hundreds) => format!("crate::client::StatusMatch::Range({hundreds})"),
        StatusMatch::Default => "crate::client::StatusMatch::Default".to_string(),
    }
}

/// A status as the runtime's error tables write it: the code itself, the first digit of a range
/// (`4` is `4XX`), or `0` for `default`.
pub fn status_code(status: StatusMatch) -> u16 {
    match status {
        StatusMatch::Code(code) => code,
        StatusMatch::Range(hundreds) => hundreds,
        StatusMatch::Default => 0,
    }
}

/// A status as the docs show it: `404`, `4XX` or `default`.
pub fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "any other status".to_string(),
    }
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

/// The `RawResponse` method that decodes a success body.
pub fn decode_method(success: &SuccessBody) -> &'static str {
    match success {
        SuccessBody::Empty | SuccessBody::ByStatus { .. } => "empty",
        SuccessBody::Json { .. } => "json",
        SuccessBody::Text => "text",
        SuccessBody::Binary => "bytes",
    }
}

/// An expression that reads along `steps` from `start`, giving an `Option` when any step is
/// optional; `wrap_plain` says whether a non-optional result is wrapped in `Some`.
fn read_steps(start: &str, steps: &[Step]) -> (String, bool) {
    let mut expression = start.to_string();
    let mut in_option = false;
    for step in steps {
        let field = &step.rust_name;
        expression = match (in_option, step.optional) {
            (false, _) => format!("{expression}.{field}"),
            (true, false) => format!("{expression}.map(|value| value.{field})"),
            (true, true) => format!("{expression}.and_then(|value| value.{field})"),
        };
        if step.double_optional {
            expression = format!("{expression}.flatten()");
        }
        in_option |= step.optional;
    }
    (expression, in_option)
}

/// The expression that takes the items out of a page bound as `response`.
pub fn items_expression(results: &[Step]) -> String {
    let (expression, in_option) = read_steps("response", results);
    if in_option {
        format!("{expression}.unwrap_or_default()")
    } else {
        expression
    }
}

/// The expression that reads the next cursor of a page bound as `response`, as an
/// `Option<String>`, borrowing so that the items can be moved out afterwards; `None` for kinds
/// without a cursor.
pub fn next_cursor_expression(kind: &PaginationKind) -> String {
    let PaginationKind::Cursor { cursor_path, .. } = kind else {
        return "None".to_string();
    };
    let mut place = "response".to_string();
    let mut chain: Option<String> = None;
    for step in cursor_path {
        let field = &step.rust_name;
        let borrow = |base: &str| {
            if step.double_optional {
                format!("{base}.{field}.as_ref().and_then(Option::as_ref)")
            } else if step.optional {
                format!("{base}.{field}.as_ref()")
            } else {
                format!("&{base}.{field}")
            }
        };
        chain = match chain {
            None if !step.optional => {
                place = format!("{place}.{field}");
                None
            }
            None => Some(borrow(&place)),
            Some(expression) if step.optional => Some(format!(
                "{expression}.and_then(|value| {})",
                borrow("value")
            )),
            Some(expression) => Some(format!("{expression}.map(|value| {})", borrow("value"))),
        };
    }
    match chain {
        Some(expression) => format!("{expression}.cloned()"),
        None => format!("Some({place}.clone())"),
    }
}

/// The statement that sets a pagination target to `value` (an `i64` for offsets, page numbers and
/// sizes, a `String` for cursors).
pub fn set_target(target: &PaginationTarget, value: &str) -> String {
    let converted = |ty: &Type| match ty {
        Type::Integer {
            format: IntegerFormat::I64,
        }
        | Type::String => value.to_string(),
        Type::Integer { format } => {
            let name = integer_type(*format);
            format!("{name}::try_from({value}).unwrap_or({name}::MAX)")
        }
        _ => value.to_string(),
    };
    match target {
        PaginationTarget::Required { name, ty } => format!("let {name} = {};", converted(ty)),
        PaginationTarget::Optional { name, ty } => {
            format!("params.{name} = Some({});", converted(ty))
        }
        PaginationTarget::Body {
            optional_body,
            steps,
            ty,
        } => {
            let mut place = if *optional_body {
                "params.body.get_or_insert_with(Default::default)".to_string()
            } else {
                "body".to_string()
            };
            for (index, step) in steps.iter().enumerate() {
                let is_last = index + 1 == steps.len();
                place = format!("{place}.{}", step.rust_name);
                if !is_last && step.optional {
                    place = if step.double_optional {
                        format!(
                            "{place}.get_or_insert_with(|| Some(Default::default())).get_or_insert_with(Default::default)"
                        )
                    } else {
                        format!("{place}.get_or_insert_with(Default::default)")
                    };
                }
            }
            let last = steps.last();
            let value = converted(ty);
            match last {
                Some(step) if step.double_optional => format!("{place} = Some(Some({value}));"),
                Some(step) if step.optional => format!("{place} = Some({value});"),
                _ => format!("{place} = {value};"),
            }
        }
    }
}

/// The expression that reads a pagination target's current value as an `i64` (sizes, offsets and
/// page numbers) from the stream function's arguments, or `None`.
pub fn read_target(target: &PaginationTarget) -> String {
    let to_i64 = |expression: String, ty: &Type| match ty {
        Type::Integer {
            format: IntegerFormat::I64,
        } => expression,
        Type::Integer {
            format: IntegerFormat::U64,
        } => format!("{expression}.and_then(|value| i64::try_from(value).ok())"),
        _ => format!("{expression}.map(i64::from)"),
    };
    match target {
        PaginationTarget::Required { name, ty } => to_i64(format!("Some({name})"), ty),
        PaginationTarget::Optional { name, ty } => to_i64(format!("params.{name}"), ty),
        PaginationTarget::Body { .. } => "None".to_string(),
    }
}

/// The name of the target's integer type, for docs.
pub fn target_is_optional(target: &PaginationTarget) -> bool {
    matches!(target, PaginationTarget::Optional { .. })
}

/// The statement that adds a parameter to the request, reading its value from `expression`: the
/// short form for the location's default style, the styled form otherwise.
pub fn parameter_call(parameter: &Parameter, expression: &str) -> String {
    let name = format!("{:?}", parameter.wire_name);
    let (method, default_style, default_explode) = match parameter.location {
        ParameterLocation::Path => ("path_parameter", ParameterStyle::Simple, false),
        ParameterLocation::Query => ("query_parameter", ParameterStyle::Form, true),
        ParameterLocation::Header => ("header_parameter", ParameterStyle::Simple, false),
        ParameterLocation::Cookie => ("cookie_parameter", ParameterStyle::Form, true),
    };
    let is_default = parameter.style == default_style
        && parameter.explode == default_explode
        && !parameter.allow_reserved;
    if is_default {
        return format!("request.{method}({name}, &{expression});");
    }
    let style = style(parameter.style);
    let explode = parameter.explode;
    match parameter.location {
        ParameterLocation::Query => {
            format!(
                "request.{method}_styled({name}, &{expression}, {style}, {explode}, {});",
                parameter.allow_reserved
            )
        }
        _ => format!("request.{method}_styled({name}, &{expression}, {style}, {explode});"),
    }
}

/// The statements that set the request body from the value bound as `binding`; `required` says
/// whether it is the operation's argument (rather than the optional parameters' field).
pub fn body_call(body: &RequestBody, binding: &str, required: bool) -> String {
    let media_type = format!("{:?}", body.media_type);
    match &body.kind {
        BodyKind::Json => format!("request.json_body(&{binding}, {media_type});"),
        BodyKind::Form => format!("request.form_body(&{binding}, {media_type});"),
        BodyKind::Binary => {
            let value = if required {
                format!("{binding}.into()")
            } else {
                binding.to_string()
            };
            format!("request.binary_body({value}, {media_type});")
        }
        BodyKind::Text => {
            let value = if required {
                format!("{binding}.into()")
            } else {
                binding.to_string()
            };
            format!("request.text_body({value}, {media_type});")
        }
        BodyKind::Multipart { parts } => {
            let mut lines = vec!["let mut form = crate::client::Multipart::new();".to_string()];
            for part in parts {
                let method = match part.kind {
                    PartKind::File => "file",
                    PartKind::Text => "text",
                    PartKind::Json => "json",
                };
                let name = format!("{:?}", part.wire_name);
                let field = format!("{binding}.{}", part.rust_name);
                let line = match (part.required, part.repeated) {
                    (true, false) => format!("form.{method}({name}, &{field});"),
                    (false, false) => {
                        format!("if let Some(value) = &{field} {{ form.{method}({name}, value); }}")
                    }
                    (true, true) => {
                        format!("for item in &{field} {{ form.{method}({name}, item); }}")
                    }
                    (false, true) => format!(
                        "for item in {field}.iter().flatten() {{ form.{method}({name}, item); }}"
                    ),
                };
                lines.push(line);
            }
            lines.push(format!("request.multipart_body(form, {media_type});"));
            lines.join("\n")
        }
    }
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

/// The expression that reads a cursor target's current value as an `Option<String>`.
pub fn read_token(target: &PaginationTarget) -> String {
    match target {
        PaginationTarget::Required { name, .. } => format!("Some({name}.clone())"),
        PaginationTarget::Optional { name, .. } => format!("params.{name}.clone()"),
        PaginationTarget::Body { .. } => "None".to_string(),
    }
}

/// Whether setting a pagination target changes the optional parameters.
pub fn mutates_params(target: &PaginationTarget) -> bool {
    matches!(
        target,
        PaginationTarget::Optional { .. }
            | PaginationTarget::Body {
                optional_body: true,
                ..
            }
    )
}

/// The runtime's value of a security scheme's kind.
pub fn scheme_kind(kind: &SecuritySchemeKind) -> String {
    match kind {
        SecuritySchemeKind::ApiKey { location, name } => {
            let location = match location {
                ApiKeyLocation::Header => "Header",
                ApiKeyLocation::Query => "Query",
                ApiKeyLocation::Cookie => "Cookie",
            };
            format!(
                "crate::client::SchemeKind::ApiKey {{ location: crate::client::ApiKeyLocation::{location}, name: {name:?} }}"
            )
        }
        SecuritySchemeKind::Basic => "crate::client::SchemeKind::Basic".to_string(),
        SecuritySchemeKind::Bearer => "crate::client::SchemeKind::Bearer".to_string(),
        SecuritySchemeKind::Unsupported { description } => {
            format!("crate::client::SchemeKind::Unsupported({description:?})")
        }
    }
}

/// The runtime's value of a setting's kind.
pub fn setting_kind(kind: &SettingKind) -> String {
    match kind {
        SettingKind::ApiKey { .. } => "crate::configuration::SettingKind::ApiKey".to_string(),
        SettingKind::Token { .. } => "crate::configuration::SettingKind::Token".to_string(),
        SettingKind::Basic { .. } => "crate::configuration::SettingKind::Basic".to_string(),
        SettingKind::ServerVariable { variable, .. } => {
            format!("crate::configuration::SettingKind::ServerVariable({variable:?})")
        }
    }
}

/// The `Accept` header of an operation: its response media types, or `*/*` when it lists none.
pub fn accept_header(media_types: &[String]) -> String {
    if media_types.is_empty() {
        "*/*".to_string()
    } else {
        media_types.join(", ")
    }
}

/// A `match` pattern for a status.
pub fn status_pattern(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{}..={}", hundreds * 100, hundreds * 100 + 99),
        StatusMatch::Default => "_".to_string(),
    }
}

/// Any text as a TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut output = String::with_capacity(text.len() + 2);
    output.push('"');
    for character in text.chars() {
        match character {
            '"' => output.push_str("\\\""),
            '\\' => output.push_str("\\\\"),
            '\n' => output.push_str("\\n"),
            '\t' => output.push_str("\\t"),
            '\r' => output.push_str("\\r"),
            control if control.is_control() => {
                output.push_str(&format!("\\u{:04X}", control as u32))
            }
            other => output.push(other),
        }
    }
    output.push('"');
    output
}

/// The `#[cfg(...)]` attribute that compiles an item when any of `features` is on; empty when the
/// item is always compiled.
pub fn feature_cfg(features: &[String]) -> String {
    match features {
        [] => String::new(),
        [single] => format!("#[cfg(feature = {single:?})]"),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|feature| format!("feature = {feature:?}"))
                .collect();
            format!("#[cfg(any({}))]", list.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ty: Type, required: bool, nullable: bool, boxed: bool) -> Field {
        Field {
            rust_name: "name".to_string(),
            wire_name: "name".to_string(),
            setter_name: "name".to_string(),
            docs: Vec::new(),
            ty,
            required,
            nullable,
            boxed,
            deprecated: None,
        }
    }

    #[test]
    fn field_spellings() {
        let required = field(Type::String, true, false, false);
        assert_eq!(field_type(&required), "String");
        assert_eq!(field_argument(&required), "impl Into<String>");
        assert_eq!(field_initializer(&required), "name: name.into()");
        let secret = field(Type::Secret, false, false, false);
        assert_eq!(field_type(&secret), "Option<crate::Secret>");
        assert_eq!(setter_entry(&secret), "name: secret String");
        let boxed = field(Type::model("Node"), true, true, true);
        assert_eq!(field_type(&boxed), "Option<Box<Node>>");
        assert_eq!(field_argument(&boxed), "Option<Node>");
        assert_eq!(field_initializer(&boxed), "name: name.map(Box::new)");
        assert_eq!(setter_entry(&boxed), "name: boxed_option Option<Node>");
        let double = field(
            Type::Integer {
                format: IntegerFormat::I32,
            },
            false,
            true,
            false,
        );
        assert_eq!(field_type(&double), "Option<Option<i32>>");
        assert_eq!(
            serde_attributes(&double),
            "default, with = \"crate::codec::double_option\", skip_serializing_if = \"Option::is_none\""
        );
    }

    #[test]
    fn steps_read_through_options() {
        let step = |name: &str, optional: bool| Step {
            rust_name: name.to_string(),
            optional,
            double_optional: false,
            boxed: false,
        };
        assert_eq!(items_expression(&[step("data", false)]), "response.data");
        assert_eq!(
            items_expression(&[step("meta", true), step("page", false), step("items", true)]),
            "response.meta.map(|value| value.page).and_then(|value| value.items).unwrap_or_default()"
        );
    }

    #[test]
    fn cursors_are_read_by_reference() {
        let step = |name: &str, optional: bool| Step {
            rust_name: name.to_string(),
            optional,
            double_optional: false,
            boxed: false,
        };
        let kind = |steps| PaginationKind::Cursor {
            target: PaginationTarget::Optional {
                name: "cursor".to_string(),
                ty: Type::String,
            },
            cursor_path: steps,
        };
        assert_eq!(
            next_cursor_expression(&kind(vec![
                step("meta", true),
                step("page", true),
                step("after", true)
            ])),
            "response.meta.as_ref().and_then(|value| value.page.as_ref()).and_then(|value| value.after.as_ref()).cloned()"
        );
        assert_eq!(
            next_cursor_expression(&kind(vec![step("links", false), step("next", false)])),
            "Some(response.links.next.clone())"
        );
    }

    #[test]
    fn types_spell_in_context() {
        let ty = Type::list(Type::nullable(Type::model("Pet")));
        assert_eq!(rust_type(&ty, Context::Models), "Vec<Option<Pet>>");
        assert_eq!(rust_type(&ty, Context::Apis), "Vec<Option<models::Pet>>");
    }
}
