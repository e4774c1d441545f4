//! Named models: the drafts the schema passes build, and how a named schema becomes one (struct,
//! string or integer enum, union or alias).

use serde_json::Value;

use super::Lowerer;
use super::docs::optional_doc_lines;
use super::types::Classified;
use super::view::Node;
use crate::diagnostics::{DiagnosticKind, Pointer};
use crate::ir::{self, Type};
use crate::naming;

/// A model before the graph pass has boxed its recursive fields and decided its derives.
#[derive(Clone, Debug)]
pub(crate) enum ModelDraft {
    Struct(StructDraft),
    Enum(ir::EnumModel),
    Union(UnionDraft),
    Alias(AliasDraft),
}

impl ModelDraft {
    /// Where the model was defined, for reports.
    pub(crate) fn pointer(&self) -> Option<&Pointer> {
        match self {
            ModelDraft::Struct(draft) => Some(&draft.pointer),
            ModelDraft::Union(draft) => Some(&draft.pointer),
            ModelDraft::Alias(draft) => Some(&draft.pointer),
            ModelDraft::Enum(_) => None,
        }
    }
}

/// A struct before boxing.
#[derive(Clone, Debug)]
pub(crate) struct StructDraft {
    pub(crate) rust_name: String,
    pub(crate) pointer: Pointer,
    pub(crate) docs: Vec<String>,
    pub(crate) deprecated: Option<String>,
    pub(crate) fields: Vec<FieldDraft>,
    pub(crate) additional_properties: Option<Type>,
    /// Whether this is the form struct of a `multipart/form-data` body.
    pub(crate) is_form: bool,
}

/// A struct field before boxing.
#[derive(Clone, Debug)]
pub(crate) struct FieldDraft {
    pub(crate) rust_name: String,
    pub(crate) wire_name: String,
    pub(crate) docs: Vec<String>,
    pub(crate) ty: Type,
    pub(crate) required: bool,
    pub(crate) nullable: bool,
    pub(crate) deprecated: Option<String>,
}

/// A union before its derives are decided.
#[derive(Clone, Debug)]
pub(crate) struct UnionDraft {
    pub(crate) rust_name: String,
    pub(crate) pointer: Pointer,
    pub(crate) docs: Vec<String>,
    pub(crate) deprecated: Option<String>,
    pub(crate) variants: Vec<ir::UnionVariant>,
    pub(crate) tag: Option<String>,
}

/// An alias before the graph pass decides whether it must be a newtype.
#[derive(Clone, Debug)]
pub(crate) struct AliasDraft {
    pub(crate) rust_name: String,
    pub(crate) pointer: Pointer,
    pub(crate) docs: Vec<String>,
    pub(crate) target: Type,
}

impl<'a> Lowerer<'a> {
    /// Lowers a schema that has a name of its own (a component, or an inline schema named after its
    /// parent) into a model draft.
    pub(crate) fn lower_named(&mut self, rust_name: &str, node: &Node<'a>) {
        self.models_by_pointer
            .insert(node.pointer.as_str().to_string(), rust_name.to_string());
        let docs = schema_docs(node);
        if let Some(reference) = node.reference() {
            // `A: {$ref: B}` is `pub type A = B`, unless the chain leads back to A.
            if self
                .follow(node.clone(), super::refs::Target::Schema)
                .is_none()
            {
                return;
            }
            let Some(target) = self.schema_reference(reference, &node.pointer) else {
                return;
            };
            let Some(typed) = self.type_of_target(&target, rust_name) else {
                return;
            };
            self.insert_alias(rust_name, node, docs, typed.ty);
            return;
        }
        match self.classify(node) {
            Classified::Enum(kind) => self.lower_enum(rust_name, node, docs, kind),
            Classified::Object | Classified::Composition => {
                self.lower_composition(rust_name, node, docs)
            }
            Classified::Union(members) => self.lower_union(rust_name, node, docs, members),
            Classified::Single(member) => {
                let nullable = node.nullable();
                if let Some(mut typed) = self.type_of(&member, rust_name) {
                    typed.nullable |= nullable;
                    if typed.ty == Type::model(rust_name) {
                        self.report(
                            &node.pointer,
                            DiagnosticKind::ReferenceCycle,
                            format!(
                                "`{}` is defined as itself, with no object in between",
                                node.pointer.last_segment()
                            ),
                        );
                        return;
                    }
                    self.insert_alias(rust_name, node, docs, typed.ty);
                }
            }
            Classified::Plain => {
                if let Some(typed) = self.type_of_plain(node, rust_name) {
                    self.insert_alias(rust_name, node, docs, typed.ty);
                }
            }
        }
    }

