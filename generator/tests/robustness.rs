//! Seeded mutations of the curated spec and of samples of the vendored corpus, run through the
//! whole generator: none may panic or hang, every error must name a node of the mutated document,
//! and every generated `.rs` file must parse.
//!
//! The mutations are random but deterministic: case `n` always uses seed `BASE_SEED + n`, so a
//! failure is reproduced by its seed alone (`ROBUSTNESS_SEED=1234 cargo test --test robustness`).
//! `ROBUSTNESS_CASES` changes how many cases run and `ROBUSTNESS_FIRST_SEED` where they start; `ROBUSTNESS_DUMP=path` writes the mutated
//! document of the last case run there.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

/// The first seed; case `n` uses `BASE_SEED + n`.
const BASE_SEED: u64 = 0x5eed_0000;

/// How many cases run by default.
const DEFAULT_CASES: u64 = 300;

/// The longest one case may take before it counts as a hang. Debug builds on a loaded machine are
/// slow, so this is generous; a real hang never finishes at all.
const CASE_DEADLINE: Duration = Duration::from_secs(30);

/// How many paths a sample of a large document keeps.
const SAMPLE_PATHS: usize = 4;

/// A small deterministic PRNG (SplitMix64): the test needs reproducible choices, not quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut mixed = self.0;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        mixed ^ (mixed >> 31)
    }

    /// A number in `0..bound`; `bound` must not be zero.
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Strings that are hard to turn into Rust names or to write into Rust source, separated by `|`:
/// keywords, prelude and runtime names, digits, non-ASCII text, the empty string, control
/// characters, comment and template delimiters, pointer syntax and a very long name.
const ODD_STRINGS: &str = "type|self|Self|crate|super|fn|async|await|dyn|try|true|r#type|Error|\
    Result|Option|Box|Configuration|Default|default|new|from_str|0|123abc|1.5|-1|+1|²|١٢٣|é|日本語|🦀|\
    a b|a-b|a_b|A_B|| |_|__|a\rb|a\nb|a\tb|a\u{0}b|\u{7f}|\u{202e}rtl|*/ /* \" ' \\ ` {{ }} {% %}|\
    #[doc]|/|~|%41|{id}|a_name_that_is_rather_long_and_goes_on_and_on_past_what_anyone_writes_by_hand";

/// One of [`ODD_STRINGS`].
fn odd_string(rng: &mut Rng) -> String {
    let strings: Vec<&str> = ODD_STRINGS.split('|').collect();
    rng.pick(&strings).to_string()
}

/// One base document, already parsed.
struct Base {
    name: String,
    document: Value,
}

/// The pointer of a node, as segments.
type Segments = Vec<String>;

fn repository_file(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("reads {relative}: {error}"))
}

fn parse(text: &str) -> Value {
    generator::load::load(text)
        .expect("a base document loads")
        .raw
}

/// Every `$ref` inside a node, as the component it names: `(section, name)`.
fn component_refs(node: &Value, found: &mut Vec<(String, String)>) {
    match node {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get("$ref")
                && let Some(rest) = reference.strip_prefix("#/components/")
            {
                let mut parts = rest.splitn(3, '/');
                if let (Some(section), Some(name)) = (parts.next(), parts.next()) {
                    let name = name.replace("~1", "/").replace("~0", "~");
                    found.push((section.to_string(), name));
                }
            }
            object
                .values()
                .for_each(|child| component_refs(child, found));
        }
        Value::Array(items) => items.iter().for_each(|child| component_refs(child, found)),
        _ => {}
    }
}

