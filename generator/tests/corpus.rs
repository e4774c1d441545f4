//! Runs the generator on Datadog's full public documents: it must never panic, and must either
//! generate or report every problem with a JSON pointer.

use std::path::Path;

/// The corpus lives beside the project, in `../shared/corpus/`, on developer machines and in CI.
fn corpus_document(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus").join(name);
    std::fs::read_to_string(path).ok()
}

fn check_document(name: &str) {
    let Some(text) = corpus_document(name) else {
        panic!("../shared/corpus/{name} is missing; the corpus is part of every checkout's surroundings");
    };
    match generator::generate_with_report(&text) {
        Ok(generated) => {
            eprintln!("{name}: generated {} models and {} operations", generated.model_count, generated.operation_count);
            assert!(generated.operation_count > 0, "{name}: generated no operations");
        }
        Err(errors) => {
            eprintln!("{name}: {} problems reported, for example:", errors.diagnostics.len());
            for diagnostic in errors.diagnostics.iter().take(5) {
                eprintln!("  {diagnostic}");
            }
            for diagnostic in &errors.diagnostics {
                assert!(
                    diagnostic.pointer.starts_with("#/") && diagnostic.pointer.len() > 2,
                    "{name}: a problem without a precise JSON pointer: {diagnostic}"
                );
                assert!(!diagnostic.message.contains("internal"), "{name}: an internal error: {diagnostic}");
            }
        }
    }
}

#[test]
fn datadog_v1_generates_or_lists_its_unsupported_constructs() {
    check_document("datadog-v1.yaml");
}

#[test]
fn datadog_v2_generates_or_lists_its_unsupported_constructs() {
    check_document("datadog-v2-other-tags.yaml");
}
