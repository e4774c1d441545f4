//! The generated parts of the rustdoc: each operation's docs and example, and each setting's docs.
//!
//! Spec text goes through the Markdown sanitizer; the generated Markdown (intra-doc links, code
//! spans, the example's code block) is written here as it must appear.

use super::markdown::{comment_lines, doc_code, doc_summary, sanitize_markdown};
use super::spelling::{self, Context};
use crate::ir::{
    BodyKind, Operation, Parameter, Setting, SettingKind, StatusMatch, SuccessBody, Type,
};

/// Where an API struct is: its module and its name.
pub struct ApiPath<'a> {
    /// The module under `apis`, for example `org_connections`.
    pub module_name: &'a str,
    /// The struct, for example `OrgConnectionsApi`.
    pub struct_name: &'a str,
}

/// The complete doc comment of an operation's main function.
pub fn operation_docs(operation: &Operation, library: &str, api: &ApiPath<'_>) -> String {
    let mut lines: Vec<String> = Vec::new();
    let paragraph = |lines: &mut Vec<String>, text: Vec<String>| {
        if text.is_empty() {
            return;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(text);
    };
    paragraph(&mut lines, sanitize_markdown(&operation.summary));
    paragraph(&mut lines, sanitize_markdown(&operation.description));
    paragraph(&mut lines, sanitize_markdown(&operation.permission_docs));
    paragraph(
        &mut lines,
        vec![format!(
            "`{} {}`",
            spelling::method_name(operation.method),
            operation.path_template.replace('`', "'")
        )],
    );
    if let Some(note) = &operation.unstable {
        let mut text = vec![format!(
            "**Unstable.** Calls fail with a configuration error unless the operation is enabled with [`Configuration::with_unstable_operation`](crate::Configuration::with_unstable_operation)`({:?})`.",
            operation.operation_id
        )];
        text.extend(sanitize_markdown(note));
        paragraph(&mut lines, text);
    }
    paragraph(&mut lines, arguments(operation));
    let mut outcome = vec!["# Returns".to_string(), returns(operation)];
    outcome.extend(errors(operation));
    paragraph(&mut lines, outcome);
    paragraph(&mut lines, example(operation, library, api));
    comment_lines(&lines, "///")
}

/// The `# Arguments` section.
fn arguments(operation: &Operation) -> Vec<String> {
    let mut items = Vec::new();
    for parameter in &operation.required_parameters {
        items.push(format!(
            "- `{}`: {}",
            parameter.rust_name,
            parameter_summary(parameter)
        ));
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        items.push(format!(
            "- `body`: the request body, {}",
            body_summary(body)
        ));
    }
    if let Some(name) = &operation.optional_params_name {
        let mut names: Vec<String> = operation
            .optional_parameters
            .iter()
            .map(|parameter| format!("`{}`", parameter.rust_name))
            .collect();
        if operation.body.as_ref().is_some_and(|body| !body.required) {
            names.push("`body`".to_string());
        }
        items.push(format!(
            "- `params`: the optional parameters, [`{name}`]: {}.",
            names.join(", ")
        ));
    }
    if items.is_empty() {
        return Vec::new();
    }
    let mut lines = vec!["# Arguments".to_string()];
    lines.extend(items);
    lines
}

/// One parameter, for the arguments list: where it goes and its first sentence.
fn parameter_summary(parameter: &Parameter) -> String {
    let place = match parameter.location {
        crate::ir::ParameterLocation::Path => "path parameter",
        crate::ir::ParameterLocation::Query => "query parameter",
        crate::ir::ParameterLocation::Header => "header",
        crate::ir::ParameterLocation::Cookie => "cookie",
    };
    let summary = doc_summary(&parameter.docs);
    let wire = doc_code(&parameter.wire_name);
    if summary.is_empty() {
        format!("the {wire} {place}.")
    } else {
        format!("the {wire} {place}: {summary}.")
    }
}

fn body_summary(body: &crate::ir::RequestBody) -> String {
    let kind = match &body.kind {
        BodyKind::Json => "sent as JSON",
        BodyKind::Form => "sent as a URL-encoded form",
        BodyKind::Multipart { .. } => "sent as `multipart/form-data`",
        BodyKind::Binary => "sent as raw bytes",
        BodyKind::Text => "sent as text",
    };
    let ty = match &body.kind {
        BodyKind::Binary => "bytes".to_string(),
        BodyKind::Text => "a string".to_string(),
        _ => type_link(&body.ty),
    };
    format!("{ty}, {kind} (`{}`).", body.media_type.replace('`', "'"))
}

/// A type as an intra-doc link when it is a model, else as code.
fn type_link(ty: &Type) -> String {
    match ty {
        Type::Model { name } => format!("[`models::{name}`]"),
        other => format!("`{}`", spelling::rust_type(other, Context::Apis)),
    }
}

/// The `# Returns` sentence.
fn returns(operation: &Operation) -> String {
    let statuses: Vec<String> = operation
        .responses
        .success_statuses
        .iter()
        .map(|status| format!("`{}`", status_word(*status)))
        .collect();
    let on = if statuses.is_empty() {
        "on any 2xx status".to_string()
    } else {
        format!("on {}", statuses.join(", "))
    };
    match &operation.responses.success {
        SuccessBody::Empty => format!("`()` {on}: the response has no body."),
        SuccessBody::Json { ty } => format!("{} {on}.", type_link(ty)),
        SuccessBody::Text => format!("The body as a `String` {on}."),
        SuccessBody::Binary => format!("The body as `bytes::Bytes` {on}."),
        SuccessBody::ByStatus { enum_name, .. } => {
            format!("[`{enum_name}`], which says which status it was, {on}.")
        }
    }
}

fn status_word(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "default".to_string(),
    }
}

