//! Decodes every JSON example of the five reference pages into its model and checks that it re-encodes to equal JSON.
//!
//! The examples live in `tests/fixtures/page_examples/`, one file each, named `<number>-<operation>-<part>.<Model>.json`.
//! `INDEX.md` there says which page and lines each file comes from.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use datadog_client::models;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The number of JSON examples on the five pages, request and curl bodies included.
const EXPECTED_EXAMPLES: usize = 64;

/// Examples that must not decode, with the reason.
///
/// Each entry is checked: if one of these starts to decode, the list is stale and the test fails.
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "048-register-app-key-response-201.RegisterAppKeyResponse.json",
        "the page prints the placeholder `\"id\": \"string\"` in `AppKeyRegistrationData.id`, which the page itself types `uuid`",
    ),
    (
        "052-list-app-key-registrations-response-200.ListAppKeyRegistrationsResponse.json",
        "the page prints the placeholder `\"id\": \"string\"` in `AppKeyRegistrationData.id`, which the page itself types `uuid`",
    ),
    (
        "060-get-app-key-registration-response-200.GetAppKeyRegistrationResponse.json",
        "the page prints the placeholder `\"id\": \"string\"` in `AppKeyRegistrationData.id`, which the page itself types `uuid`",
    ),
];

/// Writes a line straight to the process's standard error, which the test harness does not capture, so `cargo test` always shows it.
fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/page_examples")
}

/// Decodes `text` as `T`, re-encodes it, and compares the result with the original JSON.
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> Result<(), String> {
    let original: serde_json::Value =
        serde_json::from_str(text).map_err(|error| format!("the fixture is not JSON: {error}"))?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let model: T = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| format!("does not decode: {error}"))?;
    let encoded =
        serde_json::to_value(&model).map_err(|error| format!("does not re-encode: {error}"))?;
    if encoded == original {
        Ok(())
    } else {
        Err(format!(
            "re-encodes to different JSON:\n  page:       {original}\n  re-encoded: {encoded}"
        ))
    }
}

/// Maps a model name from a file name to the typed round trip of that model.
macro_rules! round_trip_by_name {
    ($name:expr, $text:expr; $($model:ident),+ $(,)?) => {
        match $name {
            $(stringify!($model) => round_trip::<models::$model>($text),)+
            other => Err(format!("no model named `{other}` is known to this test")),
        }
    };
}

fn round_trip_named(model: &str, text: &str) -> Result<(), String> {
    round_trip_by_name!(model, text;
        APIErrorResponse,
        CreateActionConnectionRequest,
        CreateActionConnectionResponse,
        GetActionConnectionResponse,
        GetAppKeyRegistrationResponse,
        JSONAPIErrorResponse,
        ListAppKeyRegistrationsResponse,
        OrgConnectionCreateRequest,
        OrgConnectionListResponse,
        OrgConnectionResponse,
        OrgConnectionUpdateRequest,
        RegisterAppKeyResponse,
        UpdateActionConnectionRequest,
        UpdateActionConnectionResponse,
    )
}

#[test]
fn every_page_example_decodes_and_re_encodes_to_equal_json() {
    let dir = fixtures_dir();
    let files = support::json_file_names(&dir);
    let index =
        std::fs::read_to_string(dir.join("INDEX.md")).expect("page_examples/INDEX.md exists");

    let mut decoded = 0;
    let mut excepted = BTreeSet::new();
    let mut failures = Vec::new();
    for file in &files {
        if !index.contains(&format!("`{file}`")) {
            failures.push(format!("{file}: not listed in INDEX.md"));
        }
        let Some((stem, model)) = file.trim_end_matches(".json").rsplit_once('.') else {
            failures.push(format!("{file}: the name does not end in `.<Model>.json`"));
            continue;
        };
        assert!(!stem.is_empty(), "{file}: the name has no stem");
        let text = std::fs::read_to_string(dir.join(file)).expect("the fixture is readable");
        let result = round_trip_named(model, &text);
        match (EXCEPTIONS.iter().find(|(name, _)| name == file), result) {
            (None, Ok(())) => decoded += 1,
            (None, Err(error)) => failures.push(format!("{file} as {model}: {error}")),
            (Some((_, reason)), Err(error)) => {
                report(&format!("documented exception: {file}: {reason} ({error})"));
                excepted.insert(file.clone());
            }
            (Some(_), Ok(())) => failures.push(format!(
                "{file} is listed as an exception but now decodes and re-encodes: remove it from EXCEPTIONS"
            )),
        }
    }
    for (name, _) in EXCEPTIONS {
        if !files.iter().any(|file| file == name) {
            failures.push(format!("the exception {name} names no fixture"));
        }
    }

    report(&format!(
        "page examples: {} found, {decoded} decoded and re-encoded to equal JSON, {} documented exceptions",
        files.len(),
        excepted.len()
    ));
    assert!(
        failures.is_empty(),
        "{} page examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        files.len(),
        EXPECTED_EXAMPLES,
        "the number of page examples changed"
    );
    assert_eq!(excepted.len(), EXCEPTIONS.len());
    assert_eq!(decoded, EXPECTED_EXAMPLES - EXCEPTIONS.len());
}

/// The three placeholders are the page's only defect: with a real UUID in place of `"string"` they decode and re-encode.
#[test]
fn the_placeholder_examples_round_trip_once_the_id_is_a_uuid() {
    let dir = fixtures_dir();
    for (file, _) in EXCEPTIONS {
        let text = std::fs::read_to_string(dir.join(file)).expect("the fixture is readable");
        assert!(
            text.contains(r#""id": "string""#),
            "{file} has no placeholder id"
        );
        let fixed = text.replace(
            r#""id": "string""#,
            r#""id": "b7feea52-994e-4714-a100-1bd9eff5aee1""#,
        );
        let model = file
            .trim_end_matches(".json")
            .rsplit_once('.')
            .map(|(_, model)| model)
            .unwrap_or("");
        if let Err(error) = round_trip_named(model, &fixed) {
            panic!("{file} with a UUID id: {error}");
        }
    }
}
