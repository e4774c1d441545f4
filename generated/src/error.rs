//! The one error type of the crate, for configuration, transport, timeout, encoding, decoding and HTTP failures.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::apis::ErrorBody;
use crate::rate_limit::RateLimit;

/// What went wrong, as returned by [`Error::kind`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A setting of the [`Configuration`](crate::Configuration) is missing or invalid; nothing was sent.
    Configuration {
        /// The setting at fault, as the builder method names it: `api_key`, `app_key`,
        /// `access_token`, `site`, `base_url`, `proxy` or `user_agent`.
        setting: &'static str,
    },
    /// The request could not be sent or the response could not be read: DNS, connection, TLS or I/O.
    Transport,
    /// The server did not answer within the configured timeout.
    Timeout,
    /// A response body did not decode into the type the spec gives for it.
    Decode {
        /// The Rust type that was expected, for example `GetActionConnectionResponse`.
        type_name: &'static str,
        /// Where in the JSON document decoding failed, for example `data.attributes.name`;
        /// `.` is the whole document.
        path: String,
    },
    /// A request body could not be serialized.
    Encode,
    /// The server answered with a status the operation treats as a failure.
    Status,
}

/// An error returned by any operation of this crate.
///
/// [`kind`](Error::kind) says what went wrong. When the server answered, the status,
/// the headers, the raw body, the typed error body and the rate-limit headers are all
/// reachable. `Display` of an HTTP failure reads like
/// `HTTP 404 Not Found from GetActionConnection: Connection not found`.
///
/// `Debug` shows neither the request nor the response body.
pub struct Error {
    inner: Box<ErrorInner>,
}

struct ErrorInner {
    kind: ErrorKind,
    operation: Option<&'static str>,
    detail: Option<String>,
    response: Option<ErrorResponse>,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

struct ErrorResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    typed_body: Option<ErrorBody>,
}

impl Error {
    fn from_inner(inner: ErrorInner) -> Self {
        Self {
            inner: Box::new(inner),
        }
    }

    /// A missing or invalid setting; `detail` says what is wrong and how to fix it.
    pub(crate) fn configuration(setting: &'static str, detail: impl Into<String>) -> Self {
        Self::from_inner(ErrorInner {
            kind: ErrorKind::Configuration { setting },
            operation: None,
            detail: Some(detail.into()),
            response: None,
            source: None,
        })
    }

    /// A failure of the HTTP client: a timeout when reqwest says so, a transport failure otherwise.
    pub(crate) fn from_reqwest(
        operation: &'static str,
        timeout: Duration,
        error: reqwest::Error,
    ) -> Self {
        let (kind, detail) = if error.is_timeout() {
            (
                ErrorKind::Timeout,
                format!("no response within {}", format_duration(timeout)),
            )
        } else {
            (ErrorKind::Transport, describe_transport(&error))
        };
        Self::from_inner(ErrorInner {
            kind,
            operation: Some(operation),
            detail: Some(detail),
            response: None,
            source: Some(Box::new(error)),
        })
    }

    /// A request body that could not be serialized.
    pub(crate) fn encode(error: serde_json::Error) -> Self {
        Self::from_inner(ErrorInner {
            kind: ErrorKind::Encode,
            operation: None,
            detail: Some(error.to_string()),
            response: None,
            source: Some(Box::new(error)),
        })
    }

    /// A response body that did not decode as `type_name`.
    pub(crate) fn decode(
        operation: &'static str,
        type_name: &'static str,
        path: String,
        error: serde_json::Error,
        status: u16,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        Self::from_inner(ErrorInner {
            kind: ErrorKind::Decode { type_name, path },
            operation: Some(operation),
            detail: Some(error.to_string()),
            response: Some(ErrorResponse {
                status,
                headers,
                body,
                typed_body: None,
            }),
            source: Some(Box::new(error)),
        })
    }

    /// An HTTP failure, with the typed body when the spec documents one and it decoded.
    pub(crate) fn http_status(
        operation: &'static str,
        status: u16,
        headers: HeaderMap,
        body: Bytes,
        typed_body: Option<ErrorBody>,
    ) -> Self {
        Self::from_inner(ErrorInner {
            kind: ErrorKind::Status,
            operation: Some(operation),
            detail: server_message(&body),
            response: Some(ErrorResponse {
                status,
                headers,
                body,
                typed_body,
            }),
            source: None,
        })
    }

