//! A 1 GiB streaming download and a 1 GiB streaming upload through a server on 127.0.0.1 keep
//! memory bounded: the process's peak resident size grows by less than 64 MiB for each. A test
//! binary of its own with one test, so that nothing else runs in the process while it measures.

mod support;

use fixture_streams::{Client, Config, Credentials};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const GIB: u64 = 1 << 30;
const CHUNK: usize = 64 * 1024;

/// The process's peak resident set size (`VmHWM`), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_else(|err| panic!("/proc/self/status: {err}"));
    let line = status.lines().find(|line| line.starts_with("VmHWM:")).unwrap_or_else(|| panic!("no VmHWM"));
    let kib: u64 =
        line.split_whitespace().nth(1).and_then(|value| value.parse().ok()).unwrap_or_else(|| panic!("VmHWM: {line}"));
    kib * 1024
}

/// What the upload sends, chunk after chunk, without allocating.
static ZEROS: [u8; CHUNK] = [0; CHUNK];

#[tokio::test]
async fn one_gib_each_way_in_bounded_memory() {
    upload().await;
    download().await;
}

async fn download() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|err| panic!("bind: {err}"));
    let url = format!("http://{}", listener.local_addr().unwrap_or_else(|err| panic!("{err}")));
    tokio::spawn(async move {
        let Ok((mut socket, _)) = listener.accept().await else { return };
        if support::read_request(&mut socket).await.is_none() {
            return;
        }
        let head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {GIB}\r\n\r\n");
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![7u8; CHUNK];
        for _ in 0..GIB / CHUNK as u64 {
            if socket.write_all(&chunk).await.is_err() {
                return;
            }
        }
    });
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .endpoint_url(&url)
        .build();
    let client = Client::from_conf(config);
    let before = peak_rss();
    let mut output = client.download().name("big").send().await.unwrap_or_else(|err| panic!("{err}"));
    let mut total = 0u64;
    while let Some(chunk) = output.body.next().await {
        let chunk = chunk.unwrap_or_else(|err| panic!("after {total} bytes: {err}"));
        assert!(chunk.iter().all(|byte| *byte == 7));
        total += chunk.len() as u64;
    }
    let growth = peak_rss().saturating_sub(before);
    assert_eq!(total, GIB);
    assert!(growth < 64 << 20, "the peak resident size grew by {} MiB", growth >> 20);
    eprintln!("1 GiB read; peak resident size grew by {} KiB", growth >> 10);
}

async fn upload() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|err| panic!("bind: {err}"));
    let url = format!("http://{}", listener.local_addr().unwrap_or_else(|err| panic!("{err}")));
    // Reads the head, then counts the body's bytes without keeping them.
    let server = tokio::spawn(async move {
        let Ok((mut socket, _)) = listener.accept().await else { return 0 };
        let mut buffer = vec![0u8; CHUNK];
        let mut head = Vec::new();
        let body_start = loop {
            let Ok(read) = socket.read(&mut buffer).await else { return 0 };
            if read == 0 {
                return 0;
            }
            head.extend_from_slice(&buffer[..read]);
            if let Some(end) = head.windows(4).position(|window| window == b"\r\n\r\n") {
                break end + 4;
            }
        };
        let mut total = (head.len() - body_start) as u64;
        while total < GIB {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => total += read as u64,
            }
        }
        let reply = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        let _ = socket.write_all(reply).await;
        total
    });
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .endpoint_url(&url)
        .build();
    let client = Client::from_conf(config);
    let chunks = (0..GIB / CHUNK as u64).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from_static(&ZEROS)));
    let body =
        fixture_streams::primitives::ByteStream::from_stream(support::events::Iter(chunks)).with_content_length(GIB);
    let before = peak_rss();
    client.upload().name("big").body(body).send().await.unwrap_or_else(|err| panic!("{err}"));
    let growth = peak_rss().saturating_sub(before);
    let received = server.await.unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(received, GIB);
    assert!(growth < 64 << 20, "the peak resident size grew by {} MiB", growth >> 20);
    eprintln!("1 GiB sent; peak resident size grew by {} KiB", growth >> 10);
}
