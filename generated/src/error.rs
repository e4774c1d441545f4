//! The one error type of the crate, for configuration, transport, timeout, encoding, decoding, body-size, pagination and HTTP failures.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::apis::ErrorBody;
use crate::rate_limit::RateLimit;
use crate::secret::SecretRedactor;
use crate::untrusted_text::UntrustedText;

/// What went wrong, as returned by [`Error::kind`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A setting of the [`Configuration`](crate::Configuration) is missing or invalid; nothing was sent.
    Configuration {
        /// The setting at fault, as the builder method names it: `api_key`, `app_key`,
        /// `access_token`, `site`, `base_url`, `proxy`, `user_agent`, or `http_client` for
        /// a client passed to [`ApiClient::with_http_client`](crate::client::ApiClient::with_http_client).
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
        /// `.` is the whole document. It comes from the server's document: print it through
        /// the error's `Display`, which makes it safe.
        path: String,
    },
    /// A request body could not be serialized.
    Encode,
    /// The server answered with a status the operation treats as a failure.
    Status,
    /// The response body, after decompression, was larger than
    /// [`Configuration::with_max_response_body_bytes`](crate::Configuration::with_max_response_body_bytes)
    /// allows; reading stopped there and the request was not retried.
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A paginated stream stopped because the server did not advance: a page repeated the
    /// previous one, or the page limit was reached.
    Pagination,
    /// A parameter's value cannot be sent as the spec says it goes: a path parameter that would
    /// be empty, `.` or `..` (and so not one path segment), or a header value with a line
    /// break. Nothing was sent.
    InvalidParameter {
        /// The parameter's name as the spec writes it.
        name: &'static str,
    },
    /// A hook added with [`Configuration::with_interceptor`](crate::Configuration::with_interceptor)
    /// refused the request; its error is the [`source`](std::error::Error::source).
    Interceptor,
}

/// An error returned by any operation of this crate.
///
/// [`kind`](Error::kind) says what went wrong. When the server answered, the status,
/// the headers, the raw body, the typed error body and the rate-limit headers are all
/// reachable. `Display` of an HTTP failure reads like
/// `HTTP 404 Not Found from GetActionConnection: Connection not found`, with the number of
/// attempts and the reason retries stopped when there were retries or a reason to say why not.
///
/// Text that comes from the server (its message, a decoding failure that quotes the body, a
/// redirect target) is untrusted: `Display` and `Debug` cut each piece at 300 characters,
/// escape its control characters (`\n`, `\r`, `\u{1b}`, ...) and replace every configured
/// secret (keys, token, proxy and base URL passwords) with `<redacted>`. The accessors
/// ([`message`](Error::message), [`body_text`](Error::body_text),
/// [`body_bytes`](Error::body_bytes)) return the text as received. `Debug` never shows the body.
pub struct Error {
    inner: Box<ErrorInner>,
}

struct ErrorInner {
    kind: ErrorKind,
    operation: Option<&'static str>,
    detail: Option<String>,
    /// Whether `detail` is the server's text (or quotes it), which is cut when shown.
    detail_from_server: bool,
    response: Option<ErrorResponse>,
    sending: SendSummary,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

struct ErrorResponse {
    status: u16,
    headers: HeaderMap,
    /// `None` when the body was not kept (it was over the size limit).
    body: Option<Bytes>,
    typed_body: Option<ErrorBody>,
}

/// How a request went, kept by the response and by any error built from it: the number of
/// attempts, why retries or redirects stopped, and the secrets to redact when showing text.
#[derive(Clone, Debug, Default)]
pub(crate) struct SendSummary {
    /// The number of times the request was sent; 0 when it was not.
    pub(crate) attempts: u32,
    /// Why no (further) retry was made, when that is worth saying.
    pub(crate) retry_note: Option<String>,
    /// Why a redirect was not followed; it may quote the server's `Location`.
    pub(crate) redirect_note: Option<String>,
    pub(crate) redactor: SecretRedactor,
}

impl Error {
    fn from_inner(inner: ErrorInner) -> Self {
        Self {
            inner: Box::new(inner),
        }
    }

    fn local(kind: ErrorKind, operation: Option<&'static str>, detail: String) -> Self {
        Self::from_inner(ErrorInner {
            kind,
            operation,
            detail: Some(detail),
            detail_from_server: false,
            response: None,
            sending: SendSummary::default(),
            source: None,
        })
    }

