//! Redirects against raw loopback servers: credentials and bodies go only to the configured origin, and a loop is bounded.

#[path = "support/raw_http.rs"]
mod raw_http;

use std::time::Duration;

use datadog_client::Configuration;
use datadog_client::client::{ApiClient, Operation};
use raw_http::{RawServer, Reply};
use reqwest::Method;

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

static CREATE_THING: Operation = Operation {
    id: "CreateThing",
    method: Method::POST,
    path_template: "/api/v2/things",
    security: &[&["apiKeyAuth", "appKeyAuth"]],
    servers: datadog_client::servers::SERVERS,
    accept: "application/json",
    errors: &[],
    unstable: false,
};

const API_KEY: &str = "redirect-test-api-key";
const APP_KEY: &str = "redirect-test-app-key";
const BODY: &str = r#"{"data":{"type":"thing","attributes":{"secret":"request-body-secret"}}}"#;
const THING: &str = r#"{"data":{"id":"1","type":"thing"}}"#;

fn configuration(base_url: &str) -> Configuration {
    Configuration::default()
        .with_base_url(base_url)
        .with_api_key(API_KEY)
        .with_app_key(APP_KEY)
        .with_retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
}

/// A server that answers every request with 200 and records it: the place a leak would show.
async fn start_recording_server() -> RawServer {
    RawServer::start(|_| Reply::json(200, THING)).await
}

async fn get(
    client: &ApiClient,
    path: &str,
) -> Result<datadog_client::client::RawResponse, datadog_client::Error> {
    client
        .execute(&GET_THING, path.to_owned(), Vec::new(), None)
        .await
}

async fn post(
    client: &ApiClient,
) -> Result<datadog_client::client::RawResponse, datadog_client::Error> {
    client
        .execute(
            &CREATE_THING,
            String::from("/api/v2/things"),
            Vec::new(),
            Some(BODY.as_bytes().to_vec()),
        )
        .await
}

#[tokio::test]
async fn a_same_origin_redirect_is_followed_with_credentials_and_body() {
    let server = RawServer::start(|request| match request.target.as_str() {
        "/api/v2/things/old" => Reply::redirect(301, "/api/v2/things/new"),
        "/api/v2/things" => Reply::redirect(307, "/api/v2/things/created-here"),
        _ => Reply::json(200, THING),
    })
    .await;
    let client = ApiClient::new(configuration(&server.base_url()));

    let response = get(&client, "/api/v2/things/old").await.unwrap();
    assert_eq!(response.status(), 200);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].target, "/api/v2/things/new");
    assert_eq!(requests[1].header("dd-api-key"), Some(API_KEY));
    assert_eq!(requests[1].header("dd-application-key"), Some(APP_KEY));

    // A 307 keeps the method and the body.
    let response = post(&client).await.unwrap();
    assert_eq!(response.status(), 200);
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert_eq!(requests[3].method, "POST");
    assert_eq!(requests[3].target, "/api/v2/things/created-here");
    assert_eq!(requests[3].body, BODY.as_bytes());
    assert_eq!(requests[3].header("dd-api-key"), Some(API_KEY));
}

#[tokio::test]
async fn a_303_after_a_post_is_followed_as_a_get_without_the_body() {
    let server = RawServer::start(|request| match request.target.as_str() {
        "/api/v2/things" => Reply::redirect(303, "/api/v2/things/1"),
        _ => Reply::json(200, THING),
    })
    .await;
    let client = ApiClient::new(configuration(&server.base_url()));
    let response = post(&client).await.unwrap();
    assert_eq!(response.status(), 200);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].method, "GET");
    assert!(requests[1].body.is_empty());
    assert_eq!(requests[1].header("content-type"), None);
}

