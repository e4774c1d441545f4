//! `cargo xtask merge-specs BASE EXTRA --out FILE`: one OpenAPI document from two, deterministically.
//!
//! The rule: the result is BASE, to which EXTRA adds what BASE lacks. Each path of EXTRA's `paths`,
//! each entry of each section of EXTRA's `components` (`schemas`, `parameters`, `responses`,
//! `securitySchemes`, ...) and each of EXTRA's `tags` (matched by `name`) is appended, in EXTRA's
//! order, when BASE has no entry of that key. An entry both documents have must be equal, but for
//! documentation: keys named `description`, `summary`, `title`, `example` or `examples`, and
//! extensions (`x-...`), are not compared, and BASE's entry is kept. When two entries differ
//! otherwise, merging fails with an error naming the JSON pointer of the entry, unless the conflict
//! policy is [`Conflicts::KeepBase`] (`--keep-base` on the command line), which keeps BASE's entry
//! and lists the pointer among the report's overridden entries. Everything else of EXTRA (`info`,
//! `servers`, `security`, extensions) is ignored: BASE's is kept.
//!
//! The result is written as pretty-printed JSON, keys in the order described, so that the same two
//! inputs always give the same bytes.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

/// What a merge added, for the summary line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Paths added from EXTRA.
    pub paths: usize,
    /// Components (of any section) added from EXTRA.
    pub components: usize,
    /// Tags added from EXTRA.
    pub tags: usize,
    /// The pointers of EXTRA's entries that differed from BASE's and were dropped for BASE's.
    pub overridden: Vec<String>,
}

/// What to do when both documents define an entry differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflicts {
    /// Fail, naming the entry's pointer.
    Fail,
    /// Keep BASE's entry, and report the pointer.
    KeepBase,
}

/// The keys that only document a node; two entries that differ only in them are the same entry.
const DOCUMENTATION_KEYS: &[&str] = &["description", "summary", "title", "example", "examples"];

/// Whether two nodes are equal once documentation keys and extensions are left out.
fn same_but_for_documentation(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Object(left), Value::Object(right)) => {
            let kept = |map: &'_ Map<String, Value>| -> Vec<(String, Value)> {
                map.iter()
                    .filter(|(key, _)| {
                        !DOCUMENTATION_KEYS.contains(&key.as_str()) && !key.starts_with("x-")
                    })
                    .map(|(key, value)| (key.clone(), value.clone()))
                    .collect()
            };
            let (left, right) = (kept(left), kept(right));
            left.len() == right.len()
                && left.iter().all(|(key, value)| {
                    right
                        .iter()
                        .find(|(other, _)| other == key)
                        .is_some_and(|(_, other)| same_but_for_documentation(value, other))
                })
        }
        (Value::Array(left), Value::Array(right)) => {
            left.len() == right.len()
                && left
                    .iter()
                    .zip(right)
                    .all(|(left, right)| same_but_for_documentation(left, right))
        }
        _ => left == right,
    }
}

/// Reads a YAML or JSON document.
pub fn read_document(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).with_context(|| format!("parsing {} as JSON", path.display()))
    } else {
        serde_yaml::from_str(text).with_context(|| format!("parsing {} as YAML", path.display()))
    }
}

