//! The last pass over the models: recursion (boxed fields, newtypes for recursive aliases, cycles
//! of aliases), `Eq` and `Default` derivability, duplicate union members, imports, and which
//! features compile each model.

use std::collections::{BTreeMap, BTreeSet};

use super::models::{AliasDraft, ModelDraft, StructDraft, UnionDraft};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::ir::{self, Type};
use crate::naming;

/// The feature that compiles models no operation reaches.
pub(crate) const UNREFERENCED_MODELS_FEATURE: &str = "unreferenced-models";

/// The finished models, with the features that compile each.
pub(crate) struct FinishedModels {
    pub(crate) models: Vec<ir::Model>,
    pub(crate) groups: Vec<ir::ModelGroup>,
    features: BTreeMap<String, Vec<String>>,
}

impl FinishedModels {
    /// The features any of which compiles the model `name`.
    pub(crate) fn features_of(&self, name: &str) -> Vec<String> {
        self.features.get(name).cloned().unwrap_or_default()
    }
}

/// Finishes the drafts; problems (cycles of aliases) are added to `diagnostics`.
pub(crate) fn finish_models(
    mut drafts: BTreeMap<String, ModelDraft>,
    apis: &[ir::Api],
    diagnostics: &mut Vec<Diagnostic>,
) -> FinishedModels {
    let newtypes = recursive_aliases(&drafts, diagnostics);
    remove_duplicate_variants(&mut drafts);
    let boxed = boxed_fields(&drafts);
    let not_eq = models_without_eq(&drafts);
    let features = model_features(&drafts, apis);
    let mut models = Vec::with_capacity(drafts.len());
    for (name, draft) in drafts {
        let model = match draft {
            ModelDraft::Struct(draft) => ir::Model::Struct(finish_struct(draft, &boxed, &not_eq)),
            ModelDraft::Enum(model) => ir::Model::Enum(model),
            ModelDraft::Union(draft) => ir::Model::Union(finish_union(draft)),
            ModelDraft::Alias(draft) => ir::Model::Alias(finish_alias(
                draft,
                newtypes.contains(&name),
                !not_eq.contains(&name),
            )),
        };
        models.push(model);
    }
    let mut by_features: BTreeMap<Vec<String>, Vec<(String, String)>> = BTreeMap::new();
    for model in &models {
        let features = features.get(model.rust_name()).cloned().unwrap_or_default();
        by_features.entry(features).or_default().push((
            model.module_name().to_string(),
            model.rust_name().to_string(),
        ));
    }
    let groups = by_features
        .into_iter()
        .map(|(features, models)| ir::ModelGroup { features, models })
        .collect();
    FinishedModels {
        models,
        groups,
        features,
    }
}

/// The models a type names directly (not through a list or a map), and all it names.
fn edges(ty: &Type, direct: &mut BTreeSet<String>, all: &mut BTreeSet<String>, is_direct: bool) {
    match ty {
        Type::Model { name } => {
            all.insert(name.clone());
            if is_direct {
                direct.insert(name.clone());
            }
        }
        Type::Nullable { inner } => edges(inner, direct, all, is_direct),
        Type::List { item } => edges(item, direct, all, false),
        Type::Map { value } => edges(value, direct, all, false),
        _ => {}
    }
}

