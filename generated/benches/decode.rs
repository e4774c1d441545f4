//! Decoding benchmarks: each payload into its model, beside `serde_json::from_str::<serde_json::Value>`
//! on the same bytes in the same run.
//!
//! Run with `cargo bench -p datadog-client --bench decode`. Divan prints a table; then one line per
//! payload gives the paired medians and the ratio model / `Value`: the median over several
//! independent runs, which must be at most 0.7, and the smallest and largest run.

#[path = "support/payloads.rs"]
mod payloads;
#[path = "support/timing.rs"]
mod timing;

use datadog_client::models::{GetActionConnectionResponse, OrgConnectionListResponse};
use divan::black_box;
use payloads::{ACTION_CONNECTION_CASES, INTEGRATIONS, ORG_CONNECTION_COUNT, ORG_CONNECTION_LIST};
use serde_json::Value;
use timing::{RunMode, Runs, compare_runs, format_duration};

/// The budget: decoding into a model costs at most 0.7 of decoding into a `Value`.
const RATIO_BUDGET: f64 = 0.7;

fn main() {
    let mode = RunMode::from_arguments();
    for case in &ACTION_CONNECTION_CASES {
        payloads::checked_action_connection(case);
    }
    payloads::checked_org_connection_list();
    divan::main();
    report_ratios(mode);
}

#[divan::bench(args = INTEGRATIONS)]
fn get_action_connection_model(bencher: divan::Bencher, integration: &str) {
    let json = payloads::action_connection_json(integration);
    bencher.bench(|| {
        serde_json::from_str::<GetActionConnectionResponse>(black_box(json)).expect("decodes")
    });
}

#[divan::bench(args = INTEGRATIONS)]
fn get_action_connection_value(bencher: divan::Bencher, integration: &str) {
    let json = payloads::action_connection_json(integration);
    bencher.bench(|| serde_json::from_str::<Value>(black_box(json)).expect("decodes"));
}

#[divan::bench]
fn org_connection_list_model(bencher: divan::Bencher) {
    let json = ORG_CONNECTION_LIST.as_str();
    bencher.bench(|| {
        serde_json::from_str::<OrgConnectionListResponse>(black_box(json)).expect("decodes")
    });
}

#[divan::bench]
fn org_connection_list_value(bencher: divan::Bencher) {
    let json = ORG_CONNECTION_LIST.as_str();
    bencher.bench(|| serde_json::from_str::<Value>(black_box(json)).expect("decodes"));
}

/// Times each model decode against the `Value` decode of the same bytes, in alternation, several
/// times over, and prints the ratios. Both sides include dropping what they decoded.
fn report_ratios(mode: RunMode) {
    println!();
    println!(
        "decode ratios (model / serde_json::Value on the same bytes, budget <= {RATIO_BUDGET:.2}){}:",
        mode.note()
    );
    for case in &ACTION_CONNECTION_CASES {
        let runs = compare_runs(
            mode,
            || {
                drop(black_box(
                    serde_json::from_str::<GetActionConnectionResponse>(black_box(case.json)),
                ))
            },
            || {
                drop(black_box(serde_json::from_str::<Value>(black_box(
                    case.json,
                ))))
            },
        );
        print_line(
            &format!(
                "GetActionConnectionResponse({}), {} bytes",
                case.integration,
                case.json.len()
            ),
            &runs,
        );
    }
    let json = ORG_CONNECTION_LIST.as_str();
    let runs = compare_runs(
        mode,
        || {
            drop(black_box(
                serde_json::from_str::<OrgConnectionListResponse>(black_box(json)),
            ))
        },
        || drop(black_box(serde_json::from_str::<Value>(black_box(json)))),
    );
    print_line(
        &format!(
            "OrgConnectionListResponse({ORG_CONNECTION_COUNT} items), {} bytes",
            json.len()
        ),
        &runs,
    );
}

fn print_line(label: &str, runs: &Runs) {
    let ratio = runs.median_ratio();
    let verdict = if ratio <= RATIO_BUDGET {
        "holds"
    } else {
        "MISSED"
    };
    println!(
        "decode {label}: model {}, Value {}, ratio {ratio:.2} (min {:.2}, max {:.2} over {} runs) ({verdict})",
        format_duration(runs.median_measured()),
        format_duration(runs.median_baseline()),
        runs.min_ratio(),
        runs.max_ratio(),
        runs.count(),
    );
}
