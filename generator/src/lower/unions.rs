//! `oneOf` and `anyOf`: one variant per member, and the tag property that selects a member when
//! the members have one.
//!
//! The tag is the discriminator's `propertyName` when the schema has one (with its `mapping`, or
//! each member's schema name), otherwise a property that every member requires with a single
//! allowed string value, all values distinct (`type` preferred). Without a tag, members are tried
//! in order. An `anyOf` decodes like a `oneOf`: into the first member that fits.

use std::collections::BTreeMap;

use super::Lowerer;
use super::all_of::Parts;
use super::models::UnionDraft;
use super::view::Node;
use crate::diagnostics::Pointer;
use crate::ir::{self, Type};
use crate::naming;

impl<'a> Lowerer<'a> {
    /// Lowers a union of the given members.
    pub(crate) fn lower_union(
        &mut self,
        rust_name: &str,
        node: &Node<'a>,
        docs: Vec<String>,
        members: Vec<Node<'a>>,
    ) {
        let mut variants: Vec<ir::UnionVariant> = Vec::new();
        let mut member_parts = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let hint = self
                .hint_for_pointer(&member.pointer)
                .unwrap_or_else(|| naming::member_type_name(rust_name, index));
            let Some(typed) = self.type_of(member, &hint) else {
                continue;
            };
            let ty = typed.into_nested();
            if variants.iter().any(|variant| variant.ty == ty) {
                continue;
            }
            let mut parts = Parts::default();
            self.collect_parts(member, &mut parts, &mut vec![node.pointer.clone()]);
            member_parts.push((member.clone(), parts));
            variants.push(ir::UnionVariant {
                rust_name: String::new(),
                boxed: matches!(ty, Type::Model { .. }),
                ty,
                tag_value: None,
            });
        }
        name_variants(&mut variants);
        let tag = self.find_tag(node, &mut variants, &member_parts);
        self.insert_union(UnionDraft {
            rust_name: rust_name.to_string(),
            pointer: node.pointer.clone(),
            docs,
            deprecated: node.deprecation(),
            variants,
            tag,
        });
    }

    /// Inserts a union whose members are the merged structs a distribution made.
    pub(crate) fn insert_union_of_structs(
        &mut self,
        rust_name: &str,
        node: &Node<'a>,
        docs: Vec<String>,
        members: Vec<(String, Parts<'a>)>,
    ) {
        let mut variants: Vec<ir::UnionVariant> = members
            .iter()
            .map(|(name, _)| ir::UnionVariant {
                rust_name: String::new(),
                ty: Type::model(name.clone()),
                boxed: true,
                tag_value: None,
            })
            .collect();
        name_variants(&mut variants);
        let member_parts: Vec<(Node<'a>, Parts<'a>)> = members
            .into_iter()
            .map(|(_, parts)| (node.clone(), parts))
            .collect();
        let tag = self.find_tag(node, &mut variants, &member_parts);
        self.insert_union(UnionDraft {
            rust_name: rust_name.to_string(),
            pointer: node.pointer.clone(),
            docs,
            deprecated: node.deprecation(),
            variants,
            tag,
        });
    }

    /// Finds the tag property and sets each variant's tag value; `None` leaves the union untagged.
    fn find_tag(
        &mut self,
        node: &Node<'a>,
        variants: &mut [ir::UnionVariant],
        members: &[(Node<'a>, Parts<'a>)],
    ) -> Option<String> {
        if variants.is_empty()
            || variants.len() != members.len()
            || variants.iter().any(|variant| !variant.boxed)
        {
            return None;
        }
        let single_values: Vec<BTreeMap<&str, String>> = members
            .iter()
            .map(|(_, parts)| self.single_valued_properties(parts))
            .collect();
        let discriminator = node.child("discriminator");
        let candidates: Vec<String> = match discriminator
            .as_ref()
            .and_then(|discriminator| discriminator.str("propertyName"))
        {
            Some(property) => vec![property.to_string()],
            None => {
                let mut names: Vec<String> = single_values
                    .first()
                    .map(|first| first.keys().map(|key| key.to_string()).collect())
                    .unwrap_or_default();
                names.sort_by_key(|name| (name != "type", name.clone()));
                names
            }
        };
        let mapping: Vec<(String, String)> = discriminator
            .as_ref()
            .map(|discriminator| {
                discriminator
                    .entries("mapping")
                    .into_iter()
                    .filter_map(|(value, target)| {
                        target
                            .value
                            .as_str()
                            .map(|target| (value.to_string(), target.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        'candidates: for property in candidates {
            let mut values = Vec::new();
            for ((member, _), singles) in members.iter().zip(&single_values) {
                let from_mapping = member.reference().and_then(|reference| {
                    mapping
                        .iter()
                        .find(|(_, target)| {
                            target == reference || reference.ends_with(&format!("/{target}"))
                        })
                        .map(|(value, _)| value.clone())
                });
                let implicit = || {
                    discriminator.as_ref()?;
                    let pointer = Pointer::from_reference(member.reference()?)?;
                    super::refs::component_schema_name(&pointer)
                };
                let Some(value) = from_mapping
                    .or_else(|| singles.get(property.as_str()).cloned())
                    .or_else(implicit)
                else {
                    continue 'candidates;
                };
                if values.contains(&value) {
                    continue 'candidates;
                }
                values.push(value);
            }
            for (variant, value) in variants.iter_mut().zip(values) {
                variant.tag_value = Some(value);
            }
            return Some(property);
        }
        None
    }

    /// The properties of merged parts that allow exactly one string value, with that value: the
    /// candidates for a union tag. A property qualifies when it is required, or when it is the only
    /// way the member can be told apart (a single-valued enum).
    fn single_valued_properties(&mut self, parts: &Parts<'a>) -> BTreeMap<&'a str, String> {
        let mut singles = BTreeMap::new();
        for (name, property) in &parts.properties {
            if !parts.required.contains(name) {
                continue;
            }
            let Some(schema) = self.peek_through(property) else {
                continue;
            };
            let values = schema.enumeration().map(|values| {
                values
                    .iter()
                    .filter(|value| !value.is_null())
                    .collect::<Vec<_>>()
            });
            if let Some([serde_json::Value::String(value)]) = values.as_deref() {
                singles.insert(*name, value.clone());
            }
        }
        singles
    }

    /// Follows `$ref`s without reporting anything: for looking at a schema that is lowered, and
    /// reported on, elsewhere.
    fn peek_through(&self, node: &Node<'a>) -> Option<Node<'a>> {
        let mut current = node.clone();
        for _ in 0..32 {
            let Some(reference) = current.reference() else {
                return Some(current);
            };
            let pointer = Pointer::from_reference(reference)?;
            let value = pointer.resolve(&self.spec.raw)?;
            current = Node::new(pointer, value);
        }
        None
    }
}

/// Names the variants after their types, making every name distinct and distinct from the
/// catch-all `UnparsedObject`.
fn name_variants(variants: &mut [ir::UnionVariant]) {
    let mut taken: Vec<String> = vec!["UnparsedObject".to_string()];
    for variant in variants.iter_mut() {
        let name = naming::unique(variant_name(&variant.ty), &taken);
        taken.push(name.clone());
        variant.rust_name = name;
    }
}

/// The variant name of a member: the model's name, or a name for an inline type.
fn variant_name(ty: &Type) -> String {
    match ty {
        Type::Model { name } => name.clone(),
        Type::String => "String".to_string(),
        Type::Integer { .. } => "Integer".to_string(),
        Type::Number { .. } => "Number".to_string(),
        Type::Boolean => "Boolean".to_string(),
        Type::Uuid => "Uuid".to_string(),
        Type::DateTime => "DateTime".to_string(),
        Type::Date => "Date".to_string(),
        Type::Secret => "Secret".to_string(),
        Type::Bytes => "Bytes".to_string(),
        Type::File => "File".to_string(),
        Type::Json => "Value".to_string(),
        Type::List { item } => format!("{}List", variant_name(item)),
        Type::Map { value } => format!("{}Map", variant_name(value)),
        Type::Nullable { inner } => variant_name(inner),
    }
}