/// The documented error statuses and their typed bodies, as a sentence for the `# Returns`
/// section; nothing when the operation documents none.
fn errors(operation: &Operation) -> Vec<String> {
    let mut groups = Vec::new();
    for error in &operation.responses.errors {
        let statuses: Vec<String> = error
            .statuses
            .iter()
            .map(|status| match status {
                StatusMatch::Default => "any other status".to_string(),
                other => format!("`{}`", status_word(*other)),
            })
            .collect();
        let body = match &error.model {
            Some(model) => {
                format!(" (with a [`models::{model}`] in [`Error::body`](crate::Error::body))")
            }
            None => String::new(),
        };
        groups.push(format!("{}{body}", statuses.join(", ")));
    }
    if groups.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "Documented errors, as [`ErrorKind::Status`](crate::error::ErrorKind::Status): {}.",
        groups.join("; ")
    )]
}

/// The `# Example` section: a call with literal arguments where they are simple, and function
/// parameters for the rest, compiled as a doc test that does not run.
fn example(operation: &Operation, library: &str, api: &ApiPath<'_>) -> Vec<String> {
    let mut lines = vec!["# Example".to_string(), "```no_run".to_string()];
    lines.extend(example_code(operation, library, api, true));
    lines.push("```".to_string());
    lines
}

/// The code of an example call of `operation`: hidden lines (starting with `# `) declare a function
/// whose parameters hold the arguments that have no simple literal.
pub fn example_code(
    operation: &Operation,
    library: &str,
    api: &ApiPath<'_>,
    hide_setup: bool,
) -> Vec<String> {
    let hidden = if hide_setup { "# " } else { "" };
    let (parameters, arguments) = example_arguments(operation, library, api);
    let mut lines = vec![format!(
        "{hidden}async fn example({}) -> Result<(), {library}::Error> {{",
        parameters.join(", ")
    )];
    let call = format!("api.{}({})", operation.function_name, arguments.join(", "));
    match &operation.responses.success {
        SuccessBody::Empty => lines.push(format!("{call}.await?;")),
        _ if hide_setup => lines.push(format!("let _response = {call}.await?;")),
        _ => {
            lines.push(format!("let response = {call}.await?;"));
            lines.push("println!(\"{response:?}\");".to_string());
        }
    }
    if hide_setup {
        // Hidden lines do not show in the docs, so the end of the function takes one line.
        lines.push("# Ok(()) }".to_string());
    } else {
        lines.push("Ok(())".to_string());
        lines.push("}".to_string());
    }
    lines
}

