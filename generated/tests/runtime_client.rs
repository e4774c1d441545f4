//! Drives `ApiClient::execute` against a loopback HTTP server: requests sent, retries, rate limits, timeouts, bodies and errors.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use datadog_client::apis::ErrorBody;
use datadog_client::client::{ApiClient, Operation, RawResponse, encode_path_segment, to_json};
use datadog_client::error::ErrorKind;
use datadog_client::models::APIErrorResponse;
use datadog_client::{Configuration, Error};
use reqwest::Method;
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

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

static LIST_THINGS: Operation = Operation {
    id: "ListThings",
    method: Method::GET,
    path_template: "/api/v2/things",
    security: &[&["apiKeyAuth", "appKeyAuth"], &["AuthZ"]],
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

static UPDATE_THING: Operation = Operation {
    id: "UpdateThing",
    method: Method::PATCH,
    path_template: "/api/v2/things/{thing_id}",
    security: &[&["apiKeyAuth", "appKeyAuth"]],
    servers: datadog_client::servers::SERVERS,
    accept: "application/json",
    errors: &[],
    unstable: false,
};

static REPLACE_THING: Operation = Operation {
    id: "ReplaceThing",
    method: Method::PUT,
    path_template: "/api/v2/things/{thing_id}",
    security: &[&["apiKeyAuth", "appKeyAuth"]],
    servers: datadog_client::servers::SERVERS,
    accept: "application/json",
    errors: &[],
    unstable: false,
};

static DELETE_THING: Operation = Operation {
    id: "DeleteThing",
    method: Method::DELETE,
    path_template: "/api/v2/things/{thing_id}",
    security: &[&["apiKeyAuth", "appKeyAuth"]],
    servers: datadog_client::servers::SERVERS,
    accept: "application/json",
    errors: &[],
    unstable: false,
};

static PUBLIC_THING: Operation = Operation {
    id: "GetPublicThing",
    method: Method::GET,
    path_template: "/api/v2/public",
    security: &[],
    servers: datadog_client::servers::SERVERS,
    accept: "application/json",
    errors: &[],
    unstable: false,
};

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    data: ThingData,
}

#[derive(Debug, Deserialize, PartialEq)]
struct ThingData {
    id: String,
    #[serde(rename = "type")]
    type_: String,
}

fn thing_json(id: &str) -> serde_json::Value {
    serde_json::json!({"data": {"id": id, "type": "thing", "unknown_field": [1, 2]}})
}

/// A configuration pointing at `server`, with keys and fast retries.
fn configuration(server: &MockServer) -> Configuration {
    Configuration::default()
        .with_base_url(server.uri())
        .with_api_key("test-api-key")
        .with_app_key("test-app-key")
        .with_retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn client(server: &MockServer) -> ApiClient {
    ApiClient::new(configuration(server))
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

async fn get(
    client: &ApiClient,
    operation: &'static Operation,
    path: &str,
) -> Result<RawResponse, Error> {
    client
        .execute(operation, path.to_owned(), Vec::new(), None)
        .await
}

fn setting_of(error: &Error) -> Option<&'static str> {
    match error.kind() {
        ErrorKind::Configuration { setting } => Some(setting),
        _ => None,
    }
}

#[tokio::test]
async fn get_sends_path_query_and_headers_and_decodes_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_json("1")))
        .expect(1)
        .mount(&server)
        .await;
    let query = vec![
        ("page[size]", String::from("10")),
        ("filter[name]", String::from("a b&c")),
    ];
    let response = client(&server)
        .execute(&LIST_THINGS, String::from("/api/v2/things"), query, None)
        .await
        .unwrap();
    let content = response.decode::<Thing>("Thing").unwrap();
    assert_eq!(content.status, 200);
    assert_eq!(content.body.data.id, "1");

    let sent = &requests(&server).await[0];
    assert_eq!(
        sent.url.query(),
        Some("page[size]=10&filter[name]=a%20b%26c")
    );
    assert_eq!(sent.headers["dd-api-key"], "test-api-key");
    assert_eq!(sent.headers["dd-application-key"], "test-app-key");
    assert_eq!(sent.headers["accept"], "application/json");
    assert!(sent.headers.get("authorization").is_none());
    assert!(sent.headers.get("content-type").is_none());
    assert!(sent.body.is_empty());
    let user_agent = sent.headers["user-agent"].to_str().unwrap();
    assert!(
        user_agent.starts_with("datadog-client-rust/"),
        "{user_agent}"
    );
    let accept_encoding = sent.headers["accept-encoding"].to_str().unwrap();
    assert!(accept_encoding.contains("gzip"), "{accept_encoding}");
}

