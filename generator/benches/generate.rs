//! Benchmarks of the generator: `generate()` in memory on `spec/openapi.yaml`, each phase on its own,
//! and how far `load` and `lower` get on the two Datadog documents in `../shared/corpus/`.
//!
//! Run with `cargo bench -p generator --bench generate` (a release build). Divan prints one table of
//! timings; a summary follows with the median time per phase of `generate_with_report`, the budget
//! check (at most 100 ms for the curated spec), and, for each corpus document, the load and lower
//! times with the diagnostics counted by kind.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::{format, load, lower, render};

/// The curated spec, compiled in so that the benchmark measures no file I/O.
const CURATED_SPEC: &str = include_str!("../../spec/openapi.yaml");

/// The budget for one in-memory generation of the curated spec in a release build.
const CODEGEN_BUDGET: Duration = Duration::from_millis(100);

/// The corpus documents, relative to the repository root's parent folder (`shared/` sits beside the repository).
const CORPUS_DOCUMENTS: &[&str] = &["shared/corpus/datadog-v1.yaml", "shared/corpus/datadog-v2-other-tags.yaml"];

fn main() {
    divan::main();
    let bench_run = is_bench_run();
    report_phase_times(if bench_run { 31 } else { 1 });
    report_corpus(if bench_run { 3 } else { 1 });
}

/// True under `cargo bench`; false under `cargo test --benches` or `cargo bench -- --test`, where
/// every measurement runs once as a smoke test.
fn is_bench_run() -> bool {
    let arguments: Vec<String> = std::env::args().collect();
    arguments.iter().any(|argument| argument == "--bench") && !arguments.iter().any(|argument| argument == "--test")
}

#[divan::bench]
fn generate_curated_spec() -> generator::Files {
    generator::generate(divan::black_box(CURATED_SPEC)).expect("the curated spec generates")
}

#[divan::bench]
fn phase_load(bencher: divan::Bencher) {
    bencher.bench(|| load::load(divan::black_box(CURATED_SPEC)).expect("the curated spec loads"));
}

#[divan::bench]
fn phase_lower(bencher: divan::Bencher) {
    let loaded = load::load(CURATED_SPEC).expect("the curated spec loads");
    bencher.bench(|| lower::lower(divan::black_box(&loaded)).expect("the curated spec lowers"));
}

#[divan::bench]
fn phase_render(bencher: divan::Bencher) {
    let loaded = load::load(CURATED_SPEC).expect("the curated spec loads");
    let ir = lower::lower(&loaded).expect("the curated spec lowers");
    bencher.bench(|| render::render(divan::black_box(&ir)).expect("the curated spec renders"));
}

#[divan::bench]
fn phase_format(bencher: divan::Bencher) {
    let loaded = load::load(CURATED_SPEC).expect("the curated spec loads");
    let ir = lower::lower(&loaded).expect("the curated spec lowers");
    let rendered = render::render(&ir).expect("the curated spec renders");
    bencher.bench(|| {
        rendered
            .iter()
            .map(|(path, file)| format::format(path, divan::black_box(file)).expect("every rendered file parses"))
            .map(|text| text.len())
            .sum::<usize>()
    });
}

/// Runs `generate_with_report` `runs` times and prints the median of each phase and of the total.
fn report_phase_times(runs: usize) {
    let mut phase_samples: [Vec<Duration>; 4] = Default::default();
    let mut phase_names = [""; 4];
    let mut totals = Vec::with_capacity(runs);
    let mut counts = (0, 0, 0);
    for _ in 0..runs {
        let started = Instant::now();
        let generated = generator::generate_with_report(CURATED_SPEC).expect("the curated spec generates");
        totals.push(started.elapsed());
        for (index, (name, time)) in generated.phase_times.iter().enumerate() {
            phase_names[index] = name;
            phase_samples[index].push(*time);
        }
        counts = (generated.model_count, generated.operation_count, generated.files.len());
    }
    let total = median(&mut totals);
    println!();
    println!(
        "generate spec/openapi.yaml ({} models, {} operations, {} files), median of {runs} runs:",
        counts.0, counts.1, counts.2
    );
    let phases: Vec<String> = phase_names
        .iter()
        .zip(phase_samples.iter_mut())
        .map(|(name, samples)| format!("{name} {}", format_duration(median(samples))))
        .collect();
    println!("  {}; total {}", phases.join(", "), format_duration(total));
    let verdict = if total <= CODEGEN_BUDGET { "holds" } else { "MISSED" };
    println!("  budget: at most {} per generation: {verdict}", format_duration(CODEGEN_BUDGET));
}

/// Loads and lowers each corpus document and prints the times and the diagnostics by kind.
fn report_corpus(runs: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for relative in CORPUS_DOCUMENTS {
        let path: PathBuf = root.join(relative);
        println!();
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("corpus {relative}: not found beside the repository, skipped");
            continue;
        };
        println!("corpus {relative} ({} KiB), median of {runs} runs:", text.len() / 1024);
        report_corpus_document(&text, runs);
    }
}

