//! Project automation: `cargo xtask codegen [--check]` regenerates `generated/` from the spec and templates.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage: cargo xtask codegen [--check] [--spec PATH]";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, options)) = arguments.split_first() else { bail!("{USAGE}") };
    if command != "codegen" {
        bail!("unknown command `{command}`\n{USAGE}");
    }
    let mut check = false;
    let mut spec_path = None;
    let mut options = options.iter();
    while let Some(option) = options.next() {
        match option.as_str() {
            "--check" => check = true,
            "--spec" => spec_path = Some(PathBuf::from(options.next().context("--spec needs a path")?)),
            other => bail!("unknown option `{other}`\n{USAGE}"),
        }
    }
    let root = project_root();
    let spec_path = spec_path.unwrap_or_else(|| root.join("spec/openapi.yaml"));
    codegen(&root, &spec_path, check)
}

/// The workspace root: the parent of this crate's folder.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// What syncing found for each file.
#[derive(Default)]
struct SyncReport {
    written: Vec<String>,
    missing: Vec<String>,
    unchanged: usize,
    removed: Vec<String>,
}

fn codegen(root: &Path, spec_path: &Path, check: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let spec_text = std::fs::read_to_string(spec_path).with_context(|| format!("reading {}", spec_path.display()))?;
    let generated = match generator::generate_with_report(&spec_text) {
        Ok(generated) => generated,
        Err(errors) => {
            eprint!("{errors}");
            bail!("code generation failed for {}", spec_path.display());
        }
    };
    let crate_root = root.join("generated");
    let report = sync(&crate_root, &generated.files, check)?;
    let elapsed = started.elapsed();
    if check {
        if report.written.is_empty() && report.removed.is_empty() {
            println!("generated/ is up to date ({} files checked in {:.0?})", generated.files.len(), elapsed);
            return Ok(ExitCode::SUCCESS);
        }
        for path in &report.written {
            let state = if report.missing.contains(path) { "missing" } else { "stale" };
            println!("{state}: generated/{path}");
        }
        for path in &report.removed {
            println!("extra: generated/{path}");
        }
        println!("generated/ is out of date: run `cargo xtask codegen` and commit the result");
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "codegen: {} models, {} operations; {} files written, {} unchanged, {} removed in {:.0?}",
        generated.model_count,
        generated.operation_count,
        report.written.len(),
        report.unchanged,
        report.removed.len(),
        elapsed
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the files that changed and removes stale ones in the folders the generator owns; with
/// `check`, only reports what it would do.
fn sync(crate_root: &Path, files: &generator::Files, check: bool) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    for (relative, text) in files {
        let path = crate_root.join(relative);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(text.as_str()) {
            report.unchanged += 1;
            continue;
        }
        if current.is_none() {
            report.missing.push(relative.clone());
        }
        report.written.push(relative.clone());
        if !check {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        }
    }
    let expected: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    for folder in generator::OWNED_FOLDERS {
        let directory = crate_root.join(folder);
        let Ok(entries) = std::fs::read_dir(&directory) else { continue };
        let mut stale = Vec::new();
        for entry in entries {
            let entry = entry.with_context(|| format!("listing {}", directory.display()))?;
            let relative = format!("{folder}/{}", entry.file_name().to_string_lossy());
            if !expected.contains(relative.as_str()) {
                stale.push((relative, entry.path()));
            }
        }
        stale.sort();
        for (relative, path) in stale {
            if !check {
                if path.is_dir() {
                    std::fs::remove_dir_all(&path)
                } else {
                    std::fs::remove_file(&path)
                }
                .with_context(|| format!("removing {}", path.display()))?;
            }
            report.removed.push(relative);
        }
    }
    Ok(report)
}