#[tokio::test]
async fn post_sends_a_json_body() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"data": {"type": "thing", "attributes": {"name": "x"}}});
    Mock::given(method("POST"))
        .and(path("/api/v2/things"))
        .and(header("content-type", "application/json"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(201).set_body_json(thing_json("2")))
        .expect(1)
        .mount(&server)
        .await;
    let response = client(&server)
        .execute(
            &CREATE_THING,
            String::from("/api/v2/things"),
            Vec::new(),
            Some(to_json(&body).unwrap()),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(
        response
            .decode::<Thing>("Thing")
            .unwrap()
            .into_body()
            .data
            .id,
        "2"
    );
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_as_segments() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_json("a b/c")))
        .mount(&server)
        .await;
    let path = format!("/api/v2/things/{}", encode_path_segment("a b/c"));
    assert_eq!(path, "/api/v2/things/a%20b%2Fc");
    get(&client(&server), &GET_THING, &path).await.unwrap();
    assert_eq!(
        requests(&server).await[0].url.path(),
        "/api/v2/things/a%20b%2Fc"
    );
}

#[test]
fn encode_path_segment_leaves_only_unreserved_characters() {
    let cases = [
        ("a b/c", "a%20b%2Fc"),
        ("plain-id_1.2~3", "plain-id_1.2~3"),
        ("?#[]%&=+", "%3F%23%5B%5D%25%26%3D%2B"),
        ("é", "%C3%A9"),
        ("", ""),
    ];
    for (value, expected) in cases {
        assert_eq!(encode_path_segment(value), expected, "{value}");
    }
}

#[tokio::test]
async fn a_429_is_retried_after_the_rate_limit_reset() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-ratelimit-limit", "100")
                .insert_header("x-ratelimit-period", "60")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "1")
                .insert_header("x-ratelimit-name", "things")
                .set_body_json(serde_json::json!({"errors": ["Too many requests"]})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ratelimit-remaining", "99")
                .set_body_json(thing_json("1")),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_secs(1),
        "retried after {elapsed:?}"
    );
    assert_eq!(requests(&server).await.len(), 2);
    let content = response.decode::<Thing>("Thing").unwrap();
    assert_eq!(content.rate_limit().remaining, Some(99));
}

#[tokio::test]
async fn a_429_asking_for_more_than_the_cap_is_returned_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-ratelimit-reset", "30")
                .insert_header("x-ratelimit-name", "things")
                .set_body_json(serde_json::json!({"errors": ["Too many requests"]})),
        )
        .mount(&server)
        .await;
    let client =
        ApiClient::new(configuration(&server).with_max_rate_limit_wait(Duration::from_secs(2)));
    let started = Instant::now();
    let response = get(&client, &GET_THING, "/api/v2/things/1").await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(requests(&server).await.len(), 1);
    let error = response.error::<APIErrorResponse>();
    assert_eq!(error.status(), Some(429));
    let rate_limit = error.rate_limit().unwrap();
    assert_eq!(rate_limit.reset, Some(30));
    assert_eq!(rate_limit.name.as_deref(), Some("things"));
}

