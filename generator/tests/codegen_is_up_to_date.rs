//! Fails when `generated/` differs from what the generator makes of `spec/openapi.yaml` and `templates/`.

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn codegen_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = std::fs::read_to_string(root.join("spec/openapi.yaml")).expect("spec/openapi.yaml is readable");
    let files = match generator::generate(&spec) {
        Ok(files) => files,
        Err(errors) => panic!("the generator rejects spec/openapi.yaml:\n{errors}"),
    };
    let crate_root = root.join("generated");
    let mut problems = Vec::new();
    for (relative, expected) in &files {
        match std::fs::read_to_string(crate_root.join(relative)) {
            Ok(actual) if &actual == expected => {}
            Ok(_) => problems.push(format!("stale: generated/{relative}")),
            Err(_) => problems.push(format!("missing: generated/{relative}")),
        }
    }
    let expected: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    for folder in generator::OWNED_FOLDERS {
        let entries = std::fs::read_dir(crate_root.join(folder)).expect("generated folder is listable");
        for entry in entries.flatten() {
            let relative = format!("{folder}/{}", entry.file_name().to_string_lossy());
            if !expected.contains(relative.as_str()) {
                problems.push(format!("extra: generated/{relative}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "generated/ is out of date with spec/ and templates/; run `cargo xtask codegen` and commit the result:\n{}",
        problems.join("\n")
    );
}

#[test]
fn output_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = std::fs::read_to_string(root.join("spec/openapi.yaml")).expect("spec/openapi.yaml is readable");
    let first = generator::generate(&spec).expect("the curated spec generates");
    let second = generator::generate(&spec).expect("the curated spec generates");
    assert_eq!(first.len(), second.len());
    for ((first_path, first_text), (second_path, second_text)) in first.iter().zip(&second) {
        assert_eq!(first_path, second_path);
        assert!(first_text == second_text, "two runs wrote different text for {first_path}");
    }
}
