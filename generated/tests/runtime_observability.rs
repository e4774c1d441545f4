//! The `tracing` spans and events of a call, seen through a capturing subscriber, and an interceptor in use: what they carry, and that no key ever reaches them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use datadog_client::Configuration;
use datadog_client::apis::ActionConnectionApi;
use datadog_client::interceptor::{AttemptRequest, AttemptResponse, HookFuture, Interceptor};
use reqwest::header::HeaderValue;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "api-key-that-must-not-be-traced";
const APP_KEY: &str = "app-key-that-must-not-be-traced";
const CONNECTION_ID: &str = "11111111-2222-3333-4444-555555555555";

/// A span or an event as the capturing layer saw it: its name and every field recorded on it.
#[derive(Clone, Debug, Default)]
struct Captured {
    name: String,
    fields: BTreeMap<String, String>,
}

/// Everything the layer saw, in order.
#[derive(Clone, Default)]
struct Capture {
    spans: Arc<Mutex<BTreeMap<u64, Captured>>>,
    span_order: Arc<Mutex<Vec<u64>>>,
    events: Arc<Mutex<Vec<Captured>>>,
}

impl Capture {
    fn spans_named(&self, name: &str) -> Vec<Captured> {
        let spans = self.spans.lock().unwrap();
        self.span_order
            .lock()
            .unwrap()
            .iter()
            .filter_map(|id| spans.get(id))
            .filter(|span| span.name == name)
            .cloned()
            .collect()
    }

    fn everything_as_text(&self) -> String {
        format!(
            "{:?} {:?}",
            self.spans.lock().unwrap(),
            self.events.lock().unwrap()
        )
    }
}

struct FieldVisitor<'a>(&'a mut BTreeMap<String, String>);

impl Visit for FieldVisitor<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .insert(field.name().to_string(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_string(), value.to_string());
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, _context: Context<'_, S>) {
        let mut captured = Captured {
            name: attributes.metadata().name().to_string(),
            ..Captured::default()
        };
        attributes.record(&mut FieldVisitor(&mut captured.fields));
        self.spans.lock().unwrap().insert(id.into_u64(), captured);
        self.span_order.lock().unwrap().push(id.into_u64());
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _context: Context<'_, S>) {
        if let Some(captured) = self.spans.lock().unwrap().get_mut(&id.into_u64()) {
            values.record(&mut FieldVisitor(&mut captured.fields));
        }
    }

    fn on_event(&self, event: &Event<'_>, _context: Context<'_, S>) {
        let mut captured = Captured {
            name: event.metadata().name().to_string(),
            ..Captured::default()
        };
        event.record(&mut FieldVisitor(&mut captured.fields));
        self.events.lock().unwrap().push(captured);
    }
}

fn configuration(server: &MockServer) -> Configuration {
    Configuration::new()
        .with_base_url(server.uri())
        .with_api_key(API_KEY)
        .with_app_key(APP_KEY)
        .with_retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn connection_body() -> serde_json::Value {
    serde_json::json!({
        "data": {
            "id": CONNECTION_ID,
            "type": "action_connection",
            "attributes": {
                "name": "example",
                "integration": {
                    "type": "VirusTotal",
                    "credentials": {"type": "VirusTotalAPIKey", "api_key": "secret-in-a-body"}
                }
            }
        }
    })
}

/// A server whose connection route answers `first` once, then the connection every time after.
async fn server_failing_once_then_answering(first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    let route = format!("/api/v2/actions/connections/{CONNECTION_ID}");
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .respond_with(first)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(connection_body()))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_retried_call_is_one_call_span_with_an_attempt_span_per_attempt_and_a_retry_event() {
    let server = server_failing_once_then_answering(ResponseTemplate::new(503)).await;
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let api = ActionConnectionApi::with_config(configuration(&server));
    let response = api.get_action_connection(CONNECTION_ID).await;
    assert!(response.is_ok(), "{response:?}");

    let calls = capture.spans_named("http_client_call");
    assert_eq!(calls.len(), 1, "{calls:?}");
    let call = &calls[0].fields;
    assert_eq!(call["operation.id"], "GetActionConnection");
    assert_eq!(call["http.request.method"], "GET");
    assert_eq!(
        call["url.template"],
        "/api/v2/actions/connections/{connection_id}"
    );
    assert_eq!(call["server.address"], "127.0.0.1");
    assert_eq!(call["http.response.status_code"], "200");
    assert_eq!(
        call["otel.name"],
        "GET /api/v2/actions/connections/{connection_id}"
    );

    let attempts = capture.spans_named("http_client_attempt");
    assert_eq!(attempts.len(), 2, "{attempts:?}");
    assert_eq!(attempts[0].fields["http.request.resend_count"], "0");
    assert_eq!(attempts[0].fields["http.response.status_code"], "503");
    assert_eq!(attempts[0].fields["error.type"], "503");
    assert_eq!(attempts[1].fields["http.request.resend_count"], "1");
    assert_eq!(attempts[1].fields["http.response.status_code"], "200");
    assert!(!attempts[1].fields.contains_key("error.type"));

    let events = capture.events.lock().unwrap().clone();
    let retry = events
        .iter()
        .find(|event| event.fields.contains_key("wait_ms"))
        .unwrap_or_else(|| panic!("a retry event, among {events:?}"));
    assert!(
        retry.fields.values().any(|value| value.contains("503")),
        "the retry event gives its reason: {retry:?}"
    );

    let everything = capture.everything_as_text();
    for secret in [API_KEY, APP_KEY, "secret-in-a-body"] {
        assert!(
            !everything.contains(secret),
            "{secret} reached the traces: {everything}"
        );
    }
}

#[tokio::test]
async fn a_failed_call_records_its_error_type_on_the_call_span() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(serde_json::json!({
            "errors": [{"detail": "no such connection"}]
        })))
        .mount(&server)
        .await;
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));

    let api = ActionConnectionApi::with_config(configuration(&server));
    let error = api.get_action_connection(CONNECTION_ID).await.unwrap_err();
    assert_eq!(error.status(), Some(404));

    let calls = capture.spans_named("http_client_call");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].fields["error.type"], "404");
    assert_eq!(calls[0].fields["http.response.status_code"], "404");
    assert_eq!(capture.spans_named("http_client_attempt").len(), 1);
}