#[tokio::test]
async fn a_429_is_retried_at_most_max_retries_times() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("x-ratelimit-reset", "0"))
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server).with_max_retries(2));
    let response = client
        .execute(
            &CREATE_THING,
            String::from("/api/v2/things"),
            Vec::new(),
            Some(b"{}".to_vec()),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    // A 429 was not processed, so even a POST is sent again: once plus two retries.
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn post_and_patch_answered_500_are_sent_once() {
    for (operation, path) in [
        (&CREATE_THING, "/api/v2/things"),
        (&UPDATE_THING, "/api/v2/things/1"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method(operation.method.as_str()))
            .respond_with(
                ResponseTemplate::new(500)
                    .set_body_json(serde_json::json!({"errors": ["Internal error"]})),
            )
            .mount(&server)
            .await;
        let response = client(&server)
            .execute(operation, path.to_owned(), Vec::new(), Some(b"{}".to_vec()))
            .await
            .unwrap();
        let error = response.unexpected();
        assert_eq!(error.status(), Some(500));
        assert_eq!(requests(&server).await.len(), 1, "{}", operation.id);
    }
}

#[tokio::test]
async fn idempotent_methods_answered_5xx_are_retried_until_success() {
    let cases = [
        (&GET_THING, 503),
        (&REPLACE_THING, 502),
        (&DELETE_THING, 500),
    ];
    for (operation, status) in cases {
        let server = MockServer::start().await;
        Mock::given(method(operation.method.as_str()))
            .respond_with(ResponseTemplate::new(status))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method(operation.method.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(thing_json("1")))
            .mount(&server)
            .await;
        let response = get(&client(&server), operation, "/api/v2/things/1")
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", operation.id);
        assert_eq!(requests(&server).await.len(), 2, "{}", operation.id);
    }
}

#[tokio::test]
async fn a_get_answered_503_every_time_gives_up_after_max_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server).with_max_retries(3));
    let response = get(&client, &GET_THING, "/api/v2/things/1").await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(requests(&server).await.len(), 4);

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server).with_max_retries(0));
    get(&client, &GET_THING, "/api/v2/things/1").await.unwrap();
    assert_eq!(requests(&server).await.len(), 1);
}

/// Serves raw HTTP/1.1 on loopback, closing the first `drop_first` connections without
/// answering; counts the connections accepted.
async fn start_flaky_server(drop_first: usize) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let index = counter.fetch_add(1, Ordering::SeqCst);
            if index < drop_first {
                drop(stream);
                continue;
            }
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0_u8; 4096];
                loop {
                    let Ok(read) = stream.read(&mut chunk).await else {
                        return;
                    };
                    if read == 0 {
                        return;
                    }
                    buffer.extend_from_slice(&chunk[..read]);
                    // Requests in these tests have no body, so a request ends with its headers.
                    while let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n")
                    {
                        buffer.drain(..end + 4);
                        let body = br#"{"data":{"id":"1","type":"thing"}}"#;
                        let head = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                            body.len()
                        );
                        if stream.write_all(head.as_bytes()).await.is_err()
                            || stream.write_all(body).await.is_err()
                        {
                            return;
                        }
                    }
                }
            });
        }
    });
    (format!("http://{address}"), connections)
}

fn raw_server_configuration(base_url: &str) -> Configuration {
    Configuration::default()
        .with_base_url(base_url)
        .with_api_key("k")
        .with_app_key("a")
        .with_retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

#[tokio::test]
async fn a_connection_failure_is_retried_for_get_but_not_for_post() {
    let (base_url, connections) = start_flaky_server(1).await;
    let client = ApiClient::new(raw_server_configuration(&base_url));
    let response = get(&client, &GET_THING, "/api/v2/things/1").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(connections.load(Ordering::SeqCst), 2);

    let (base_url, connections) = start_flaky_server(1).await;
    let client = ApiClient::new(raw_server_configuration(&base_url));
    let error = client
        .execute(
            &CREATE_THING,
            String::from("/api/v2/things"),
            Vec::new(),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Transport);
    assert_eq!(error.status(), None);
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // Bind then drop a listener to get a loopback port nobody listens on.
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client =
        ApiClient::new(raw_server_configuration(&format!("http://{address}")).with_max_retries(2));
    let error = get(&client, &GET_THING, "/api/v2/things/1")
        .await
        .unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Transport);
    assert!(std::error::Error::source(&error).is_some());
    assert!(
        error
            .to_string()
            .starts_with("transport error in GetThing after 3 attempts (max_retries is 2): "),
        "{error}"
    );
    assert_eq!(error.attempts(), Some(3));
}

