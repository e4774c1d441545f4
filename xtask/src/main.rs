//! Project automation: `cargo xtask codegen` regenerates `generated/` from the spec and templates,
//! or writes a standalone crate for any OpenAPI 3.0 document with `--out`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use xtask::{merge, runtime, sync};

/// The allocator: codegen spends much of its time allocating and freeing small values.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--spec PATH] [--out DIR] [--crate-name NAME]
       cargo xtask merge-specs BASE EXTRA --out FILE [--keep-base]

Generates a Rust client crate from an OpenAPI 3.0 document.

  --spec PATH         the document to read (default: spec/openapi.yaml)
  --out DIR           write a standalone crate there: Cargo.toml with an empty [workspace],
                      the runtime and the generated modules (default: update generated/)
  --crate-name NAME   the package name (default: datadog-client for generated/, else the
                      spec file's stem followed by -client)
  --check             write nothing; exit 1 and list each missing, stale or extra file
  -h, --help          print this help

merge-specs writes BASE with what EXTRA adds: each path, component and tag of EXTRA that BASE
lacks. An entry both define must be equal but for documentation (descriptions, examples,
extensions), or the merge fails naming its JSON pointer; with --keep-base, BASE's entry is
kept and the pointer listed. The result is JSON.";

/// The parsed command line of `codegen`.
struct Arguments {
    check: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
}

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
    if arguments.is_empty()
        || arguments
            .iter()
            .any(|argument| argument == "--help" || argument == "-h")
    {
        println!("{USAGE}");
        return Ok(if arguments.is_empty() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        });
    }
    let (command, options) = arguments.split_first().context("a command is needed")?;
    if command == "merge-specs" {
        return merge_specs(options);
    }
    if command != "codegen" {
        bail!("unknown command `{command}`\n\n{USAGE}");
    }
    let arguments = parse(options)?;
    codegen(&project_root(), &arguments)
}

fn parse(options: &[String]) -> Result<Arguments> {
    let mut arguments = Arguments {
        check: false,
        spec: None,
        out: None,
        crate_name: None,
    };
    let mut options = options.iter();
    while let Some(option) = options.next() {
        let mut value = |name: &str| {
            options
                .next()
                .with_context(|| format!("{name} needs a value\n\n{USAGE}"))
                .cloned()
        };
        match option.as_str() {
            "--check" => arguments.check = true,
            "--spec" => arguments.spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => arguments.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => arguments.crate_name = Some(value("--crate-name")?),
            other => bail!("unknown option `{other}`\n\n{USAGE}"),
        }
    }
    Ok(arguments)
}

/// `merge-specs BASE EXTRA --out FILE`: see [`xtask::merge`].
fn merge_specs(options: &[String]) -> Result<ExitCode> {
    let keep_base = options.iter().any(|option| option == "--keep-base");
    let positional: Vec<&String> = options
        .iter()
        .filter(|option| *option != "--keep-base")
        .collect();
    let [base, extra, flag, out] = positional.as_slice() else {
        bail!("merge-specs needs BASE EXTRA --out FILE\n\n{USAGE}");
    };
    if *flag != "--out" {
        bail!("unknown option `{flag}`\n\n{USAGE}");
    }
    let conflicts = if keep_base {
        merge::Conflicts::KeepBase
    } else {
        merge::Conflicts::Fail
    };
    let report = merge::merge_files(Path::new(base), Path::new(extra), Path::new(out), conflicts)?;
    for pointer in &report.overridden {
        println!("merge-specs: kept BASE's {pointer}: EXTRA defines it differently");
    }
    println!(
        "merge-specs: {out}: added {} paths, {} components, {} tags from {extra}",
        report.paths, report.components, report.tags
    );
    Ok(ExitCode::SUCCESS)
}

/// The workspace root: the parent of this crate's folder.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn codegen(root: &Path, arguments: &Arguments) -> Result<ExitCode> {
    let started = Instant::now();
    let spec_path = arguments
        .spec
        .clone()
        .unwrap_or_else(|| root.join("spec/openapi.yaml"));
    let spec_text = std::fs::read_to_string(&spec_path)
        .with_context(|| format!("reading {}", spec_path.display()))?;
    let shown_path = shown_path(root, &spec_path);
    let (crate_root, options) = match &arguments.out {
        None => {
            let name = arguments
                .crate_name
                .clone()
                .unwrap_or_else(|| "datadog-client".to_string());
            (
                root.join("generated"),
                generator::Options::workspace_member(name, shown_path),
            )
        }
        Some(out) => {
            let name = arguments
                .crate_name
                .clone()
                .unwrap_or_else(|| default_crate_name(&spec_path));
            (
                out.clone(),
                generator::Options::standalone(name, shown_path),
            )
        }
    };
    let generated = match generator::generate_with_report(&spec_text, &options) {
        Ok(generated) => generated,
        Err(errors) => {
            eprint!("{errors}");
            bail!("code generation failed for {}", spec_path.display());
        }
    };
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let phases: Vec<String> = generated
        .phase_times
        .iter()
        .map(|(phase, time)| format!("{phase} {time:.0?}"))
        .collect();
    let mut files = generated.files.clone();
    if arguments.out.is_some() {
        runtime::add_runtime_files(&root.join("generated"), &mut files)?;
    }
    let owned = sync::Owned {
        folders: generator::OWNED_FOLDERS,
        extra_folders: if arguments.out.is_some() {
            runtime::RUNTIME_FOLDERS
        } else {
            &[]
        },
    };
    let report = sync::sync(&crate_root, &files, &owned, arguments.check)?;
    let elapsed = started.elapsed();
    let shown_root = crate_root
        .strip_prefix(root)
        .unwrap_or(&crate_root)
        .display()
        .to_string();
    if arguments.check {
        if report.is_clean() {
            println!(
                "{shown_root}/ is up to date ({} files checked in {elapsed:.0?})",
                files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        for path in &report.written {
            let state = if report.missing.contains(path) {
                "missing"
            } else {
                "stale"
            };
            println!("{state}: {shown_root}/{path}");
        }
        for path in &report.removed {
            println!("extra: {shown_root}/{path}");
        }
        println!("{shown_root}/ is out of date: run `cargo xtask codegen` and commit the result");
        return Ok(ExitCode::FAILURE);
    }
    println!(
        "codegen: {} models, {} operations, {} warnings; {} files written, {} unchanged, {} removed in {elapsed:.0?} ({shown_root})",
        generated.model_count,
        generated.operation_count,
        generated.warnings.len(),
        report.written.len(),
        report.unchanged,
        report.removed.len(),
    );
    println!("codegen phases: {}", phases.join(", "));
    Ok(ExitCode::SUCCESS)
}

/// The spec's path as the `@generated` header names it: relative to the repository when inside it.
fn shown_path(root: &Path, spec_path: &Path) -> String {
    let absolute = spec_path
        .canonicalize()
        .unwrap_or_else(|_| spec_path.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    absolute
        .strip_prefix(&root)
        .unwrap_or(spec_path)
        .display()
        .to_string()
        .replace('\\', "/")
}

/// `<spec file stem>-client`, in kebab case: `datadog-v1.yaml` gives `datadog-v1-client`.
fn default_crate_name(spec_path: &Path) -> String {
    let stem = spec_path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("openapi");
    let mut name: String = stem
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    name = name
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if name.is_empty() || name.starts_with(|character: char| character.is_ascii_digit()) {
        name = format!("api-{name}");
    }
    if name.ends_with("client") {
        name
    } else {
        format!("{name}-client")
    }
}
