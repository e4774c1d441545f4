//! Benchmarks of the generator: `generate()` in memory on `spec/openapi.yaml` and on each phase,
//! and end to end on the vendored corpus documents, with the budgets checked.
//!
//! Run with `cargo bench -p generator --bench generate` (a release build). Divan prints one table of
//! timings; a summary follows with the median time per phase of `generate_with_report` on the
//! curated spec (budget: 100 ms), and, for each corpus document, the median end-to-end time, the
//! phases, the files and lines written, and the warnings by kind. Datadog's v2 document has two
//! budgets: at most 2 s end to end, and at most 25% of the 682,570 lines Datadog's own generator
//! writes for it.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use generator::{Options, format, load, lower, render};

/// The curated spec, compiled in so that the benchmark measures no file I/O.
const CURATED_SPEC: &str = include_str!("../../spec/openapi.yaml");

/// The budget for one in-memory generation of the curated spec in a release build.
const CODEGEN_BUDGET: Duration = Duration::from_millis(100);

/// The budget for one generation of Datadog's v2 document, end to end, in a release build.
const V2_CODEGEN_BUDGET: Duration = Duration::from_secs(2);

/// The lines Datadog's own generator writes for its v2 document; ours may write at most a quarter.
const DATADOG_V2_LINES: usize = 682_570;

/// The corpus documents, relative to `generator/tests/corpus/`.
const CORPUS_DOCUMENTS: &[&str] = &[
    "datadog-v1.yaml",
    "datadog-v2-other-tags.yaml",
    "public/github-api.json",
    "public/oxide-nexus.json",
    "public/spotify.yaml",
];

fn options() -> Options {
    Options::workspace_member("datadog-client", "spec/openapi.yaml")
}

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
    arguments.iter().any(|argument| argument == "--bench")
        && !arguments.iter().any(|argument| argument == "--test")
}

#[divan::bench]
fn generate_curated_spec() -> generator::Files {
    generator::generate(divan::black_box(CURATED_SPEC), &options())
        .expect("the curated spec generates")
}

fn lower_options() -> lower::LowerOptions {
    lower::LowerOptions {
        package_name: "datadog-client".to_string(),
        spec_path: "spec/openapi.yaml".to_string(),
        standalone: false,
    }
}

#[divan::bench]
fn phase_load(bencher: divan::Bencher) {
    bencher.bench(|| load::load(divan::black_box(CURATED_SPEC)).expect("the curated spec loads"));
}

#[divan::bench]
fn phase_lower(bencher: divan::Bencher) {
    let loaded = load::load(CURATED_SPEC).expect("the curated spec loads");
    bencher.bench(|| {
        lower::lower(divan::black_box(&loaded), &lower_options()).expect("the curated spec lowers")
    });
}

#[divan::bench]
fn phase_render(bencher: divan::Bencher) {
    let loaded = load::load(CURATED_SPEC).expect("the curated spec loads");
    let (ir, _) = lower::lower(&loaded, &lower_options()).expect("the curated spec lowers");
    bencher.bench(|| render::render(divan::black_box(&ir)).expect("the curated spec renders"));
}

#[divan::bench]
fn phase_format(bencher: divan::Bencher) {
    let loaded = load::load(CURATED_SPEC).expect("the curated spec loads");
    let (ir, _) = lower::lower(&loaded, &lower_options()).expect("the curated spec lowers");
    let rendered = render::render(&ir).expect("the curated spec renders");
    bencher.bench(|| {
        rendered
            .iter()
            .map(|(path, file)| {
                format::format(path, divan::black_box(file), "spec/openapi.yaml")
                    .expect("every rendered file parses")
            })
            .map(|text| text.len())
            .sum::<usize>()
    });
}

/// Runs `generate_with_report` `runs` times and prints the median of each phase and of the total.
fn report_phase_times(runs: usize) {
    let (summary, total) = measure(CURATED_SPEC, &options(), runs);
    println!();
    println!("generate spec/openapi.yaml, median of {runs} runs: {summary}");
    let verdict = if total <= CODEGEN_BUDGET {
        "holds"
    } else {
        "MISSED"
    };
    println!(
        "  budget: at most {} per generation: {verdict}",
        format_duration(CODEGEN_BUDGET)
    );
}

/// Generates `spec` `runs` times; returns a summary line (counts, phases, total) and the median total.
fn measure(spec: &str, options: &Options, runs: usize) -> (String, Duration) {
    let mut phase_samples: [Vec<Duration>; 5] = Default::default();
    let mut phase_names = [""; 5];
    let mut totals = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let generated =
            generator::generate_with_report(spec, options).expect("the document generates");
        totals.push(started.elapsed());
        for (index, (name, time)) in generated.phase_times.iter().enumerate() {
            phase_names[index] = name;
            phase_samples[index].push(*time);
        }
        last = Some(generated);
    }
    let total = median(&mut totals);
    let phases: Vec<String> = phase_names
        .iter()
        .zip(phase_samples.iter_mut())
        .map(|(name, samples)| format!("{name} {}", format_duration(median(samples))))
        .collect();
    let counts = last.map_or(String::new(), |generated| {
        format!(
            "{} models, {} operations, {} files; ",
            generated.model_count,
            generated.operation_count,
            generated.files.len()
        )
    });
    (
        format!(
            "{counts}{}; total {}",
            phases.join(", "),
            format_duration(total)
        ),
        total,
    )
}

/// Generates each corpus document and prints times, lines and warnings.
fn report_corpus(runs: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for relative in CORPUS_DOCUMENTS {
        let text = std::fs::read_to_string(root.join(relative))
            .expect("a vendored corpus document is readable");
        let options = Options::standalone(
            "corpus-client",
            format!("generator/tests/corpus/{relative}"),
        );
        println!();
        let (summary, total) = measure(&text, &options, runs);
        println!(
            "corpus {relative} ({} KiB), median of {runs} runs: {summary}",
            text.len() / 1024
        );
        let generated =
            generator::generate_with_report(&text, &options).expect("the document generates");
        let lines: usize = generated
            .files
            .values()
            .map(|text| text.lines().count())
            .sum();
        println!("  {lines} lines written (generated files only, every line counted)");
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for warning in &generated.warnings {
            *kinds.entry(warning.kind.label()).or_default() += 1;
        }
        for (kind, count) in kinds {
            println!("  warning {kind}: {count}");
        }
        if relative.starts_with("datadog-v2") {
            let verdict = if total <= V2_CODEGEN_BUDGET {
                "holds"
            } else {
                "MISSED"
            };
            println!(
                "  budget: at most {} end to end: {verdict}",
                format_duration(V2_CODEGEN_BUDGET)
            );
            let allowed = DATADOG_V2_LINES / 4;
            let verdict = if lines <= allowed { "holds" } else { "MISSED" };
            println!(
                "  budget: at most {allowed} lines (25% of Datadog's {DATADOG_V2_LINES}): {verdict} ({:.1}%)",
                100.0 * lines as f64 / DATADOG_V2_LINES as f64
            );
        }
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn format_duration(duration: Duration) -> String {
    if duration >= Duration::from_secs(1) {
        format!("{:.2} s", duration.as_secs_f64())
    } else {
        format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
    }
}
