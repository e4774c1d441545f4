//! Problems found in a spec, each tied to the JSON pointer of the node that causes it.

use std::fmt;

/// One problem in the input, located by a JSON pointer such as `#/components/schemas/Foo/properties/bar`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The JSON pointer of the offending node, starting with `#`.
    pub pointer: String,
    /// What is wrong, as a sentence fragment without a trailing full stop.
    pub message: String,
}

impl Diagnostic {
    /// Creates a diagnostic for the node at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { pointer: pointer.into(), message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.pointer, self.message)
    }
}

/// Every problem found in one run, in a stable order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors {
    /// The problems, sorted by pointer and then by message.
    pub diagnostics: Vec<Diagnostic>,
}

impl Errors {
    /// Sorts and deduplicates the diagnostics so that the report is deterministic.
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort();
        diagnostics.dedup();
        Self { diagnostics }
    }

    /// An error list with a single entry.
    pub fn single(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(vec![Diagnostic::new(pointer, message)])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.diagnostics.len();
        writeln!(formatter, "{count} problem{} in the spec:", if count == 1 { "" } else { "s" })?;
        for diagnostic in &self.diagnostics {
            writeln!(formatter, "  {diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Builds JSON pointers one segment at a time, escaping `~` and `/` as RFC 6901 requires.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the document root, `#`.
    pub fn root() -> Self {
        Self("#".to_string())
    }

    /// Parses a local `$ref` such as `#/components/schemas/Foo`; other forms are not local pointers.
    pub fn from_reference(reference: &str) -> Option<Self> {
        reference.starts_with("#/").then(|| Self(reference.to_string()))
    }

    /// The pointer to a child of this node.
    pub fn child(&self, segment: &str) -> Self {
        let escaped = segment.replace('~', "~0").replace('/', "~1");
        Self(format!("{}/{}", self.0, escaped))
    }

    /// The pointer as text, starting with `#`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Looks the node up in a document, for reading keys that the typed model drops.
    ///
    /// Mapping keys are matched as strings or, for keys such as unquoted status codes, as numbers.
    pub fn resolve<'a>(&self, document: &'a serde_yaml::Value) -> Option<&'a serde_yaml::Value> {
        let mut node = document;
        for segment in self.0.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            node = match node {
                serde_yaml::Value::Mapping(mapping) => mapping.get(segment.as_str()).or_else(|| {
                    let number: u64 = segment.parse().ok()?;
                    mapping.get(serde_yaml::Value::Number(number.into()))
                })?,
                serde_yaml::Value::Sequence(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The last segment, unescaped: for `#/components/schemas/Foo` it is `Foo`.
    pub fn last_segment(&self) -> String {
        let last = self.0.rsplit('/').next().unwrap_or_default();
        last.replace("~1", "/").replace("~0", "~")
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        let pointer = Pointer::root().child("paths").child("/api/v2/{id}").child("a~b");
        assert_eq!(pointer.as_str(), "#/paths/~1api~1v2~1{id}/a~0b");
        assert_eq!(pointer.last_segment(), "a~b");
    }

    #[test]
    fn pointers_resolve_against_a_document() {
        let document: serde_yaml::Value = serde_yaml::from_str("paths: {/a/b: {get: {x: 1}}}\nresponses: {200: ok}").unwrap();
        let pointer = Pointer::root().child("paths").child("/a/b").child("get").child("x");
        assert_eq!(pointer.resolve(&document).and_then(serde_yaml::Value::as_u64), Some(1));
        let status = Pointer::root().child("responses").child("200");
        assert_eq!(pointer_text(&status, &document), Some("ok"));
    }

    fn pointer_text<'a>(pointer: &Pointer, document: &'a serde_yaml::Value) -> Option<&'a str> {
        pointer.resolve(document).and_then(serde_yaml::Value::as_str)
    }
}
