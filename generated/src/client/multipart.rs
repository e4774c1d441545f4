//! `multipart/form-data` bodies: text, JSON and file parts, with a boundary that no part contains.
//!
//! The body is built in memory, so that an idempotent request can be sent again on a retry.

use bytes::Bytes;
use serde::Serialize;

/// A file sent as one part of a `multipart/form-data` body: its bytes, and optionally its name
/// and content type (`application/octet-stream` when not given).
///
/// ```
/// use datadog_client::client::FilePart;
///
/// let file = FilePart::new(b"id,name\n1,a\n".to_vec()).file_name("rows.csv").content_type("text/csv");
/// assert_eq!(file.bytes().len(), 12);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file part holding `bytes`.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name sent with the part.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the content type sent with the part.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Returns the file's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// Returns the file name, if one is set.
    pub fn name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        Self::new(bytes)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(bytes: &'static [u8]) -> Self {
        Self::new(bytes)
    }
}

/// One part of a form.
#[derive(Clone, Debug)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Bytes,
}

/// The parts of a `multipart/form-data` body, in order; generated code fills it from the body
/// struct, one part per field.
#[derive(Clone, Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
    problem: Option<String>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part: a string as it is, any other value as its JSON text.
    pub fn text(&mut self, name: &str, value: &(impl Serialize + ?Sized)) {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::String(text)) => self.push(name, None, None, Bytes::from(text)),
            Ok(serde_json::Value::Null) => {}
            Ok(other) => self.push(name, None, None, Bytes::from(other.to_string())),
            Err(error) => self.fail(name, &error),
        }
    }

    /// Adds a JSON part.
    pub fn json(&mut self, name: &str, value: &(impl Serialize + ?Sized)) {
        match serde_json::to_vec(value) {
            Ok(json) => self.push(
                name,
                None,
                Some("application/json".to_string()),
                Bytes::from(json),
            ),
            Err(error) => self.fail(name, &error),
        }
    }

    /// Adds a file part.
    pub fn file(&mut self, name: &str, file: &FilePart) {
        let content_type = file
            .content_type
            .clone()
            .or_else(|| Some("application/octet-stream".to_string()));
        let file_name = file.file_name.clone().or_else(|| Some(name.to_string()));
        self.push(name, file_name, content_type, file.bytes.clone());
    }

    fn push(
        &mut self,
        name: &str,
        file_name: Option<String>,
        content_type: Option<String>,
        body: Bytes,
    ) {
        self.parts.push(Part {
            name: name.to_string(),
            file_name,
            content_type,
            body,
        });
    }

    fn fail(&mut self, name: &str, error: &serde_json::Error) {
        self.problem
            .get_or_insert_with(|| format!("the `{name}` part cannot be serialized: {error}"));
    }

    /// The encoded body and its `Content-Type` (with the boundary), or why a part could not be made.
    pub(crate) fn encode(self, media_type: &str) -> Result<(Bytes, String), String> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let boundary = self.boundary();
        let mut body =
            Vec::with_capacity(self.parts.iter().map(|part| part.body.len() + 128).sum());
        for part in &self.parts {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
                    quote(&part.name)
                )
                .as_bytes(),
            );
            if let Some(file_name) = &part.file_name {
                body.extend_from_slice(format!("; filename=\"{}\"", quote(file_name)).as_bytes());
            }
            body.extend_from_slice(b"\r\n");
            if let Some(content_type) = &part.content_type {
                body.extend_from_slice(
                    format!(
                        "Content-Type: {}\r\n",
                        content_type.replace(['\r', '\n'], " ")
                    )
                    .as_bytes(),
                );
            }
            body.extend_from_slice(b"\r\n");
            body.extend_from_slice(&part.body);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((
            Bytes::from(body),
            format!("{media_type}; boundary={boundary}"),
        ))
    }

    /// A boundary that appears in no part: random, and drawn again in the unlikely case it does.
    fn boundary(&self) -> String {
        loop {
            let boundary = format!(
                "----client-boundary-{:016x}{:016x}",
                fastrand::u64(..),
                fastrand::u64(..)
            );
            let found = self.parts.iter().any(|part| {
                part.body
                    .windows(boundary.len())
                    .any(|window| window == boundary.as_bytes())
            });
            if !found {
                return boundary;
            }
        }
    }
}

/// Escapes a name for a quoted header parameter, as browsers do: `"`, CR and LF are percent-encoded.
fn quote(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_framed_by_a_boundary() {
        let mut form = Multipart::new();
        form.text("name", "a \"b\"");
        form.text("count", &3);
        form.json("tags", &vec!["x"]);
        form.file("file", &FilePart::new(b"data".to_vec()).file_name("f.txt"));
        let (body, content_type) = form.encode("multipart/form-data").unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(text.starts_with(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\na \"b\"\r\n"
        )));
        assert!(text.contains("name=\"count\"\r\n\r\n3\r\n"));
        assert!(
            text.contains("name=\"tags\"\r\nContent-Type: application/json\r\n\r\n[\"x\"]\r\n")
        );
        assert!(text.contains("name=\"file\"; filename=\"f.txt\"\r\nContent-Type: application/octet-stream\r\n\r\ndata\r\n"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
    }

    #[test]
    fn names_cannot_break_the_header() {
        let mut form = Multipart::new();
        form.file("file", &FilePart::new(Vec::new()).file_name("a\"\r\nb"));
        let (body, _) = form.encode("multipart/form-data").unwrap();
        assert!(String::from_utf8_lossy(&body).contains("filename=\"a%22%0D%0Ab\""));
    }
}
