//! A server on 127.0.0.1 that answers with raw bytes, for the faults a real server or proxy
//! can produce: a connection reset mid-body, a body that does not match its `Content-Length`,
//! a response that never ends. Connections are kept open between requests unless an answer
//! ends them, and the server counts connections and requests.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

/// What the server does once an answer's bytes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Waits for the next request on the same connection.
    KeepOpen,
    /// Closes the connection cleanly.
    Close,
    /// Resets the connection (TCP RST).
    Reset,
    /// Neither writes nor closes again.
    Hang,
}

/// One answer: bytes written as they are, then what happens to the connection.
#[derive(Debug, Clone)]
pub struct Answer {
    pub bytes: Vec<u8>,
    pub then: Then,
}

impl Answer {
    /// A well-formed response with a `Content-Length`, on a connection kept open.
    pub fn http(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Self {
        let mut bytes = format!("HTTP/1.1 {status} Raw\r\ncontent-length: {}\r\n", body.len()).into_bytes();
        for (name, value) in headers {
            bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(body);
        Self { bytes, then: Then::KeepOpen }
    }

    /// Exactly these bytes, then `then`.
    pub fn raw(bytes: impl Into<Vec<u8>>, then: Then) -> Self {
        Self { bytes: bytes.into(), then }
    }

    pub fn then(mut self, then: Then) -> Self {
        self.then = then;
        self
    }
}

/// Answers the `n`th request with `answers[n]` (the last one repeats) and stops when dropped.
pub struct RawServer {
    pub url: String,
    counts: Arc<Counts>,
    task: tokio::task::JoinHandle<()>,
}

#[derive(Default)]
struct Counts {
    connections: AtomicUsize,
    requests: AtomicUsize,
}

impl RawServer {
    pub async fn start(answers: Vec<Answer>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|err| panic!("bind: {err}"));
        let url = format!("http://{}", listener.local_addr().unwrap_or_else(|err| panic!("{err}")));
        let counts = Arc::new(Counts::default());
        let answers = Arc::new(answers);
        let shared = counts.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                shared.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(socket, answers.clone(), shared.clone()));
            }
        });
        Self { url, counts, task }
    }

    /// The connections accepted so far.
    pub fn connections(&self) -> usize {
        self.counts.connections.load(Ordering::SeqCst)
    }

    /// The requests read so far.
    pub fn requests(&self) -> usize {
        self.counts.requests.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut socket: tokio::net::TcpStream, answers: Arc<Vec<Answer>>, counts: Arc<Counts>) {
    while super::read_request(&mut socket).await.is_some() {
        let index = counts.requests.fetch_add(1, Ordering::SeqCst);
        let Some(answer) = answers.get(index).or(answers.last()) else { return };
        if socket.write_all(&answer.bytes).await.is_err() {
            return;
        }
        match answer.then {
            Then::KeepOpen => {}
            Then::Close => {
                let _ = socket.shutdown().await;
                return;
            }
            Then::Reset => {
                // Zero linger: closing sends RST instead of FIN.
                let _ = socket.set_zero_linger();
                return;
            }
            Then::Hang => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                return;
            }
        }
    }
}
