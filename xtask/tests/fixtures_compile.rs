//! Compiles the output of every fixture spec that generates, together with the runtime, and lints
//! it with clippy (`-D warnings`), so that template paths the curated spec does not use are checked
//! too.
//!
//! Each fixture becomes a crate under the test's scratch folder in the target dir, written as
//! `cargo xtask codegen --out` writes it; the crates are then built as one workspace (their own
//! empty `[workspace]` tables removed), offline, with the project's `Cargo.lock`, sharing one
//! target dir. Only the library targets are linted: the runtime's own unit tests are the same in
//! every crate and run in `generated/` itself, so building them once per fixture would only cost
//! time.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository root exists")
}

#[test]
fn fixture_outputs_compile_with_the_runtime_and_pass_clippy() {
    let started = std::time::Instant::now();
    let root = repository();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut fixture_paths: Vec<PathBuf> = std::fs::read_dir(root.join("generator/tests/fixtures"))
        .expect("lists the fixtures")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    fixture_paths.sort();
    let mut members = Vec::new();
    for path in fixture_paths {
        let spec = std::fs::read_to_string(&path).expect("reads a fixture");
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("fixture names are text")
            .replace('_', "-");
        let options = generator::Options::standalone(
            format!("fixture-{stem}"),
            format!("generator/tests/fixtures/{stem}.yaml"),
        );
        if generator::generate(&spec, &options).is_err() {
            continue;
        }
        let crate_dir = scratch.join(&stem);
        xtask::write_standalone_crate(&root, &spec, &options, &crate_dir)
            .expect("writes the fixture crate");
        let manifest_path = crate_dir.join("Cargo.toml");
        let manifest = std::fs::read_to_string(&manifest_path).expect("reads the fixture manifest");
        let member_manifest = manifest
            .split("\n# This crate stands alone")
            .next()
            .unwrap_or(&manifest)
            .to_string();
        std::fs::write(&manifest_path, member_manifest).expect("writes the member manifest");
        members.push(stem);
    }
    assert!(
        members.len() >= 5,
        "expected several fixtures that generate, found {members:?}"
    );
    let list: Vec<String> = members.iter().map(|stem| format!("\"{stem}\"")).collect();
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            list.join(", ")
        ),
    )
    .expect("writes the workspace");
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).expect("copies Cargo.lock");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    for features in [&["--all-features"][..], &["--no-default-features"][..]] {
        let output = Command::new(&cargo)
            .args([
                "clippy",
                "--workspace",
                "--lib",
                "--keep-going",
                "--offline",
                "--quiet",
            ])
            .args(features)
            .args(["--", "-D", "warnings"])
            .current_dir(&scratch)
            .env(
                "CARGO_TARGET_DIR",
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target"),
            )
            .env_remove("RUSTFLAGS")
            .output()
            .expect("runs cargo clippy on the fixture crates");
        assert!(
            output.status.success(),
            "fixture outputs {members:?} do not compile cleanly with the runtime ({features:?}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    eprintln!(
        "compiled and linted the output of {} fixtures with all features and with none in {:.1?}: {}",
        members.len(),
        started.elapsed(),
        members.join(", ")
    );
}
