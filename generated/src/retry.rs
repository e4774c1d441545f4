//! Sends a request with retries: 429s after `X-RateLimit-Reset`, 5xx and connection failures with backoff for idempotent methods.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder, Retryable};
use bytes::Bytes;
use reqwest::Method;
use reqwest::header::HeaderMap;

use crate::client::{Operation, RawResponse};
use crate::configuration::Configuration;
use crate::error::Error;
use crate::rate_limit::RateLimit;

/// Everything needed to send one attempt of a request again.
pub(crate) struct PreparedRequest {
    pub(crate) operation: &'static Operation,
    pub(crate) url: reqwest::Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Bytes>,
    pub(crate) timeout: Duration,
}

/// An attempt that may deserve a retry.
enum Failure {
    /// The server answered with 429 or a 5xx.
    Response(RawResponse),
    /// The request could not be sent, or its response could not be read.
    Transport(reqwest::Error),
}

/// Sends `request`, retrying as the configuration allows, and returns the last response.
pub(crate) async fn send(
    http_client: &reqwest::Client,
    configuration: &Configuration,
    request: &PreparedRequest,
) -> Result<RawResponse, Error> {
    let (min_backoff, max_backoff) = configuration.retry_backoff();
    let backoff = ExponentialBuilder::default()
        .with_min_delay(min_backoff)
        .with_max_delay(max_backoff)
        .with_factor(2.0)
        .with_jitter()
        .with_max_times(usize::try_from(configuration.max_retries()).unwrap_or(usize::MAX))
        .build();
    let idempotent = is_idempotent(&request.operation.method);
    let max_rate_limit_wait = configuration.max_rate_limit_wait();
    let outcome = (|| attempt(http_client, request))
        .retry(backoff)
        .when(|failure| match failure {
            Failure::Response(response) => response.status() == 429 || idempotent,
            Failure::Transport(error) => idempotent && !error.is_timeout(),
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
        .await;
    match outcome {
        Ok(response) | Err(Failure::Response(response)) => Ok(response),
        Err(Failure::Transport(error)) => Err(Error::from_reqwest(
            request.operation.id,
            request.timeout,
            error,
        )),
    }
}

/// Sends one attempt and reads the whole body.
async fn attempt(
    http_client: &reqwest::Client,
    request: &PreparedRequest,
) -> Result<RawResponse, Failure> {
    let mut builder = http_client
        .request(request.operation.method.clone(), request.url.clone())
        .headers(request.headers.clone())
        .timeout(request.timeout);
    if let Some(body) = &request.body {
        builder = builder.body(body.clone());
    }
    let response = builder.send().await.map_err(Failure::Transport)?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(Failure::Transport)?;
    let response = RawResponse::new(request.operation.id, status, headers, body);
    if status == 429 || (500..600).contains(&status) {
        Err(Failure::Response(response))
    } else {
        Ok(response)
    }
}

/// GET, PUT, DELETE and HEAD may be sent twice without changing the outcome; POST and PATCH may not.
fn is_idempotent(method: &Method) -> bool {
    [Method::GET, Method::PUT, Method::DELETE, Method::HEAD].contains(method)
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
    let reset = RateLimit::from_headers(headers).reset_after().or_else(|| {
        headers
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs)
    });
    match reset {
        Some(wait) if wait <= max_wait => Some(wait),
        Some(_) => None,
        None => Some(backoff_delay.min(max_wait)),
    }
}

#[cfg(test)]
#[path = "../tests/unit/retry.rs"]
mod tests;