/// A small document cut from a large one: a few of its paths (chosen by `rng`) and every
/// component they reach, with the top-level keys kept as they are.
fn sample(document: &Value, rng: &mut Rng) -> Value {
    let mut sampled = Map::new();
    for (key, value) in document.as_object().expect("the document is a mapping") {
        if key != "paths" && key != "components" {
            sampled.insert(key.clone(), value.clone());
        }
    }
    let paths = document["paths"].as_object().cloned().unwrap_or_default();
    let keys: Vec<&String> = paths.keys().collect();
    let mut kept_paths = Map::new();
    for _ in 0..SAMPLE_PATHS.min(keys.len()) {
        let key = rng.pick(&keys);
        kept_paths.insert((*key).clone(), paths[key.as_str()].clone());
    }
    let components = document["components"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let mut kept_components: Map<String, Value> = Map::new();
    if let Some(schemes) = components.get("securitySchemes") {
        kept_components.insert("securitySchemes".to_string(), schemes.clone());
    }
    let mut pending = Vec::new();
    component_refs(&Value::Object(kept_paths.clone()), &mut pending);
    while let Some((section, name)) = pending.pop() {
        let Some(node) = components.get(&section).and_then(|items| items.get(&name)) else {
            continue;
        };
        let entry = kept_components
            .entry(section.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        let entry = entry
            .as_object_mut()
            .expect("a components section is a mapping");
        if entry.contains_key(&name) {
            continue;
        }
        entry.insert(name, node.clone());
        component_refs(node, &mut pending);
    }
    sampled.insert("paths".to_string(), Value::Object(kept_paths));
    sampled.insert("components".to_string(), Value::Object(kept_components));
    Value::Object(sampled)
}

/// The base documents: the small public documents whole, and the curated spec and the large
/// documents as the source of samples (whole, they take too long to generate hundreds of times).
fn bases() -> (Vec<Base>, Vec<Base>) {
    let whole = [
        "generator/tests/corpus/public/oai-petstore.yaml",
        "generator/tests/corpus/public/swagger-petstore-v3.yaml",
        "generator/tests/corpus/public/readme-parameters-style.json",
    ];
    let sampled = [
        "spec/openapi.yaml",
        "generator/tests/corpus/datadog-v1.yaml",
        "generator/tests/corpus/datadog-v2-other-tags.yaml",
        "generator/tests/corpus/public/spotify.yaml",
        "generator/tests/corpus/public/oxide-nexus.json",
        "generator/tests/corpus/public/github-api.json",
    ];
    let load = |relative: &&str| Base {
        name: relative.to_string(),
        document: parse(&repository_file(relative)),
    };
    (
        whole.iter().map(load).collect(),
        sampled.iter().map(load).collect(),
    )
}

/// The pointers of every node of a document except the root.
fn all_nodes(document: &Value) -> Vec<Segments> {
    fn visit(node: &Value, path: &mut Segments, found: &mut Vec<Segments>) {
        match node {
            Value::Object(object) => {
                for (key, child) in object {
                    path.push(key.clone());
                    found.push(path.clone());
                    visit(child, path, found);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    path.push(index.to_string());
                    found.push(path.clone());
                    visit(child, path, found);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    visit(document, &mut Vec::new(), &mut found);
    found
}

fn node_mut<'a>(document: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut node = document;
    for segment in path {
        node = match node {
            Value::Object(object) => object.get_mut(segment)?,
            Value::Array(items) => items.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// A `$ref` to the node at `path`: a URI fragment, so `%` is escaped besides `~` and `/`.
fn reference_to(path: &[String]) -> String {
    let mut reference = "#".to_string();
    for segment in path {
        reference.push('/');
        reference.push_str(
            &segment
                .replace('%', "%25")
                .replace('~', "~0")
                .replace('/', "~1"),
        );
    }
    reference
}

/// A value of a random JSON type, small.
fn random_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => Value::from(rng.next() as i64),
        3 => Value::from(-1.5e300),
        4 => Value::String(odd_string(rng)),
        5 => Value::Array(vec![Value::String("a".to_string()), Value::from(1)]),
        6 => serde_json::json!({"type": "object", "properties": {"x": {"type": "string"}}}),
        _ => serde_json::json!({}),
    }
}

/// Applies one random mutation to the document and describes it.
fn mutate(document: &mut Value, rng: &mut Rng) -> String {
    let nodes = all_nodes(document);
    if nodes.is_empty() {
        return "nothing to mutate".to_string();
    }
    let path = rng.pick(&nodes).clone();
    let (parent_path, key) = path.split_at(path.len() - 1);
    let key = key[0].clone();
    let target = reference_to(&path);
    let kind = rng.below(9);
    let other_path = rng.pick(&nodes).clone();
    let other_reference = reference_to(&other_path);
    let Some(parent) = node_mut(document, parent_path) else {
        return "no parent".to_string();
    };
    match (kind, parent) {
        (0, Value::Object(object)) => {
            object.shift_remove(&key);
            format!("deleted {target}")
        }
        (0, Value::Array(items)) => {
            let index = key.parse::<usize>().unwrap_or(0);
            if index < items.len() {
                items.remove(index);
            }
            format!("deleted {target}")
        }
        (1, parent) => {
            let value = random_value(rng);
            if let Some(node) = node_mut(parent, std::slice::from_ref(&key)) {
                *node = value;
            }
            format!("replaced {target} by another type")
        }
        (2, Value::Object(object)) => {
            let odd = odd_string(rng);
            let renamed = match rng.below(4) {
                0 => key.to_lowercase(),
                1 => key.to_uppercase(),
                2 => format!("{key}_"),
                _ => odd,
            };
            if let Some(value) = object.get(&key).cloned() {
                let keep_original = rng.chance(50);
                if !keep_original {
                    object.shift_remove(&key);
                }
                object.insert(renamed.clone(), value);
                let verb = if keep_original {
                    "duplicated"
                } else {
                    "renamed"
                };
                format!("{verb} {target} as {renamed:?}")
            } else {
                "no key".to_string()
            }
        }
        (3, parent) => {
            let reference = match rng.below(8) {
                0 => target.clone(),
                1 => reference_to(parent_path),
                2 => "#/components/schemas/DoesNotExist".to_string(),
                3 => "other.yaml#/components/schemas/X".to_string(),
                4 => "#".to_string(),
                5 => String::new(),
                6 => "#/components/schemas/%zz".to_string(),
                _ => other_reference.clone(),
            };
            if let Some(node) = node_mut(parent, std::slice::from_ref(&key)) {
                *node = serde_json::json!({ "$ref": reference });
            }
            format!("replaced {target} by a $ref to {reference:?}")
        }
        (4, parent) => {
            let odd = odd_string(rng);
            if let Some(node) = node_mut(parent, std::slice::from_ref(&key))
                && node.is_string()
            {
                *node = Value::String(odd.clone());
                return format!("set {target} to {odd:?}");
            }
            "not a string".to_string()
        }
        (5, parent) => {
            let depth = 1 + rng.below(150);
            let wrapper = rng.below(3);
            if let Some(node) = node_mut(parent, std::slice::from_ref(&key)) {
                let mut value = node.take();
                for _ in 0..depth {
                    value = match wrapper {
                        0 => serde_json::json!({"type": "array", "items": value}),
                        1 => serde_json::json!({"allOf": [value]}),
                        _ => serde_json::json!({"type": "object", "properties": {"p": value}}),
                    };
                }
                *node = value;
            }
            format!("nested {target} {depth} levels deep")
        }
        (6, parent) => {
            if let Some(Value::Object(object)) = node_mut(parent, std::slice::from_ref(&key)) {
                let names: Vec<String> = object.keys().cloned().collect();
                if let Some(name) = names.first() {
                    let cyclic =
                        format!("{}/{}", target, name.replace('~', "~0").replace('/', "~1"));
                    object.insert(
                        "allOf".to_string(),
                        serde_json::json!([{ "$ref": target }, { "$ref": cyclic }]),
                    );
                    return format!("added a cyclic allOf to {target}");
                }
            }
            "not a mapping".to_string()
        }
        (7, parent) => {
            let number = match rng.below(5) {
                0 => Value::from(i64::MIN),
                1 => Value::from(u64::MAX),
                2 => Value::from(0.5),
                3 => Value::from(-0.0),
                _ => Value::from(1e308),
            };
            if let Some(node) = node_mut(parent, std::slice::from_ref(&key)) {
                *node = number;
            }
            format!("set {target} to a number")
        }
        (_, parent) => {
            let keys = [
                "enum",
                "required",
                "oneOf",
                "anyOf",
                "allOf",
                "items",
                "nullable",
                "format",
                "discriminator",
                "x-pagination",
                "x-enum-varnames",
                "default",
                "example",
                "additionalProperties",
                "security",
                "servers",
                "parameters",
                "content",
            ];
            let inserted = rng.pick(&keys).to_string();
            let value = random_value(rng);
            if let Some(Value::Object(object)) = node_mut(parent, std::slice::from_ref(&key)) {
                object.insert(inserted.clone(), value);
                return format!("inserted {inserted:?} into {target}");
            }
            "not a mapping".to_string()
        }
    }
}

/// Looks up a diagnostic's pointer (`#/a/b~1c`) in a document.
fn resolves(document: &Value, pointer: &str) -> bool {
    let Some(rest) = pointer.strip_prefix('#') else {
        return false;
    };
    let mut node = document;
    for segment in rest.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        node = match node {
            Value::Object(object) => match object.get(&segment) {
                Some(child) => child,
                None => return false,
            },
            Value::Array(items) => match segment.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(child) => child,
                None => return false,
            },
            _ => return false,
        };
    }
    true
}

/// Checks what one run produced; returns the problems found.
fn check(document: &Value, result: &Result<generator::Files, generator::Errors>) -> Vec<String> {
    use generator::DiagnosticKind;
    let mut problems = Vec::new();
    match result {
        Ok(files) => {
            for (path, text) in files {
                if path.ends_with(".rs")
                    && let Err(error) = syn::parse_file(text)
                {
                    problems.push(format!("{path} does not parse: {error}"));
                }
            }
        }
        Err(errors) => {
            for diagnostic in &errors.diagnostics {
                // A missing key is reported at the node that lacks it, which for `paths` or `info`
                // is the document itself.
                let document_wide = matches!(
                    diagnostic.kind,
                    DiagnosticKind::Syntax | DiagnosticKind::TooDeep | DiagnosticKind::Version
                ) || (diagnostic.kind == DiagnosticKind::Shape
                    && diagnostic.message.contains("missing field"));
                if diagnostic.pointer.is_empty() || !diagnostic.pointer.starts_with('#') {
                    problems.push(format!("a diagnostic without a pointer: {diagnostic}"));
                } else if diagnostic.pointer == "#" && !document_wide {
                    problems.push(format!("a diagnostic that points at `#`: {diagnostic}"));
                } else if !resolves(document, &diagnostic.pointer) {
                    problems.push(format!("a pointer that does not resolve: {diagnostic}"));
                }
                if diagnostic.kind == DiagnosticKind::Internal {
                    problems.push(format!("an internal error: {diagnostic}"));
                }
            }
        }
    }
    problems
}

/// The outcome of one case run on its own thread.
enum Outcome {
    Checked(Vec<String>),
    Panicked(String),
}

fn run_case(seed: u64, whole: &[Base], sampled: &[Base]) -> Result<(), String> {
    let mut rng = Rng(seed);
    let (name, mut document) = if rng.chance(40) {
        let base = rng.pick(whole);
        (base.name.clone(), base.document.clone())
    } else {
        let base = rng.pick(sampled);
        (
            format!("a sample of {}", base.name),
            sample(&base.document, &mut rng),
        )
    };
    let mutation_count = 1 + rng.below(3);
    let mutations: Vec<String> = (0..mutation_count)
        .map(|_| mutate(&mut document, &mut rng))
        .collect();
    let text = serde_json::to_string(&document).expect("a JSON value serializes");
    if let Ok(path) = std::env::var("ROBUSTNESS_DUMP") {
        std::fs::write(&path, &text).expect("writes the mutated document");
    }
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name(format!("robustness-{seed}"))
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let options = generator::Options::standalone("robustness-client", "mutated.json");
            let outcome = std::panic::catch_unwind(|| {
                let result = generator::generate(&text, &options);
                check(&document, &result)
            });
            let outcome = match outcome {
                Ok(problems) => Outcome::Checked(problems),
                Err(payload) => Outcome::Panicked(
                    payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|text| text.to_string()))
                        .unwrap_or_default(),
                ),
            };
            let _ = sender.send(outcome);
        })
        .expect("spawns a case thread");
    let context = format!("seed {seed} ({name}; {})", mutations.join("; "));
    match receiver.recv_timeout(CASE_DEADLINE) {
        Ok(Outcome::Checked(problems)) if problems.is_empty() => Ok(()),
        Ok(Outcome::Checked(problems)) => {
            Err(format!("{context}:\n    {}", problems.join("\n    ")))
        }
        Ok(Outcome::Panicked(message)) => Err(format!("{context}: panicked: {message}")),
        Err(_) => Err(format!(
            "{context}: did not finish within {CASE_DEADLINE:?}"
        )),
    }
}

