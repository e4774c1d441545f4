//! Unit tests of the private logic of `src/retry.rs`, included there as its `tests` module.
use std::time::Duration;

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderValue};

use super::{is_idempotent, rate_limit_wait};

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
    let with_header = |name: &'static str, value: &'static str| {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        headers
    };
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
