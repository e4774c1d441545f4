//! The code generator: OpenAPI text in, formatted Rust files out, with no I/O.
//!
//! The pipeline is `load` (YAML to `openapiv3::OpenAPI`), `lower` (to the IR in [`ir`]), `render`
//! (minijinja templates from `templates/`), and `format` (prettyplease). Writing files is the caller's
//! job: `xtask` syncs [`Files`] into `generated/`.

pub mod diagnostics;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod render;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

pub use diagnostics::{Diagnostic, Errors};

/// The generated files: path relative to the client crate (`src/models/aws_integration.rs`) to text.
pub type Files = BTreeMap<String, String>;

/// The folders (relative to the client crate) whose files the generator owns; anything else there is stale.
pub const OWNED_FOLDERS: &[&str] = &["src/apis", "src/models"];

/// The single files outside those folders that the generator owns.
pub const OWNED_FILES: &[&str] = &["src/servers.rs"];

/// What one run produced, with counts and the time spent in each phase.
#[derive(Debug)]
pub struct Generated {
    /// The files.
    pub files: Files,
    /// How many models were generated.
    pub model_count: usize,
    /// How many operations were generated.
    pub operation_count: usize,
    /// Time spent in each phase, in pipeline order: load, lower, render, format.
    pub phase_times: [(&'static str, Duration); 4],
}

/// Generates the client crate's files from spec text.
pub fn generate(spec_text: &str) -> Result<Files, Errors> {
    generate_with_report(spec_text).map(|generated| generated.files)
}

/// Generates the client crate's files and reports counts and phase times.
pub fn generate_with_report(spec_text: &str) -> Result<Generated, Errors> {
    let started = Instant::now();
    let spec = load::load(spec_text)?;
    let loaded = Instant::now();
    let ir = lower::lower(&spec)?;
    let lowered = Instant::now();
    let rendered = render::render(&ir)?;
    let rendered_at = Instant::now();
    let mut files = Files::new();
    let mut problems = Vec::new();
    for (path, file) in &rendered {
        match format::format(path, file) {
            Ok(text) => {
                files.insert(path.clone(), text);
            }
            Err(errors) => problems.extend(errors.diagnostics),
        }
    }
    if !problems.is_empty() {
        return Err(Errors::new(problems));
    }
    let formatted = Instant::now();
    Ok(Generated {
        files,
        model_count: ir.models.len(),
        operation_count: ir.apis.iter().map(|api| api.operations.len()).sum(),
        phase_times: [
            ("load", loaded - started),
            ("lower", lowered - loaded),
            ("render", rendered_at - lowered),
            ("format", formatted - rendered_at),
        ],
    })
}