#[tokio::test]
async fn clones_share_one_connection_pool() {
    let (base_url, connections) = start_flaky_server(0).await;
    let client = ApiClient::new(raw_server_configuration(&base_url));
    let clone = client.clone();
    get(&client, &GET_THING, "/api/v2/things/1").await.unwrap();
    get(&clone, &GET_THING, "/api/v2/things/1").await.unwrap();
    get(&client.clone(), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    assert_eq!(connections.load(Ordering::SeqCst), 1);

    // A client built separately has its own pool.
    let separate = ApiClient::new(raw_server_configuration(&base_url));
    get(&separate, &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_server_slower_than_the_timeout_gives_a_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server).with_timeout(Duration::from_millis(200)));
    let started = Instant::now();
    let error = get(&client, &GET_THING, "/api/v2/things/1")
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(error.kind(), &ErrorKind::Timeout);
    assert!(error.is_timeout());
    assert_eq!(
        error.to_string(),
        "timeout in GetThing: no response within 200 ms"
    );
    // A timeout is not retried: the caller's time budget is already spent.
    assert_eq!(requests(&server).await.len(), 1);
}

#[test]
fn the_default_timeout_is_60_seconds() {
    assert_eq!(Configuration::default().timeout(), Duration::from_secs(60));
    assert_eq!(
        Configuration::default()
            .with_timeout(Duration::from_secs(5))
            .timeout(),
        Duration::from_secs(5)
    );
}

#[tokio::test]
async fn gzip_responses_are_decompressed() {
    let server = MockServer::start().await;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(thing_json("zipped").to_string().as_bytes())
        .unwrap();
    let compressed = encoder.finish().unwrap();
    Mock::given(method("GET"))
        .and(header("accept-encoding", "gzip"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-encoding", "gzip")
                .set_body_raw(compressed, "application/json"),
        )
        .mount(&server)
        .await;
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    assert_eq!(
        response.decode::<Thing>("Thing").unwrap().body.data.id,
        "zipped"
    );
}

#[tokio::test]
async fn json_api_content_type_is_json() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(thing_json("1").to_string(), "application/vnd.api+json"),
        )
        .mount(&server)
        .await;
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    assert_eq!(
        response.decode::<Thing>("Thing").unwrap().body.data.type_,
        "thing"
    );
}

#[tokio::test]
async fn success_without_a_schema_accepts_204_empty_and_empty_object() {
    let templates = [
        ResponseTemplate::new(204),
        ResponseTemplate::new(200),
        ResponseTemplate::new(200).set_body_raw("{}", "application/json"),
    ];
    for template in templates {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .respond_with(template)
            .mount(&server)
            .await;
        let response = get(&client(&server), &DELETE_THING, "/api/v2/things/1")
            .await
            .unwrap();
        let status = response.status();
        let content = response.empty().unwrap();
        assert_eq!(content.status, status);
    }
}

#[tokio::test]
async fn a_body_that_does_not_decode_names_the_type_and_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"data": {"id": 5, "type": "thing"}})),
        )
        .mount(&server)
        .await;
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    let error = response.decode::<Thing>("Thing").unwrap_err();
    assert_eq!(
        error.kind(),
        &ErrorKind::Decode {
            type_name: "Thing",
            path: String::from("data.id")
        }
    );
    assert_eq!(error.status(), Some(200));
    assert!(error.body_text().unwrap().contains("\"id\":5"));
    let message = error.to_string();
    assert!(
        message.starts_with("failed to decode Thing at `data.id` in GetThing: invalid type"),
        "{message}"
    );

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{\"data\": ", "application/json"))
        .mount(&server)
        .await;
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    let error = response.decode::<Thing>("Thing").unwrap_err();
    assert!(
        matches!(
            error.kind(),
            ErrorKind::Decode {
                type_name: "Thing",
                ..
            }
        ),
        "{error}"
    );

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    assert!(matches!(
        response.decode::<Thing>("Thing").unwrap_err().kind(),
        ErrorKind::Decode { .. }
    ));
}

