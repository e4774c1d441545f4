//! Responses as received, and the decoded success responses that `_with_http_info` operations return.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{Error, SendSummary};
use crate::rate_limit::RateLimit;

/// A response as received, before the operation decides whether its status is a success.
pub struct RawResponse {
    operation: &'static str,
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
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("body_length", &self.body.len())
            .field("attempts", &self.sending.attempts)
            .finish_non_exhaustive()
    }
}

impl RawResponse {
    pub(crate) fn new(
        operation: &'static str,
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

    /// Decodes the body as `T`, whether the content type is `application/json` or
    /// `application/vnd.api+json`. On failure the error names `type_name` and the JSON path.
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
            self.operation,
            type_name,
            path,
            error,
            (self.status, self.headers, self.body),
            self.sending,
        )
    }

    /// Accepts any body (empty, `{}` or anything else) for a success the spec gives no schema.
    pub fn empty(self) -> Result<ResponseContent<()>, Error> {
        Ok(ResponseContent {
            status: self.status,
            headers: self.headers,
            body: (),
        })
    }

    /// Turns an error response documented with schema `E` into an [`Error`]; the typed body
    /// is kept when it decodes, and the raw body either way.
    pub fn error<E: DeserializeOwned + Into<crate::apis::ErrorBody>>(self) -> Error {
        let typed_body = serde_json::from_slice::<E>(&self.body).ok().map(Into::into);
        Error::http_status(
            self.operation,
            (self.status, self.headers, self.body),
            typed_body,
            self.sending,
        )
    }

    /// Turns an error response with no documented schema (or an undocumented status) into an [`Error`].
    pub fn unexpected(self) -> Error {
        Error::http_status(
            self.operation,
            (self.status, self.headers, self.body),
            None,
            self.sending,
        )
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
    /// Returns the decoded body.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Returns the rate-limit headers of the response.
    pub fn rate_limit(&self) -> RateLimit {
        RateLimit::from_headers(&self.headers)
    }
}
