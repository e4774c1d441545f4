//! The lower phase: the only code that understands OpenAPI.
//!
//! It resolves `$ref`s, names every type (inline ones too), maps schemas to IR types, merges
//! compositions, finds union tags, groups operations by tag, sorts everything and collects every
//! problem it finds. The passes run in an order the types enforce:
//!
//! 1. [`Lowerer::new`] claims a name for every component schema, so that references resolve to
//!    final names before anything is lowered;
//! 2. [`Lowerer::lower_components`] lowers the component schemas into model drafts and returns
//!    [`ComponentsLowered`], which the later passes require;
//! 3. [`security::lower_security`] and [`servers::ServerRegistry`] read the security schemes and
//!    servers;
//! 4. [`operations::lower_operations`] lowers the operations; it may add inline models and reads the
//!    unfinished drafts (pagination follows `resultsPath` through them);
//! 5. [`graph::finish_models`] consumes the drafts: it boxes recursive fields, decides which models
//!    derive `Eq`, and computes which features compile each model.

mod all_of;
mod bodies;
mod docs;
mod graph;
mod models;
mod operations;
mod pagination;
mod parameters;
mod refs;
mod responses;
mod security;
mod servers;
mod types;
mod unions;
mod view;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diagnostics::{Diagnostic, DiagnosticKind, Errors, Pointer};
use crate::ir::{self, Ir};
use crate::load::LoadedSpec;
use crate::naming;

pub(crate) use models::ModelDraft;

/// What the caller chooses about the crate, beside the spec itself.
#[derive(Clone, Debug)]
pub struct LowerOptions {
    /// The package name, for example `datadog-client`.
    pub package_name: String,
    /// The path of the spec, for the `@generated` header.
    pub spec_path: String,
    /// Whether the crate stands alone (`--out`).
    pub standalone: bool,
}

/// Lowers a loaded spec to the IR and the warnings of the rules that resolved problems, or returns
/// every problem found.
pub fn lower(spec: &LoadedSpec, options: &LowerOptions) -> Result<(Ir, Vec<Diagnostic>), Errors> {
    let mut lowerer = Lowerer::new(spec);
    let components = lowerer.lower_components();
    let schemes = security::lower_security(&mut lowerer);
    let mut servers = servers::ServerRegistry::new(&mut lowerer);
    let mut apis = operations::lower_operations(&mut lowerer, &components, &schemes, &mut servers);
    let settings = security::settings(&schemes, &servers);
    let Finished {
        mut diagnostics,
        warnings,
        error_models,
        drafts,
    } = lowerer.finish();
    let finished = graph::finish_models(drafts, &apis, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(Errors::new(diagnostics));
    }
    for api in &mut apis {
        api.uses_models = !graph::operation_models(api).is_empty();
    }
    let error_bodies = error_models
        .into_iter()
        .map(|name| ir::ErrorBodyVariant {
            features: finished.features_of(&name),
            rust_name: name,
        })
        .collect();
    let features = apis
        .iter()
        .map(|api| ir::Feature {
            name: api.feature.clone(),
            api_module: api.module_name.clone(),
        })
        .collect();
    let has_unstable_operations = apis
        .iter()
        .flat_map(|api| &api.operations)
        .any(|operation| operation.unstable.is_some());
    let featured = featured_operation(&apis);
    let ir = Ir {
        package: ir::Package {
            library_name: options.package_name.replace('-', "_"),
            name: options.package_name.clone(),
            title: spec.document.info.title.clone(),
            api_version: spec.document.info.version.clone(),
            docs: spec
                .document
                .info
                .description
                .as_deref()
                .map(docs::doc_lines)
                .unwrap_or_default(),
            spec_path: options.spec_path.clone(),
            standalone: options.standalone,
        },
        models: finished.models,
        model_groups: finished.groups,
        apis,
        error_bodies,
        servers: servers.into_ir(),
        security_schemes: schemes.schemes,
        settings,
        features,
        has_unstable_operations,
        featured,
    };
    let mut warnings = warnings;
    warnings.sort();
    warnings.dedup();
    Ok((ir, warnings))
}

/// The operation the crate's guide shows: a stable `GET` with the fewest arguments, else any stable
/// operation with the fewest arguments.
fn featured_operation(apis: &[ir::Api]) -> Option<(usize, usize)> {
    let mut best: Option<((bool, usize), (usize, usize))> = None;
    for (api_index, api) in apis.iter().enumerate() {
        for (operation_index, operation) in api.operations.iter().enumerate() {
            if operation.unstable.is_some() || operation.deprecated.is_some() {
                continue;
            }
            let score = (
                operation.method != ir::Method::Get,
                operation.argument_count,
            );
            if best
                .as_ref()
                .is_none_or(|(best_score, _)| score < *best_score)
            {
                best = Some((score, (api_index, operation_index)));
            }
        }
    }
    best.map(|(_, position)| position)
}

/// What the passes leave for the graph pass and the IR.
struct Finished {
    diagnostics: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    error_models: BTreeSet<String>,
    drafts: BTreeMap<String, ModelDraft>,
}