#[tokio::test]
async fn a_documented_error_status_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-ratelimit-remaining", "41")
                .insert_header("x-request-id", "abc")
                .set_body_json(serde_json::json!({"errors": ["Thing not found"]})),
        )
        .mount(&server)
        .await;
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    let error = response.error::<APIErrorResponse>();
    assert_eq!(error.kind(), &ErrorKind::Status);
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.operation_id(), Some("GetThing"));
    assert_eq!(
        error.to_string(),
        "HTTP 404 Not Found from GetThing: Thing not found"
    );
    assert_eq!(error.message(), Some("Thing not found"));
    assert_eq!(error.headers().unwrap()["x-request-id"], "abc");
    assert_eq!(error.rate_limit().unwrap().remaining, Some(41));
    assert_eq!(error.body_text(), Some(r#"{"errors":["Thing not found"]}"#));
    assert_eq!(error.body_bytes().map(<[u8]>::len), Some(30));
    assert_eq!(
        error.body(),
        Some(&ErrorBody::from(APIErrorResponse::new(vec![String::from(
            "Thing not found"
        )])))
    );
}

#[tokio::test]
async fn an_error_body_that_does_not_match_its_schema_keeps_the_raw_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"errors":[{"status":"400","title":"Bad Request","detail":"name is required"}]}"#,
            "application/vnd.api+json",
        ))
        .mount(&server)
        .await;
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    let error = response.error::<APIErrorResponse>();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.body(), None);
    assert!(error.body_text().unwrap().contains("name is required"));
    assert_eq!(
        error.to_string(),
        "HTTP 400 Bad Request from GetThing: name is required"
    );
}

#[tokio::test]
async fn an_undocumented_status_is_an_error_without_a_typed_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(418).set_body_raw("I'm a teapot", "text/plain"))
        .mount(&server)
        .await;
    let response = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap();
    let error = response.unexpected();
    assert_eq!(error.status(), Some(418));
    assert_eq!(error.body(), None);
    assert_eq!(error.body_text(), Some("I'm a teapot"));
    // A body that is not JSON is not quoted: it may be anything.
    assert_eq!(error.to_string(), "HTTP 418 I'm a teapot from GetThing");
}

#[tokio::test]
async fn missing_keys_are_reported_before_anything_is_sent() {
    let server = MockServer::start().await;
    let cases = [
        (
            Configuration::default().with_app_key("a"),
            "api_key",
            "DD_API_KEY",
        ),
        (
            Configuration::default().with_api_key("k"),
            "app_key",
            "DD_APP_KEY",
        ),
        (
            Configuration::default().with_api_key("").with_app_key("a"),
            "api_key",
            "DD_API_KEY",
        ),
    ];
    for (configuration, setting, env_var) in cases {
        let client = ApiClient::new(configuration.with_base_url(server.uri()));
        let error = get(&client, &GET_THING, "/api/v2/things/1")
            .await
            .unwrap_err();
        assert_eq!(setting_of(&error), Some(setting), "{error}");
        assert!(error.to_string().contains(env_var), "{error}");
    }
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn an_operation_allowing_authz_uses_the_access_token_when_keys_are_missing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_json("1")))
        .mount(&server)
        .await;
    let client = ApiClient::new(
        Configuration::default()
            .with_base_url(server.uri())
            .with_access_token("oauth-token"),
    );
    get(&client, &LIST_THINGS, "/api/v2/things").await.unwrap();
    let sent = &requests(&server).await[0];
    assert_eq!(sent.headers["authorization"], "Bearer oauth-token");
    assert!(sent.headers.get("dd-api-key").is_none());
    assert!(sent.headers.get("dd-application-key").is_none());

    // An operation that only allows keys does not fall back to the token.
    let error = get(&client, &GET_THING, "/api/v2/things/1")
        .await
        .unwrap_err();
    assert_eq!(setting_of(&error), Some("api_key"));

    // With both, the keys (the first alternative) are used, and no empty header is sent.
    let client = ApiClient::new(configuration(&server).with_access_token("oauth-token"));
    get(&client, &LIST_THINGS, "/api/v2/things").await.unwrap();
    let sent = &requests(&server).await[1];
    assert_eq!(sent.headers["dd-api-key"], "test-api-key");
    assert!(sent.headers.get("authorization").is_none());
}