    fn insert_alias(&mut self, rust_name: &str, node: &Node<'a>, docs: Vec<String>, target: Type) {
        let draft = AliasDraft {
            rust_name: rust_name.to_string(),
            pointer: node.pointer.clone(),
            docs,
            target,
        };
        self.models
            .insert(rust_name.to_string(), ModelDraft::Alias(draft));
    }

    /// Inserts a struct draft.
    pub(crate) fn insert_struct(&mut self, draft: StructDraft) {
        self.models
            .insert(draft.rust_name.clone(), ModelDraft::Struct(draft));
    }

    /// Inserts a union draft.
    pub(crate) fn insert_union(&mut self, draft: UnionDraft) {
        self.models
            .insert(draft.rust_name.clone(), ModelDraft::Union(draft));
    }

    /// Lowers a string or integer enum.
    fn lower_enum(
        &mut self,
        rust_name: &str,
        node: &Node<'a>,
        docs: Vec<String>,
        kind: ir::EnumValueKind,
    ) {
        let values: Vec<ir::EnumValue> = node
            .enumeration()
            .into_iter()
            .flatten()
            .filter_map(|value| match (kind, value) {
                (ir::EnumValueKind::String, Value::String(text)) => {
                    Some(ir::EnumValue::String(text.clone()))
                }
                (ir::EnumValueKind::Integer, Value::Number(number)) => {
                    number.as_i64().map(ir::EnumValue::Integer)
                }
                _ => None,
            })
            .collect();
        let mut seen = Vec::new();
        let values: Vec<ir::EnumValue> = values
            .into_iter()
            .filter(|value| {
                let fresh = !seen.contains(value);
                seen.push(value.clone());
                fresh
            })
            .collect();
        let explicit = self.enum_variant_names(node, values.len());
        let wire: Vec<String> = values
            .iter()
            .map(|value| match value {
                ir::EnumValue::String(text) => text.clone(),
                ir::EnumValue::Integer(number) => number.to_string(),
            })
            .collect();
        let names = naming::enum_variant_names(&wire, explicit.as_deref());
        let variants = values
            .into_iter()
            .zip(names)
            .map(|(value, rust_name)| ir::EnumVariant { rust_name, value })
            .collect();
        let model = ir::EnumModel {
            rust_name: rust_name.to_string(),
            module_name: naming::module_name(rust_name),
            docs,
            deprecated: node.deprecation(),
            value_kind: kind,
            variants,
        };
        self.models
            .insert(rust_name.to_string(), ModelDraft::Enum(model));
    }

    /// The variant names of `x-enum-varnames` (the extension Datadog's documents use to name values
    /// such as `-name` and `name` apart), when present and one per value.
    fn enum_variant_names(&mut self, node: &Node<'a>, value_count: usize) -> Option<Vec<String>> {
        let names = node.extension("x-enum-varnames")?;
        let names: Option<Vec<String>> = names.as_array().map(|names| {
            names
                .iter()
                .filter_map(|name| name.as_str().map(str::to_string))
                .collect()
        });
        match names {
            Some(names) if names.len() == value_count => Some(names),
            _ => {
                self.warn(
                    &node.pointer.child("x-enum-varnames"),
                    DiagnosticKind::Inconsistent,
                    format!("x-enum-varnames must list one string per enum value ({value_count}); the variants are named after the values instead"),
                );
                None
            }
        }
    }
}

/// The doc lines of a schema: its title and its description.
pub(crate) fn schema_docs(node: &Node<'_>) -> Vec<String> {
    let mut docs = optional_doc_lines(node.description());
    if docs.is_empty()
        && let Some(title) = node.str("title")
    {
        docs = optional_doc_lines(Some(title));
    }
    docs
}