#[tokio::test]
async fn a_redirect_to_another_port_is_not_followed_and_sends_nothing_there() {
    let elsewhere = start_recording_server().await;
    let target = format!("{}/api/v2/things/stolen", elsewhere.base_url());
    let redirect_target = target.clone();
    let server = RawServer::start(move |request| {
        let status = if request.method == "POST" { 307 } else { 301 };
        Reply::redirect(status, &redirect_target)
    })
    .await;
    let client = ApiClient::new(configuration(&server.base_url()));

    let response = get(&client, "/api/v2/things/1").await.unwrap();
    assert_eq!(response.status(), 301);
    let response = post(&client).await.unwrap();
    assert_eq!(response.status(), 307);

    assert_eq!(server.requests().len(), 2);
    assert!(
        elsewhere.requests().is_empty(),
        "the other origin received {:?}",
        elsewhere.requests()
    );

    // The caller gets the redirect as an error that says why it was not followed.
    let error = response.unexpected();
    assert_eq!(error.status(), Some(307));
    let message = error.to_string();
    assert!(message.contains("not followed"), "{message}");
    assert!(message.contains(&elsewhere.base_url()), "{message}");
}

#[tokio::test]
async fn a_redirect_to_another_host_name_for_the_same_port_is_not_followed() {
    // 127.0.0.1 and localhost reach the same socket, but they are different origins.
    let server = RawServer::start(|request| match request.header("host") {
        Some(host) if host.starts_with("localhost") => Reply::json(200, THING),
        _ => Reply::redirect(302, "/placeholder"),
    })
    .await;
    let localhost_url = format!("http://localhost:{}/api/v2/things/1", server.address.port());
    let redirecting = RawServer::start(move |_| Reply::redirect(302, &localhost_url)).await;
    let client = ApiClient::new(configuration(&redirecting.base_url()));
    let response = get(&client, "/api/v2/things/1").await.unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(redirecting.requests().len(), 1);
    assert!(
        server.requests().is_empty(),
        "localhost received {:?}",
        server.requests()
    );
}

#[tokio::test]
async fn a_redirect_loop_is_bounded_and_not_multiplied_by_retries() {
    let server = RawServer::start(|_| Reply::redirect(302, "/api/v2/things/loop")).await;
    let client = ApiClient::new(configuration(&server.base_url()).with_max_retries(3));
    let outcome = get(&client, "/api/v2/things/loop").await;
    // The first request and at most five redirects, in a single attempt.
    assert_eq!(server.requests().len(), 6);
    let response = outcome.unwrap();
    assert_eq!(response.status(), 302);
    let message = response.unexpected().to_string();
    assert!(message.contains("redirects"), "{message}");
}

#[tokio::test]
async fn your_own_client_cannot_follow_a_redirect_to_another_origin_with_the_keys() {
    let elsewhere = start_recording_server().await;
    let target = format!("{}/api/v2/things/stolen", elsewhere.base_url());
    let server = RawServer::start(move |_| Reply::redirect(307, &target)).await;
    let following_client = ApiClient::http_client_builder()
        .unwrap()
        .redirect(reqwest::redirect::Policy::limited(10))
        .build()
        .unwrap();
    let client = ApiClient::with_http_client(configuration(&server.base_url()), following_client);
    let _ = get(&client, "/api/v2/things/1").await;
    let _ = post(&client).await;
    assert!(
        elsewhere.requests().is_empty(),
        "the other origin received {:?}",
        elsewhere.requests()
    );
}

#[tokio::test]
async fn the_builder_client_follows_same_origin_redirects_through_the_runtime() {
    let elsewhere = start_recording_server().await;
    let target = format!("{}/api/v2/things/stolen", elsewhere.base_url());
    let server = RawServer::start(move |request| match request.target.as_str() {
        "/api/v2/things/old" => Reply::redirect(308, "/api/v2/things/new"),
        "/api/v2/things/away" => Reply::redirect(308, &target),
        _ => Reply::json(200, THING),
    })
    .await;
    let http_client = ApiClient::http_client_builder().unwrap().build().unwrap();
    let client = ApiClient::with_http_client(configuration(&server.base_url()), http_client);
    assert_eq!(
        get(&client, "/api/v2/things/old").await.unwrap().status(),
        200
    );
    assert_eq!(
        get(&client, "/api/v2/things/away").await.unwrap().status(),
        308
    );
    assert!(
        elsewhere.requests().is_empty(),
        "the other origin received {:?}",
        elsewhere.requests()
    );
}