#[tokio::test]
async fn an_operation_without_security_sends_no_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server));
    get(&client, &PUBLIC_THING, "/api/v2/public").await.unwrap();
    let sent = &requests(&server).await[0];
    assert!(sent.headers.get("dd-api-key").is_none());
    assert!(sent.headers.get("dd-application-key").is_none());
}

#[tokio::test]
async fn each_bad_setting_is_an_error_naming_it_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let base = || configuration(&server);
    let cases = [
        (base().with_api_key("line\nbreak"), "api_key"),
        (base().with_app_key("tab\tand\u{7f}"), "app_key"),
        (base().with_app_key("clé"), "app_key"),
        (
            Configuration::default()
                .with_base_url(server.uri())
                .with_access_token("bad\r\ntoken"),
            "access_token",
        ),
        (base().with_base_url("not a url"), "base_url"),
        (base().with_base_url("ftp://example.com"), "base_url"),
        (
            base().with_base_url("http://127.0.0.1:1/?query=1"),
            "base_url",
        ),
        (
            Configuration::default()
                .with_api_key("k")
                .with_app_key("a")
                .with_site("datadoghq.invalid"),
            "site",
        ),
        (base().with_proxy("http://[::1"), "proxy"),
        (base().with_user_agent("agent\n"), "user_agent"),
    ];
    for (configuration, setting) in cases {
        let client = ApiClient::new(configuration);
        let operation = if setting == "access_token" {
            &LIST_THINGS
        } else {
            &GET_THING
        };
        let Err(error) = get(&client, operation, "/api/v2/things/1").await else {
            panic!("a request was sent despite the bad {setting}");
        };
        assert_eq!(setting_of(&error), Some(setting), "{error}");
        assert!(error.is_configuration());
        assert_eq!(error.status(), None);
        assert!(
            error
                .to_string()
                .starts_with(&format!("configuration error in `{setting}`: ")),
            "{error}"
        );
        // The message never repeats the secret it rejects.
        for secret in ["line\nbreak", "tab\tand", "bad\r\ntoken", "clé"] {
            assert!(!error.to_string().contains(secret), "{error}");
        }
    }
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn a_custom_user_agent_replaces_the_default() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server).with_user_agent("my-service/2.0"));
    get(&client, &GET_THING, "/api/v2/things/1").await.unwrap();
    assert_eq!(
        requests(&server).await[0].headers["user-agent"],
        "my-service/2.0"
    );
}

#[test]
fn the_default_user_agent_names_the_crate_rust_os_and_architecture() {
    let user_agent = Configuration::default().user_agent();
    let expected_prefix = format!("datadog-client-rust/{} (rust 1.", env!("CARGO_PKG_VERSION"));
    let expected_suffix = format!(
        "; os {}; arch {})",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    assert!(user_agent.starts_with(&expected_prefix), "{user_agent}");
    assert!(user_agent.ends_with(&expected_suffix), "{user_agent}");
}

#[tokio::test]
async fn your_own_reqwest_client_can_be_used() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_json("1")))
        .mount(&server)
        .await;
    let http_client = ApiClient::http_client_builder()
        .unwrap()
        .pool_max_idle_per_host(1)
        .build()
        .unwrap();
    let client = ApiClient::with_http_client(configuration(&server), http_client);
    get(&client, &GET_THING, "/api/v2/things/1").await.unwrap();
    let sent = &requests(&server).await[0];
    assert_eq!(sent.headers["dd-api-key"], "test-api-key");
    assert!(
        sent.headers["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("datadog-client-rust/")
    );
}

#[test]
fn the_client_and_its_error_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<ApiClient>();
    assert_send_sync::<Error>();
    assert_send_sync::<RawResponse>();
    assert_send_sync::<Configuration>();
}

#[tokio::test]
async fn debug_output_never_shows_keys_tokens_or_proxy_passwords() {
    let configuration = Configuration::default()
        .with_api_key("secret-api-key-value")
        .with_app_key("secret-app-key-value")
        .with_access_token("secret-access-token-value")
        .with_proxy("http://user:secret-proxy-password@127.0.0.1:3128");
    let client = ApiClient::new(configuration.clone());
    for text in [
        format!("{configuration:?}"),
        format!("{configuration:#?}"),
        format!("{client:?}"),
    ] {
        for secret in [
            "secret-api-key-value",
            "secret-app-key-value",
            "secret-access-token-value",
            "secret-proxy-password",
        ] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains("<redacted>"), "{text}");
    }
}