    /// A missing or invalid setting; `detail` says what is wrong and how to fix it.
    pub(crate) fn configuration(setting: &'static str, detail: impl Into<String>) -> Self {
        Self::local(ErrorKind::Configuration { setting }, None, detail.into())
    }

    /// A failure of the HTTP client: a timeout when reqwest says so, a transport failure otherwise.
    pub(crate) fn from_reqwest(
        operation: &'static str,
        timeout: Duration,
        error: reqwest::Error,
    ) -> Self {
        if error.is_timeout() {
            let mut timeout_error = Self::timeout(operation, timeout);
            timeout_error.inner.source = Some(Box::new(error));
            return timeout_error;
        }
        let mut transport = Self::local(
            ErrorKind::Transport,
            Some(operation),
            describe_transport(&error),
        );
        transport.inner.source = Some(Box::new(error));
        transport
    }

    /// No complete response within `timeout`.
    pub(crate) fn timeout(operation: &'static str, timeout: Duration) -> Self {
        Self::local(
            ErrorKind::Timeout,
            Some(operation),
            format!("no response within {}", format_duration(timeout)),
        )
    }

    /// A request body that could not be serialized.
    pub(crate) fn encode(error: serde_json::Error) -> Self {
        let mut encode = Self::local(ErrorKind::Encode, None, error.to_string());
        encode.inner.source = Some(Box::new(error));
        encode
    }

    /// A response body that did not decode as `type_name`.
    ///
    /// serde_json's message quotes the body, so it is kept as detail (shown safely) and the
    /// serde_json error is not kept as the source, whose `Display` would show it raw.
    pub(crate) fn decode(
        operation: &'static str,
        type_name: &'static str,
        path: String,
        error: serde_json::Error,
        response: (u16, HeaderMap, Bytes),
        sending: SendSummary,
    ) -> Self {
        let (status, headers, body) = response;
        Self::from_inner(ErrorInner {
            kind: ErrorKind::Decode { type_name, path },
            operation: Some(operation),
            detail: Some(error.to_string()),
            detail_from_server: true,
            response: Some(ErrorResponse {
                status,
                headers,
                body: Some(body),
                typed_body: None,
            }),
            sending,
            source: None,
        })
    }

    /// An HTTP failure, with the typed body when the spec documents one and it decoded.
    pub(crate) fn http_status(
        operation: &'static str,
        response: (u16, HeaderMap, Bytes),
        typed_body: Option<ErrorBody>,
        sending: SendSummary,
    ) -> Self {
        let (status, headers, body) = response;
        Self::from_inner(ErrorInner {
            kind: ErrorKind::Status,
            operation: Some(operation),
            detail: server_message(&body),
            detail_from_server: true,
            response: Some(ErrorResponse {
                status,
                headers,
                body: Some(body),
                typed_body,
            }),
            sending,
            source: None,
        })
    }

    /// A response whose body went past `limit` bytes; its status and headers are kept.
    pub(crate) fn body_too_large(
        operation: &'static str,
        limit: usize,
        status: u16,
        headers: HeaderMap,
    ) -> Self {
        Self::from_inner(ErrorInner {
            kind: ErrorKind::BodyTooLarge { limit },
            operation: Some(operation),
            detail: Some(format!(
                "the body is larger than {limit} bytes, the limit; \
                 raise it with Configuration::with_max_response_body_bytes"
            )),
            detail_from_server: false,
            response: Some(ErrorResponse {
                status,
                headers,
                body: None,
                typed_body: None,
            }),
            sending: SendSummary::default(),
            source: None,
        })
    }

    /// A paginated stream that stopped because the server did not advance.
    pub(crate) fn pagination(detail: String) -> Self {
        Self::local(ErrorKind::Pagination, None, detail)
    }

    /// A parameter value that cannot be sent; `detail` says why.
    pub(crate) fn invalid_parameter(
        operation: &'static str,
        name: &'static str,
        detail: String,
    ) -> Self {
        Self::local(
            ErrorKind::InvalidParameter { name },
            Some(operation),
            detail,
        )
    }

    /// A hook refused the request.
    pub(crate) fn interceptor(
        operation: &'static str,
        error: Box<dyn StdError + Send + Sync>,
    ) -> Self {
        let mut refused = Self::local(
            ErrorKind::Interceptor,
            Some(operation),
            format!("a hook refused the request: {error}"),
        );
        refused.inner.source = Some(error);
        refused
    }

