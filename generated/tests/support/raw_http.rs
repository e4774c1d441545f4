//! A raw HTTP/1.1 server on loopback for the faults wiremock cannot produce: redirects to another port or host, truncated, slow, huge and gzip-bomb bodies.
//!
//! Each connection carries one request: the server reads it, records it, writes the reply the
//! handler chooses and closes the connection.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server received it.
#[derive(Clone, Debug)]
pub struct RawRequest {
    /// The method, for example `GET`.
    pub method: String,
    /// The request target as sent: a path and query, or an absolute URL through a proxy.
    pub target: String,
    /// The headers, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body, read by `Content-Length`.
    pub body: Vec<u8>,
}

impl RawRequest {
    /// Returns the value of the first header named `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header_name, _)| header_name == name)
            .map(|(_, value)| value.as_str())
    }
}

/// What the server writes back.
pub enum Reply {
    /// A complete response; `Content-Length` is added.
    Complete {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// A response whose body is `chunk` written `repeat` times, waiting `pause` before each
    /// write; with `announce_length` it has a `Content-Length` of the whole, otherwise the
    /// body ends when the connection closes. The server stops writing as soon as the client
    /// goes away.
    Repeated {
        status: u16,
        headers: Vec<(String, String)>,
        chunk: Arc<Vec<u8>>,
        repeat: usize,
        pause: Duration,
        announce_length: bool,
    },
    /// A response that announces `declared_length` body bytes, sends only `body`, and closes.
    Truncated {
        status: u16,
        headers: Vec<(String, String)>,
        declared_length: usize,
        body: Vec<u8>,
    },
}

impl Reply {
    /// A JSON response.
    pub fn json(status: u16, body: &str) -> Self {
        Self::Complete {
            status,
            headers: vec![(
                String::from("content-type"),
                String::from("application/json"),
            )],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A redirect with the given status to `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        Self::Complete {
            status,
            headers: vec![(String::from("location"), location.to_owned())],
            body: Vec::new(),
        }
    }
}

type Handler = dyn Fn(&RawRequest) -> Reply + Send + Sync;

/// A running raw server.
pub struct RawServer {
    /// The address it listens on.
    pub address: SocketAddr,
    requests: Arc<Mutex<Vec<RawRequest>>>,
    body_bytes_written: Arc<AtomicUsize>,
}

impl RawServer {
    /// Starts a server on `127.0.0.1` that answers every request with `handler`.
    pub async fn start(handler: impl Fn(&RawRequest) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let address = listener.local_addr().expect("a local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let body_bytes_written = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let server_requests = requests.clone();
        let server_written = body_bytes_written.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = handler.clone();
                let requests = server_requests.clone();
                let written = server_written.clone();
                tokio::spawn(async move {
                    serve_one(stream, handler, requests, written).await;
                });
            }
        });
        Self {
            address,
            requests,
            body_bytes_written,
        }
    }

    /// Returns `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Returns the requests received so far.
    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests
            .lock()
            .map(|requests| requests.clone())
            .unwrap_or_default()
    }

    /// Returns the number of body bytes written to clients so far.
    pub fn body_bytes_written(&self) -> usize {
        self.body_bytes_written.load(Ordering::SeqCst)
    }
}

async fn serve_one(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    requests: Arc<Mutex<Vec<RawRequest>>>,
    written: Arc<AtomicUsize>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let reply = handler(&request);
    if let Ok(mut requests) = requests.lock() {
        requests.push(request);
    }
    let _ = write_reply(&mut stream, reply, &written).await;
    let _ = stream.shutdown().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<RawRequest> {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 8192];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            break end;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Some(RawRequest {
        method,
        target,
        headers,
        body,
    })
}

fn head(status: u16, headers: &[(String, String)], content_length: Option<usize>) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} Status\r\nconnection: close\r\n");
    if let Some(content_length) = content_length {
        head.push_str(&format!("content-length: {content_length}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

async fn write_reply(
    stream: &mut TcpStream,
    reply: Reply,
    written: &AtomicUsize,
) -> std::io::Result<()> {
    match reply {
        Reply::Complete {
            status,
            headers,
            body,
        } => {
            stream
                .write_all(&head(status, &headers, Some(body.len())))
                .await?;
            stream.write_all(&body).await?;
            written.fetch_add(body.len(), Ordering::SeqCst);
        }
        Reply::Repeated {
            status,
            headers,
            chunk,
            repeat,
            pause,
            announce_length,
        } => {
            let length = announce_length.then(|| chunk.len() * repeat);
            stream.write_all(&head(status, &headers, length)).await?;
            for _ in 0..repeat {
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
                stream.write_all(&chunk).await?;
                written.fetch_add(chunk.len(), Ordering::SeqCst);
            }
        }
        Reply::Truncated {
            status,
            headers,
            declared_length,
            body,
        } => {
            stream
                .write_all(&head(status, &headers, Some(declared_length)))
                .await?;
            stream.write_all(&body).await?;
            written.fetch_add(body.len(), Ordering::SeqCst);
        }
    }
    stream.flush().await
}
