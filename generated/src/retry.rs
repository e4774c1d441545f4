//! Sends a request with retries: 429s after `X-RateLimit-Reset`, 5xx and connection failures with backoff for idempotent methods.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder, Retryable};
use bytes::Bytes;
use reqwest::Method;
use reqwest::header::HeaderMap;

use std::sync::Arc;
use std::time::Instant;

use crate::client::body::{BodyFailure, read_bounded};
use crate::client::redirect::{SendFailure, send_following_redirects};
use crate::client::{Operation, RawResponse};
use crate::configuration::Configuration;
use crate::error::{Error, SendSummary, format_duration};
use crate::interceptor::{AttemptRequest, AttemptResponse, Interceptor};
use crate::rate_limit::RateLimit;
use crate::secret::SecretRedactor;
use crate::telemetry::{self, RetryReason};

/// Everything needed to send one attempt of a request again.
pub(crate) struct PreparedRequest {
    pub(crate) operation: &'static Operation,
    pub(crate) url: reqwest::Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Bytes>,
    pub(crate) timeout: Duration,
    pub(crate) max_body_bytes: usize,
    pub(crate) redactor: SecretRedactor,
}

impl PreparedRequest {
    fn sending(&self, attempts: u32, retry_note: Option<String>) -> SendSummary {
        SendSummary {
            attempts,
            retry_note,
            redirect_note: None,
            redactor: self.redactor.clone(),
        }
    }
}

/// An attempt that did not give a final response.
enum Failure {
    /// The server answered with 429 or a 5xx: retried as the rules allow. Boxed, since a
    /// response is much larger than the other variants.
    Response(Box<RawResponse>),
    /// The request could not be sent, or its response could not be read: retried for
    /// idempotent methods unless it timed out.
    Transport(reqwest::Error),
    /// A failure that is never retried: a body over the limit, or no time left.
    Final(Error),
}

/// Sends `request`, retrying as the configuration allows, and returns the last response.
///
/// `http_client` is `None` only when a test double answers instead (the `test-util` feature).
pub(crate) async fn send(
    http_client: Option<&reqwest::Client>,
    configuration: &Configuration,
    request: &PreparedRequest,
) -> Result<RawResponse, Error> {
    let span = telemetry::call_span(request.operation, &request.url);
    let result = telemetry::instrument(
        send_with_retries(http_client, configuration, request),
        span.clone(),
    )
    .await;
    telemetry::record_outcome(&span, result.as_ref().map(telemetry::status_of));
    result
}

async fn send_with_retries(
    http_client: Option<&reqwest::Client>,
    configuration: &Configuration,
    request: &PreparedRequest,
) -> Result<RawResponse, Error> {
    let (min_backoff, max_backoff) = configuration.retry_backoff();
    let max_retries = configuration.max_retries();
    let backoff = ExponentialBuilder::default()
        .with_min_delay(min_backoff)
        .with_max_delay(max_backoff)
        .with_factor(2.0)
        .with_jitter()
        .with_max_times(usize::try_from(max_retries).unwrap_or(usize::MAX))
        .build();
    let method = &request.operation.method;
    let idempotent = is_idempotent(method);
    let max_rate_limit_wait = configuration.max_rate_limit_wait();
    let attempts = AtomicU32::new(0);
    let transport = Transport::of(http_client, configuration);
    let interceptors = configuration.interceptors();
    let outcome = (|| {
        let number = attempts.fetch_add(1, Ordering::Relaxed) + 1;
        let span = telemetry::attempt_span(request.operation, number);
        let attempt = attempt(&transport, interceptors, request, number);
        async move {
            let result = telemetry::instrument(attempt, span.clone()).await;
            match &result {
                Ok(response) => telemetry::record_outcome(&span, Ok(response.status())),
                Err(Failure::Response(response)) => {
                    telemetry::record_outcome(&span, Ok(response.status()))
                }
                Err(Failure::Transport(error)) => telemetry::record_error_type(
                    &span,
                    if error.is_timeout() {
                        "timeout"
                    } else {
                        "transport"
                    },
                ),
                Err(Failure::Final(error)) => telemetry::record_outcome(&span, Err(error)),
            }
            result
        }
    })
    .retry(backoff)
    .when(|failure| match failure {
        Failure::Response(response) => response.status() == 429 || idempotent,
        Failure::Transport(error) => idempotent && !error.is_timeout(),
        Failure::Final(_) => false,
    })
    .adjust(|failure, backoff_delay| {
        // `None` means the retries are used up; keep it so.
        let backoff_delay = backoff_delay?;
        match failure {
            Failure::Response(response) if response.status() == 429 => {
                rate_limit_wait(response.headers(), max_rate_limit_wait, backoff_delay)
            }
            _ => Some(backoff_delay),
        }
    })
    .notify(|failure, wait| {
        let attempt = attempts.load(Ordering::Relaxed);
        let reason = match failure {
            Failure::Response(response) if response.status() == 429 => RetryReason::RateLimited,
            Failure::Response(response) => RetryReason::Status(response.status()),
            Failure::Transport(error) => RetryReason::Transport(error),
            Failure::Final(_) => return,
        };
        telemetry::retry_event(request.operation, attempt, reason, wait);
    })
    .await;
    let attempts = attempts.load(Ordering::Relaxed);
    let stop = StopContext {
        attempts,
        max_retries,
        method,
        idempotent,
        max_rate_limit_wait,
    };
    match outcome {
        Ok(mut response) => {
            response.record_attempts(attempts, None);
            Ok(response)
        }
        Err(Failure::Response(mut response)) => {
            let note = stop.response_note(response.status(), response.headers());
            response.record_attempts(attempts, note);
            Ok(*response)
        }
        Err(Failure::Transport(error)) => {
            let note = (!error.is_timeout())
                .then(|| stop.transport_note())
                .flatten();
            let error = Error::from_reqwest(request.operation.id, request.timeout, error);
            Err(error.with_sending(request.sending(attempts, note)))
        }
        Err(Failure::Final(error)) => Err(error.with_sending(request.sending(attempts, None))),
    }
}