/// Aliases that take part in a cycle of aliases: through a list or a map they become newtypes
/// (`pub struct A(pub Vec<A>)`, since a type alias cannot name itself); with nothing in between
/// they are an error.
fn recursive_aliases(
    drafts: &BTreeMap<String, ModelDraft>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeSet<String> {
    let mut alias_edges: BTreeMap<&str, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for (name, draft) in drafts {
        if let ModelDraft::Alias(alias) = draft {
            let (mut direct, mut all) = (BTreeSet::new(), BTreeSet::new());
            edges(&alias.target, &mut direct, &mut all, true);
            let is_alias =
                |target: &String| matches!(drafts.get(target), Some(ModelDraft::Alias(_)));
            direct.retain(is_alias);
            all.retain(is_alias);
            alias_edges.insert(name.as_str(), (direct, all));
        }
    }
    let graph: BTreeMap<&str, Vec<&str>> = alias_edges
        .iter()
        .map(|(name, (_, all))| (*name, all.iter().map(String::as_str).collect()))
        .collect();
    let mut newtypes = BTreeSet::new();
    for component in strongly_connected(&graph) {
        let cyclic = component.len() > 1
            || graph
                .get(component[0])
                .is_some_and(|targets| targets.contains(&component[0]));
        if !cyclic {
            continue;
        }
        let members: BTreeSet<&str> = component.iter().copied().collect();
        let direct_only = component.iter().all(|name| {
            let (direct, all) = &alias_edges[name];
            all.iter()
                .filter(|target| members.contains(target.as_str()))
                .all(|target| direct.contains(target))
        });
        if direct_only {
            let pointers: Vec<String> = component
                .iter()
                .filter_map(|name| {
                    drafts
                        .get(*name)
                        .and_then(ModelDraft::pointer)
                        .map(|pointer| pointer.to_string())
                })
                .collect();
            let first = pointers.first().cloned().unwrap_or_else(|| "#".to_string());
            diagnostics.push(Diagnostic::new(
                first,
                DiagnosticKind::ReferenceCycle,
                format!(
                    "these schemas are defined as each other, with no object in between: {}",
                    pointers.join(", ")
                ),
            ));
        } else {
            newtypes.extend(component.iter().map(|name| name.to_string()));
        }
    }
    newtypes
}

/// Drops union members whose type, seen through aliases, is the same as an earlier member's: the
/// later one could never be decoded, and both would need the same `From` impl.
fn remove_duplicate_variants(drafts: &mut BTreeMap<String, ModelDraft>) {
    let aliases: BTreeMap<String, Type> = drafts
        .iter()
        .filter_map(|(name, draft)| match draft {
            ModelDraft::Alias(alias) => Some((name.clone(), alias.target.clone())),
            _ => None,
        })
        .collect();
    for draft in drafts.values_mut() {
        if let ModelDraft::Union(union) = draft {
            let mut seen: Vec<Type> = Vec::new();
            union.variants.retain(|variant| {
                let canonical = canonical_type(&variant.ty, &aliases);
                let fresh = !seen.contains(&canonical);
                seen.push(canonical);
                fresh
            });
        }
    }
}

/// A type with every alias replaced by what it stands for (stopping at cycles).
fn canonical_type(ty: &Type, aliases: &BTreeMap<String, Type>) -> Type {
    let mut current = ty.clone();
    let mut seen = BTreeSet::new();
    while let Type::Model { name } = &current {
        let Some(target) = aliases.get(name) else {
            break;
        };
        if !seen.insert(name.clone()) {
            break;
        }
        current = target.clone();
    }
    match current {
        Type::List { item } => Type::list(canonical_type(&item, aliases)),
        Type::Map { value } => Type::map(canonical_type(&value, aliases)),
        Type::Nullable { inner } => Type::nullable(canonical_type(&inner, aliases)),
        other => other,
    }
}

/// The struct fields, as `(struct, field)`, that must be boxed: those whose type contains the
/// struct again by direct containment.
fn boxed_fields(drafts: &BTreeMap<String, ModelDraft>) -> BTreeSet<(String, String)> {
    let mut direct: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (name, draft) in drafts {
        let mut targets = BTreeSet::new();
        let mut all = BTreeSet::new();
        match draft {
            ModelDraft::Struct(draft) => {
                for field in &draft.fields {
                    edges(&field.ty, &mut targets, &mut all, true);
                }
            }
            ModelDraft::Alias(alias) => edges(&alias.target, &mut targets, &mut all, true),
            // Union members are boxed, and enums hold no models.
            ModelDraft::Union(_) | ModelDraft::Enum(_) => {}
        }
        direct.insert(name.as_str(), targets.into_iter().collect());
    }
    let graph: BTreeMap<&str, Vec<&str>> = direct
        .iter()
        .map(|(name, targets)| {
            (
                *name,
                targets
                    .iter()
                    .map(String::as_str)
                    .filter(|target| drafts.contains_key(*target))
                    .collect(),
            )
        })
        .collect();
    let mut component_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, component) in strongly_connected(&graph).into_iter().enumerate() {
        for name in component {
            component_of.insert(name, index);
        }
    }
    let mut boxed = BTreeSet::new();
    for (name, draft) in drafts {
        let ModelDraft::Struct(draft) = draft else {
            continue;
        };
        for field in &draft.fields {
            let (mut targets, mut all) = (BTreeSet::new(), BTreeSet::new());
            edges(&field.ty, &mut targets, &mut all, true);
            let recursive = targets.iter().any(|target| {
                target == name
                    || (component_of.contains_key(target.as_str())
                        && component_of.get(target.as_str()) == component_of.get(name.as_str()))
            });
            if recursive {
                boxed.insert((name.clone(), field.rust_name.clone()));
            }
        }
    }
    boxed
}

