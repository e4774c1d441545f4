//! Typed test doubles for services that call this client, without a network (the `test-util` feature).
//!
//! A [`MockServer`] stands in for the API: a [`Configuration`] from
//! [`MockServer::configuration`] sends every request to it in process, through the client's whole
//! request path (URLs, parameters, bodies, credentials, retries and decoding), and nothing reaches
//! a socket. For each operation, [`MockOperation`] sets what it answers (a model, an error body, a
//! status) and records what it was sent.
//!
//! Answers are used in the order they were given, and the last one keeps answering, so that a
//! `503` followed by a `200` tests a retry. An operation with no answer gets a `501 Not
//! Implemented` whose body names the operation.
//!
//! A test double is reached through the API it belongs to: `server.org_connections()` for the
//! operations of `OrgConnectionsApi`, then one method per operation.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Configuration;
use crate::client::Operation;

/// The base URL of a mock's configuration: requests never leave the process, and `.invalid` is a
/// name that can never resolve, should one try.
pub const MOCK_BASE_URL: &str = "http://mock.invalid";

/// An in-process stand-in for the API: see the [module docs](self).
#[derive(Clone, Default)]
pub struct MockServer {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    answers: Vec<(&'static str, VecDeque<CannedResponse>)>,
    requests: Vec<RecordedRequest>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        formatter
            .debug_struct("MockServer")
            .field(
                "operations_answered",
                &state.answers.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            )
            .field("requests", &state.requests.len())
            .finish()
    }
}

impl MockServer {
    /// A mock that answers nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A configuration whose requests this mock answers, with no retries and no backoff, so that
    /// tests run fast; adjust it with the `with_*` methods like any configuration.
    pub fn configuration(&self) -> Configuration {
        Configuration::default()
            .with_base_url(MOCK_BASE_URL)
            .with_max_retries(0)
            .with_retry_backoff(std::time::Duration::ZERO, std::time::Duration::ZERO)
            .with_mock(self.clone())
    }

    /// The test double of one operation; generated code calls this from the per-API accessors
    /// (`server.org_connections().list_org_connections()`), which fix `T` to the success type.
    pub fn operation<T>(&self, operation: &'static Operation) -> MockOperation<'_, T> {
        MockOperation {
            server: self,
            operation,
            marker: PhantomData,
        }
    }

    /// Every request the mock was sent, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock leaves consistent data behind; keep going.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn push_answer(&self, operation_id: &'static str, response: CannedResponse) {
        let mut state = self.lock();
        match state.answers.iter_mut().find(|(id, _)| *id == operation_id) {
            Some((_, queue)) => queue.push_back(response),
            None => state
                .answers
                .push((operation_id, VecDeque::from([response]))),
        }
    }

    /// Records a request and returns the answer: the next one queued for its operation, the last
    /// one again when only one is left, or a `501` when the operation has none.
    pub(crate) fn respond(&self, request: RecordedRequest) -> CannedResponse {
        let mut state = self.lock();
        let operation_id = request.operation_id;
        state.requests.push(request);
        let queue = state
            .answers
            .iter_mut()
            .find(|(id, _)| *id == operation_id)
            .map(|(_, queue)| queue);
        match queue {
            Some(queue) if queue.len() > 1 => queue
                .pop_front()
                .unwrap_or_else(|| not_answered(operation_id)),
            Some(queue) => queue
                .front()
                .cloned()
                .unwrap_or_else(|| not_answered(operation_id)),
            None => not_answered(operation_id),
        }
    }
}

fn not_answered(operation_id: &str) -> CannedResponse {
    let body = serde_json::json!({ "errors": [format!("the test double of {operation_id} has no answer: call returns, fails_with or responds first")] });
    CannedResponse::json(501, &body)
}

/// The test double of one operation, whose success type is `T`.
pub struct MockOperation<'a, T> {
    server: &'a MockServer,
    operation: &'static Operation,
    marker: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for MockOperation<'_, T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("MockOperation")
            .field("operation", &self.operation.id)
            .finish()
    }
}

impl<T: Serialize> MockOperation<'_, T> {
    /// Answers `200` with `body` as JSON.
    pub fn returns(&self, body: T) -> &Self {
        self.returns_with_status(200, body)
    }

    /// Answers `status` with `body` as JSON.
    pub fn returns_with_status(&self, status: u16, body: T) -> &Self {
        self.responds(CannedResponse::json(status, &body))
    }
}