/// Proof that the component schemas have been lowered: the operations pass requires it.
pub(crate) struct ComponentsLowered(());

/// The state shared by the passes: the spec, the diagnostics, and the models lowered so far.
pub(crate) struct Lowerer<'a> {
    pub(crate) spec: &'a LoadedSpec,
    diagnostics: Vec<Diagnostic>,
    /// Problems that do not stop generation: a deterministic rule decided what to generate.
    warnings: Vec<Diagnostic>,
    /// Component schema key to its Rust type name.
    component_names: BTreeMap<String, String>,
    /// Rust type names claimed so far, with the pointer that claimed each.
    type_names: BTreeMap<String, Pointer>,
    /// Module names claimed so far, with the type that claimed each.
    module_names: BTreeMap<String, String>,
    /// Every model, by Rust name.
    models: BTreeMap<String, ModelDraft>,
    /// The pointer of every schema that became a named model, with the model's name.
    models_by_pointer: HashMap<String, String>,
    /// Pointers whose schemas are being lowered, to catch reference cycles.
    in_progress: Vec<Pointer>,
    /// Models used by error responses.
    error_models: BTreeSet<String>,
}

impl<'a> Lowerer<'a> {
    /// Claims a Rust name for every component schema, in document order.
    pub(crate) fn new(spec: &'a LoadedSpec) -> Self {
        let mut lowerer = Self {
            spec,
            diagnostics: Vec::new(),
            warnings: Vec::new(),
            component_names: BTreeMap::new(),
            type_names: BTreeMap::new(),
            module_names: BTreeMap::new(),
            models: BTreeMap::new(),
            models_by_pointer: HashMap::new(),
            in_progress: Vec::new(),
            error_models: BTreeSet::new(),
        };
        if let Some(components) = &spec.document.components {
            for name in components.schemas.keys() {
                let pointer = refs::component_schema_pointer(name);
                let rust_name = lowerer.claim_type_name(&naming::type_name(name), &pointer);
                lowerer.component_names.insert(name.clone(), rust_name);
            }
        }
        lowerer
    }

    /// Lowers every component schema into a model draft.
    pub(crate) fn lower_components(&mut self) -> ComponentsLowered {
        let section = Pointer::root().child("components");
        let Some(value) = section.resolve(&self.spec.raw) else {
            return ComponentsLowered(());
        };
        for (name, node) in view::Node::new(section, value).entries("schemas") {
            let Some(rust_name) = self.component_names.get(name).cloned() else {
                continue;
            };
            if !self.models_by_pointer.contains_key(node.pointer.as_str()) {
                self.lower_named(&rust_name, &node);
            }
        }
        ComponentsLowered(())
    }

    /// Hands the results to the last pass.
    fn finish(self) -> Finished {
        Finished {
            diagnostics: self.diagnostics,
            warnings: self.warnings,
            error_models: self.error_models,
            drafts: self.models,
        }
    }

    /// Records a problem.
    pub(crate) fn report(
        &mut self,
        pointer: &Pointer,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(pointer.as_str(), kind, message));
    }

    /// Records a problem that a documented rule resolved; generation goes on.
    pub(crate) fn warn(
        &mut self,
        pointer: &Pointer,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) {
        self.warnings
            .push(Diagnostic::new(pointer.as_str(), kind, message));
    }

    /// How many problems have been recorded, to tell whether a step added any.
    pub(crate) fn problem_count(&self) -> usize {
        self.diagnostics.len()
    }

    /// Claims a type name for the node at `pointer`, returning the name it gets.
    ///
    /// The rule for collisions: the first claimant keeps the name, and each later one gets the
    /// smallest numeric suffix (`2`, `3`, ...) that is free. The same rule applies to module names,
    /// which can collide on their own (`AWSAccountID` and `AwsAccountId` are both `aws_account_id`).
    pub(crate) fn claim_type_name(&mut self, wanted: &str, pointer: &Pointer) -> String {
        let mut candidate = wanted.to_string();
        let mut suffix = 1;
        loop {
            let module = naming::module_name(&candidate);
            if !self.type_names.contains_key(&candidate) && !self.module_names.contains_key(&module)
            {
                self.type_names.insert(candidate.clone(), pointer.clone());
                self.module_names.insert(module, candidate.clone());
                return candidate;
            }
            suffix += 1;
            candidate = format!("{wanted}{suffix}");
        }
    }

    /// Whether a type name is free, for names that must not be suffixed.
    pub(crate) fn type_name_is_free(&self, name: &str) -> bool {
        !self.type_names.contains_key(name)
            && !self.module_names.contains_key(&naming::module_name(name))
    }

    /// The draft of a model, if it exists.
    pub(crate) fn model(&self, name: &str) -> Option<&ModelDraft> {
        self.models.get(name)
    }

    /// Records that a model is the body of an error response.
    pub(crate) fn mark_error_model(&mut self, name: &str) {
        self.error_models.insert(name.to_string());
    }
}
