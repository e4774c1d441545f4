//! Operations: grouping by tag into API structs, naming, and assembling one operation from its
//! parameters, body, responses, security, servers and pagination.
//!
//! An operation goes to the API struct of its first tag; operations without a tag go to
//! `DefaultApi`. An operation without an `operationId` gets one derived from its method and path
//! (`get /pets/{petId}` is `GetPetsByPetId`).

use std::collections::BTreeMap;

use super::pagination::PagedOperation;
use super::security::Schemes;
use super::servers::ServerRegistry;
use super::view::Node;
use super::{ComponentsLowered, Lowerer};
use crate::diagnostics::{DiagnosticKind, Pointer};
use crate::ir::{self, Method, ParameterLocation};
use crate::naming;

/// The tag of operations that have none.
const DEFAULT_TAG: &str = "Default";

/// The HTTP methods of a path item, in the order OpenAPI lists them.
const METHODS: &[(&str, Method)] = &[
    ("get", Method::Get),
    ("put", Method::Put),
    ("post", Method::Post),
    ("delete", Method::Delete),
    ("options", Method::Options),
    ("head", Method::Head),
    ("patch", Method::Patch),
    ("trace", Method::Trace),
];

/// Methods of every API struct, which an operation's functions must not take.
const API_METHODS: &[&str] = &[
    "new",
    "with_config",
    "with_client_and_config",
    "with_api_client",
    "api_client",
];

/// An operation found in the paths, before it is lowered.
struct Found<'a> {
    path: &'a str,
    method: Method,
    path_item: Node<'a>,
    node: Node<'a>,
    operation_id: String,
    tag: String,
}

/// Lowers every operation, grouped into API structs sorted by module name.
pub(crate) fn lower_operations(
    lowerer: &mut Lowerer<'_>,
    _: &ComponentsLowered,
    schemes: &Schemes,
    servers: &mut ServerRegistry,
) -> Vec<ir::Api> {
    let found = find_operations(lowerer);
    let root = Node::new(Pointer::root(), &lowerer.spec.raw);
    let tag_docs: BTreeMap<String, Vec<String>> = root
        .items("tags")
        .into_iter()
        .filter_map(|tag| {
            Some((
                tag.str("name")?.to_string(),
                super::docs::optional_doc_lines(tag.description()),
            ))
        })
        .collect();
    let mut by_tag: BTreeMap<String, Vec<Found<'_>>> = BTreeMap::new();
    for operation in found {
        by_tag
            .entry(operation.tag.clone())
            .or_default()
            .push(operation);
    }
    let mut apis = Vec::new();
    let mut struct_names: Vec<String> = Vec::new();
    let mut module_names: Vec<String> = Vec::new();
    let mut features: Vec<String> = naming::RESERVED_FEATURES
        .iter()
        .map(|name| name.to_string())
        .collect();
    for (tag, mut operations) in by_tag {
        let struct_name = naming::unique(naming::api_struct_name(&tag), &struct_names);
        struct_names.push(struct_name.clone());
        let module_name = naming::unique(naming::tag_module_name(&tag), &module_names);
        module_names.push(module_name.clone());
        let feature = naming::unique_feature(naming::feature_name(&tag), &features);
        features.push(feature.clone());
        let mock_name = naming::mock_struct_name(&struct_name);
        let mut api = ApiNames {
            types: vec![struct_name.clone(), mock_name.clone()],
            functions: API_METHODS.iter().map(|name| name.to_string()).collect(),
        };
        operations.sort_by(|left, right| left.operation_id.cmp(&right.operation_id));
        let mut lowered = Vec::new();
        for operation in &operations {
            if let Some(operation) = lower_operation(lowerer, operation, &mut api, schemes, servers)
            {
                lowered.push(operation);
            }
        }
        lowered.sort_by(|left, right| left.function_name.cmp(&right.function_name));
        let error_tables = share_error_tables(&mut lowered);
        apis.push(ir::Api {
            docs: tag_docs.get(&tag).cloned().unwrap_or_default(),
            has_pagination: lowered
                .iter()
                .any(|operation| operation.pagination.is_some()),
            uses_models: false,
            error_tables,
            operations: lowered,
            struct_name,
            mock_name,
            module_name,
            feature,
            tag,
        });
    }
    apis.sort_by(|left, right| left.module_name.cmp(&right.module_name));
    apis
}