fn report_corpus_document(text: &str, runs: usize) {
    let mut load_times = Vec::with_capacity(runs);
    let mut lower_times = Vec::with_capacity(runs);
    let mut last_outcome = None;
    for _ in 0..runs {
        let started = Instant::now();
        let loaded = match panic::catch_unwind(|| load::load(text)) {
            Ok(loaded) => loaded,
            Err(payload) => {
                println!("  load PANICKED: {}", panic_message(payload.as_ref()));
                return;
            }
        };
        load_times.push(started.elapsed());
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(errors) => {
                println!("  load {} and failed", format_duration(median(&mut load_times)));
                print_diagnostic_kinds("load", &errors);
                return;
            }
        };
        let started = Instant::now();
        let lowered = match panic::catch_unwind(AssertUnwindSafe(|| lower::lower(&loaded))) {
            Ok(lowered) => lowered,
            Err(payload) => {
                println!("  lower PANICKED: {}", panic_message(payload.as_ref()));
                return;
            }
        };
        lower_times.push(started.elapsed());
        last_outcome = Some(lowered);
    }
    println!("  load {}, lower {}", format_duration(median(&mut load_times)), format_duration(median(&mut lower_times)));
    match last_outcome {
        Some(Ok(ir)) => {
            let operations: usize = ir.apis.iter().map(|api| api.operations.len()).sum();
            println!("  lower succeeded: {} models, {operations} operations", ir.models.len());
        }
        Some(Err(errors)) => {
            print_diagnostic_kinds("lower", &errors);
            print_reach(text, &errors);
        }
        None => {}
    }
}

/// Prints how many of the document's schemas and operations have at least one diagnostic.
fn print_reach(text: &str, errors: &generator::Errors) {
    let Ok(loaded) = load::load(text) else { return };
    let schema_count = loaded.document.components.as_ref().map_or(0, |components| components.schemas.len());
    let operation_count: usize =
        loaded.document.paths.paths.values().filter_map(|path_item| path_item.as_item()).map(|item| item.iter().count()).sum();
    let mut schemas_with_problems = std::collections::BTreeSet::new();
    let mut operations_with_problems = std::collections::BTreeSet::new();
    let mut elsewhere = 0;
    for diagnostic in &errors.diagnostics {
        let segments: Vec<&str> = diagnostic.pointer.split('/').collect();
        match segments.as_slice() {
            ["#", "components", "schemas", name, ..] => {
                schemas_with_problems.insert(*name);
            }
            ["#", "paths", path, method, ..] => {
                operations_with_problems.insert((*path, *method));
            }
            _ => elsewhere += 1,
        }
    }
    println!(
        "  reach: {} of {schema_count} schemas and {} of {operation_count} operations have a diagnostic ({elsewhere} diagnostics elsewhere); render and format do not run while lower reports errors",
        schemas_with_problems.len(),
        operations_with_problems.len(),
    );
}

/// Prints how many diagnostics a phase reported, grouped by kind, most frequent first.
fn print_diagnostic_kinds(phase: &str, errors: &generator::Errors) {
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for diagnostic in &errors.diagnostics {
        *kinds.entry(diagnostic_kind(&diagnostic.message)).or_default() += 1;
    }
    let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|left, right| right.1.cmp(&left.1).then_with(|| left.0.cmp(&right.0)));
    println!("  {phase} reported {} diagnostics of {} kinds:", errors.diagnostics.len(), kinds.len());
    for (kind, count) in kinds {
        println!("  {count:>6}  {kind}");
    }
}

/// The kind of a diagnostic: its message with the names it quotes replaced by `…`, so that
/// "unresolved `$ref`: `#/a` does not exist" and "unresolved `$ref`: `#/b` does not exist" count together.
///
/// Quoted spans that are OpenAPI keywords (`allOf`, `$ref`, `default`, …) are kept, since they say
/// which construct is meant.
fn diagnostic_kind(message: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "$ref", "allOf", "anyOf", "oneOf", "not", "type", "properties", "default", "content", "style: form",
        "UnknownValue",
    ];
    let first_line = message.lines().next().unwrap_or_default();
    let mut kind = String::with_capacity(first_line.len());
    let mut parts = first_line.split('`');
    if let Some(outside) = parts.next() {
        kind.push_str(outside);
    }
    while let Some(quoted) = parts.next() {
        if KEYWORDS.contains(&quoted) {
            kind.push('`');
            kind.push_str(quoted);
            kind.push('`');
        } else {
            kind.push_str("`…`");
        }
        if let Some(outside) = parts.next() {
            kind.push_str(outside);
        }
    }
    kind
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        String::from("(a panic without a message)")
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn format_duration(duration: Duration) -> String {
    let nanos = duration.as_secs_f64() * 1e9;
    if nanos < 1e3 {
        format!("{nanos:.0} ns")
    } else if nanos < 1e6 {
        format!("{:.2} µs", nanos / 1e3)
    } else if nanos < 1e9 {
        format!("{:.2} ms", nanos / 1e6)
    } else {
        format!("{:.2} s", nanos / 1e9)
    }
}
