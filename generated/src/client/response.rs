//! Responses as received, and the decoded success responses that `_with_http_info` operations return.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::Operation;
use crate::error::{Error, SendSummary};
use crate::rate_limit::RateLimit;

/// A response as received, before the operation decides whether its status is a success.
///
/// Every 2xx status is a success, decoded by [`json`](RawResponse::json),
/// [`text`](RawResponse::text), [`bytes`](RawResponse::bytes) or [`empty`](RawResponse::empty) as
/// the operation's success type; any other status becomes an [`Error`] of kind
/// [`Status`](crate::error::ErrorKind::Status) with the typed body the operation's error table
/// documents for it.
pub struct RawResponse {
    operation: &'static Operation,
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    sending: SendSummary,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body is left out on purpose: responses may carry secrets.
        formatter
            .debug_struct("RawResponse")
            .field("operation", &self.operation.id)
            .field("status", &self.status)
            .field("body_length", &self.body.len())
            .field("attempts", &self.sending.attempts)
            .finish_non_exhaustive()
    }
}

impl RawResponse {
    pub(crate) fn new(
        operation: &'static Operation,
        status: u16,
        headers: HeaderMap,
        body: Bytes,
        sending: SendSummary,
    ) -> Self {
        Self {
            operation,
            status,
            headers,
            body,
            sending,
        }
    }

    /// Records how many attempts the request took and, when worth saying, why it was not
    /// retried (again).
    pub(crate) fn record_attempts(&mut self, attempts: u32, retry_note: Option<String>) {
        self.sending.attempts = attempts;
        self.sending.retry_note = retry_note;
    }

    /// Returns the HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Returns the response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Returns the raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Decodes a success (2xx) body as JSON into `T`; any other status is an error with its
    /// documented typed body. A body that does not decode is an error naming `T` and the JSON path.
    pub fn json<T: DeserializeOwned>(self) -> Result<ResponseContent<T>, Error> {
        if !self.is_success() {
            return Err(self.into_error());
        }
        self.decode(short_type_name::<T>())
    }

    /// Returns a success (2xx) body as text; any other status is an error. Bytes that are not
    /// UTF-8 are replaced by U+FFFD.
    pub fn text(self) -> Result<ResponseContent<String>, Error> {
        if !self.is_success() {
            return Err(self.into_error());
        }
        let body = String::from_utf8_lossy(&self.body).into_owned();
        Ok(ResponseContent {
            status: self.status,
            headers: self.headers,
            body,
        })
    }

    /// Returns a success (2xx) body as bytes; any other status is an error.
    pub fn bytes(self) -> Result<ResponseContent<Bytes>, Error> {
        if !self.is_success() {
            return Err(self.into_error());
        }
        Ok(ResponseContent {
            status: self.status,
            headers: self.headers,
            body: self.body,
        })
    }

    /// Accepts any body (empty, `{}` or anything else) of a success (2xx) the spec gives no
    /// schema; any other status is an error.
    pub fn empty(self) -> Result<ResponseContent<()>, Error> {
        if !self.is_success() {
            return Err(self.into_error());
        }
        Ok(ResponseContent {
            status: self.status,
            headers: self.headers,
            body: (),
        })
    }

    fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Turns a failure status into an [`Error`], with the typed body of the first entry of the
    /// operation's error table that covers the status: an exact code first, then a range, then
    /// `default`.
    pub fn into_error(self) -> Error {
        let status = self.status;
        let errors = self.operation.errors;
        let entry = errors
            .iter()
            .find(|entry| entry.statuses.contains(&status))
            .or_else(|| {
                errors
                    .iter()
                    .find(|entry| entry.statuses.contains(&(status / 100)))
            })
            .or_else(|| errors.iter().find(|entry| entry.statuses.contains(&0)));
        let typed_body = entry
            .and_then(|entry| entry.decode)
            .and_then(|decode| decode(&self.body));
        Error::http_status(
            self.operation.id,
            (self.status, self.headers, self.body),
            typed_body,
            self.sending,
        )
    }

    /// Decodes the body as `T`, whatever the status, whether the content type is
    /// `application/json` or `application/vnd.api+json`. On failure the error names `type_name`
    /// and the JSON path.
    pub fn decode<T: DeserializeOwned>(
        self,
        type_name: &'static str,
    ) -> Result<ResponseContent<T>, Error> {
        match serde_json::from_slice::<T>(&self.body) {
            Ok(body) => Ok(ResponseContent {
                status: self.status,
                headers: self.headers,
                body,
            }),
            Err(error) => Err(self.decode_error::<T>(type_name, error)),
        }
    }

    /// Decodes again with path tracking, only after the fast decode failed, to say where.
    fn decode_error<T: DeserializeOwned>(
        self,
        type_name: &'static str,
        fast_error: serde_json::Error,
    ) -> Error {
        let (path, error) =
            locate_decode_error::<T>(&self.body).unwrap_or_else(|| (String::from("."), fast_error));
        Error::decode(
            self.operation.id,
            type_name,
            path,
            error,
            (self.status, self.headers, self.body),
            self.sending,
        )
    }

    /// Turns an error response documented with schema `E` into an [`Error`]; the typed body
    /// is kept when it decodes, and the raw body either way.
    pub fn error<E: DeserializeOwned + Into<crate::apis::ErrorBody>>(self) -> Error {
        let typed_body = serde_json::from_slice::<E>(&self.body).ok().map(Into::into);
        Error::http_status(
            self.operation.id,
            (self.status, self.headers, self.body),
            typed_body,
            self.sending,
        )
    }

    /// Turns an error response with no documented schema (or an undocumented status) into an [`Error`].
    pub fn unexpected(self) -> Error {
        Error::http_status(
            self.operation.id,
            (self.status, self.headers, self.body),
            None,
            self.sending,
        )
    }
}

/// The name of a type without its module path: `Vec<crate::models::Pet>` is `Vec<Pet>`.
fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    // Generic names are rare here; they keep their full form, which still says what was expected.
    if full.contains('<') {
        full
    } else {
        full.rsplit("::").next().unwrap_or(full)
    }
}

/// Re-decodes `body` as `T` with path tracking and returns where and why it fails.
fn locate_decode_error<T: DeserializeOwned>(body: &[u8]) -> Option<(String, serde_json::Error)> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => None,
        Err(error) => Some((error.path().to_string(), error.into_inner())),
    }
}

/// A decoded success response with its status and headers, as `_with_http_info` returns it.
#[derive(Clone, Debug)]
pub struct ResponseContent<T> {
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> ResponseContent<T> {
    /// Replaces the body by `f(body)`, keeping the status and the headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseContent<U> {
        ResponseContent {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }

    /// Returns the decoded body.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Returns the rate-limit headers of the response.
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit::from_headers(&self.headers)
    }
}