/// The models that cannot derive `Eq` (they hold a float or any JSON, or a union's catch-all),
/// found by following types until nothing changes.
fn models_without_eq(drafts: &BTreeMap<String, ModelDraft>) -> BTreeSet<String> {
    fn type_blocks(ty: &Type, blocked: &BTreeSet<String>) -> bool {
        match ty {
            Type::Number { .. } | Type::Json => true,
            Type::Model { name } => blocked.contains(name),
            Type::List { item } => type_blocks(item, blocked),
            Type::Map { value } => type_blocks(value, blocked),
            Type::Nullable { inner } => type_blocks(inner, blocked),
            _ => false,
        }
    }
    let mut blocked: BTreeSet<String> = drafts
        .iter()
        .filter(|(_, draft)| matches!(draft, ModelDraft::Union(_)))
        .map(|(name, _)| name.clone())
        .collect();
    loop {
        let before = blocked.len();
        for (name, draft) in drafts {
            if blocked.contains(name) {
                continue;
            }
            let blocks = match draft {
                ModelDraft::Struct(draft) => {
                    draft
                        .fields
                        .iter()
                        .any(|field| type_blocks(&field.ty, &blocked))
                        || draft
                            .additional_properties
                            .as_ref()
                            .is_some_and(|ty| type_blocks(ty, &blocked))
                }
                ModelDraft::Alias(alias) => type_blocks(&alias.target, &blocked),
                ModelDraft::Union(_) => true,
                ModelDraft::Enum(_) => false,
            };
            if blocks {
                blocked.insert(name.clone());
            }
        }
        if blocked.len() == before {
            return blocked;
        }
    }
}

/// The features that compile each model: the features of the APIs whose operations reach it.
/// Models no operation reaches compile with the `unreferenced-models` feature.
fn model_features(
    drafts: &BTreeMap<String, ModelDraft>,
    apis: &[ir::Api],
) -> BTreeMap<String, Vec<String>> {
    let mut references: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, draft) in drafts {
        let mut named = BTreeSet::new();
        match draft {
            ModelDraft::Struct(draft) => {
                for field in &draft.fields {
                    field.ty.collect_models(&mut named);
                }
                if let Some(ty) = &draft.additional_properties {
                    ty.collect_models(&mut named);
                }
            }
            ModelDraft::Union(draft) => {
                for variant in &draft.variants {
                    variant.ty.collect_models(&mut named);
                }
            }
            ModelDraft::Alias(alias) => alias.target.collect_models(&mut named),
            ModelDraft::Enum(_) => {}
        }
        references.insert(name.as_str(), named);
    }
    let mut features: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for api in apis {
        let mut stack: Vec<String> = operation_models(api).into_iter().collect();
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(named) = references.get(name.as_str()) {
                stack.extend(named.iter().cloned());
            }
        }
        for name in seen {
            features
                .entry(name)
                .or_default()
                .insert(api.feature.clone());
        }
    }
    drafts
        .keys()
        .map(|name| {
            let features = features
                .remove(name)
                .map(|set| set.into_iter().collect())
                .unwrap_or_else(|| vec![UNREFERENCED_MODELS_FEATURE.to_string()]);
            (name.clone(), features)
        })
        .collect()
}

/// Every model an API's operations name in their signatures, responses and pages.
pub(crate) fn operation_models(api: &ir::Api) -> BTreeSet<String> {
    fn success_models(body: &ir::SuccessBody, into: &mut BTreeSet<String>) {
        match body {
            ir::SuccessBody::Json { ty } => ty.collect_models(into),
            ir::SuccessBody::ByStatus { variants, .. } => {
                for variant in variants {
                    success_models(&variant.body, into);
                }
            }
            ir::SuccessBody::Empty | ir::SuccessBody::Text | ir::SuccessBody::Binary => {}
        }
    }
    let mut models = BTreeSet::new();
    for operation in &api.operations {
        for parameter in operation
            .required_parameters
            .iter()
            .chain(&operation.optional_parameters)
        {
            parameter.ty.collect_models(&mut models);
        }
        if let Some(body) = &operation.body {
            body.ty.collect_models(&mut models);
        }
        success_models(&operation.responses.success, &mut models);
        models.extend(
            operation
                .responses
                .errors
                .iter()
                .filter_map(|error| error.model.clone()),
        );
        if let Some(pagination) = &operation.pagination {
            pagination.item_type.collect_models(&mut models);
        }
    }
    models
}