/// Where attempts go: the network, or a test double.
enum Transport<'a> {
    Http(Option<&'a reqwest::Client>),
    #[cfg(feature = "test-util")]
    Mock(&'a crate::test_util::MockServer),
}

impl<'a> Transport<'a> {
    fn of(http_client: Option<&'a reqwest::Client>, configuration: &'a Configuration) -> Self {
        #[cfg(feature = "test-util")]
        if let Some(mock) = configuration.mock() {
            return Transport::Mock(mock);
        }
        #[cfg(not(feature = "test-util"))]
        let _ = configuration;
        Transport::Http(http_client)
    }
}

/// What is needed to say why a request was not retried (again).
struct StopContext<'a> {
    attempts: u32,
    max_retries: u32,
    method: &'a Method,
    idempotent: bool,
    max_rate_limit_wait: Duration,
}

impl StopContext<'_> {
    /// Why the last 429 or 5xx was not retried.
    fn response_note(&self, status: u16, headers: &HeaderMap) -> Option<String> {
        if self.attempts > self.max_retries {
            return Some(self.exhausted());
        }
        if status == 429 {
            let reset = rate_limit_reset(headers)?;
            return (reset > self.max_rate_limit_wait).then(|| {
                format!(
                    "not retried: the rate limit resets in {}, longer than max_rate_limit_wait of {}",
                    format_duration(reset),
                    format_duration(self.max_rate_limit_wait)
                )
            });
        }
        (!self.idempotent).then(|| self.not_idempotent())
    }

    /// Why the last transport failure (not a timeout) was not retried.
    fn transport_note(&self) -> Option<String> {
        if !self.idempotent {
            Some(self.not_idempotent())
        } else if self.attempts > self.max_retries {
            Some(self.exhausted())
        } else {
            None
        }
    }

    fn exhausted(&self) -> String {
        format!("max_retries is {}", self.max_retries)
    }

    fn not_idempotent(&self) -> String {
        format!(
            "not retried: a {} may already have taken effect",
            self.method
        )
    }
}

/// Sends one attempt, following same-origin redirects, and reads the whole body within the
/// limit; the hooks run before it is sent and after its response arrived.
async fn attempt(
    transport: &Transport<'_>,
    interceptors: &[Arc<dyn Interceptor>],
    request: &PreparedRequest,
    number: u32,
) -> Result<RawResponse, Failure> {
    let operation = request.operation.id;
    let started = Instant::now();
    let mut headers = request.headers.clone();
    for interceptor in interceptors {
        let mut hook_request = AttemptRequest::new(
            operation,
            &request.operation.method,
            &request.url,
            &mut headers,
            number,
            request.body.as_ref(),
        );
        interceptor
            .before_attempt(&mut hook_request)
            .await
            .map_err(|error| Failure::Final(Error::interceptor(operation, error)))?;
    }
    let (status, response_headers, body, redirect_note) = match transport {
        #[cfg(feature = "test-util")]
        Transport::Mock(mock) => {
            let recorded = crate::test_util::RecordedRequest {
                operation_id: operation,
                method: request.operation.method.clone(),
                url: request.url.clone(),
                headers: headers.clone(),
                body: request.body.clone().unwrap_or_default(),
            };
            let (status, response_headers, body) = mock.respond(recorded).into_parts();
            (status, response_headers, body, None)
        }
        Transport::Http(http_client) => {
            let Some(http_client) = http_client else {
                return Err(Failure::Final(Error::configuration(
                    "http_client",
                    "the HTTP client could not be built",
                )));
            };
            let followed = send_following_redirects(http_client, request, &headers)
                .await
                .map_err(|failure| match failure {
                    SendFailure::Transport(error) => Failure::Transport(error),
                    SendFailure::Timeout => {
                        Failure::Final(Error::timeout(operation, request.timeout))
                    }
                })?;
            let response = followed.response;
            let status = response.status().as_u16();
            let response_headers = response.headers().clone();
            let body = match read_bounded(response, request.max_body_bytes).await {
                Ok(body) => body,
                Err(BodyFailure::Transport(error)) => return Err(Failure::Transport(error)),
                Err(BodyFailure::TooLarge) => {
                    return Err(Failure::Final(Error::body_too_large(
                        operation,
                        request.max_body_bytes,
                        status,
                        response_headers,
                    )));
                }
            };
            (status, response_headers, body, followed.note)
        }
    };
    for interceptor in interceptors {
        interceptor.after_attempt(&AttemptResponse {
            operation_id: operation,
            status,
            headers: &response_headers,
            attempt: number,
            elapsed: started.elapsed(),
        });
    }
    let mut sending = request.sending(0, None);
    sending.redirect_note = redirect_note;
    let response = RawResponse::new(request.operation, status, response_headers, body, sending);
    if status == 429 || (500..600).contains(&status) {
        Err(Failure::Response(Box::new(response)))
    } else {
        Ok(response)
    }
}

