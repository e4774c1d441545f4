//! Every `$ref` resolved in one place, with cycle detection: schemas, parameters, responses,
//! request bodies and headers, including references into the interior of another node.

use super::Lowerer;
use super::view::Node;
use crate::diagnostics::{Construct, DiagnosticKind, Pointer};

/// The pointer of the component schema `name`.
pub(crate) fn component_schema_pointer(name: &str) -> Pointer {
    Pointer::root()
        .child("components")
        .child("schemas")
        .child(name)
}

/// The kinds of component a `$ref` may point at, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Schema,
    Parameter,
    Response,
    RequestBody,
    SecurityScheme,
}

impl Target {
    /// The `components` section that holds this kind.
    fn section(self) -> &'static str {
        match self {
            Target::Schema => "schemas",
            Target::Parameter => "parameters",
            Target::Response => "responses",
            Target::RequestBody => "requestBodies",
            Target::SecurityScheme => "securitySchemes",
        }
    }

    /// The name of the kind, for messages.
    fn noun(self) -> &'static str {
        match self {
            Target::Schema => "a schema",
            Target::Parameter => "a parameter",
            Target::Response => "a response",
            Target::RequestBody => "a request body",
            Target::SecurityScheme => "a security scheme",
        }
    }
}

impl<'a> Lowerer<'a> {
    /// The node a local `$ref` written at `at` points at.
    ///
    /// A reference to another document is reported as unsupported; a local one that leads nowhere
    /// as unresolved.
    pub(crate) fn resolve_reference(&mut self, reference: &str, at: &Pointer) -> Option<Node<'a>> {
        if !reference.starts_with('#') {
            self.report(
                at,
                DiagnosticKind::Unsupported(Construct::ExternalReference),
                format!("`$ref` to another document (`{reference}`); bundle the document into one file first"),
            );
            return None;
        }
        let Some(pointer) = Pointer::from_reference(reference) else {
            self.report(
                at,
                DiagnosticKind::UnresolvedReference,
                format!("`$ref` `{reference}` is not a JSON pointer"),
            );
            return None;
        };
        // The root is the OpenAPI object itself, which no `$ref` in OpenAPI 3.0 may name: taking it
        // for a schema or a request body would report its problems at `#`, far from the `$ref`.
        if pointer == Pointer::root() {
            self.report(
                at,
                DiagnosticKind::UnresolvedReference,
                format!(
                    "`$ref` `{reference}` names the whole document, not a component or a node in it"
                ),
            );
            return None;
        }
        match pointer.resolve(&self.spec.raw) {
            Some(value) => Some(Node::new(pointer, value)),
            None => {
                self.report(
                    at,
                    DiagnosticKind::UnresolvedReference,
                    format!("`$ref` `{reference}` does not exist"),
                );
                None
            }
        }
    }

    /// Follows `$ref`s from `node` until a node that is not a reference.
    ///
    /// `target` is what the chain must lead to: a reference into the wrong `components` section
    /// (a request body written as `$ref: '#/components/schemas/X'`) is an error, never silently
    /// taken for something else. A chain that comes back on itself is a reference cycle.
    pub(crate) fn follow(&mut self, node: Node<'a>, target: Target) -> Option<Node<'a>> {
        let start = node.pointer.clone();
        let mut chain: Vec<Pointer> = Vec::new();
        let mut current = node;
        while let Some(reference) = current.reference() {
            if chain.contains(&current.pointer) {
                let names: Vec<&str> = chain.iter().map(Pointer::as_str).collect();
                self.report(
                    &start,
                    DiagnosticKind::ReferenceCycle,
                    format!(
                        "`$ref`s form a cycle with nothing in between: {}",
                        names.join(" -> ")
                    ),
                );
                return None;
            }
            chain.push(current.pointer.clone());
            let next = self.resolve_reference(reference, &current.pointer)?;
            if let Some(section) = components_section(&next.pointer)
                && section != target.section()
            {
                self.report(
                    &current.pointer,
                    DiagnosticKind::UnresolvedReference,
                    format!(
                        "`$ref` `{reference}` must point at {} (into `#/components/{}`), not into `#/components/{section}`",
                        target.noun(),
                        target.section()
                    ),
                );
                return None;
            }
            current = next;
        }
        if !(current.value.is_object() || (target == Target::Schema && current.value.is_boolean()))
        {
            self.report(
                &start,
                DiagnosticKind::Shape,
                format!("expected {} object", target.noun()),
            );
            return None;
        }
        Some(current)
    }

    /// Resolves a schema `$ref` to the node it names without following further: a reference to a
    /// component schema stays that component, so that it becomes a use of that component's model.
    pub(crate) fn schema_reference(&mut self, reference: &str, at: &Pointer) -> Option<Node<'a>> {
        let node = self.resolve_reference(reference, at)?;
        if let Some(section) = components_section(&node.pointer)
            && section != "schemas"
        {
            self.report(
                at,
                DiagnosticKind::UnresolvedReference,
                format!(
                    "`$ref` `{reference}` must point at a schema, not into `#/components/{section}`"
                ),
            );
            return None;
        }
        Some(node)
    }
}

/// The `components` section a pointer lies in, if it lies in one.
fn components_section(pointer: &Pointer) -> Option<String> {
    let mut segments = pointer.segments();
    match (segments.next().as_deref(), segments.next()) {
        (Some("components"), Some(section)) => Some(section),
        _ => None,
    }
}

/// The name of the component schema a pointer designates, when it designates one exactly.
pub(crate) fn component_schema_name(pointer: &Pointer) -> Option<String> {
    let segments: Vec<String> = pointer.segments().collect();
    match segments.as_slice() {
        [components, schemas, name] if components == "components" && schemas == "schemas" => {
            Some(name.clone())
        }
        _ => None,
    }
}
