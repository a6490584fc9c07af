//! A 1 GiB streaming download through a server on 127.0.0.1 keeps memory bounded: the process's
//! peak resident size grows by less than 64 MiB. A test binary of its own, so that nothing else
//! runs in the process while it measures.

mod support;

use fixture_streams::{Client, Config, Credentials};
use tokio::io::AsyncWriteExt;
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

#[tokio::test]
async fn a_one_gib_download_is_read_in_bounded_memory() {
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