/// Merges EXTRA into BASE by the rule of this module; BASE is changed in place.
pub fn merge(base: &mut Value, extra: &Value, conflicts: Conflicts) -> Result<MergeReport> {
    let mut report = MergeReport::default();
    let base = base
        .as_object_mut()
        .context("BASE is not a mapping at its root")?;
    let extra = extra
        .as_object()
        .context("EXTRA is not a mapping at its root")?;
    if let Some(extra_paths) = extra.get("paths") {
        let base_paths = object_entry(base, "paths", "/paths")?;
        report.paths = add_absent(
            base_paths,
            object(extra_paths, "/paths")?,
            "/paths",
            conflicts,
            &mut report.overridden,
        )?;
    }
    if let Some(extra_components) = extra.get("components") {
        let extra_components = object(extra_components, "/components")?;
        let base_components = object_entry(base, "components", "/components")?;
        for (section, entries) in extra_components {
            let pointer = format!("/components/{}", escape(section));
            let entries = object(entries, &pointer)?;
            let base_section = object_entry(base_components, section, &pointer)?;
            report.components += add_absent(
                base_section,
                entries,
                &pointer,
                conflicts,
                &mut report.overridden,
            )?;
        }
    }
    if let Some(extra_tags) = extra.get("tags") {
        let extra_tags = extra_tags
            .as_array()
            .context("EXTRA's /tags is not a list")?;
        let base_tags = base
            .entry("tags")
            .or_insert_with(|| Value::Array(Vec::new()))
            .as_array_mut()
            .context("BASE's /tags is not a list")?;
        for tag in extra_tags {
            let name = tag
                .get("name")
                .and_then(Value::as_str)
                .context("a tag of EXTRA has no name")?;
            match base_tags
                .iter()
                .position(|existing| existing.get("name").and_then(Value::as_str) == Some(name))
            {
                Some(index) if base_tags[index] == *tag => {}
                Some(index) => {
                    bail!(
                        "conflict at /tags/{index}: both documents define the tag `{name}`, differently"
                    )
                }
                None => {
                    base_tags.push(tag.clone());
                    report.tags += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Adds each entry of `extra` that `base` lacks; an entry both have must be equal.
fn add_absent(
    base: &mut Map<String, Value>,
    extra: &Map<String, Value>,
    pointer: &str,
    conflicts: Conflicts,
    overridden: &mut Vec<String>,
) -> Result<usize> {
    let mut added = 0;
    for (key, value) in extra {
        match base.get(key) {
            Some(existing) if same_but_for_documentation(existing, value) => {}
            Some(_) if conflicts == Conflicts::KeepBase => {
                overridden.push(format!("{pointer}/{}", escape(key)));
            }
            Some(_) => bail!(
                "conflict at {pointer}/{}: both documents define it, differently",
                escape(key)
            ),
            None => {
                base.insert(key.clone(), value.clone());
                added += 1;
            }
        }
    }
    Ok(added)
}

/// The mapping under `key`, created empty when absent.
fn object_entry<'map>(
    map: &'map mut Map<String, Value>,
    key: &str,
    pointer: &str,
) -> Result<&'map mut Map<String, Value>> {
    map.entry(key)
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .with_context(|| format!("BASE's {pointer} is not a mapping"))
}

fn object<'value>(value: &'value Value, pointer: &str) -> Result<&'value Map<String, Value>> {
    value
        .as_object()
        .with_context(|| format!("EXTRA's {pointer} is not a mapping"))
}

/// A key as a JSON pointer token: `~` becomes `~0` and `/` becomes `~1`.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Merges the documents at `base` and `extra` and writes the result to `out`.
pub fn merge_files(
    base: &Path,
    extra: &Path,
    out: &Path,
    conflicts: Conflicts,
) -> Result<MergeReport> {
    let mut merged = read_document(base)?;
    let extra_document = read_document(extra)?;
    let report = merge(&mut merged, &extra_document, conflicts)
        .with_context(|| format!("merging {} into {}", extra.display(), base.display()))?;
    let mut text = serde_json::to_string_pretty(&merged).context("writing JSON")?;
    text.push('\n');
    std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn adds_what_base_lacks_and_keeps_equal_entries() {
        let mut base = json!({
            "paths": {"/a": {"get": {}}},
            "components": {"schemas": {"A": {"type": "string"}}},
            "tags": [{"name": "A"}],
        });
        let extra = json!({
            "paths": {"/a": {"get": {}}, "/b": {"post": {}}},
            "components": {"schemas": {"A": {"type": "string"}, "B": {}}, "responses": {"R": {}}},
            "tags": [{"name": "A"}, {"name": "B"}],
        });
        let report = merge(&mut base, &extra, Conflicts::Fail).expect("the documents agree");
        assert_eq!((report.paths, report.components, report.tags), (1, 2, 1));
        assert_eq!(base["paths"].as_object().map(Map::len), Some(2));
        assert_eq!(base["components"]["responses"]["R"], json!({}));
        assert_eq!(base["tags"][1]["name"], "B");
    }

    #[test]
    fn a_conflict_names_its_pointer() {
        let mut base = json!({"components": {"schemas": {"A/B": {"type": "string"}}}});
        let extra = json!({"components": {"schemas": {"A/B": {"type": "integer"}}}});
        let error = merge(&mut base.clone(), &extra, Conflicts::Fail).expect_err("they differ");
        assert!(
            error.to_string().contains("/components/schemas/A~1B"),
            "{error}"
        );
        let report = merge(&mut base, &extra, Conflicts::KeepBase).expect("BASE's is kept");
        assert_eq!(report.overridden, ["/components/schemas/A~1B"]);
        assert_eq!(base["components"]["schemas"]["A/B"]["type"], "string");
    }

    #[test]
    fn documentation_is_not_a_conflict() {
        let mut base =
            json!({"components": {"schemas": {"A": {"type": "string", "example": "a"}}}});
        let extra =
            json!({"components": {"schemas": {"A": {"description": "A.", "type": "string"}}}});
        let report = merge(&mut base, &extra, Conflicts::Fail).expect("only docs differ");
        assert!(report.overridden.is_empty());
        assert_eq!(base["components"]["schemas"]["A"]["example"], "a");
    }
}
