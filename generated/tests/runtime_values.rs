//! `Secret` and `RateLimit`: redaction and JSON of secrets, parsing of the rate-limit headers.

use std::time::Duration;

use datadog_client::Secret;
use datadog_client::rate_limit::RateLimit;
use reqwest::header::{HeaderMap, HeaderValue};

#[test]
fn a_secret_is_redacted_in_debug_and_plain_in_json() {
    #[derive(Debug, serde::Serialize, serde::Deserialize, PartialEq)]
    struct Credentials {
        user: String,
        password: Secret,
    }
    let credentials = Credentials {
        user: String::from("alice"),
        password: Secret::from("correct horse battery staple"),
    };
    let debug = format!("{credentials:?} {credentials:#?}");
    assert!(!debug.contains("correct horse"), "{debug}");
    assert!(debug.contains("alice"));
    let json = serde_json::to_string(&credentials).unwrap();
    assert_eq!(
        json,
        r#"{"user":"alice","password":"correct horse battery staple"}"#
    );
    let decoded: Credentials = serde_json::from_str(&json).unwrap();
    assert_eq!(decoded, credentials);
    assert_eq!(decoded.password.expose(), "correct horse battery staple");
    assert_eq!(Secret::new(String::from("x")), Secret::from("x"));
}

#[test]
fn rate_limit_reads_all_five_headers() {
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("x-ratelimit-limit", "100"),
        ("X-RateLimit-Period", "60"),
        ("x-ratelimit-remaining", "7"),
        ("x-ratelimit-reset", "12"),
        ("x-ratelimit-name", "org_connections"),
    ] {
        headers.insert(
            reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_static(value),
        );
    }
    let rate_limit = RateLimit::from_headers(&headers);
    assert_eq!(
        rate_limit,
        RateLimit {
            limit: Some(100),
            period: Some(60),
            remaining: Some(7),
            reset: Some(12),
            name: Some(String::from("org_connections")),
        }
    );
    assert_eq!(rate_limit.reset_after(), Some(Duration::from_secs(12)));
    assert!(!rate_limit.is_empty());
}

#[test]
fn rate_limit_ignores_missing_and_malformed_headers() {
    let mut headers = HeaderMap::new();
    headers.insert("x-ratelimit-limit", HeaderValue::from_static("lots"));
    headers.insert("x-ratelimit-remaining", HeaderValue::from_static(" 3 "));
    let rate_limit = RateLimit::from_headers(&headers);
    assert_eq!(rate_limit.limit, None);
    assert_eq!(rate_limit.remaining, Some(3));
    assert_eq!(rate_limit.reset_after(), None);
    assert!(RateLimit::from_headers(&HeaderMap::new()).is_empty());
}
