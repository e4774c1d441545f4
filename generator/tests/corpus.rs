//! Runs the generator on every vendored corpus document (Datadog's full documents and the public
//! ones in `tests/corpus/`): each must generate without an error, and the warnings, counted by
//! kind, are snapshotted so that a change in reach shows up in review.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn corpus_documents() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut documents: Vec<std::path::PathBuf> = ["", "public"]
        .iter()
        .flat_map(|folder| {
            std::fs::read_dir(root.join(folder)).expect("the corpus folder is listable")
        })
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml" || extension == "json")
        })
        .collect();
    documents.sort();
    documents
}

#[test]
fn every_corpus_document_generates() {
    let documents = corpus_documents();
    assert!(
        documents.len() >= 8,
        "the vendored corpus is incomplete: {documents:?}"
    );
    let mut report = String::new();
    for path in documents {
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).expect("a corpus document is readable");
        let options = generator::Options::standalone(
            "corpus-client",
            format!("generator/tests/corpus/{name}"),
        );
        match generator::generate_with_report(&text, &options) {
            Ok(generated) => {
                let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
                for warning in &generated.warnings {
                    assert!(
                        warning.pointer.starts_with("#/") && warning.pointer.len() > 2,
                        "{name}: a warning without a precise pointer: {warning}"
                    );
                    *kinds.entry(warning.kind.label()).or_default() += 1;
                }
                let _ = writeln!(
                    report,
                    "{name}: {} models, {} operations, {} files",
                    generated.model_count,
                    generated.operation_count,
                    generated.files.len()
                );
                for (kind, count) in kinds {
                    let _ = writeln!(report, "  warning {kind}: {count}");
                }
            }
            Err(errors) => {
                for diagnostic in &errors.diagnostics {
                    assert!(
                        diagnostic.pointer.starts_with("#/"),
                        "{name}: a problem without a precise pointer: {diagnostic}"
                    );
                }
                panic!("{name} does not generate:\n{errors}");
            }
        }
    }
    insta::assert_snapshot!(report);
}
