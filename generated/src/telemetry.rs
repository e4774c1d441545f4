//! `tracing` spans and events of calls, attempts, retries and rate-limit waits (the `tracing` feature).
//!
//! A call is a span named `http_client_call`, an attempt a span named `http_client_attempt`
//! inside it. Their fields follow OpenTelemetry's HTTP client semantic conventions:
//! `http.request.method`, `url.template`, `server.address`, `server.port`,
//! `http.response.status_code`, `http.request.resend_count` (on attempts) and `error.type`, with
//! `operation.id` and `otel.name` (`GET /api/v2/...`). They never carry a key, a token, a query,
//! a header or a body. Without the feature, every function here does nothing and compiles away.

use std::future::Future;
use std::time::Duration;

use crate::client::{Operation, RawResponse};
use crate::error::Error;

#[cfg(feature = "tracing")]
pub(crate) use tracing::Span;

/// A span that does nothing, without the `tracing` feature.
#[cfg(not(feature = "tracing"))]
#[derive(Clone, Debug)]
pub(crate) struct Span;

/// The span of a whole call of `operation` to `url`, retries included.
#[cfg(feature = "tracing")]
pub(crate) fn call_span(operation: &Operation, url: &reqwest::Url) -> Span {
    tracing::info_span!(
        "http_client_call",
        otel.name = %format_args!("{} {}", operation.method, operation.path_template),
        otel.kind = "client",
        operation.id = operation.id,
        http.request.method = %operation.method,
        url.template = operation.path_template,
        server.address = url.host_str().unwrap_or_default(),
        server.port = url.port_or_known_default(),
        http.response.status_code = tracing::field::Empty,
        error.type = tracing::field::Empty,
    )
}

/// The span of a whole call, without the `tracing` feature.
#[cfg(not(feature = "tracing"))]
pub(crate) fn call_span(_operation: &Operation, _url: &reqwest::Url) -> Span {
    Span
}

/// The span of one attempt; `attempt` is 1 for the first.
#[cfg(feature = "tracing")]
pub(crate) fn attempt_span(operation: &Operation, attempt: u32) -> Span {
    tracing::debug_span!(
        "http_client_attempt",
        operation.id = operation.id,
        http.request.method = %operation.method,
        url.template = operation.path_template,
        http.request.resend_count = attempt.saturating_sub(1),
        http.response.status_code = tracing::field::Empty,
        error.type = tracing::field::Empty,
    )
}

/// The span of one attempt, without the `tracing` feature.
#[cfg(not(feature = "tracing"))]
pub(crate) fn attempt_span(_operation: &Operation, _attempt: u32) -> Span {
    Span
}

/// Runs `future` inside `span`.
#[cfg(feature = "tracing")]
pub(crate) fn instrument<F: Future>(future: F, span: Span) -> impl Future<Output = F::Output> {
    tracing::Instrument::instrument(future, span)
}

/// Runs `future`, without the `tracing` feature.
#[cfg(not(feature = "tracing"))]
pub(crate) fn instrument<F: Future>(future: F, _span: Span) -> F {
    future
}

/// Records the outcome of a call or an attempt on its span: the status, and the error type
/// (the status for an error status, else the error's kind).
pub(crate) fn record_outcome(span: &Span, outcome: Result<u16, &Error>) {
    #[cfg(feature = "tracing")]
    match outcome {
        Ok(status) => {
            span.record("http.response.status_code", status);
            if status >= 400 {
                span.record("error.type", status);
            }
        }
        Err(error) => {
            if let Some(status) = error.status() {
                span.record("http.response.status_code", status);
            }
            span.record("error.type", error_type(error));
        }
    }
    #[cfg(not(feature = "tracing"))]
    let _ = (span, outcome);
}

/// Records an error type on a span.
pub(crate) fn record_error_type(span: &Span, error_type: &'static str) {
    #[cfg(feature = "tracing")]
    span.record("error.type", error_type);
    #[cfg(not(feature = "tracing"))]
    let _ = (span, error_type);
}

/// The `error.type` of an error that is not an error status.
#[cfg(feature = "tracing")]
fn error_type(error: &Error) -> &'static str {
    use crate::error::ErrorKind;
    match error.kind() {
        ErrorKind::Configuration { .. } => "configuration",
        ErrorKind::Transport => "transport",
        ErrorKind::Timeout => "timeout",
        ErrorKind::Decode { .. } => "decode",
        ErrorKind::Encode => "encode",
        ErrorKind::Status => "status",
        ErrorKind::BodyTooLarge { .. } => "body_too_large",
        ErrorKind::Pagination => "pagination",
        ErrorKind::InvalidParameter { .. } => "invalid_parameter",
        ErrorKind::Interceptor => "interceptor",
    }
}

/// Why an attempt is retried.
// Without the `tracing` feature the reasons are built and dropped unread.
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(crate) enum RetryReason<'a> {
    /// A 429: the wait is the rate limit's.
    RateLimited,
    /// A 5xx.
    Status(u16),
    /// A transport failure.
    Transport(&'a reqwest::Error),
}

/// An event before a retry, with its reason and the wait.
pub(crate) fn retry_event(
    operation: &Operation,
    attempt: u32,
    reason: RetryReason<'_>,
    wait: Duration,
) {
    #[cfg(feature = "tracing")]
    {
        let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
        match reason {
            RetryReason::RateLimited => tracing::warn!(
                operation.id = operation.id,
                http.response.status_code = 429,
                wait_ms,
                attempt,
                "rate limited: waiting {wait:?} for the limit to reset before retrying"
            ),
            RetryReason::Status(status) => tracing::warn!(
                operation.id = operation.id,
                http.response.status_code = status,
                wait_ms,
                attempt,
                "server error {status}: retrying after {wait:?}"
            ),
            RetryReason::Transport(error) => {
                let kind = if error.is_connect() {
                    "connect"
                } else {
                    "transport"
                };
                tracing::warn!(operation.id = operation.id, error.type = kind, wait_ms, attempt, "{kind} failure: retrying after {wait:?}")
            }
        }
    }
    #[cfg(not(feature = "tracing"))]
    let _ = (operation, attempt, reason, wait);
}

/// The status of a response, for [`record_outcome`].
pub(crate) fn status_of(response: &RawResponse) -> u16 {
    response.status()
}