/// Adds a header, replaces the application key (as a token refresh would) and counts responses.
#[derive(Default)]
struct Hook {
    attempts_seen: AtomicU32,
    statuses: Mutex<Vec<u16>>,
}

impl Interceptor for Hook {
    fn before_attempt<'a>(&'a self, request: &'a mut AttemptRequest<'_>) -> HookFuture<'a> {
        Box::pin(async move {
            self.attempts_seen.fetch_add(1, Ordering::SeqCst);
            request.headers.insert(
                "x-request-source",
                HeaderValue::from_static("billing-service"),
            );
            let fresh = format!("refreshed-{}", request.attempt);
            request
                .headers
                .insert("dd-application-key", HeaderValue::from_str(&fresh)?);
            Ok(())
        })
    }

    fn after_attempt(&self, response: &AttemptResponse<'_>) {
        self.statuses.lock().unwrap().push(response.status);
    }
}

/// Forwards to a shared hook, so that the test keeps a handle on it.
struct SharedHook(Arc<Hook>);

impl Interceptor for SharedHook {
    fn before_attempt<'a>(&'a self, request: &'a mut AttemptRequest<'_>) -> HookFuture<'a> {
        self.0.before_attempt(request)
    }

    fn after_attempt(&self, response: &AttemptResponse<'_>) {
        self.0.after_attempt(response);
    }
}

#[tokio::test]
async fn an_interceptor_changes_every_attempt_and_sees_every_response() {
    let server = MockServer::start().await;
    let route = format!("/api/v2/actions/connections/{CONNECTION_ID}");
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .and(header("dd-application-key", "refreshed-1"))
        .and(header("x-request-source", "billing-service"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(route.as_str()))
        .and(header("dd-application-key", "refreshed-2"))
        .and(header("x-request-source", "billing-service"))
        .and(header("dd-api-key", API_KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(connection_body()))
        .expect(1)
        .mount(&server)
        .await;
    let hook = Arc::new(Hook::default());
    let api = ActionConnectionApi::with_config(
        configuration(&server).with_interceptor(SharedHook(Arc::clone(&hook))),
    );

    let response = api.get_action_connection(CONNECTION_ID).await;
    assert!(response.is_ok(), "{response:?}");
    assert_eq!(hook.attempts_seen.load(Ordering::SeqCst), 2);
    assert_eq!(*hook.statuses.lock().unwrap(), vec![503, 200]);
}

/// Refuses every request, as a hook whose token refresh failed would.
struct Refuse;

impl Interceptor for Refuse {
    fn before_attempt<'a>(&'a self, _request: &'a mut AttemptRequest<'_>) -> HookFuture<'a> {
        Box::pin(async { Err("the token could not be refreshed".into()) })
    }
}

#[tokio::test]
async fn an_interceptor_that_fails_ends_the_call_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(connection_body()))
        .expect(0)
        .mount(&server)
        .await;
    let api = ActionConnectionApi::with_config(configuration(&server).with_interceptor(Refuse));
    let error = api.get_action_connection(CONNECTION_ID).await.unwrap_err();
    assert!(
        matches!(error.kind(), datadog_client::error::ErrorKind::Interceptor),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("token could not be refreshed"),
        "{error}"
    );
}

#[tokio::test]
async fn a_rate_limit_wait_is_an_event_with_its_length() {
    let server = server_failing_once_then_answering(
        ResponseTemplate::new(429).insert_header("x-ratelimit-reset", "1"),
    )
    .await;
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));

    let api = ActionConnectionApi::with_config(configuration(&server));
    let response = api.get_action_connection(CONNECTION_ID).await;
    assert!(response.is_ok(), "{response:?}");

    let events = capture.events.lock().unwrap().clone();
    let wait = events
        .iter()
        .find(|event| {
            event
                .fields
                .get("http.response.status_code")
                .map(String::as_str)
                == Some("429")
        })
        .unwrap_or_else(|| panic!("a rate-limit event, among {events:?}"));
    assert_eq!(wait.fields["wait_ms"], "1000", "{wait:?}");
    assert!(wait.fields["message"].contains("rate limited"), "{wait:?}");
}