impl<T> MockOperation<'_, T> {
    /// Answers an error `status` with `body` (the error model the spec documents) as JSON.
    pub fn fails_with<E: Serialize>(&self, status: u16, body: E) -> &Self {
        self.responds(CannedResponse::json(status, &body))
    }

    /// Answers `status` with no body.
    pub fn fails_with_status(&self, status: u16) -> &Self {
        self.responds(CannedResponse::new(status))
    }

    /// Answers with a response given in full: for text and binary bodies, and for headers such as
    /// rate limits.
    pub fn responds(&self, response: CannedResponse) -> &Self {
        self.server.push_answer(self.operation.id, response);
        self
    }

    /// The requests this operation was sent, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.server
            .requests()
            .into_iter()
            .filter(|request| request.operation_id == self.operation.id)
            .collect()
    }

    /// How many requests this operation was sent.
    pub fn request_count(&self) -> usize {
        self.requests().len()
    }

    /// The last request this operation was sent, if any.
    pub fn last_request(&self) -> Option<RecordedRequest> {
        self.requests().pop()
    }
}

/// A response a test double gives: a status, headers and a body.
#[derive(Clone, Debug, PartialEq)]
pub struct CannedResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl CannedResponse {
    /// A response with `status`, no headers and no body.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: HeaderMap::new(),
            body: Bytes::new(),
        }
    }

    /// A response with `status` and `body` as JSON. A body that cannot be serialized becomes a
    /// `500` that says so.
    pub fn json(status: u16, body: &impl Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(json) => Self::new(status)
                .header("content-type", "application/json")
                .body(json),
            Err(error) => Self::new(500).body(format!(
                "the test double's body cannot be serialized: {error}"
            )),
        }
    }

    /// Sets a header; a name or value that is not valid HTTP is left out.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(name), Ok(value)) = (
            reqwest::header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers.append(name, value);
        }
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }

    pub(crate) fn into_parts(self) -> (u16, HeaderMap, Bytes) {
        (self.status, self.headers, self.body)
    }
}

/// A request a [`MockServer`] was sent. `Debug` redacts the values of credential headers and
/// shows only the names of query parameters, which may carry a key.
#[derive(Clone)]
pub struct RecordedRequest {
    /// The operationId of the operation it belongs to.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The URL, with its query.
    pub url: reqwest::Url,
    /// The headers, credentials included (marked sensitive).
    pub headers: HeaderMap,
    /// The body; empty when there was none.
    pub body: Bytes,
}

impl RecordedRequest {
    /// The path of the URL, percent-encoded as sent.
    pub fn path(&self) -> &str {
        self.url.path()
    }

    /// The query parameters, decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.url
            .query_pairs()
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect()
    }

    /// The value of a query parameter, if it was sent once or more (the first value).
    pub fn query(&self, name: &str) -> Option<String> {
        self.url
            .query_pairs()
            .find(|(candidate, _)| candidate == name)
            .map(|(_, value)| value.into_owned())
    }

    /// The value of a header, if it was sent and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The body decoded as JSON into `B`, typically the operation's body model.
    pub fn json<B: DeserializeOwned>(&self) -> Result<B, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// The body as text, if it is UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }

    /// The body's content type, if it has one.
    pub fn content_type(&self) -> Option<&str> {
        self.header(CONTENT_TYPE.as_str())
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(String, String)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if value.is_sensitive() {
                    "<redacted>".to_string()
                } else {
                    value.to_str().unwrap_or("<binary>").to_string()
                };
                (name.to_string(), shown)
            })
            .collect();
        let query_names: Vec<String> = self
            .url
            .query_pairs()
            .map(|(name, _)| name.into_owned())
            .collect();
        formatter
            .debug_struct("RecordedRequest")
            .field("operation_id", &self.operation_id)
            .field("method", &self.method)
            .field("path", &self.url.path())
            // Only the names: a query may carry an API key.
            .field("query_names", &query_names)
            .field("headers", &headers)
            .field("body_length", &self.body.len())
            .finish()
    }
}
