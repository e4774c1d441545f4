//! Response bodies against a raw loopback server: a gzip bomb and a huge body stop at the cap with bounded memory; truncated and slow bodies fail cleanly.
//!
//! A counting global allocator tracks the peak of allocated bytes, so this binary's tests take
//! one lock each and run one at a time.

#[path = "support/raw_http.rs"]
mod raw_http;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use datadog_client::client::{ApiClient, Operation, RawResponse};
use datadog_client::configuration::DEFAULT_MAX_RESPONSE_BODY_BYTES;
use datadog_client::error::ErrorKind;
use datadog_client::{Configuration, Error};
use raw_http::{RawServer, Reply};
use reqwest::Method;

/// Counts the bytes allocated through it and remembers the highest count.
struct CountingAllocator;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn record_allocation(size: usize) {
    let now = ALLOCATED.fetch_add(size, Ordering::SeqCst) + size;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

// SAFETY: every call is forwarded to the system allocator unchanged; the counters are only
// bookkeeping.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract, which `System.alloc` shares.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            record_allocation(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if !pointer.is_null() {
            record_allocation(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` was allocated by `System` with `layout`, as the caller guarantees.
        unsafe { System.dealloc(pointer, layout) };
        ALLOCATED.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`; `System.realloc` has the same contract.
        let new_pointer = unsafe { System.realloc(pointer, layout, new_size) };
        if !new_pointer.is_null() {
            // Count the new block before releasing the old one: a moving realloc holds both.
            record_allocation(new_size);
            ALLOCATED.fetch_sub(layout.size(), Ordering::SeqCst);
        }
        new_pointer
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Serialises the tests of this binary, so that each one's peak is its own.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Runs `future` and returns its output with the peak of bytes allocated above the level at the start.
async fn with_peak_memory<T>(future: impl Future<Output = T>) -> (T, usize) {
    let baseline = ALLOCATED.load(Ordering::SeqCst);
    PEAK.store(baseline, Ordering::SeqCst);
    let output = future.await;
    let peak = PEAK.load(Ordering::SeqCst).saturating_sub(baseline);
    (output, peak)
}

const MIB: usize = 1024 * 1024;

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

fn configuration(server: &RawServer) -> Configuration {
    Configuration::default()
        .with_base_url(server.base_url())
        .with_api_key("k")
        .with_app_key("a")
        .with_retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
}

async fn get(client: &ApiClient) -> Result<RawResponse, Error> {
    client
        .execute(
            &GET_THING,
            String::from("/api/v2/things/1"),
            Vec::new(),
            None,
        )
        .await
}

/// Gzip of `size` zero bytes.
fn gzip_of_zeros(size: usize) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0_u8; MIB];
    for _ in 0..size / MIB {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap()
}

#[tokio::test]
async fn a_gzip_bomb_stops_at_the_default_cap_with_bounded_memory() {
    let _one = ONE_AT_A_TIME.lock().await;
    let bomb = gzip_of_zeros(1024 * MIB);
    let compressed_size = bomb.len();
    let server = RawServer::start(move |_| Reply::Complete {
        status: 200,
        headers: vec![
            (
                String::from("content-type"),
                String::from("application/json"),
            ),
            (String::from("content-encoding"), String::from("gzip")),
        ],
        body: bomb.clone(),
    })
    .await;
    let client = ApiClient::new(configuration(&server));
    let started = Instant::now();
    let (outcome, peak) = with_peak_memory(get(&client)).await;
    let elapsed = started.elapsed();
    eprintln!(
        "gzip bomb: {compressed_size} bytes compressed, 1 GiB expanded; peak {:.1} MiB in {elapsed:?}",
        peak as f64 / MIB as f64
    );
    let error = outcome.expect_err("a 1 GiB body is refused");
    assert_eq!(
        error.kind(),
        &ErrorKind::BodyTooLarge {
            limit: DEFAULT_MAX_RESPONSE_BODY_BYTES
        },
        "{error}"
    );
    assert_eq!(error.attempts(), Some(1));
    assert!(peak < 64 * MIB, "peak {peak} bytes");
    assert_eq!(
        server.requests().len(),
        1,
        "a body over the cap is not retried"
    );
}

/// Serves 200 MiB of spaces per request, with or without a `Content-Length`.
async fn start_huge_body_server(announce_length: bool) -> RawServer {
    let chunk = Arc::new(vec![b' '; MIB]);
    RawServer::start(move |_| Reply::Repeated {
        status: 200,
        headers: vec![(
            String::from("content-type"),
            String::from("application/json"),
        )],
        chunk: chunk.clone(),
        repeat: 200,
        pause: Duration::ZERO,
        announce_length,
    })
    .await
}

#[tokio::test]
async fn a_huge_plain_body_stops_at_the_default_cap_and_the_rest_is_not_read() {
    let _one = ONE_AT_A_TIME.lock().await;
    for announce_length in [false, true] {
        let server = start_huge_body_server(announce_length).await;
        let client = ApiClient::new(configuration(&server));
        let (outcome, peak) = with_peak_memory(get(&client)).await;
        eprintln!(
            "200 MiB body, Content-Length announced: {announce_length}; peak {:.1} MiB; the server wrote {:.1} MiB",
            peak as f64 / MIB as f64,
            server.body_bytes_written() as f64 / MIB as f64
        );
        let error = outcome.expect_err("a 200 MiB body is refused");
        assert_eq!(
            error.kind(),
            &ErrorKind::BodyTooLarge {
                limit: DEFAULT_MAX_RESPONSE_BODY_BYTES
            },
            "{error}"
        );
        assert_eq!(error.status(), Some(200));
        assert_eq!(error.body_bytes(), None);
        assert!(peak < 64 * MIB, "peak {peak} bytes");
        // Reading stopped at the cap: the rest of the body was never sent (a few MiB sit in
        // socket buffers).
        assert!(
            server.body_bytes_written() < 64 * MIB,
            "{} bytes written",
            server.body_bytes_written()
        );
        assert_eq!(
            server.requests().len(),
            1,
            "a body over the cap is not retried"
        );
    }
}

#[tokio::test]
async fn the_body_limit_can_be_set_and_a_body_at_the_limit_is_accepted() {
    let _one = ONE_AT_A_TIME.lock().await;
    let limit = 3 * MIB;
    for (repeat, accepted) in [(3, true), (4, false)] {
        let chunk = Arc::new(vec![b' '; MIB]);
        let server = RawServer::start(move |_| Reply::Repeated {
            status: 200,
            headers: Vec::new(),
            chunk: chunk.clone(),
            repeat,
            pause: Duration::ZERO,
            announce_length: false,
        })
        .await;
        let client = ApiClient::new(configuration(&server).with_max_response_body_bytes(limit));
        let (outcome, peak) = with_peak_memory(get(&client)).await;
        match outcome {
            Ok(response) => {
                assert!(accepted, "{repeat} MiB was accepted");
                assert_eq!(response.body().len(), repeat * MIB);
            }
            Err(error) => {
                assert!(!accepted, "{repeat} MiB was refused: {error}");
                assert_eq!(error.kind(), &ErrorKind::BodyTooLarge { limit });
                assert_eq!(
                    error.to_string(),
                    "response body too large in GetThing: the body is larger than 3145728 bytes, \
                     the limit; raise it with Configuration::with_max_response_body_bytes"
                );
                assert!(peak < 2 * limit, "peak {peak} bytes");
            }
        }
    }
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error_not_a_short_body() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = RawServer::start(|_| Reply::Truncated {
        status: 200,
        headers: vec![(
            String::from("content-type"),
            String::from("application/json"),
        )],
        declared_length: 100,
        body: br#"{"data":"#.to_vec(),
    })
    .await;
    let client = ApiClient::new(configuration(&server).with_max_retries(1));
    let error = get(&client)
        .await
        .expect_err("a truncated body is an error");
    assert_eq!(error.kind(), &ErrorKind::Transport, "{error}");
    // A GET whose body broke off is retried like any transport failure.
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_body_slower_than_the_timeout_is_a_timeout() {
    let _one = ONE_AT_A_TIME.lock().await;
    let server = RawServer::start(|_| Reply::Repeated {
        status: 200,
        headers: vec![(
            String::from("content-type"),
            String::from("application/json"),
        )],
        chunk: Arc::new(b"          ".to_vec()),
        repeat: 50,
        pause: Duration::from_millis(100),
        announce_length: true,
    })
    .await;
    let client = ApiClient::new(configuration(&server).with_timeout(Duration::from_millis(400)));
    let started = Instant::now();
    let error = get(&client).await.expect_err("a slow body times out");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(error.kind(), &ErrorKind::Timeout, "{error}");
    assert_eq!(server.requests().len(), 1);
}
