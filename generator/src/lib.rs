//! The code generator: OpenAPI text in, formatted Rust files out, with no I/O.
//!
//! The pipeline is `load` (YAML or JSON to `openapiv3::OpenAPI` and the raw document), `lower` (to
//! the typed IR in [`ir`]), `render` (minijinja templates from `templates/`), and `format`
//! (prettyplease). Render and format run file by file on every core. Writing files is the caller's
//! job: `xtask` syncs [`Files`] into a crate folder.

pub mod diagnostics;
pub mod format;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod render;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub use diagnostics::{Diagnostic, DiagnosticKind, Errors};

/// The generated files: path relative to the client crate (`src/models/aws_integration.rs`) to text.
pub type Files = BTreeMap<String, String>;

/// The folders (relative to the client crate) whose files the generator owns; anything else there is stale.
pub const OWNED_FOLDERS: &[&str] = &["src/apis", "src/models"];

/// The single files outside those folders that the generator owns.
pub const OWNED_FILES: &[&str] = &[
    "Cargo.toml",
    "src/lib.rs",
    "src/servers.rs",
    "src/settings.rs",
];

/// What the caller decides about the crate, beside the spec.
#[derive(Clone, Debug)]
pub struct Options {
    /// The package name, for example `datadog-client`.
    pub package_name: String,
    /// The path of the spec as the `@generated` header shows it, for example `spec/openapi.yaml`.
    pub spec_path: String,
    /// Whether the crate stands alone (with an empty `[workspace]` table) rather than being this
    /// repository's workspace member.
    pub standalone: bool,
}

impl Options {
    /// Options for a crate that is a member of this workspace.
    pub fn workspace_member(package_name: impl Into<String>, spec_path: impl Into<String>) -> Self {
        Self {
            package_name: package_name.into(),
            spec_path: spec_path.into(),
            standalone: false,
        }
    }

    /// Options for a crate that stands alone, wherever it is written.
    pub fn standalone(package_name: impl Into<String>, spec_path: impl Into<String>) -> Self {
        Self {
            package_name: package_name.into(),
            spec_path: spec_path.into(),
            standalone: true,
        }
    }
}

/// What one run produced, with counts and the time spent in each phase.
#[derive(Debug)]
pub struct Generated {
    /// The files.
    pub files: Files,
    /// How many models were generated.
    pub model_count: usize,
    /// How many operations were generated.
    pub operation_count: usize,
    /// Problems that a documented rule resolved; generation went on.
    pub warnings: Vec<Diagnostic>,
    /// Time spent in each phase, in pipeline order: load, lower, then render and format, which
    /// run together on several threads (wall time), and the busy time of render and of format
    /// summed over those threads.
    pub phase_times: [(&'static str, Duration); 5],
}

/// Generates the client crate's files from spec text.
pub fn generate(spec_text: &str, options: &Options) -> Result<Files, Errors> {
    generate_with_report(spec_text, options).map(|generated| generated.files)
}

/// Generates the client crate's files and reports counts, warnings and phase times.
pub fn generate_with_report(spec_text: &str, options: &Options) -> Result<Generated, Errors> {
    let started = Instant::now();
    let spec = load::load(spec_text)?;
    let loaded = Instant::now();
    let lower_options = lower::LowerOptions {
        package_name: options.package_name.clone(),
        spec_path: options.spec_path.clone(),
        standalone: options.standalone,
    };
    let (ir, warnings) = lower::lower(&spec, &lower_options)?;
    let lowered = Instant::now();
    let (files, render_time, format_time) = render_and_format(&ir, &options.spec_path)?;
    let formatted = Instant::now();
    Ok(Generated {
        files,
        model_count: ir.models.len(),
        operation_count: ir.apis.iter().map(|api| api.operations.len()).sum(),
        warnings,
        phase_times: [
            ("load", loaded - started),
            ("lower", lowered - loaded),
            ("render and format", formatted - lowered),
            ("render (busy)", render_time),
            ("format (busy)", format_time),
        ],
    })
}

/// What one thread of [`render_and_format`] produced: files or problems, and its busy times.
#[derive(Default)]
struct ThreadOutput {
    files: Vec<(String, String)>,
    problems: Vec<Diagnostic>,
    render_time: Duration,
    format_time: Duration,
}

/// Renders and formats every file, spreading the files over the machine's cores: each thread takes
/// the next file until none is left. Returns the files and the busy times of render and format.
fn render_and_format(ir: &ir::Ir, spec_path: &str) -> Result<(Files, Duration, Duration), Errors> {
    let renderer = render::Renderer::new()?;
    let jobs = render::jobs(ir);
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |count| count.get())
        .clamp(1, jobs.len().max(1));
    let work = || {
        let mut output = ThreadOutput::default();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(index) else { break };
            let started = Instant::now();
            let rendered = renderer.render(job);
            let rendered_at = Instant::now();
            output.render_time += rendered_at - started;
            match rendered.and_then(|file| format::format(&job.path, &file, spec_path)) {
                Ok(text) => output.files.push((job.path.clone(), text)),
                Err(errors) => output.problems.extend(errors.diagnostics),
            }
            output.format_time += rendered_at.elapsed();
        }
        output
    };
    let outputs: Vec<ThreadOutput> = if threads == 1 {
        vec![work()]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    };
    let mut files = Files::new();
    let mut problems = Vec::new();
    let (mut render_time, mut format_time) = (Duration::ZERO, Duration::ZERO);
    for output in outputs {
        files.extend(output.files);
        problems.extend(output.problems);
        render_time += output.render_time;
        format_time += output.format_time;
    }
    if !problems.is_empty() {
        return Err(Errors::new(problems));
    }
    Ok((files, render_time, format_time))
}
