//! Problems found in a spec, each with a kind and the JSON pointer of the node that causes it.

use std::fmt;

/// What kind of problem a [`Diagnostic`] reports, so that tests and benchmarks can count by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiagnosticKind {
    /// The text is not valid YAML or JSON.
    Syntax,
    /// The document nests deeper than the loader allows.
    TooDeep,
    /// The document is not OpenAPI 3.0 (another version, or no `openapi` key).
    Version,
    /// A node does not have the shape OpenAPI 3.0 requires.
    Shape,
    /// A `$ref` points at nothing, or at a node of the wrong kind.
    UnresolvedReference,
    /// `$ref`s that lead back to where they started without an object in between.
    ReferenceCycle,
    /// Two names that would be the same Rust item, and no rule can tell them apart.
    Collision,
    /// The document is valid OpenAPI but contradicts itself, for example a path that names a
    /// parameter that is not declared.
    Inconsistent,
    /// A valid construct this generator does not support yet.
    Unsupported(Construct),
    /// A bug in a template or in the generator itself: the output would not be valid Rust.
    Internal,
}

impl DiagnosticKind {
    /// A short name for reports and snapshots, for example `unsupported: external $ref`.
    pub fn label(&self) -> String {
        match self {
            DiagnosticKind::Syntax => "syntax".to_string(),
            DiagnosticKind::TooDeep => "too deep".to_string(),
            DiagnosticKind::Version => "version".to_string(),
            DiagnosticKind::Shape => "shape".to_string(),
            DiagnosticKind::UnresolvedReference => "unresolved reference".to_string(),
            DiagnosticKind::ReferenceCycle => "reference cycle".to_string(),
            DiagnosticKind::Collision => "collision".to_string(),
            DiagnosticKind::Inconsistent => "inconsistent".to_string(),
            DiagnosticKind::Unsupported(construct) => format!("unsupported: {}", construct.label()),
            DiagnosticKind::Internal => "internal".to_string(),
        }
    }
}

/// A valid OpenAPI construct that the generator does not support yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Construct {
    /// A `$ref` to another document.
    ExternalReference,
    /// A parameter described by `content` instead of `schema`, with a media type that is not JSON.
    ParameterContent,
}

impl Construct {
    /// A short name for reports.
    pub fn label(&self) -> &'static str {
        match self {
            Construct::ExternalReference => "external $ref",
            Construct::ParameterContent => "parameter content that is not JSON",
        }
    }
}

/// One problem in the input, located by a JSON pointer such as `#/components/schemas/Foo/properties/bar`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The JSON pointer of the offending node, starting with `#`.
    pub pointer: String,
    /// What kind of problem it is.
    pub kind: DiagnosticKind,
    /// What is wrong, as a sentence fragment without a trailing full stop.
    pub message: String,
}

impl Diagnostic {
    /// Creates a diagnostic for the node at `pointer`.
    pub fn new(
        pointer: impl Into<String>,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Self {
        Self {
            pointer: pointer.into(),
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}: {}: {}",
            self.pointer,
            self.kind.label(),
            self.message
        )
    }
}

/// Every problem found in one run, in a stable order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors {
    /// The problems, sorted by pointer, kind and message.
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
    pub fn single(
        pointer: impl Into<String>,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Self {
        Self::new(vec![Diagnostic::new(pointer, kind, message)])
    }

    /// The number of diagnostics of each kind, sorted by kind.
    pub fn count_by_kind(&self) -> std::collections::BTreeMap<DiagnosticKind, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for diagnostic in &self.diagnostics {
            *counts.entry(diagnostic.kind).or_insert(0) += 1;
        }
        counts
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.diagnostics.len();
        writeln!(
            formatter,
            "{count} problem{} in the spec:",
            if count == 1 { "" } else { "s" }
        )?;
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
    ///
    /// `#` alone is the root. Percent-encoded characters, which a `$ref` is allowed to use because
    /// it is a URI fragment, are decoded.
    pub fn from_reference(reference: &str) -> Option<Self> {
        if reference == "#" {
            return Some(Self::root());
        }
        let rest = reference.strip_prefix("#/")?;
        let decoded = percent_decode(rest)?;
        Some(Self(format!("#/{decoded}")))
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

    /// The unescaped segments after `#`.
    pub fn segments(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
    }

    /// Looks the node up in a document, for reading keys that the typed model drops.
    pub fn resolve<'a>(&self, document: &'a serde_json::Value) -> Option<&'a serde_json::Value> {
        let mut node = document;
        for segment in self.segments() {
            node = match node {
                serde_json::Value::Object(object) => object.get(&segment)?,
                serde_json::Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The last segment, unescaped: for `#/components/schemas/Foo` it is `Foo`.
    pub fn last_segment(&self) -> String {
        self.segments().last().unwrap_or_default()
    }

    /// The pointer of the parent node; the root is its own parent.
    pub fn parent(&self) -> Self {
        match self.0.rfind('/') {
            Some(index) => Self(self.0[..index].to_string()),
            None => Self::root(),
        }
    }

    /// Whether this pointer is `other` or lies inside it.
    pub fn starts_with(&self, other: &Pointer) -> bool {
        self.0 == other.0 || self.0.starts_with(&format!("{}/", other.0))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        let pointer = Pointer::root()
            .child("paths")
            .child("/api/v2/{id}")
            .child("a~b");
        assert_eq!(pointer.as_str(), "#/paths/~1api~1v2~1{id}/a~0b");
        assert_eq!(pointer.last_segment(), "a~b");
        assert_eq!(pointer.parent().as_str(), "#/paths/~1api~1v2~1{id}");
    }

    #[test]
    fn pointers_resolve_against_a_document() {
        let document: serde_json::Value = serde_json::from_str(
            r#"{"paths": {"/a/b": {"get": {"x": 1}}}, "responses": {"200": "ok"}, "list": [1, 2]}"#,
        )
        .unwrap();
        let pointer = Pointer::root()
            .child("paths")
            .child("/a/b")
            .child("get")
            .child("x");
        assert_eq!(
            pointer
                .resolve(&document)
                .and_then(serde_json::Value::as_u64),
            Some(1)
        );
        let status = Pointer::root().child("responses").child("200");
        assert_eq!(
            status
                .resolve(&document)
                .and_then(serde_json::Value::as_str),
            Some("ok")
        );
        let item = Pointer::root().child("list").child("1");
        assert_eq!(
            item.resolve(&document).and_then(serde_json::Value::as_u64),
            Some(2)
        );
    }

    #[test]
    fn references_are_percent_decoded() {
        let pointer = Pointer::from_reference("#/components/schemas/A%20B").unwrap();
        assert_eq!(pointer.last_segment(), "A B");
        assert!(Pointer::from_reference("other.yaml#/x").is_none());
        assert_eq!(Pointer::from_reference("#").unwrap(), Pointer::root());
    }

    #[test]
    fn diagnostics_count_by_kind() {
        let errors = Errors::new(vec![
            Diagnostic::new("#/a", DiagnosticKind::Shape, "x"),
            Diagnostic::new("#/b", DiagnosticKind::Shape, "y"),
            Diagnostic::new(
                "#/c",
                DiagnosticKind::Unsupported(Construct::ExternalReference),
                "z",
            ),
        ]);
        let counts = errors.count_by_kind();
        assert_eq!(counts[&DiagnosticKind::Shape], 2);
        assert_eq!(
            counts[&DiagnosticKind::Unsupported(Construct::ExternalReference)],
            1
        );
    }
}
