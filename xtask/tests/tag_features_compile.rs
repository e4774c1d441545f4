//! Checks that the curated client compiles and passes clippy with each tag's feature alone, with
//! no features, and with the test doubles but without `tracing`, so that the per-tag gating of
//! APIs and models never breaks.
//!
//! The features are read from `generated/Cargo.toml`. The checks run clippy offline, in the
//! target dir under the test's scratch folder that `fixtures_compile` uses too, so that the
//! dependencies are checked once and the workspace's own build lock is never waited on.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository root exists")
}

/// The tag features of the generated crate: its default features without the two that are not
/// tags.
fn tag_features(manifest: &str) -> Vec<String> {
    let default_line = manifest
        .lines()
        .find(|line| line.starts_with("default = ["))
        .expect("generated/Cargo.toml has a default feature list");
    default_line
        .trim_start_matches("default = [")
        .trim_end_matches(']')
        .split(',')
        .map(|feature| feature.trim().trim_matches('"').to_string())
        .filter(|feature| !feature.is_empty())
        .filter(|feature| feature != "unreferenced-models" && feature != "tracing")
        .collect()
}

#[test]
fn each_tag_feature_compiles_alone_and_so_does_no_feature_and_test_util_without_tracing() {
    let root = repository();
    let manifest =
        std::fs::read_to_string(root.join("generated/Cargo.toml")).expect("reads the manifest");
    let tags = tag_features(&manifest);
    assert!(
        tags.len() >= 2,
        "the curated crate has a feature per tag: {tags:?}"
    );
    let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates-target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut feature_sets: Vec<Vec<String>> = vec![Vec::new()];
    feature_sets.extend(tags.iter().map(|tag| vec![tag.clone()]));
    // The test doubles without `tracing`, which they must not need.
    feature_sets.push(vec![tags[0].clone(), "test-util".to_string()]);
    for features in feature_sets {
        let mut command = Command::new(&cargo);
        command
            .current_dir(&root)
            .args([
                "clippy",
                "--offline",
                "--quiet",
                "-p",
                "datadog-client",
                "--lib",
                "--no-default-features",
            ])
            .arg("--target-dir")
            .arg(&target_dir)
            .env_remove("RUSTFLAGS");
        if !features.is_empty() {
            command.args(["--features", &features.join(",")]);
        }
        command.args(["--", "-D", "warnings"]);
        let output = command.output().expect("runs cargo clippy");
        assert!(
            output.status.success(),
            "datadog-client does not compile with features {features:?}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn tag_features_are_read_from_the_default_list() {
    let manifest = "[features]\ndefault = [\"a-b\", \"c\", \"unreferenced-models\", \"tracing\"]\n";
    assert_eq!(tag_features(manifest), vec!["a-b", "c"]);
}