/// The code of an example that streams the items of a paginated operation.
pub fn pagination_example_code(
    operation: &Operation,
    library: &str,
    api: &ApiPath<'_>,
) -> Vec<String> {
    let (parameters, arguments) = example_arguments(operation, library, api);
    vec![
        "use futures::StreamExt;".to_string(),
        String::new(),
        format!(
            "# async fn example({}) -> Result<(), {library}::Error> {{",
            parameters.join(", ")
        ),
        format!(
            "let mut items = std::pin::pin!(api.{}_with_pagination({}));",
            operation.function_name,
            arguments.join(", ")
        ),
        "while let Some(item) = items.next().await {".to_string(),
        "    println!(\"{:?}\", item?);".to_string(),
        "}".to_string(),
        "# Ok(())".to_string(),
        "# }".to_string(),
    ]
}

/// The parameters of the example function (the API first) and the arguments of the call.
fn example_arguments(
    operation: &Operation,
    library: &str,
    api: &ApiPath<'_>,
) -> (Vec<String>, Vec<String>) {
    let mut parameters = vec![format!(
        "api: &{library}::apis::{}::{}",
        api.module_name, api.struct_name
    )];
    let mut arguments = Vec::new();
    for parameter in &operation.required_parameters {
        match literal(&parameter.ty, &parameter.wire_name) {
            Some(value) => arguments.push(value),
            None => {
                parameters.push(format!(
                    "{}: {}",
                    parameter.rust_name,
                    spelling::rust_type(&parameter.ty, Context::External(library))
                ));
                arguments.push(parameter.rust_name.clone());
            }
        }
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        match body.kind {
            BodyKind::Binary => arguments.push("Vec::<u8>::new()".to_string()),
            BodyKind::Text => arguments.push("\"text\"".to_string()),
            _ => {
                parameters.push(format!(
                    "body: {}",
                    spelling::rust_type(&body.ty, Context::External(library))
                ));
                arguments.push("body".to_string());
            }
        }
    }
    if operation.optional_params_name.is_some() {
        arguments.push("Default::default()".to_string());
    }
    (parameters, arguments)
}

/// A literal for an argument of a simple type.
fn literal(ty: &Type, wire_name: &str) -> Option<String> {
    Some(match ty {
        Type::String | Type::Secret => format!("{:?}", wire_name),
        Type::Uuid => "uuid::Uuid::nil()".to_string(),
        Type::Integer { .. } => "0".to_string(),
        Type::Number { .. } => "0.0".to_string(),
        Type::Boolean => "false".to_string(),
        _ => return None,
    })
}

/// The doc comment of a setting's setter.
pub fn setting_docs(setting: &Setting) -> String {
    let mut lines = Vec::new();
    match &setting.kind {
        SettingKind::ServerVariable {
            variable,
            default,
            allowed,
        } => {
            lines.push(format!(
                "Sets the {} server variable (default {}).",
                doc_code(variable),
                doc_code(default)
            ));
            if !allowed.is_empty() {
                let values: Vec<String> = allowed.iter().map(|value| doc_code(value)).collect();
                lines.push(String::new());
                lines.push(format!(
                    "The spec allows {}; another value is reported by the first call.",
                    values.join(", ")
                ));
            }
        }
        SettingKind::ApiKey { .. } => lines.push(format!(
            "Sets the {} API key, sent {}.",
            doc_code(&setting.name),
            setting.usage.join(", or ")
        )),
        SettingKind::Token { .. } => lines.push(format!(
            "Sets the {} token, sent {}.",
            doc_code(&setting.name),
            setting.usage.join(", or ")
        )),
        SettingKind::Basic { .. } => lines.push(format!(
            "Sets the user name and password of {}, sent {}.",
            doc_code(&setting.name),
            setting.usage.join(", or ")
        )),
    }
    let spec_docs = sanitize_markdown(&setting.docs);
    if !spec_docs.is_empty() {
        lines.push(String::new());
        lines.extend(spec_docs);
    }
    if let Some(env_var) = &setting.env_var {
        lines.push(String::new());
        lines.push(format!(
            "[`Configuration::new`](crate::Configuration::new) reads it from {}.",
            doc_code(env_var)
        ));
    }
    if !matches!(setting.kind, SettingKind::ServerVariable { .. }) {
        lines.push(String::new());
        lines.push(
            "The value is kept as a [`Secret`](crate::Secret): `Debug` never shows it.".to_string(),
        );
    }
    comment_lines(&lines, "///")
}
