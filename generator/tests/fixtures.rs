//! Runs every fixture spec in `tests/fixtures/` through the whole pipeline and snapshots the result.
//!
//! A fixture that generates is snapshotted as its files (all but `src/lib.rs`, whose guide is the
//! same prose for every spec), each under a `=== path` line, followed by its warnings; one that
//! fails is snapshotted as the error report. Review changes with `cargo insta review`.

use std::fmt::Write as _;

#[test]
fn fixtures_generate_or_report_errors() {
    insta::glob!("fixtures/*.yaml", |path| {
        let spec_text = std::fs::read_to_string(path).expect("fixture is readable");
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("fixture.yaml");
        let options = generator::Options::standalone(
            "fixture-client",
            format!("generator/tests/fixtures/{name}"),
        );
        let snapshot = match generator::generate_with_report(&spec_text, &options) {
            Ok(generated) => {
                let mut text = String::new();
                for (file_path, contents) in generated
                    .files
                    .iter()
                    .filter(|(file_path, _)| file_path.as_str() != "src/lib.rs")
                {
                    let _ = writeln!(text, "=== {file_path}\n{contents}");
                }
                for warning in &generated.warnings {
                    let _ = writeln!(text, "WARNING {warning}");
                }
                text
            }
            Err(errors) => format!("ERROR\n{errors}"),
        };
        insta::assert_snapshot!(snapshot);
    });
}