    /// Records how the request went: attempts, why retries stopped, and the secrets to redact.
    pub(crate) fn with_sending(mut self, sending: SendSummary) -> Self {
        self.inner.sending = sending;
        self
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

    /// Returns how many times the request was sent (the first attempt and its retries;
    /// redirects followed within an attempt do not count), or `None` when it was not sent.
    pub fn attempts(&self) -> Option<u32> {
        let attempts = self.inner.sending.attempts;
        (attempts > 0).then_some(attempts)
    }

    /// Returns the response headers when the server answered.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.inner
            .response
            .as_ref()
            .map(|response| &response.headers)
    }

    /// Returns the raw response body, exactly as received, when the server answered and the
    /// body was kept (a body over the size limit is not).
    pub fn body_bytes(&self) -> Option<&[u8]> {
        self.inner
            .response
            .as_ref()
            .and_then(|response| response.body.as_deref())
    }

    /// Returns the raw response body as text when it was kept and is valid UTF-8.
    ///
    /// This is the server's text as received: not truncated, escaped nor redacted.
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

    /// Returns the rate-limit headers when the server answered with at least one of them.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.headers()
            .map(RateLimit::from_headers)
            .filter(|rate_limit| !rate_limit.is_empty())
    }

    /// Returns the message the server gave, as received, or the description of a local failure.
    pub fn message(&self) -> Option<&str> {
        self.inner.detail.as_deref()
    }

    fn shown<'a>(&'a self, text: &'a str) -> UntrustedText<'a> {
        UntrustedText::new(text, &self.inner.sending.redactor)
    }

    /// The detail as `Display` and `Debug` show it: cut only when it is the server's text.
    fn shown_detail(&self) -> Option<UntrustedText<'_>> {
        let detail = self.inner.detail.as_deref()?;
        Some(if self.inner.detail_from_server {
            self.shown(detail)
        } else {
            UntrustedText::whole(detail, &self.inner.sending.redactor)
        })
    }

    /// Writes ` after N attempts (why retries or redirects stopped)`, or nothing when there
    /// was a single attempt and nothing to explain.
    fn write_sending(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sending = &self.inner.sending;
        let notes: Vec<&String> = [&sending.retry_note, &sending.redirect_note]
            .into_iter()
            .flatten()
            .collect();
        if sending.attempts > 1 || (sending.attempts == 1 && sending.retry_note.is_some()) {
            let plural = if sending.attempts == 1 { "" } else { "s" };
            write!(formatter, " after {} attempt{plural}", sending.attempts)?;
        }
        for (index, note) in notes.iter().enumerate() {
            let separator = if index == 0 { " (" } else { "; " };
            write!(formatter, "{separator}{}", self.shown(note))?;
        }
        if !notes.is_empty() {
            formatter.write_str(")")?;
        }
        Ok(())
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
                write!(
                    formatter,
                    "failed to decode {type_name} at `{}`",
                    self.shown(path)
                )?;
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
            ErrorKind::BodyTooLarge { .. } => formatter.write_str("response body too large")?,
            ErrorKind::Pagination => formatter.write_str("pagination stopped")?,
            ErrorKind::InvalidParameter { name } => {
                write!(formatter, "invalid parameter `{name}`")?
            }
            ErrorKind::Interceptor => formatter.write_str("request refused by a hook")?,
        }
        if let Some(operation) = inner.operation {
            let preposition = if inner.kind == ErrorKind::Status {
                "from"
            } else {
                "in"
            };
            write!(formatter, " {preposition} {operation}")?;
        }
        self.write_sending(formatter)?;
        if let Some(detail) = self.shown_detail() {
            write!(formatter, ": {detail}")?;
        }
        Ok(())
    }
}

/// `ErrorKind` as `Debug` shows it inside an [`Error`]: the decoding path made safe.
struct KindForDebug<'a>(&'a Error);