/// The names taken in one API module: types (the API struct, optional parameters, per-status
/// enums) and the API struct's methods.
struct ApiNames {
    types: Vec<String>,
    functions: Vec<String>,
}

impl ApiNames {
    fn claim_type(&mut self, wanted: &str) -> String {
        let name = naming::unique(wanted.to_string(), &self.types);
        self.types.push(name.clone());
        name
    }

    /// Claims an operation's function name, so that it and its `_with_http_info` and
    /// `_with_pagination` siblings are all free.
    fn claim_function(&mut self, wanted: &str) -> String {
        let mut candidate = wanted.to_string();
        let mut suffix = 1;
        loop {
            let siblings = [
                candidate.clone(),
                format!("{candidate}_with_http_info"),
                format!("{candidate}_with_pagination"),
            ];
            if siblings.iter().all(|name| !self.functions.contains(name)) {
                self.functions.extend(siblings);
                return candidate;
            }
            // A numeric suffix, not a trailing `_`: `{candidate}__with_http_info` would not be snake case.
            suffix += 1;
            candidate = format!("{}_{suffix}", wanted.trim_end_matches('_'));
        }
    }
}

/// Every operation in `paths`, with its operationId (explicit or derived) and its tag.
fn find_operations<'a>(lowerer: &mut Lowerer<'a>) -> Vec<Found<'a>> {
    let root = Node::new(Pointer::root(), &lowerer.spec.raw);
    let mut found = Vec::new();
    let mut ids: BTreeMap<String, Pointer> = BTreeMap::new();
    let mut without_id = Vec::new();
    for (path, item) in root.entries("paths") {
        if path.starts_with("x-") {
            continue;
        }
        let item = match item.reference() {
            Some(reference) => match lowerer.resolve_reference(reference, &item.pointer) {
                Some(target) if target.reference().is_none() => target,
                Some(_) => {
                    lowerer.report(
                        &item.pointer,
                        DiagnosticKind::Unsupported(
                            crate::diagnostics::Construct::ExternalReference,
                        ),
                        "a path item `$ref` to another `$ref`",
                    );
                    continue;
                }
                None => continue,
            },
            None => item,
        };
        for (key, method) in METHODS {
            let Some(node) = item.child(key) else {
                continue;
            };
            let tag = node
                .items("tags")
                .first()
                .and_then(|tag| tag.value.as_str())
                .unwrap_or(DEFAULT_TAG)
                .to_string();
            let operation = Found {
                path,
                method: *method,
                path_item: item.clone(),
                node: node.clone(),
                operation_id: String::new(),
                tag,
            };
            match node.str("operationId") {
                Some(id) => {
                    if let Some(existing) = ids.get(id) {
                        lowerer.report(
                            &node.pointer.child("operationId"),
                            DiagnosticKind::Collision,
                            format!("duplicate operationId `{id}`, also used by {existing}"),
                        );
                        continue;
                    }
                    ids.insert(id.to_string(), node.pointer.clone());
                    found.push(Found {
                        operation_id: id.to_string(),
                        ..operation
                    });
                }
                None => without_id.push(operation),
            }
        }
    }
    let mut taken: Vec<String> = ids.keys().cloned().collect();
    for mut operation in without_id {
        let id = naming::unique(
            naming::derived_operation_id(method_name(operation.method), operation.path),
            &taken,
        );
        taken.push(id.clone());
        operation.operation_id = id;
        found.push(operation);
    }
    found
}

