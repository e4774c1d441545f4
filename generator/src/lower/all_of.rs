//! `allOf` merging and properties mixed with composition.
//!
//! An object is the merge of its own properties and those of every `allOf` member, followed
//! through `$ref`s and nested `allOf`s: the first definition of a property wins, and the required
//! lists are united. A `oneOf` or `anyOf` beside properties (or inside an `allOf`) is distributed:
//! `base ∧ (A ∨ B)` becomes the union `(base ∧ A) ∨ (base ∧ B)`, each member a merged struct.
//! Members that only add constraints (`required` lists, annotations) do not split the type.

use std::collections::BTreeSet;

use super::Lowerer;
use super::models::{FieldDraft, StructDraft};
use super::refs::Target;
use super::types::is_annotation_only;
use super::view::{Additional, Node};
use crate::diagnostics::{DiagnosticKind, Pointer};
use crate::ir::Type;
use crate::naming;

/// The most members distributing unions over a base may create; beyond it the value is kept as JSON.
const MAX_DISTRIBUTED_MEMBERS: usize = 32;

/// The object parts of a schema after merging its `allOf` members.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parts<'a> {
    /// Properties by wire name, in the order they are first defined.
    pub(crate) properties: Vec<(&'a str, Node<'a>)>,
    /// The wire names that are required.
    pub(crate) required: BTreeSet<&'a str>,
    /// The schema of unlisted properties, when one is given.
    pub(crate) additional: Option<Node<'a>>,
    /// The `oneOf`/`anyOf` groups met along the way, each a list of members.
    pub(crate) unions: Vec<Vec<Node<'a>>>,
    /// Members that are neither objects nor unions (a primitive or an enum), by pointer.
    pub(crate) non_objects: Vec<Node<'a>>,
}

impl Parts<'_> {
    /// Whether the parts describe an object.
    pub(crate) fn has_object_content(&self) -> bool {
        !self.properties.is_empty() || self.additional.is_some()
    }
}

impl<'a> Lowerer<'a> {
    /// Gathers the object parts of `node`, following `$ref`s and `allOf`s.
    ///
    /// Returns `false` after reporting a cycle (an `allOf` that includes itself).
    pub(crate) fn collect_parts(
        &mut self,
        node: &Node<'a>,
        parts: &mut Parts<'a>,
        visiting: &mut Vec<Pointer>,
    ) -> bool {
        let Some(node) = (if node.reference().is_some() {
            self.follow(node.clone(), Target::Schema)
        } else {
            Some(node.clone())
        }) else {
            return false;
        };
        if visiting.contains(&node.pointer) {
            let chain: Vec<&str> = visiting.iter().map(Pointer::as_str).collect();
            self.report(
                &node.pointer,
                DiagnosticKind::ReferenceCycle,
                format!(
                    "`allOf` includes itself: {} -> {}",
                    chain.join(" -> "),
                    node.pointer
                ),
            );
            return false;
        }
        visiting.push(node.pointer.clone());
        for (name, property) in node.properties() {
            if !parts
                .properties
                .iter()
                .any(|(existing, _)| *existing == name)
            {
                parts.properties.push((name, property));
            }
        }
        parts.required.extend(node.required());
        if let Additional::Schema(schema) = node.additional_properties()
            && parts.additional.is_none()
        {
            parts.additional = Some(schema);
        }
        let mut ok = true;
        for member in node.items("allOf") {
            ok &= self.collect_parts(&member, parts, visiting);
        }
        for key in ["oneOf", "anyOf"] {
            let members: Vec<Node<'a>> = node.items(key);
            if !members.is_empty() {
                parts.unions.push(members);
            }
        }
        let is_object_like = node.has_properties()
            || node.schema_type() == Some("object")
            || node.has_composition()
            || node.get("required").is_some()
            || is_annotation_only(&node);
        if !is_object_like {
            parts.non_objects.push(node.clone());
        }
        visiting.pop();
        ok
    }

    /// Lowers an object or a composition into a struct, or into a union of merged structs.
    pub(crate) fn lower_composition(
        &mut self,
        rust_name: &str,
        node: &Node<'a>,
        docs: Vec<String>,
    ) {
        let mut parts = Parts::default();
        if !self.collect_parts(node, &mut parts, &mut Vec::new()) {
            return;
        }
        // Union members that add no properties only constrain which properties are present.
        let groups: Vec<Vec<Node<'a>>> = std::mem::take(&mut parts.unions)
            .into_iter()
            .filter(|members| members.iter().any(|member| self.adds_type(member)))
            .collect();
        if groups.is_empty() {
            if !parts.has_object_content() && parts.non_objects.len() == 1 {
                // `allOf: [<an enum or primitive>, {description: ...}]`.
                let member = parts.non_objects[0].clone();
                if let Some(typed) = self.type_of(&member, rust_name) {
                    self.insert_alias_draft(rust_name, node, docs, typed.ty);
                }
                return;
            }
            let draft = self.struct_from_parts(rust_name, node, docs, &parts);
            self.insert_struct(draft);
            return;
        }
        if !parts.has_object_content() && groups.len() == 1 {
            let members = groups.into_iter().next().unwrap_or_default();
            self.lower_union(rust_name, node, docs, members);
            return;
        }
        self.lower_distributed(rust_name, node, docs, parts, groups);
    }

    /// Whether a union member says something about the type, rather than only listing required
    /// properties or annotating.
    fn adds_type(&mut self, member: &Node<'a>) -> bool {
        if member.reference().is_some() {
            return true;
        }
        let constraint_only = member.object().is_some_and(|object| {
            object.keys().all(|key| {
                matches!(
                    key.as_str(),
                    "required"
                        | "description"
                        | "title"
                        | "not"
                        | "minProperties"
                        | "maxProperties"
                )
            })
        });
        !constraint_only
    }