    /// Returns what went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// Returns the operation id (for example `GetActionConnection`) when the error happened during one.
    pub fn operation_id(&self) -> Option<&'static str> {
        self.inner.operation
    }

    /// Returns `true` for an invalid or missing setting.
    pub fn is_configuration(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Configuration { .. })
    }

    /// Returns `true` when the server did not answer in time.
    pub fn is_timeout(&self) -> bool {
        self.inner.kind == ErrorKind::Timeout
    }

    /// Returns the HTTP status when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.inner.response.as_ref().map(|response| response.status)
    }

    /// Returns the response headers when the server answered.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.inner
            .response
            .as_ref()
            .map(|response| &response.headers)
    }

    /// Returns the raw response body when the server answered.
    pub fn body_bytes(&self) -> Option<&[u8]> {
        self.inner
            .response
            .as_ref()
            .map(|response| &response.body[..])
    }

    /// Returns the raw response body as text when the server answered with valid UTF-8.
    pub fn body_text(&self) -> Option<&str> {
        self.body_bytes()
            .and_then(|body| std::str::from_utf8(body).ok())
    }

    /// Returns the typed error body: the schema the spec documents for this status, when
    /// the body decoded as that schema.
    pub fn body(&self) -> Option<&ErrorBody> {
        self.inner
            .response
            .as_ref()
            .and_then(|response| response.typed_body.as_ref())
    }

    /// Returns the rate-limit headers when the server answered.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.headers().map(RateLimit::from_headers)
    }

    /// Returns the message the server gave, or the description of a local failure.
    pub fn message(&self) -> Option<&str> {
        self.inner.detail.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        match &inner.kind {
            ErrorKind::Configuration { setting } => {
                write!(formatter, "configuration error in `{setting}`")?;
            }
            ErrorKind::Transport => formatter.write_str("transport error")?,
            ErrorKind::Timeout => formatter.write_str("timeout")?,
            ErrorKind::Decode { type_name, path } => {
                write!(formatter, "failed to decode {type_name} at `{path}`")?;
            }
            ErrorKind::Encode => formatter.write_str("failed to encode the request body")?,
            ErrorKind::Status => {
                let status = self.status().unwrap_or_default();
                write!(formatter, "HTTP {status}")?;
                if let Some(reason) = StatusCode::from_u16(status)
                    .ok()
                    .and_then(|code| code.canonical_reason())
                {
                    write!(formatter, " {reason}")?;
                }
            }
        }
        if let Some(operation) = inner.operation {
            let preposition = if inner.kind == ErrorKind::Status {
                "from"
            } else {
                "in"
            };
            write!(formatter, " {preposition} {operation}")?;
        }
        if let Some(detail) = &inner.detail {
            write!(formatter, ": {detail}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body is left out on purpose: it may hold data the caller does not want logged.
        formatter
            .debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("operation", &self.inner.operation)
            .field("status", &self.status())
            .field("message", &self.inner.detail)
            .finish()
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

/// Describes a transport failure with its chain of causes, which reqwest keeps out of its own `Display`.
fn describe_transport(error: &reqwest::Error) -> String {
    let mut description = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        description.push_str(": ");
        description.push_str(&cause.to_string());
        source = cause.source();
    }
    description
}

fn format_duration(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// The longest server message kept in an error, in bytes.
const MAX_MESSAGE_LENGTH: usize = 1000;

/// Extracts the server's message from an error body, whatever its schema.
///
/// It understands an `errors` array of strings or of JSON:API error objects (`detail`,
/// else `title`), and a top-level `message` or `error` string. Anything else gives `None`.
fn server_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let mut messages: Vec<String> = Vec::new();
    if let Some(errors) = value.get("errors").and_then(|errors| errors.as_array()) {
        for error in errors {
            match error {
                serde_json::Value::String(text) => messages.push(text.clone()),
                serde_json::Value::Object(object) => {
                    let text = ["detail", "title", "message"]
                        .iter()
                        .find_map(|key| object.get(*key).and_then(|text| text.as_str()));
                    if let Some(text) = text {
                        messages.push(text.to_owned());
                    }
                }
                _ => {}
            }
        }
    }
    if messages.is_empty() {
        for key in ["message", "error"] {
            if let Some(text) = value.get(key).and_then(|text| text.as_str()) {
                messages.push(text.to_owned());
                break;
            }
        }
    }
    let mut message = messages
        .into_iter()
        .filter(|text| !text.trim().is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    if message.is_empty() {
        return None;
    }
    if message.len() > MAX_MESSAGE_LENGTH {
        let mut end = MAX_MESSAGE_LENGTH;
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        message.truncate(end);
        message.push('…');
    }
    Some(message)
}

#[cfg(test)]
#[path = "../tests/unit/error.rs"]
mod tests;
