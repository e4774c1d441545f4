//! Compiles the output of every fixture spec that generates, together with the hand-written runtime,
//! and lints it with clippy, so that template paths the curated spec does not use are checked too.
//!
//! Each fixture becomes a throwaway crate under `target/fixture-crates/`, all in one workspace that
//! reuses the project's `Cargo.lock` and builds offline into `target/fixture-check/`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The files of `generated/src` that the generator owns; everything else there is the runtime.
fn is_generated(relative: &Path) -> bool {
    let text = relative.to_string_lossy();
    generator::OWNED_FILES.contains(&text.as_ref())
        || generator::OWNED_FOLDERS.iter().any(|folder| text.starts_with(&format!("{folder}/")))
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("creates the fixture crate's folders");
    }
    std::fs::write(path, text).expect("writes a fixture crate file");
}

/// The `[dependencies]` table of the client crate, which the runtime needs.
fn runtime_dependencies(root: &Path) -> String {
    let manifest = std::fs::read_to_string(root.join("generated/Cargo.toml")).expect("reads generated/Cargo.toml");
    let start = manifest.find("[dependencies]").expect("generated/Cargo.toml has dependencies");
    let rest = &manifest[start..];
    let end = rest[1..].find("\n[").map_or(rest.len(), |index| index + 1);
    rest[..end].to_string()
}

#[test]
fn fixture_outputs_compile_with_the_runtime_and_pass_clippy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("project root exists");
    let work = root.join("target/fixture-crates");
    let _ = std::fs::remove_dir_all(&work);
    let dependencies = runtime_dependencies(&root);
    let build_script = std::fs::read_to_string(root.join("generated/build.rs")).expect("reads generated/build.rs");
    let runtime_source = root.join("generated/src");
    let runtime_files: Vec<PathBuf> = std::fs::read_dir(&runtime_source)
        .expect("lists generated/src")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
        .filter(|path| !is_generated(path.strip_prefix(&runtime_source).unwrap_or(path)))
        .collect();
    assert!(runtime_files.iter().any(|path| path.ends_with("client.rs")), "the runtime has a client.rs");

    let mut fixtures = Vec::new();
    let mut fixture_paths: Vec<PathBuf> = std::fs::read_dir(root.join("generator/tests/fixtures"))
        .expect("lists the fixtures")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    fixture_paths.sort();
    for path in fixture_paths {
        let spec = std::fs::read_to_string(&path).expect("reads a fixture");
        let Ok(files) = generator::generate(&spec) else { continue };
        let stem = path.file_stem().and_then(|stem| stem.to_str()).expect("fixture names are text").replace('_', "-");
        let crate_dir = work.join(&stem);
        write(
            &crate_dir.join("Cargo.toml"),
            &format!("[package]\nname = \"fixture-{stem}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n{dependencies}"),
        );
        write(&crate_dir.join("build.rs"), &build_script);
        for runtime_file in &runtime_files {
            let name = runtime_file.file_name().expect("runtime files have names");
            let text = std::fs::read_to_string(runtime_file).expect("reads a runtime file");
            write(&crate_dir.join("src").join(name), &text);
        }
        for (relative, text) in &files {
            write(&crate_dir.join(relative), text);
        }
        fixtures.push(stem);
    }
    assert!(fixtures.len() >= 3, "expected several fixtures that generate, found {fixtures:?}");

    let members: Vec<String> = fixtures.iter().map(|stem| format!("\"{stem}\"")).collect();
    write(&work.join("Cargo.toml"), &format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", ")));
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock")).expect("copies Cargo.lock");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args(["clippy", "--workspace", "--offline", "--quiet", "--", "-D", "warnings"])
        .current_dir(&work)
        .env("CARGO_TARGET_DIR", root.join("target/fixture-check"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("runs cargo clippy on the fixture crates");
    assert!(
        output.status.success(),
        "fixture outputs {fixtures:?} do not compile cleanly with the runtime:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("compiled and linted the output of {} fixtures: {}", fixtures.len(), fixtures.join(", "));
}
