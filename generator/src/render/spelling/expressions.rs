//! The expressions and statements of operation bodies: reading pages, setting pagination targets, adding parameters and bodies to a request.

use super::types::integer_type;
use super::wire::style;
use crate::ir::{
    BodyKind, IntegerFormat, PaginationKind, PaginationTarget, Parameter, ParameterLocation,
    ParameterStyle, PartKind, RequestBody, Step, Type,
};

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
