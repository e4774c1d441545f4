//! Server text in errors is untrusted: `Display` and `Debug` truncate it, escape its control characters and redact configured secrets; the accessors keep it whole.

#[path = "support/raw_http.rs"]
mod raw_http;

use std::time::Duration;

use datadog_client::client::{ApiClient, Operation, RawResponse};
use datadog_client::models::APIErrorResponse;
use datadog_client::{Configuration, Error};
use raw_http::{RawServer, Reply};
use reqwest::Method;
use serde::Deserialize;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

static GET_THING: Operation = Operation {
    id: "GetThing",
    method: Method::GET,
    path_template: "/api/v2/things/{thing_id}",
    security: &[&["apiKeyAuth", "appKeyAuth"]],
    servers: datadog_client::servers::SERVERS,
    accept: "application/json",
    errors: &[],
    unstable: false,
};

const API_KEY: &str = "echoed-api-key-0123456789abcdef";
const APP_KEY: &str = "echoed-app-key-fedcba9876543210";
const ACCESS_TOKEN: &str = "echoed-access-token-value";

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Thing {
    data: ThingData,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct ThingData {
    id: u64,
}

/// Answers with a JSON:API error that quotes every credential header it received.
struct EchoCredentials;

impl Respond for EchoCredentials {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let header = |name: &str| {
            request
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let detail = format!(
            "invalid keys {} and {} (authorization {:?})",
            header("dd-api-key"),
            header("dd-application-key"),
            header("authorization")
        );
        ResponseTemplate::new(403)
            .set_body_json(serde_json::json!({"errors": [{"status": "403", "detail": detail}]}))
    }
}

fn configuration(base_url: &str) -> Configuration {
    Configuration::default()
        .with_base_url(base_url)
        .with_api_key(API_KEY)
        .with_app_key(APP_KEY)
        .with_access_token(ACCESS_TOKEN)
        .with_retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
}

async fn get(client: &ApiClient) -> RawResponse {
    client
        .execute(
            &GET_THING,
            String::from("/api/v2/things/1"),
            Vec::new(),
            None,
        )
        .await
        .unwrap()
}

fn shown(error: &Error) -> [String; 3] {
    [
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ]
}

#[tokio::test]
async fn a_key_the_server_echoes_is_redacted_in_display_and_debug_but_kept_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(EchoCredentials)
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server.uri()));
    let error = get(&client).await.error::<APIErrorResponse>();
    for text in shown(&error) {
        assert!(!text.contains(API_KEY), "{text}");
        assert!(!text.contains(APP_KEY), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
    }
    assert_eq!(
        error.to_string(),
        "HTTP 403 Forbidden from GetThing: invalid keys <redacted> and <redacted> (authorization \"\")"
    );
    // The raw body stays whole for the caller who asks for it.
    assert!(error.body_text().unwrap().contains(API_KEY));
}

#[tokio::test]
async fn a_proxy_password_the_server_echoes_is_redacted() {
    // The raw server plays the proxy: it receives the absolute-form request and answers itself.
    // It quotes both the header it got and the password in it, as a careless proxy might.
    let proxy = RawServer::start(|request| {
        let body = format!(
            r#"{{"errors":["rejected {} (user proxy-user, password proxy-secret-pw)"]}}"#,
            request.header("proxy-authorization").unwrap_or_default()
        );
        Reply::json(407, &body)
    })
    .await;
    let proxy_url = format!("http://proxy-user:proxy-secret-pw@{}", proxy.address);
    let client = ApiClient::new(configuration("http://192.0.2.1:9").with_proxy(proxy_url));
    let response = get(&client).await;
    assert_eq!(response.status(), 407);
    assert_eq!(proxy.requests().len(), 1);
    let error = response.unexpected();
    let sent = proxy.requests()[0]
        .header("proxy-authorization")
        .unwrap()
        .to_owned();
    let basic_credentials = sent.strip_prefix("Basic ").unwrap();
    assert!(error.body_text().unwrap().contains(basic_credentials));
    for text in shown(&error) {
        assert!(!text.contains("proxy-secret-pw"), "{text}");
        assert!(!text.contains(basic_credentials), "{text}");
    }
}

#[tokio::test]
async fn a_huge_server_message_is_truncated_in_display_and_debug() {
    let server = MockServer::start().await;
    let huge = "x".repeat(5 * 1024 * 1024);
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(serde_json::json!({"errors": [huge]})),
        )
        .mount(&server)
        .await;
    let error = get(&ApiClient::new(configuration(&server.uri())))
        .await
        .error::<APIErrorResponse>();
    for text in shown(&error) {
        assert!(text.len() < 1_000, "{} bytes", text.len());
    }
    assert!(error.to_string().contains("truncated"), "{error}");
    assert_eq!(
        error.body_bytes().map(<[u8]>::len),
        Some(huge.len() + r#"{"errors":[""]}"#.len())
    );
}

#[tokio::test]
async fn control_characters_from_the_server_are_escaped() {
    let server = MockServer::start().await;
    let forged = "bad request\r\n2026-01-01 INFO user admin logged in\u{1b}[2K\u{7}";
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(serde_json::json!({"message": forged})),
        )
        .mount(&server)
        .await;
    let error = get(&ApiClient::new(configuration(&server.uri())))
        .await
        .unexpected();
    for text in shown(&error) {
        for control in ['\r', '\n', '\u{1b}', '\u{7}'] {
            // `{:#?}` breaks lines between fields itself; the server's text must not.
            if control == '\n' && text.contains("\n    ") {
                assert!(!text.contains("in\n"), "{text}");
                continue;
            }
            assert!(!text.contains(control), "{text:?}");
        }
    }
    assert_eq!(
        error.to_string(),
        "HTTP 400 Bad Request from GetThing: bad request\\r\\n2026-01-01 INFO user admin logged in\\u{1b}[2K\\u{7}"
    );
    assert_eq!(
        error.body_text().map(|text| text.contains('\n')),
        Some(false)
    );
    assert_eq!(error.message(), Some(forged));
}

#[tokio::test]
async fn a_decode_error_quoting_a_secret_or_a_huge_value_is_redacted_and_truncated() {
    let huge = "y".repeat(1024 * 1024);
    let body = format!(r#"{{"data":{{"id":"{API_KEY} {huge}"}}}}"#);
    let server = RawServer::start(move |_| Reply::json(200, &body)).await;
    let response = get(&ApiClient::new(configuration(&server.base_url()))).await;
    let error = response.decode::<Thing>("Thing").unwrap_err();
    for text in shown(&error) {
        assert!(!text.contains(API_KEY), "{text}");
        assert!(text.len() < 1_000, "{} bytes", text.len());
    }
    assert!(
        error
            .to_string()
            .starts_with("failed to decode Thing at `data.id` in GetThing: invalid type: string"),
        "{error}"
    );
}
