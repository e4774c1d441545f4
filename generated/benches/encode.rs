//! Encoding benchmarks: each model to JSON bytes, beside encoding the `serde_json::Value` of the same
//! payload in the same run.
//!
//! Run with `cargo bench -p datadog-client --bench encode`. Divan prints a table; then one line per
//! payload gives the paired medians and the ratio model / `Value` (no budget; reported for reference).

#[path = "support/payloads.rs"]
mod payloads;
#[path = "support/timing.rs"]
// This benchmark makes one comparison per case; the repeated runs of `compare_runs` are unused here.
#[allow(dead_code)]
mod timing;

use datadog_client::models::GetActionConnectionResponse;
use divan::black_box;
use payloads::{ACTION_CONNECTION_CASES, INTEGRATIONS, ORG_CONNECTION_COUNT, ORG_CONNECTION_LIST};
use serde_json::Value;
use timing::{RunMode, compare, format_duration};

fn main() {
    let mode = RunMode::from_arguments();
    divan::main();
    report_ratios(mode);
}

fn decoded_pair(integration: &str) -> (GetActionConnectionResponse, Value) {
    let case = ACTION_CONNECTION_CASES
        .iter()
        .find(|case| case.integration == integration)
        .expect("every divan argument names a payload");
    let model = payloads::checked_action_connection(case);
    let value = serde_json::from_str(payloads::action_connection_json(integration))
        .expect("the payload is JSON");
    (model, value)
}

#[divan::bench(args = INTEGRATIONS)]
fn get_action_connection_model(bencher: divan::Bencher, integration: &str) {
    let (model, _) = decoded_pair(integration);
    bencher.bench(|| serde_json::to_vec(black_box(&model)).expect("encodes"));
}

#[divan::bench(args = INTEGRATIONS)]
fn get_action_connection_value(bencher: divan::Bencher, integration: &str) {
    let (_, value) = decoded_pair(integration);
    bencher.bench(|| serde_json::to_vec(black_box(&value)).expect("encodes"));
}

#[divan::bench]
fn org_connection_list_model(bencher: divan::Bencher) {
    let model = payloads::checked_org_connection_list();
    bencher.bench(|| serde_json::to_vec(black_box(&model)).expect("encodes"));
}

#[divan::bench]
fn org_connection_list_value(bencher: divan::Bencher) {
    let value: Value = serde_json::from_str(&ORG_CONNECTION_LIST).expect("the list is JSON");
    bencher.bench(|| serde_json::to_vec(black_box(&value)).expect("encodes"));
}

/// Times each model encode against the `Value` encode of the same payload, in alternation, and
/// prints the ratios.
fn report_ratios(mode: RunMode) {
    println!();
    println!(
        "encode ratios (model / serde_json::Value of the same payload){}:",
        mode.note()
    );
    for case in &ACTION_CONNECTION_CASES {
        let (model, value) = decoded_pair(case.integration);
        let comparison = compare(
            mode,
            || drop(black_box(serde_json::to_vec(black_box(&model)))),
            || drop(black_box(serde_json::to_vec(black_box(&value)))),
        );
        print_line(
            &format!("GetActionConnectionResponse({})", case.integration),
            comparison,
        );
    }
    let model = payloads::checked_org_connection_list();
    let value: Value = serde_json::from_str(&ORG_CONNECTION_LIST).expect("the list is JSON");
    let comparison = compare(
        mode,
        || drop(black_box(serde_json::to_vec(black_box(&model)))),
        || drop(black_box(serde_json::to_vec(black_box(&value)))),
    );
    print_line(
        &format!("OrgConnectionListResponse({ORG_CONNECTION_COUNT} items)"),
        comparison,
    );
}

fn print_line(label: &str, comparison: timing::Comparison) {
    println!(
        "encode {label}: model {}, Value {}, ratio {:.2}",
        format_duration(comparison.measured),
        format_duration(comparison.baseline),
        comparison.ratio,
    );
}