#[test]
fn mutated_specs_never_panic_hang_or_emit_bad_code() {
    let started = Instant::now();
    let (whole, sampled) = bases();
    eprintln!(
        "robustness: loaded the base documents in {:.1?}",
        started.elapsed()
    );
    let seeds: Vec<u64> = match std::env::var("ROBUSTNESS_SEED") {
        Ok(seed) => vec![seed.parse().expect("ROBUSTNESS_SEED is a number")],
        Err(_) => {
            let cases = std::env::var("ROBUSTNESS_CASES")
                .ok()
                .and_then(|cases| cases.parse().ok())
                .unwrap_or(DEFAULT_CASES);
            let first = std::env::var("ROBUSTNESS_FIRST_SEED")
                .ok()
                .and_then(|seed| seed.parse().ok())
                .unwrap_or(BASE_SEED);
            (first..first + cases).collect()
        }
    };
    let mut failures = Vec::new();
    for &seed in &seeds {
        if let Err(failure) = run_case(seed, &whole, &sampled) {
            failures.push(failure);
        }
    }
    eprintln!(
        "robustness: {} cases in {:.1?}, {} failed",
        seeds.len(),
        started.elapsed(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} mutated specs failed:\n{}",
        failures.len(),
        seeds.len(),
        failures.join("\n")
    );
}