fn finish_struct(
    draft: StructDraft,
    boxed: &BTreeSet<(String, String)>,
    not_eq: &BTreeSet<String>,
) -> ir::StructModel {
    let mut imports = BTreeSet::new();
    let mut taken_setters: Vec<String> = Vec::new();
    let mut fields = Vec::with_capacity(draft.fields.len());
    for field in draft.fields {
        field.ty.collect_models(&mut imports);
        let setter_name = naming::unique(naming::setter_name(&field.rust_name), &taken_setters);
        taken_setters.push(setter_name.clone());
        fields.push(ir::Field {
            boxed: boxed.contains(&(draft.rust_name.clone(), field.rust_name.clone())),
            setter_name,
            rust_name: field.rust_name,
            wire_name: field.wire_name,
            docs: field.docs,
            ty: field.ty,
            required: field.required,
            nullable: field.nullable,
            deprecated: field.deprecated,
        });
    }
    if let Some(ty) = &draft.additional_properties {
        ty.collect_models(&mut imports);
    }
    imports.remove(&draft.rust_name);
    ir::StructModel {
        module_name: naming::module_name(&draft.rust_name),
        derive_eq: !not_eq.contains(&draft.rust_name),
        derive_default: fields.iter().all(|field| !field.required),
        uses_deprecated: fields.iter().any(|field| field.deprecated.is_some()),
        additional_properties: draft.additional_properties,
        additional_properties_field: "additional_properties".to_string(),
        imports: imports.into_iter().collect(),
        is_form: draft.is_form,
        rust_name: draft.rust_name,
        docs: draft.docs,
        deprecated: draft.deprecated,
        fields,
    }
}

fn finish_union(draft: UnionDraft) -> ir::UnionModel {
    let mut imports = BTreeSet::new();
    for variant in &draft.variants {
        variant.ty.collect_models(&mut imports);
    }
    imports.remove(&draft.rust_name);
    ir::UnionModel {
        module_name: naming::module_name(&draft.rust_name),
        imports: imports.into_iter().collect(),
        rust_name: draft.rust_name,
        docs: draft.docs,
        deprecated: draft.deprecated,
        variants: draft.variants,
        tag: draft.tag,
    }
}

fn finish_alias(draft: AliasDraft, newtype: bool, derive_eq: bool) -> ir::AliasModel {
    let mut imports = BTreeSet::new();
    draft.target.collect_models(&mut imports);
    imports.remove(&draft.rust_name);
    ir::AliasModel {
        module_name: naming::module_name(&draft.rust_name),
        imports: imports.into_iter().collect(),
        rust_name: draft.rust_name,
        docs: draft.docs,
        target: draft.target,
        newtype,
        derive_eq,
    }
}

/// The strongly connected components of a graph (Tarjan's algorithm, iterative), each a list of
/// nodes.
fn strongly_connected<'g>(graph: &BTreeMap<&'g str, Vec<&'g str>>) -> Vec<Vec<&'g str>> {
    let mut index_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut low: BTreeMap<&str, usize> = BTreeMap::new();
    let mut on_stack: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut components = Vec::new();
    let mut next_index = 0;
    for &start in graph.keys() {
        if index_of.contains_key(start) {
            continue;
        }
        // Each frame is a node and the position of the next edge to look at.
        let mut frames: Vec<(&str, usize)> = vec![(start, 0)];
        index_of.insert(start, next_index);
        low.insert(start, next_index);
        next_index += 1;
        stack.push(start);
        on_stack.insert(start);
        while let Some(&mut (node, ref mut position)) = frames.last_mut() {
            let targets = graph.get(node).map(Vec::as_slice).unwrap_or_default();
            if *position < targets.len() {
                let target = targets[*position];
                *position += 1;
                if !graph.contains_key(target) {
                    continue;
                }
                if !index_of.contains_key(target) {
                    index_of.insert(target, next_index);
                    low.insert(target, next_index);
                    next_index += 1;
                    stack.push(target);
                    on_stack.insert(target);
                    frames.push((target, 0));
                } else if on_stack.contains(target) {
                    let lowest = low[node].min(index_of[target]);
                    low.insert(node, lowest);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                let lowest = low[parent].min(low[node]);
                low.insert(parent, lowest);
            }
            if low[node] == index_of[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_small_graph() {
        let graph: BTreeMap<&str, Vec<&str>> = [
            ("a", vec!["b"]),
            ("b", vec!["a", "c"]),
            ("c", vec![]),
            ("d", vec!["d"]),
        ]
        .into_iter()
        .collect();
        let mut components: Vec<Vec<&str>> = strongly_connected(&graph)
            .into_iter()
            .map(|mut component| {
                component.sort();
                component
            })
            .collect();
        components.sort();
        assert_eq!(components, vec![vec!["a", "b"], vec!["c"], vec!["d"]]);
    }
}
