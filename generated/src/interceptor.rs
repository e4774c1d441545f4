//! Hooks that run around every attempt of every request: add or change headers, sign a request,
//! refresh a credential, or observe responses.
//!
//! A hook is an [`Interceptor`], added with
//! [`Configuration::with_interceptor`](crate::Configuration::with_interceptor). This small trait
//! is used rather than accepting a `reqwest_middleware` client because it sees what a middleware
//! cannot: the operation, the attempt number (retries and rate-limit waits run around it, so a
//! refreshed token is used by the retry), and it costs no dependency. A hook runs after the
//! client has added its credentials, so it can also replace them.
//!
//! ```
//! use datadog_client::interceptor::{AttemptRequest, AttemptResponse, HookFuture, Interceptor};
//! use reqwest::header::HeaderValue;
//!
//! /// Adds a header to every request and counts the responses.
//! #[derive(Default)]
//! struct RequestId(std::sync::atomic::AtomicU64);
//!
//! impl Interceptor for RequestId {
//!     fn before_attempt<'a>(&'a self, request: &'a mut AttemptRequest<'_>) -> HookFuture<'a> {
//!         request.headers.insert("x-request-source", HeaderValue::from_static("billing-service"));
//!         Box::pin(async { Ok(()) })
//!     }
//!
//!     fn after_attempt(&self, _response: &AttemptResponse<'_>) {
//!         self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
//!     }
//! }
//!
//! let configuration = datadog_client::Configuration::new().with_interceptor(RequestId::default());
//! # let _ = configuration;
//! ```

use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;

/// What [`Interceptor::before_attempt`] returns: a future that may fail to refuse the request.
pub type HookFuture<'a> =
    Pin<Box<dyn Future<Output = Result<(), Box<dyn StdError + Send + Sync>>> + Send + 'a>>;

/// An attempt about to be sent, as a hook sees it: the headers can be changed.
#[derive(Debug)]
#[non_exhaustive]
pub struct AttemptRequest<'a> {
    /// The operationId, for example `ListOrgConnections`.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: &'a reqwest::Method,
    /// The URL, with its query.
    pub url: &'a reqwest::Url,
    /// The headers, credentials included (marked sensitive): add, change or remove any.
    pub headers: &'a mut HeaderMap,
    /// Which attempt this is: 1 for the first, 2 for the first retry, and so on.
    pub attempt: u32,
    body: Option<&'a Bytes>,
}

impl<'a> AttemptRequest<'a> {
    pub(crate) fn new(
        operation_id: &'static str,
        method: &'a reqwest::Method,
        url: &'a reqwest::Url,
        headers: &'a mut HeaderMap,
        attempt: u32,
        body: Option<&'a Bytes>,
    ) -> Self {
        Self {
            operation_id,
            method,
            url,
            headers,
            attempt,
            body,
        }
    }

    /// The body that will be sent, if any, for example to sign it.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.map(|body| &body[..])
    }
}

/// The response to an attempt, as a hook sees it, before its body is decoded.
#[derive(Debug)]
#[non_exhaustive]
pub struct AttemptResponse<'a> {
    /// The operationId.
    pub operation_id: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: &'a HeaderMap,
    /// Which attempt this was.
    pub attempt: u32,
    /// How long the attempt took, from sending to the whole body.
    pub elapsed: Duration,
}

/// Code that runs around every attempt of every request. Both methods do nothing by default.
pub trait Interceptor: Send + Sync + 'static {
    /// Runs before each attempt is sent, after the credentials are added: it may change the
    /// headers (to add one, sign the request, or put in a fresh token), or fail, which ends the
    /// call with an error of kind [`Interceptor`](crate::error::ErrorKind::Interceptor).
    fn before_attempt<'a>(&'a self, request: &'a mut AttemptRequest<'_>) -> HookFuture<'a> {
        let _ = request;
        Box::pin(std::future::ready(Ok(())))
    }

    /// Runs after each attempt got its response (a transport failure has none), for example to
    /// count statuses or to forget a token the server refused.
    fn after_attempt(&self, response: &AttemptResponse<'_>) {
        let _ = response;
    }
}