#[tokio::test]
async fn rate_limit_is_none_when_the_response_had_no_rate_limit_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(serde_json::json!({"errors": ["Thing not found"]})),
        )
        .mount(&server)
        .await;
    let error = get(&client(&server), &GET_THING, "/api/v2/things/1")
        .await
        .unwrap()
        .unexpected();
    assert_eq!(error.status(), Some(404));
    assert_eq!(error.rate_limit(), None);
}

#[tokio::test]
async fn a_missing_credential_error_lists_every_alternative_that_would_satisfy_the_operation() {
    let server = MockServer::start().await;
    let client = ApiClient::new(Configuration::default().with_base_url(server.uri()));
    let error = get(&client, &LIST_THINGS, "/api/v2/things")
        .await
        .unwrap_err();
    assert_eq!(setting_of(&error), Some("api_key"), "{error}");
    assert_eq!(
        error.to_string(),
        "configuration error in `api_key`: ListThings needs credentials that are not set: \
         set DD_API_KEY and DD_APP_KEY (Configuration::with_api_key, with_app_key), \
         or an access token (Configuration::with_access_token)"
    );

    // Only what is missing is listed.
    let client = ApiClient::new(
        Configuration::default()
            .with_base_url(server.uri())
            .with_api_key("k"),
    );
    let error = get(&client, &LIST_THINGS, "/api/v2/things")
        .await
        .unwrap_err();
    assert_eq!(setting_of(&error), Some("app_key"), "{error}");
    assert_eq!(
        error.to_string(),
        "configuration error in `app_key`: ListThings needs credentials that are not set: \
         set DD_APP_KEY (Configuration::with_app_key), or an access token (Configuration::with_access_token)"
    );
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn a_status_error_says_how_many_attempts_were_made_and_why_retries_stopped() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(503).set_body_json(serde_json::json!({"errors": ["Try later"]})),
        )
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server).with_max_retries(3));
    let error = get(&client, &GET_THING, "/api/v2/things/1")
        .await
        .unwrap()
        .unexpected();
    assert_eq!(
        error.to_string(),
        "HTTP 503 Service Unavailable from GetThing after 4 attempts (max_retries is 3): Try later"
    );

    let error = client
        .execute(
            &CREATE_THING,
            String::from("/api/v2/things"),
            Vec::new(),
            Some(b"{}".to_vec()),
        )
        .await
        .unwrap()
        .unexpected();
    assert_eq!(
        error.to_string(),
        "HTTP 503 Service Unavailable from CreateThing after 1 attempt \
         (not retried: a POST may already have taken effect): Try later"
    );
}

#[tokio::test]
async fn a_429_not_retried_says_that_the_reset_exceeded_max_rate_limit_wait() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-ratelimit-reset", "30")
                .set_body_json(serde_json::json!({"errors": ["Too many requests"]})),
        )
        .mount(&server)
        .await;
    let client =
        ApiClient::new(configuration(&server).with_max_rate_limit_wait(Duration::from_secs(2)));
    let error = get(&client, &GET_THING, "/api/v2/things/1")
        .await
        .unwrap()
        .error::<APIErrorResponse>();
    assert_eq!(
        error.to_string(),
        "HTTP 429 Too Many Requests from GetThing after 1 attempt \
         (not retried: the rate limit resets in 30 s, longer than max_rate_limit_wait of 2 s): Too many requests"
    );
}

#[tokio::test]
async fn a_timeout_too_long_for_the_clock_means_no_deadline_and_does_not_panic() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_json("1")))
        .mount(&server)
        .await;
    let client = ApiClient::new(configuration(&server).with_timeout(Duration::MAX));
    let response = get(&client, &GET_THING, "/api/v2/things/1").await.unwrap();
    assert_eq!(response.status(), 200);
}
