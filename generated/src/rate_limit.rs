//! A typed view of Datadog's `X-RateLimit-*` response headers.

use std::time::Duration;

use reqwest::header::HeaderMap;

/// The rate-limit headers of one response.
///
/// Each field is `None` when its header is absent or not a number. Datadog documents the
/// headers at <https://docs.datadoghq.com/api/latest/rate-limits/>.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// `X-RateLimit-Limit`: the number of requests allowed in a period.
    pub limit: Option<u64>,
    /// `X-RateLimit-Period`: the length of a period, in seconds.
    pub period: Option<u64>,
    /// `X-RateLimit-Remaining`: the number of requests left in the current period.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`: the number of seconds until the current period ends.
    pub reset: Option<u64>,
    /// `X-RateLimit-Name`: the name of the limit that applies.
    pub name: Option<String>,
}

impl RateLimit {
    /// Reads the rate-limit headers from a header map.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        Self {
            limit: number_header(headers, "x-ratelimit-limit"),
            period: number_header(headers, "x-ratelimit-period"),
            remaining: number_header(headers, "x-ratelimit-remaining"),
            reset: number_header(headers, "x-ratelimit-reset"),
            name: text_header(headers, "x-ratelimit-name"),
        }
    }

    /// Returns the time until the current period ends, from `X-RateLimit-Reset`.
    pub fn reset_after(&self) -> Option<Duration> {
        self.reset.map(Duration::from_secs)
    }

    /// Returns `true` when the response carried none of the headers.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

fn text_header(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn number_header(headers: &HeaderMap, name: &str) -> Option<u64> {
    text_header(headers, name)?.parse().ok()
}