impl fmt::Debug for KindForDebug<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.inner.kind {
            ErrorKind::Decode { type_name, path } => formatter
                .debug_struct("Decode")
                .field("type_name", type_name)
                .field("path", &self.0.shown(path))
                .finish(),
            kind => fmt::Debug::fmt(kind, formatter),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt<'a>(&'a self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body is left out on purpose: it may hold data the caller does not want logged.
        let sending = &self.inner.sending;
        let shown_note = |note: &'a Option<String>| note.as_deref().map(|note| self.shown(note));
        formatter
            .debug_struct("Error")
            .field("kind", &KindForDebug(self))
            .field("operation", &self.inner.operation)
            .field("status", &self.status())
            .field("attempts", &self.attempts())
            .field("retry_note", &shown_note(&sending.retry_note))
            .field("redirect_note", &shown_note(&sending.redirect_note))
            .field("message", &self.shown_detail())
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

/// Formats a duration as whole seconds (`30 s`) or milliseconds (`200 ms`).
pub(crate) fn format_duration(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// Extracts the server's message from an error body, whatever its schema.
///
/// It understands an `errors` array of strings or of JSON:API error objects (`detail`,
/// else `title`), and a top-level `message` or `error` string. Anything else gives `None`.
/// The message is kept whole; `Display` and `Debug` cut it when they show it.
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
    let message = messages
        .into_iter()
        .filter(|text| !text.trim().is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    (!message.is_empty()).then_some(message)
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use reqwest::header::HeaderMap;

    use super::{Error, SendSummary, server_message};
    use crate::secret::SecretRedactor;

    #[test]
    fn server_message_reads_the_common_error_shapes() {
        let cases: &[(&str, Option<&str>)] = &[
            (r#"{"errors":["Not found"]}"#, Some("Not found")),
            (r#"{"errors":["a","b"]}"#, Some("a; b")),
            (
                r#"{"errors":[{"status":"400","title":"Bad Request","detail":"name is required"}]}"#,
                Some("name is required"),
            ),
            (r#"{"errors":[{"title":"Conflict"}]}"#, Some("Conflict")),
            (
                r#"{"message":"Rate limit exceeded"}"#,
                Some("Rate limit exceeded"),
            ),
            (r#"{"error":"oops"}"#, Some("oops")),
            (r#"{"errors":[]}"#, None),
            ("{}", None),
            ("", None),
            ("<html>Bad gateway</html>", None),
        ];
        for (body, expected) in cases {
            assert_eq!(
                server_message(body.as_bytes()).as_deref(),
                *expected,
                "body: {body}"
            );
        }
    }

    fn status_error(body: &str, sending: SendSummary) -> Error {
        Error::http_status(
            "GetThing",
            (502, HeaderMap::new(), Bytes::from(body.to_owned())),
            None,
            sending,
        )
    }

    #[test]
    fn display_says_attempts_and_notes_only_when_there_is_something_to_say() {
        let one = SendSummary {
            attempts: 1,
            ..SendSummary::default()
        };
        let error = status_error(r#"{"errors":["down"]}"#, one.clone());
        assert_eq!(
            error.to_string(),
            "HTTP 502 Bad Gateway from GetThing: down"
        );
        assert_eq!(error.attempts(), Some(1));

        let retried = SendSummary {
            attempts: 3,
            retry_note: Some(String::from("max_retries is 2")),
            ..SendSummary::default()
        };
        let error = status_error(r#"{"errors":["down"]}"#, retried);
        assert_eq!(
            error.to_string(),
            "HTTP 502 Bad Gateway from GetThing after 3 attempts (max_retries is 2): down"
        );

        let redirected = SendSummary {
            redirect_note: Some(String::from("redirect to http://elsewhere not followed\n")),
            ..one
        };
        let error = status_error("", redirected);
        assert_eq!(
            error.to_string(),
            "HTTP 502 Bad Gateway from GetThing (redirect to http://elsewhere not followed\\n)"
        );
        assert_eq!(Error::configuration("site", "x").attempts(), None);
    }

    #[test]
    fn debug_shows_the_kind_status_attempts_and_a_safe_message_but_no_body() {
        let sending = SendSummary {
            attempts: 2,
            redactor: SecretRedactor::new([String::from("hunter2-secret")]),
            ..SendSummary::default()
        };
        let error = status_error(
            r#"{"errors":["bad key hunter2-secret\r\n"],"other":"body-only"}"#,
            sending,
        );
        let text = format!("{error:?}");
        assert_eq!(
            text,
            "Error { kind: Status, operation: Some(\"GetThing\"), status: Some(502), attempts: Some(2), \
             retry_note: None, redirect_note: None, message: Some(\"bad key <redacted>\\r\\n\") }"
        );
        assert!(error.body_text().unwrap().contains("body-only"));
    }
}