fn method_name(method: Method) -> &'static str {
    METHODS
        .iter()
        .find(|(_, candidate)| *candidate == method)
        .map_or("get", |(name, _)| name)
}

/// Lowers one operation; `None` when it has problems, which are reported.
fn lower_operation<'a>(
    lowerer: &mut Lowerer<'a>,
    found: &Found<'a>,
    api: &mut ApiNames,
    schemes: &Schemes,
    servers: &mut ServerRegistry,
) -> Option<ir::Operation> {
    let node = &found.node;
    let problems_before = lowerer.problem_count();
    let type_name = naming::type_name(&found.operation_id);
    let function_name = api.claim_function(&naming::function_name(&found.operation_id));
    let static_name = naming::static_name(&function_name);

    // Parameters: path parameters in path order, then the other required ones, then optional ones.
    let parameters = lowerer.operation_parameters(&found.path_item, node);
    let template_names = path_variables(found.path);
    let mut taken: Vec<String> = vec!["body".to_string(), "params".to_string()];
    let mut required = Vec::new();
    let mut optional = Vec::new();
    let mut integer_defaults = BTreeMap::new();
    for name in &template_names {
        if !parameters.iter().any(|parameter| {
            parameter.location == ParameterLocation::Path && parameter.name == name.as_str()
        }) {
            lowerer.report(
                &node.pointer,
                DiagnosticKind::Inconsistent,
                format!("path `{}` names `{{{name}}}`, but the operation declares no path parameter `{name}`", found.path),
            );
        }
    }
    let mut ordered: Vec<&super::parameters::ResolvedParameter<'a>> = Vec::new();
    for name in &template_names {
        ordered.extend(parameters.iter().filter(|parameter| {
            parameter.location == ParameterLocation::Path && parameter.name == name.as_str()
        }));
    }
    for parameter in &parameters {
        if parameter.location == ParameterLocation::Path {
            if !template_names.iter().any(|name| name == parameter.name) {
                lowerer.warn(
                    &parameter.node.pointer,
                    DiagnosticKind::Inconsistent,
                    format!(
                        "path parameter `{}` does not appear in path `{}`; it is not sent",
                        parameter.name, found.path
                    ),
                );
            }
            continue;
        }
        ordered.push(parameter);
    }
    for parameter in ordered {
        let rust_name = naming::unique(naming::field_name(parameter.name), &taken);
        taken.push(rust_name.clone());
        let hint = naming::nested_type_name(&type_name, &format!("{}_parameter", parameter.name));
        let Some(lowered) = lowerer.lower_parameter(parameter, rust_name, &hint) else {
            continue;
        };
        if let Some(default) = parameter
            .node
            .child("schema")
            .and_then(|schema| lowerer.look_through(&schema))
            .and_then(|schema| schema.get("default")?.as_i64())
        {
            integer_defaults.insert(lowered.wire_name.clone(), default);
        }
        if lowered.required {
            required.push(lowered)
        } else {
            optional.push(lowered)
        }
    }

    let body = lowerer.lower_request_body(node, &type_name);
    let mut responses = lowerer.lower_responses(node, &type_name);
    if let ir::SuccessBody::ByStatus { enum_name, .. } = &mut responses.success {
        *enum_name = api.claim_type(enum_name);
    }
    let security = operation_security(lowerer, node, schemes);
    let servers = servers.for_operation(lowerer, &found.path_item, node, &static_name);
    let pagination = lowerer.lower_pagination(
        node,
        &PagedOperation {
            required: &required,
            optional: &optional,
            body: body.as_ref(),
            success: &responses.success,
            integer_defaults: &integer_defaults,
        },
    );
    let has_optional = !optional.is_empty() || body.as_ref().is_some_and(|body| !body.required);
    let optional_params_name =
        has_optional.then(|| api.claim_type(&naming::optional_params_name(&type_name)));
    if lowerer.problem_count() > problems_before {
        return None;
    }
    let argument_count = required.len()
        + usize::from(body.as_ref().is_some_and(|body| body.required))
        + usize::from(has_optional);
    Some(ir::Operation {
        operation_id: found.operation_id.clone(),
        function_name,
        static_name,
        method: found.method,
        path_template: found.path.to_string(),
        summary: super::docs::optional_doc_lines(node.str("summary")),
        description: super::docs::optional_doc_lines(node.description()),
        required_parameters: required,
        optional_parameters: optional,
        optional_params_name,
        body,
        responses,
        error_table: String::new(),
        security,
        servers,
        pagination,
        deprecated: node.deprecation(),
        unstable: unstable_note(node),
        permission_docs: permission_docs(node),
        argument_count,
    })
}

