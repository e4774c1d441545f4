//! The intermediate representation: typed, sorted data that says what each generated item is.
//!
//! Every name here is final (`rust_name` for code, `wire_name` for JSON and HTTP), and every list
//! is sorted, so templates neither look anything up nor convert case. Types, parameter locations,
//! body kinds, status matches and pagination kinds are enums: the Rust spelling of each lives in one
//! place on the render side (`render::spelling`), and no behaviour depends on a rendered string.

mod models;
mod operations;
mod package;
mod types;

pub use models::*;
pub use operations::*;
pub use package::*;
pub use types::*;

use serde::{Deserialize, Serialize};

/// Everything the templates need to write the client crate.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Ir {
    /// The crate being generated: its names and the spec it comes from.
    pub package: Package,
    /// One entry per generated model, sorted by `rust_name`.
    pub models: Vec<Model>,
    /// The models grouped by the set of features that compile them, for `models/mod.rs`.
    pub model_groups: Vec<ModelGroup>,
    /// One entry per tag, sorted by `module_name`.
    pub apis: Vec<Api>,
    /// The models used by error responses anywhere in the spec, sorted by `rust_name`.
    pub error_bodies: Vec<ErrorBodyVariant>,
    /// The spec's servers, and the server lists of operations and path items that have their own.
    pub servers: Servers,
    /// The security schemes, sorted by `wire_name`.
    pub security_schemes: Vec<SecurityScheme>,
    /// The `Configuration` settings the spec defines: credentials and server variables.
    pub settings: Vec<Setting>,
    /// The cargo features: one per API, sorted by name.
    pub features: Vec<Feature>,
    /// Whether any operation is marked unstable (`x-unstable`).
    pub has_unstable_operations: bool,
    /// The operation the crate's guide shows, as indices into `apis` and its `operations`.
    pub featured: Option<(usize, usize)>,
}

/// The crate being generated.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Package {
    /// The package name, for example `datadog-client`.
    pub name: String,
    /// The library name, for example `datadog_client`.
    pub library_name: String,
    /// The spec's title.
    pub title: String,
    /// The spec's version (`info.version`).
    pub api_version: String,
    /// The spec's description, as doc lines.
    pub docs: Vec<String>,
    /// The path of the spec that was read, as the `@generated` header names it.
    pub spec_path: String,
    /// Whether the crate stands alone (`--out`) rather than being this workspace's member.
    pub standalone: bool,
}
