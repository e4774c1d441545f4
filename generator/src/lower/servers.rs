//! Servers: the document's, and those of path items and operations, which override it.

use super::Lowerer;
use super::docs::optional_doc_lines;
use super::view::Node;
use crate::diagnostics::{DiagnosticKind, Pointer};
use crate::ir;
use crate::naming;

/// The name of the document's server list in `crate::servers`.
pub(crate) const DEFAULT_SERVERS: &str = "SERVERS";

/// A variable of a server that requests use, which becomes a `Configuration` setting.
pub(crate) struct Variable {
    pub(crate) name: String,
    pub(crate) default: String,
    pub(crate) allowed: Vec<String>,
    pub(crate) env_var: Option<String>,
    pub(crate) docs: Vec<String>,
}

/// Every server list of the spec, each under the name of its `static`.
pub(crate) struct ServerRegistry {
    default: Vec<ir::Server>,
    overrides: Vec<ir::ServerList>,
    variables: Vec<Variable>,
}

impl ServerRegistry {
    /// Reads the document's servers.
    pub(crate) fn new(lowerer: &mut Lowerer<'_>) -> Self {
        let root = Node::new(Pointer::root(), &lowerer.spec.raw);
        let default = read_servers(lowerer, &root);
        let mut registry = Self {
            default: Vec::new(),
            overrides: Vec::new(),
            variables: Vec::new(),
        };
        registry.add_variables(&root);
        registry.default = default;
        registry
    }

    /// The name of the server list an operation is sent to: its own `servers`, else its path
    /// item's, else the document's. Equal lists share one `static`.
    pub(crate) fn for_operation(
        &mut self,
        lowerer: &mut Lowerer<'_>,
        path_item: &Node<'_>,
        operation: &Node<'_>,
        operation_static: &str,
    ) -> String {
        let source = [operation, path_item]
            .into_iter()
            .find(|node| !node.items("servers").is_empty());
        let Some(source) = source else {
            return DEFAULT_SERVERS.to_string();
        };
        let servers = read_servers(lowerer, source);
        if servers == self.default {
            return DEFAULT_SERVERS.to_string();
        }
        if let Some(existing) = self.overrides.iter().find(|list| list.servers == servers) {
            return existing.static_name.clone();
        }
        self.add_variables(source);
        let static_name = format!("SERVERS_{operation_static}");
        let taken: Vec<String> = self
            .overrides
            .iter()
            .map(|list| list.static_name.clone())
            .collect();
        let static_name = naming::unique(static_name, &taken);
        self.overrides.push(ir::ServerList {
            static_name: static_name.clone(),
            servers,
        });
        static_name
    }

    /// Records the variables of the first server of a list, which requests use.
    fn add_variables(&mut self, holder: &Node<'_>) {
        let Some(first) = holder.items("servers").into_iter().next() else {
            return;
        };
        for (name, variable) in first.entries("variables") {
            if self.variables.iter().any(|existing| existing.name == name) {
                continue;
            }
            self.variables.push(Variable {
                name: name.to_string(),
                default: variable.str("default").unwrap_or_default().to_string(),
                allowed: string_list(&variable, "enum"),
                env_var: variable.str("x-env-name").map(str::to_string),
                docs: optional_doc_lines(variable.description()),
            });
        }
    }

    /// The variables that become settings, in the order they were met.
    pub(crate) fn variables(&self) -> &[Variable] {
        &self.variables
    }

    /// The server lists, for the IR.
    pub(crate) fn into_ir(self) -> ir::Servers {
        ir::Servers {
            default: self.default,
            overrides: self.overrides,
        }
    }
}

/// Reads the `servers` of a document, path item or operation.
fn read_servers(lowerer: &mut Lowerer<'_>, holder: &Node<'_>) -> Vec<ir::Server> {
    let mut servers = Vec::new();
    for server in holder.items("servers") {
        let Some(url) = server.str("url") else {
            continue;
        };
        let mut variables: Vec<ir::ServerVariable> = server
            .entries("variables")
            .into_iter()
            .map(|(name, variable)| ir::ServerVariable {
                name: name.to_string(),
                default: variable.str("default").unwrap_or_default().to_string(),
                allowed: string_list(&variable, "enum"),
            })
            .collect();
        variables.sort_by(|left, right| left.name.cmp(&right.name));
        for name in template_variables(url) {
            if !variables.iter().any(|variable| variable.name == name) {
                lowerer.warn(
                    &server.pointer.child("url"),
                    DiagnosticKind::Inconsistent,
                    format!("the URL names `{{{name}}}`, which `variables` does not declare; requests to it need `with_base_url`"),
                );
            }
        }
        servers.push(ir::Server {
            url: url.to_string(),
            description: server.description().unwrap_or_default().to_string(),
            variables,
        });
    }
    servers
}

/// The names between braces in a URL template.
fn template_variables(url: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = url;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        names.push(&rest[start + 1..start + length]);
        rest = &rest[start + length + 1..];
    }
    names
}

fn string_list(node: &Node<'_>, key: &str) -> Vec<String> {
    node.get(key)
        .and_then(serde_json::Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(|value| value.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