/// Gives each distinct list of error responses one `const`, which the operations name.
fn share_error_tables(operations: &mut [ir::Operation]) -> Vec<ir::ErrorTable> {
    let mut tables: Vec<ir::ErrorTable> = Vec::new();
    for operation in operations.iter_mut() {
        if operation.responses.errors.is_empty() {
            continue;
        }
        let name = match tables
            .iter()
            .find(|table| table.errors == operation.responses.errors)
        {
            Some(table) => table.name.clone(),
            None => {
                let name = format!("ERRORS_{}", tables.len() + 1);
                tables.push(ir::ErrorTable {
                    name: name.clone(),
                    errors: operation.responses.errors.clone(),
                });
                name
            }
        };
        operation.error_table = name;
    }
    tables
}

/// The names between braces in a path template, in order.
fn path_variables(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        names.push(rest[start + 1..start + length].to_string());
        rest = &rest[start + length + 1..];
    }
    names
}

/// The operation's security (its own, else the document's): alternatives of scheme names.
fn operation_security(
    lowerer: &mut Lowerer<'_>,
    node: &Node<'_>,
    schemes: &Schemes,
) -> Vec<Vec<String>> {
    let root = Node::new(Pointer::root(), &lowerer.spec.raw);
    let requirements = if node.get("security").is_some() {
        node.items("security")
    } else {
        root.items("security")
    };
    let mut alternatives = Vec::new();
    for requirement in requirements {
        let mut names: Vec<String> = requirement
            .object()
            .map(|object| object.keys().cloned().collect())
            .unwrap_or_default();
        names.sort();
        let mut complete = true;
        for name in &names {
            if !schemes.contains(name) {
                lowerer.report(
                    &requirement.pointer,
                    DiagnosticKind::Inconsistent,
                    format!(
                        "security scheme `{name}` is not defined in `components.securitySchemes`"
                    ),
                );
                complete = false;
            }
        }
        if complete {
            alternatives.push(names);
        }
    }
    alternatives
}

/// The note of an unstable operation (`x-unstable`: a text, or `true`).
fn unstable_note(node: &Node<'_>) -> Option<Vec<String>> {
    match node.get("x-unstable")? {
        serde_json::Value::String(text) => Some(super::docs::doc_lines(text)),
        serde_json::Value::Bool(true) => Some(vec![
            "The API marks this operation as unstable.".to_string(),
        ]),
        _ => None,
    }
}

/// Doc lines for the permissions an operation requires (`x-permission`), when the spec lists them.
fn permission_docs(node: &Node<'_>) -> Vec<String> {
    let Some(permission) = node.child("x-permission") else {
        return Vec::new();
    };
    let names: Vec<String> = permission
        .items("permissions")
        .into_iter()
        .filter_map(|name| name.value.as_str().map(|name| format!("`{name}`")))
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    let joiner = if permission.str("operator") == Some("AND") {
        "all of"
    } else {
        "one of"
    };
    vec![format!(
        "Requires {joiner} these permissions: {}.",
        names.join(", ")
    )]
}
