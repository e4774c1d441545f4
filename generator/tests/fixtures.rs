//! Runs every fixture spec in `tests/fixtures/` through the whole pipeline and snapshots the result.
//!
//! A fixture that generates is snapshotted as all its files, each under a `=== path` line; one that
//! fails is snapshotted as the error report. Review changes with `cargo insta review`.

use std::fmt::Write as _;

#[test]
fn fixtures_generate_or_report_errors() {
    insta::glob!("fixtures/*.yaml", |path| {
        let spec_text = std::fs::read_to_string(path).expect("fixture is readable");
        let snapshot = match generator::generate(&spec_text) {
            Ok(files) => {
                let mut text = String::new();
                for (file_path, contents) in &files {
                    let _ = writeln!(text, "=== {file_path}\n{contents}");
                }
                text
            }
            Err(errors) => format!("ERROR\n{errors}"),
        };
        insta::assert_snapshot!(snapshot);
    });
}
