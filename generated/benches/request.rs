//! Request overhead: one `get_action_connection` round trip through the client against a loopback
//! server, beside the same request made with bare reqwest, in the same run.
//!
//! Both sides share one `reqwest::Client` (so one keep-alive pool), one tokio runtime and one server,
//! send the same headers (user agent, `Accept`, both Datadog keys), and decode the same body into
//! `GetActionConnectionResponse`; the difference is what the client adds: URL building, credentials,
//! the retry loop, the timeout, status dispatch and error mapping.
//!
//! Run with `cargo bench -p datadog-client --bench request`. Divan prints a table; then a line gives
//! the paired per-request medians and the overhead, whose budget is at most 10%.

#[path = "support/timing.rs"]
// This benchmark makes one comparison per case; the repeated runs of `compare_runs` are unused here.
#[allow(dead_code)]
mod timing;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::LazyLock;

use datadog_client::Configuration;
use datadog_client::apis::ActionConnectionApi;
use datadog_client::client::ApiClient;
use datadog_client::models::GetActionConnectionResponse;
use divan::black_box;
use reqwest::header::{ACCEPT, USER_AGENT};
use timing::{RunMode, compare, format_duration};

/// The body every request gets: the recorded AWS connection.
const RESPONSE_BODY: &str = include_str!("payloads/get_action_connection_aws.json");

/// The id in the request path, the one in the recorded body.
const CONNECTION_ID: &str = "cb460d51-3c88-4e87-adac-d47131d0423d";

const API_KEY: &str = "bench-api-key-0123456789abcdef";
const APP_KEY: &str = "bench-application-key-0123456789abcdef";

/// The budget: the client adds at most 10% to a bare reqwest round trip.
const OVERHEAD_BUDGET_PERCENT: f64 = 10.0;

/// One server, one runtime, and the two ways of sending the request, built once for every benchmark.
struct Fixture {
    runtime: tokio::runtime::Runtime,
    api: ActionConnectionApi,
    http_client: reqwest::Client,
    url: String,
    user_agent: String,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let base_url = start_server();
    let http_client = ApiClient::http_client_builder()
        .expect("the TLS setup works")
        .build()
        .expect("the HTTP client builds");
    let configuration = Configuration::new()
        .with_base_url(base_url.clone())
        .with_api_key(API_KEY)
        .with_app_key(APP_KEY);
    let user_agent = configuration.user_agent();
    let api = ActionConnectionApi::with_client_and_config(configuration, http_client.clone());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the runtime starts");
    Fixture {
        runtime,
        api,
        http_client,
        url: format!("{base_url}/api/v2/actions/connections/{CONNECTION_ID}"),
        user_agent,
    }
});

impl Fixture {
    fn through_client(&self) -> GetActionConnectionResponse {
        self.runtime
            .block_on(self.api.get_action_connection(CONNECTION_ID.to_string()))
            .expect("the client request succeeds")
    }

    fn through_bare_reqwest(&self) -> GetActionConnectionResponse {
        self.runtime.block_on(async {
            let response = self
                .http_client
                .get(&self.url)
                .header(USER_AGENT, &self.user_agent)
                .header(ACCEPT, "application/json")
                .header("DD-API-KEY", API_KEY)
                .header("DD-APPLICATION-KEY", APP_KEY)
                .send()
                .await
                .expect("the bare request succeeds");
            assert!(response.status().is_success());
            let body = response.bytes().await.expect("the body arrives");
            serde_json::from_slice(&body).expect("the body decodes")
        })
    }
}

/// Starts a keep-alive HTTP/1.1 server on loopback, one thread per connection, that answers every
/// request with `RESPONSE_BODY`, and returns its base URL.
fn start_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("loopback binds");
    let address = listener.local_addr().expect("the listener has an address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve_connection(stream));
        }
    });
    format!("http://{address}")
}

/// Answers each request on one connection until the client closes it. Requests have no body, so a
/// request ends at its blank line.
fn serve_connection(mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{RESPONSE_BODY}",
        RESPONSE_BODY.len()
    );
    let mut pending = Vec::with_capacity(4096);
    let mut buffer = [0_u8; 4096];
    loop {
        while let Some(end) = pending.windows(4).position(|window| window == b"\r\n\r\n") {
            pending.drain(..end + 4);
            if stream.write_all(response.as_bytes()).is_err() {
                return;
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(read) => pending.extend_from_slice(&buffer[..read]),
        }
    }
}

fn main() {
    let mode = RunMode::from_arguments();
    let fixture = &*FIXTURE;
    assert_eq!(
        fixture.through_client(),
        fixture.through_bare_reqwest(),
        "both sides decode the same response"
    );
    divan::main();
    report_overhead(mode);
}

#[divan::bench]
fn get_action_connection_through_client() -> GetActionConnectionResponse {
    FIXTURE.through_client()
}

#[divan::bench]
fn get_action_connection_through_bare_reqwest() -> GetActionConnectionResponse {
    FIXTURE.through_bare_reqwest()
}

/// Times the client against bare reqwest in alternation and prints the overhead.
fn report_overhead(mode: RunMode) {
    let fixture = &*FIXTURE;
    let comparison = compare(
        mode,
        || drop(black_box(fixture.through_client())),
        || drop(black_box(fixture.through_bare_reqwest())),
    );
    let overhead = (comparison.ratio - 1.0) * 100.0;
    let verdict = if overhead <= OVERHEAD_BUDGET_PERCENT {
        "holds"
    } else {
        "MISSED"
    };
    println!();
    println!(
        "request GetActionConnection on loopback: client {}, bare reqwest {}, ratio {:.3}, overhead {overhead:+.1}% (budget <= {OVERHEAD_BUDGET_PERCENT:.0}%: {verdict}){}",
        format_duration(comparison.measured),
        format_duration(comparison.baseline),
        comparison.ratio,
        mode.note(),
    );
}