/// GET, PUT, DELETE and HEAD may be sent twice without changing the outcome; POST and PATCH may not.
fn is_idempotent(method: &Method) -> bool {
    [Method::GET, Method::PUT, Method::DELETE, Method::HEAD].contains(method)
}

/// When the rate limit resets: `X-RateLimit-Reset`, else a numeric `Retry-After`.
fn rate_limit_reset(headers: &HeaderMap) -> Option<Duration> {
    RateLimit::from_headers(headers).reset_after().or_else(|| {
        headers
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs)
    })
}

/// How long to wait before retrying a 429, or `None` to give up.
///
/// `X-RateLimit-Reset` (else a numeric `Retry-After`) says when the limit resets; a wait
/// longer than `max_wait` is not worth it, and the 429 is returned instead. Without either
/// header, the backoff delay is used, within `max_wait`.
fn rate_limit_wait(
    headers: &HeaderMap,
    max_wait: Duration,
    backoff_delay: Duration,
) -> Option<Duration> {
    match rate_limit_reset(headers) {
        Some(wait) if wait <= max_wait => Some(wait),
        Some(_) => None,
        None => Some(backoff_delay.min(max_wait)),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use reqwest::Method;
    use reqwest::header::{HeaderMap, HeaderValue};

    use super::{StopContext, is_idempotent, rate_limit_wait};

    fn with_header(name: &'static str, value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn only_get_put_delete_and_head_are_idempotent() {
        let cases = [
            (Method::GET, true),
            (Method::PUT, true),
            (Method::DELETE, true),
            (Method::HEAD, true),
            (Method::POST, false),
            (Method::PATCH, false),
        ];
        for (method, expected) in cases {
            assert_eq!(is_idempotent(&method), expected, "{method}");
        }
    }

    #[test]
    fn rate_limit_wait_follows_the_reset_header_within_the_cap() {
        let cap = Duration::from_secs(10);
        let backoff = Duration::from_millis(300);
        assert_eq!(
            rate_limit_wait(&with_header("x-ratelimit-reset", "2"), cap, backoff),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            rate_limit_wait(&with_header("x-ratelimit-reset", "11"), cap, backoff),
            None
        );
        assert_eq!(
            rate_limit_wait(&with_header("retry-after", "3"), cap, backoff),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            rate_limit_wait(&HeaderMap::new(), cap, backoff),
            Some(backoff)
        );
        assert_eq!(
            rate_limit_wait(&HeaderMap::new(), Duration::from_millis(100), backoff),
            Some(Duration::from_millis(100))
        );
    }

    #[test]
    fn the_stop_note_says_why_a_response_or_failure_was_not_retried() {
        let context = |attempts, method: &'static Method| StopContext {
            attempts,
            max_retries: 3,
            method,
            idempotent: is_idempotent(method),
            max_rate_limit_wait: Duration::from_secs(2),
        };
        let none = HeaderMap::new();
        assert_eq!(
            context(4, &Method::GET)
                .response_note(503, &none)
                .as_deref(),
            Some("max_retries is 3")
        );
        assert_eq!(
            context(1, &Method::POST)
                .response_note(500, &none)
                .as_deref(),
            Some("not retried: a POST may already have taken effect")
        );
        assert_eq!(
            context(1, &Method::GET)
                .response_note(429, &with_header("retry-after", "30"))
                .as_deref(),
            Some(
                "not retried: the rate limit resets in 30 s, longer than max_rate_limit_wait of 2 s"
            )
        );
        assert_eq!(context(2, &Method::GET).response_note(429, &none), None);
        assert_eq!(
            context(1, &Method::PATCH).transport_note().as_deref(),
            Some("not retried: a PATCH may already have taken effect")
        );
        assert_eq!(
            context(4, &Method::GET).transport_note().as_deref(),
            Some("max_retries is 3")
        );
        assert_eq!(context(2, &Method::GET).transport_note(), None);
    }
}