    /// Builds a struct draft from merged parts.
    pub(crate) fn struct_from_parts(
        &mut self,
        rust_name: &str,
        node: &Node<'a>,
        docs: Vec<String>,
        parts: &Parts<'a>,
    ) -> StructDraft {
        let mut fields = Vec::new();
        let mut taken: Vec<String> = vec!["additional_properties".to_string()];
        for (wire_name, property) in &parts.properties {
            let hint = self
                .hint_for_pointer(&property.pointer)
                .unwrap_or_else(|| naming::nested_type_name(rust_name, wire_name));
            let Some(typed) = self.type_of(property, &hint) else {
                continue;
            };
            let field_name = naming::unique(naming::field_name(wire_name), &taken);
            taken.push(field_name.clone());
            let docs = self.property_docs(property);
            fields.push(FieldDraft {
                rust_name: field_name,
                wire_name: wire_name.to_string(),
                docs,
                ty: typed.ty,
                required: parts.required.contains(wire_name),
                nullable: typed.nullable,
                deprecated: property.deprecation(),
            });
        }
        let additional_properties = match &parts.additional {
            Some(schema) => self
                .type_of(schema, &naming::value_type_name(rust_name))
                .map(|typed| typed.into_nested()),
            None => None,
        };
        for name in &parts.required {
            if !parts
                .properties
                .iter()
                .any(|(wire_name, _)| wire_name == name)
                && parts.additional.is_none()
            {
                self.warn(
                    &node.pointer.child("required"),
                    DiagnosticKind::Inconsistent,
                    format!("required property `{name}` is not among the properties; it is not a field of `{rust_name}`"),
                );
            }
        }
        StructDraft {
            rust_name: rust_name.to_string(),
            pointer: node.pointer.clone(),
            docs,
            deprecated: node.deprecation(),
            fields,
            additional_properties,
            is_form: false,
        }
    }

    /// The docs of a property: its own description, or the description of the schema it refers to.
    fn property_docs(&mut self, property: &Node<'a>) -> Vec<String> {
        let own = super::models::schema_docs(property);
        if !own.is_empty() || property.reference().is_none() {
            return own;
        }
        let Some(reference) = property.reference() else {
            return own;
        };
        let Some(pointer) = Pointer::from_reference(reference) else {
            return own;
        };
        pointer
            .resolve(&self.spec.raw)
            .map(|value| super::models::schema_docs(&Node::new(pointer.clone(), value)))
            .unwrap_or_default()
    }

    /// Distributes the union groups over the base parts: one merged struct per combination.
    fn lower_distributed(
        &mut self,
        rust_name: &str,
        node: &Node<'a>,
        docs: Vec<String>,
        base: Parts<'a>,
        groups: Vec<Vec<Node<'a>>>,
    ) {
        let mut combinations: Vec<Vec<Node<'a>>> = vec![Vec::new()];
        for group in &groups {
            let mut next = Vec::new();
            for combination in &combinations {
                for member in group {
                    let mut extended = combination.clone();
                    extended.push(member.clone());
                    next.push(extended);
                }
            }
            combinations = next;
            if combinations.len() > MAX_DISTRIBUTED_MEMBERS {
                self.warn(
                    &node.pointer,
                    DiagnosticKind::Inconsistent,
                    format!(
                        "distributing its unions over its properties would make more than {MAX_DISTRIBUTED_MEMBERS} types; `{rust_name}` is kept as JSON"
                    ),
                );
                self.insert_alias_draft(rust_name, node, docs, Type::Json);
                return;
            }
        }
        let mut members = Vec::new();
        for (index, combination) in combinations.iter().enumerate() {
            let mut parts = base.clone();
            let mut ok = true;
            for member in combination {
                ok &= self.collect_parts(member, &mut parts, &mut vec![node.pointer.clone()]);
            }
            if !ok {
                return;
            }
            parts.unions.clear();
            let member_name = match combination.as_slice() {
                [single] => single
                    .reference()
                    .and_then(Pointer::from_reference)
                    .and_then(|pointer| super::refs::component_schema_name(&pointer))
                    .and_then(|name| self.component_names.get(&name).cloned())
                    .map(|component| format!("{rust_name}{component}")),
                _ => None,
            }
            .unwrap_or_else(|| naming::member_type_name(rust_name, index));
            let member_pointer = combination
                .first()
                .map_or_else(|| node.pointer.clone(), |member| member.pointer.clone());
            let name = self.claim_type_name(&member_name, &member_pointer);
            let member_docs = combination
                .first()
                .map(super::models::schema_docs)
                .unwrap_or_default();
            let draft = self.struct_from_parts(
                &name,
                &Node::new(member_pointer.clone(), node.value),
                member_docs,
                &parts,
            );
            self.insert_struct(draft);
            members.push((name, parts));
        }
        self.insert_union_of_structs(rust_name, node, docs, members);
    }

    /// Inserts an alias draft (for compositions that turn out to be another type).
    pub(crate) fn insert_alias_draft(
        &mut self,
        rust_name: &str,
        node: &Node<'a>,
        docs: Vec<String>,
        target: Type,
    ) {
        let draft = super::models::AliasDraft {
            rust_name: rust_name.to_string(),
            pointer: node.pointer.clone(),
            docs,
            target,
        };
        self.models.insert(
            rust_name.to_string(),
            super::models::ModelDraft::Alias(draft),
        );
    }
}
